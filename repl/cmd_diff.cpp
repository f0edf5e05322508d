// pingfen diff A.pf B.pf [--data FILE|FOLDER|CSV ...] [--format table|json|md|html] [-o FILE]
#include <boost/program_options.hpp>
#include <iostream>

#include "cli.hpp"

namespace po = boost::program_options;

namespace pingfen::cli {

int cmd_diff(const std::vector<std::string>& args, Common c) {
    std::string a_path, b_path, format, output;
    std::vector<std::string> data;
    po::options_description opts(c.language == Language::English ? "pingfen diff A.pf B.pf [options]" : "pingfen diff A.pf B.pf [选项]", kHelpWidth, kHelpWidth / 2);
    opts.add_options()
        ("data,d", po::value(&data)->composing(), say(c, "部门数据：文件、文件夹、CSV 或 JSON Lines，可多次", "department data (repeatable)"))
        ("format,f", po::value(&format), say(c, "table | json | md | html（默认按 -o 的扩展名，否则 table）", "table | json | md | html (from -o's extension, else table)"))
        ("output,o", po::value(&output), say(c, "写入文件", "write to FILE"));
    po::options_description hidden;
    hidden.add_options()("a", po::value(&a_path))("b", po::value(&b_path));
    if (auto done = read_args(args, opts, hidden, {"a", "b"}, c)) return *done;
    if (format.empty()) {
        format = format_of_output(output, {{".json", "json"}, {".md", "md"}, {".html", "html"}, {".htm", "html"}}, "table", c);
        if (format.empty()) return kUsage;
    }
    DiffFormat f;
    if (format == "table") f = DiffFormat::Table;
    else if (format == "json") f = DiffFormat::Json;
    else if (format == "md") f = DiffFormat::Markdown;
    else if (format == "html") f = DiffFormat::Html;
    else {
        usage_error("--format 只能是 table、json、md 或 html", "--format must be table, json, md or html", c);
        return kUsage;
    }
    if (a_path.empty() || b_path.empty()) {
        usage_error("用法：pingfen diff A.pf B.pf [--data 数据] [--format table|json|md|html]",
                    "usage: pingfen diff A.pf B.pf [--data DATA] [--format table|json|md|html]", c);
        return kUsage;
    }
    if (!is_ruleset_path(a_path, c) || !is_ruleset_path(b_path, c)) return kUsage;
    CompileResult a = compile_file(a_path);
    CompileResult b = compile_file(b_path);
    bool failed = print_diagnostics(a.diagnostics, c);
    failed = print_diagnostics(b.diagnostics, c) || failed;
    if (!a.ok() || !b.ok()) return kRuleOrDataError;
    RulesetDiff d = diff_rulesets(*a.ruleset, *b.ruleset);
    std::vector<DepartmentComparison> comparisons;
    for (const auto& path : data) {
        for (DataResult& r : load_departments(data_file(path))) {
            // A bad record is reported and skipped; the others still compare.
            if (print_diagnostics(r.diagnostics, c) || !r.ok()) {
                failed = true;
                continue;
            }
            comparisons.push_back(compare_department(*a.ruleset, *b.ruleset, *r.data, d, c.language));
            failed = print_diagnostics(comparisons.back().diagnostics, c) || failed;
        }
    }
    if (!write_output(output, diff_as_text(d, comparisons, f, c.language), c)) return kRuleOrDataError;
    return failed ? kRuleOrDataError : kOk;
}

}  // namespace pingfen::cli
