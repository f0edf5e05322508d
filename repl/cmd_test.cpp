// pingfen test PATH...: runs the 测试 blocks of every ruleset file given or found in the folders;
// with --coverage, what they reached; --generate writes boundary tests; --mutate tries changed rules.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>

#include "cli.hpp"
#include "pingfen/authoring.hpp"
#include "pingfen/testing.hpp"

namespace fs = std::filesystem;

namespace pingfen::cli {
namespace {

// What a folder's .pf file holds, by the real parser: a file with a test block is run; a whole
// ruleset (its title line 规则集 …) without one still counts for coverage, where an untested
// system in the folder is 0%, not left out; an imported part or a data file holds neither. A
// file that does not parse is kept, so that its syntax error is reported, never skipped.
struct FileKind {
    bool tests = false, whole_ruleset = false;
};
FileKind kind_of(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    SourceOutline outline = outline_source(p.generic_string(), std::move(text));
    if (!outline.ok()) return {true, true};
    FileKind k;
    for (const SourceItem& item : outline.items) {
        k.tests = k.tests || item.kind == SourceItem::Kind::Test;
        k.whole_ruleset = k.whole_ruleset || item.kind == SourceItem::Kind::Header;
    }
    return k;
}

}  // namespace

namespace {

struct TestOptions {
    bool coverage = false, mutate = false;
    std::optional<Decimal> min;  // --min N%: the least coverage that passes
    std::string format = "text";  // --format text|json|html (coverage)
    std::string generate;         // --generate INDICATOR|all
    std::string output;           // -o FILE
    std::vector<std::string> paths;
};

const char* kUsageZh =
    "用法：pingfen test 路径…（文件或文件夹）\n"
    "      pingfen test --coverage [--min N%] [--format text|json|html] [-o 文件] 路径…\n"
    "      pingfen test --generate 指标|all [-o 文件] 规则集.pf\n"
    "      pingfen test --mutate 路径…\n";
const char* kUsageEn =
    "usage: pingfen test PATH... (files or folders)\n"
    "       pingfen test --coverage [--min N%] [--format text|json|html] [-o FILE] PATH...\n"
    "       pingfen test --generate INDICATOR|all [-o FILE] RULESET.pf\n"
    "       pingfen test --mutate PATH...\n";

// False, with the usage error printed, when an option is wrong.
bool parse(const std::vector<std::string>& args, TestOptions& o, const Common& c) {
    auto value = [&](std::size_t& i, const std::string& name, std::string& into) {
        if (i + 1 >= args.size()) {
            usage_error(fmt::format("`{}` 后面缺少取值", name), fmt::format("`{}` needs a value", name), c);
            return false;
        }
        into = args[++i];
        return true;
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--lang") {
            ++i;
            continue;
        }
        if (a == "--lang=en" || a == "--lang=zh") continue;
        if (a == "--coverage") o.coverage = true;
        else if (a == "--mutate") o.mutate = true;
        else if (a == "--generate") {
            if (!value(i, a, o.generate)) return false;
        } else if (a == "-o" || a == "--output") {
            if (!value(i, a, o.output)) return false;
        } else if (a == "--format") {
            if (!value(i, a, o.format)) return false;
            if (o.format != "text" && o.format != "json" && o.format != "html") {
                usage_error(fmt::format("未知的格式 `{}`（可用：text、json、html）", o.format),
                            fmt::format("unknown format `{}` (available: text, json, html)", o.format), c);
                return false;
            }
        } else if (a == "--min" || a.rfind("--min=", 0) == 0) {
            std::string text;
            if (a == "--min") {
                if (!value(i, a, text)) return false;
            } else {
                text = a.substr(6);
            }
            std::string number = !text.empty() && text.back() == '%' ? text.substr(0, text.size() - 1) : text;
            auto d = Decimal::parse(number);
            if (!d || d->is_negative() || Decimal::from_int(100) < *d) {
                usage_error(fmt::format("`--min` 应为 0% 到 100% 之间的百分比，而不是 `{}`", text),
                            fmt::format("`--min` takes a percentage from 0% to 100%, not `{}`", text), c);
                return false;
            }
            o.min = *d;
            o.coverage = true;
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            usage_error(fmt::format("未知的选项 `{}`", a), fmt::format("unknown option `{}`", a), c);
            return false;
        } else {
            o.paths.push_back(a);
        }
    }
    if (o.paths.empty() || (!o.generate.empty() && (o.paths.size() != 1 || o.coverage || o.mutate)) || (o.coverage && o.mutate)) {
        usage_error(kUsageZh, kUsageEn, c);
        return false;
    }
    return true;
}

std::vector<fs::path> ruleset_files(const std::vector<std::string>& paths, const Common& c, bool& ok, bool untested_too) {
    std::vector<fs::path> files;
    ok = true;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
                std::string name = e.path().filename().string();
                if (e.path().extension() != ".pf" || name.find(".data.pf") != std::string::npos) continue;
                FileKind k = kind_of(e.path());
                if (k.tests || (untested_too && k.whole_ruleset)) files.push_back(e.path());
            }
        } else if (fs::exists(p, ec)) {
            files.push_back(p);
        } else {
            usage_error(fmt::format("找不到 `{}`", p), fmt::format("`{}` does not exist", p), c);
            ok = false;
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

int generate(const TestOptions& o, const Common& c) {
    GeneratedTests g = generate_tests(o.paths[0], o.generate, c.language);
    print_diagnostics(g.diagnostics, c);
    if (!g.ok()) return kRuleOrDataError;
    return write_output(o.output, g.text, c) ? kOk : kRuleOrDataError;
}

int mutate(const TestOptions& o, const std::vector<fs::path>& files, const Common& c) {
    std::vector<std::string> paths;
    for (const auto& f : files) paths.push_back(f.generic_string());
    MutationReport r = mutate_tests(paths, c.language);
    print_diagnostics(r.diagnostics, c);
    Output out(o.output);
    if (!r.mutants.empty() || !has_errors(r.diagnostics)) out.write(mutation_as_text(r, c.language));
    return finish_output(out, has_errors(r.diagnostics) || r.survived() > 0 ? kRuleOrDataError : kOk, c);
}

}  // namespace

int cmd_test(const std::vector<std::string>& args, Common c) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << (c.language == Language::English ? kUsageEn : kUsageZh);
            return kOk;
        }
    TestOptions o;
    if (!parse(args, o, c)) return kUsage;
    if (!o.generate.empty()) return generate(o, c);
    bool found = true;
    std::vector<fs::path> files = ruleset_files(o.paths, c, found, o.coverage);
    if (!found) return kUsage;
    if (o.mutate) return mutate(o, files, c);
    const bool en = c.language == Language::English;
    int passed = 0, failed = 0;
    Coverage coverage;
    // With coverage in JSON or HTML on standard output, the test lines go to standard error.
    const bool report_on_stdout = o.coverage && o.format != "text" && (o.output.empty() || o.output == "-");
    Output out("");  // checked; flushed before diagnostics, so the two streams interleave
    auto emit = [&](const std::string& text) {
        if (report_on_stdout) std::cerr << text;
        else out.write(text);
    };
    for (const auto& f : files) {
        TestReport r = o.coverage ? coverage.run(f.generic_string(), c.language) : run_tests(f.generic_string(), c.language);
        emit(f.generic_string() + "\n");
        if (has_errors(r.diagnostics)) {
            if (!report_on_stdout) out.flush();
            print_diagnostics(r.diagnostics, c);
            emit((en ? "  ✗ the file does not compile\n" : "  ✗ 文件无法编译\n"));
            ++failed;
            continue;
        }
        // A file named on the command line that holds no test: said, not counted as passing.
        if (r.tests.empty()) out.write(en ? "  (no tests in this file)\n" : "  （这个文件中没有测试）\n");
        for (const auto& t : r.tests) {
            if (t.passed()) {
                ++passed;
                emit(fmt::format("  ✓ {}\n", t.name));
                continue;
            }
            ++failed;
            emit(fmt::format("  ✗ {}  ({}:{})\n", t.name, f.generic_string(), t.line));
            for (const auto& fl : t.failures) {
                emit(fmt::format("      {}:{}: {}\n", f.generic_string(), fl.line, en ? fl.message_en : fl.message_zh));
                if (!fl.basis.empty()) emit(fmt::format("      {}{}\n", en ? "basis: " : "依据：", fl.basis));
            }
        }
    }
    emit(en ? fmt::format("{} passed, {} failed\n", passed, failed) : fmt::format("{} 个通过，{} 个失败\n", passed, failed));
    int status = failed == 0 ? kOk : kRuleOrDataError;
    if (!o.coverage) return finish_output(out, status, c);
    CoverageReport report = coverage.report();
    if (o.format == "text") {
        if (o.output.empty() || o.output == "-") out.write(coverage_as_text(report, c.language));
        else if (!write_output(o.output, coverage_as_text(report, c.language), c)) status = kRuleOrDataError;
    } else {
        out.flush();
        std::string text = o.format == "json" ? coverage_as_json(report) : coverage_as_html(report, c.language);
        if (!write_output(o.output, text, c)) status = kRuleOrDataError;
    }
    if (o.min && !report.meets(*o.min)) {
        emit(fmt::format(fmt::runtime(en ? "coverage {} is below the required {}%\n" : "覆盖率 {} 低于要求的 {}%\n"),
                              report.percent().to_string() + "%", o.min->to_string()));
        status = kRuleOrDataError;
    }
    return finish_output(out, status, c);
}

}  // namespace pingfen::cli
