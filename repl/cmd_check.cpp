// pingfen check RULESET...: every check of the indicator system, without scoring anyone.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "cli.hpp"

namespace fs = std::filesystem;

namespace pingfen::cli {
namespace {

// In a folder, only rulesets (a 规则集 line) are checked: imported parts and data files are
// checked through the rulesets that use them.
bool is_ruleset(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        auto start = line.find_first_not_of(" \t\xEF\xBB\xBF");
        if (start == std::string::npos || line[start] == '#') continue;
        return line.compare(start, 9, "规则集") == 0 || line.compare(start, 8, "ruleset ") == 0;
    }
    return false;
}

// The inputs a department gives only in some case (a branch, a tier row, an indicator that may
// not apply): a datum is demanded only where scoring reads it, so the data may leave them out
// otherwise. Listed so that whoever writes the data form knows which fields are optional when.
std::string conditional_inputs(const Ruleset& r, Language lang) {
    const bool en = lang == Language::English;
    std::string lines;
    for (const InputInfo& in : ruleset_inputs(r))
        if (in.conditional)
            lines += fmt::format("    {}{}{}{}\n", in.name, en ? ": " : "：", input_condition_text(in, lang),
                                 in.has_default ? (en ? " (otherwise its 默认 is used)" : "（未给出时用其默认值）") : "");
    if (lines.empty()) return "";
    return (en ? "  conditional inputs (the data gives them only when needed):\n" : "  条件输入（仅在需要时给出，其余情形数据中可以没有）：\n") + lines;
}

}  // namespace

int cmd_check(const std::vector<std::string>& args, Common c) {
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--lang") {
            if (!apply_lang(i + 1 < args.size() ? args[++i] : "?", c)) return kUsage;
            continue;
        }
        if (args[i] == "--help" || args[i] == "-h") {
            std::cout << (c.language == Language::English ? "usage: pingfen check RULESET... (files or folders)\n"
                                                          : "用法：pingfen check 规则集…（文件或文件夹）\n");
            return kOk;
        }
        paths.push_back(args[i]);
    }
    if (paths.empty()) {
        usage_error("用法：pingfen check 规则集…（文件或文件夹）", "usage: pingfen check RULESET... (files or folders)", c);
        return kUsage;
    }
    std::vector<fs::path> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (const auto& e : fs::recursive_directory_iterator(p, ec))
                if (e.path().extension() == ".pf" && is_ruleset(e.path())) files.push_back(e.path());
        } else {
            if (!is_ruleset_path(p, c)) return kUsage;
            // A path that does not exist is reported by compile_file as E0009, as `score` does.
            files.push_back(p);
        }
    }
    std::sort(files.begin(), files.end());
    const bool en = c.language == Language::English;
    // All files are compiled before any is reported: an error that a ruleset's 修改 causes in a
    // file it imports is located in that file, which may itself be checked (and clean) earlier
    // in the list. Each summary line then says where its errors are, and a clean file whose
    // importers found errors in it says so instead of a bare ✓.
    auto same_file = [](const std::string& p) {
        std::error_code ec;
        fs::path q = fs::weakly_canonical(p, ec);
        return ec ? fs::path(p).lexically_normal().generic_string() : q.generic_string();
    };
    std::vector<CompileResult> results;
    std::map<std::string, std::set<std::string>> errors_through;  // file → the rulesets whose errors lie in it
    for (const auto& f : files) {
        results.push_back(compile_file(f.generic_string()));
        const std::string self = same_file(f.generic_string());
        for (const auto& d : results.back().diagnostics)
            if (d.severity == Severity::Error && !d.path.empty() && same_file(d.path) != self)
                errors_through[same_file(d.path)].insert(f.generic_string());
    }
    int with_errors = 0;
    Output out("");  // checked; flushed before each file's diagnostics, so the two streams interleave
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string f = files[i].generic_string();
        const CompileResult& r = results[i];
        out.flush();
        print_diagnostics(r.diagnostics, c);
        int warnings = static_cast<int>(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                                                      [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
        std::set<std::string> elsewhere;
        bool here = false;
        const std::string self = same_file(f);
        for (const auto& d : r.diagnostics) {
            if (d.severity != Severity::Error) continue;
            if (!d.path.empty() && same_file(d.path) != self) elsewhere.insert(d.path);
            else here = true;
        }
        std::string where, where_en;
        for (const auto& e : elsewhere) {
            where += (where.empty() ? "" : "、") + e;
            where_en += (where_en.empty() ? "" : ", ") + e;
        }
        if (!r.ok()) {
            ++with_errors;
            if (elsewhere.empty())
                out.write(fmt::format(fmt::runtime(en ? "✗ {}: errors found\n" : "✗ {}：发现错误\n"), f));
            else
                out.write(fmt::format(fmt::runtime(en ? "✗ {}: errors found ({}in {}, as this file uses it)\n"
                                                      : "✗ {}：发现错误（{}位于它引用的 {}）\n"),
                                      f, here ? (en ? "some " : "部分") : "", en ? where_en : where));
            continue;
        }
        std::string note;
        if (auto it = errors_through.find(self); it != errors_through.end()) {
            std::string by;
            for (const auto& b : it->second) by += (by.empty() ? "" : (en ? ", " : "、")) + b;
            note = fmt::format(fmt::runtime(en ? " on its own; the errors located in it come from {}, which imports it"
                                               : "（单独检查）；位于它的错误出自引用它的 {}"), by);
        }
        out.write(fmt::format(fmt::runtime(en ? "✓ {}: no errors{}{}\n" : "✓ {}：没有错误{}{}\n"), f, note,
                              warnings ? fmt::format(fmt::runtime(en ? ", {} warnings" : "，{} 条警告"), warnings) : ""));
        out.write(conditional_inputs(*r.ruleset, c.language));
    }
    return finish_output(out, with_errors == 0 ? kOk : kRuleOrDataError, c);
}

}  // namespace pingfen::cli
