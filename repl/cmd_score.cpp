// pingfen score RULESET DATA [--format table|json|csv|md|html|xlsx] [--explain] [-o FILE] [--max-steps N]
#include <boost/program_options.hpp>
#include <iostream>

#include "cli.hpp"

namespace po = boost::program_options;

namespace pingfen::cli {

int cmd_score(const std::vector<std::string>& args, Common c) {
    std::string ruleset_path, data_path, format, output;
    bool explain = false;
    std::uint64_t max_steps = ScoreOptions{}.max_steps;
    po::options_description opts(c.language == Language::English ? "pingfen score RULESET DATA [options]"
                                                                  : "pingfen score 规则集 数据 [选项]", kHelpWidth, kHelpWidth / 2);
    opts.add_options()
        ("format,f", po::value(&format), say(c, "table | json | csv | md | html | xlsx（xlsx 须 -o；默认按 -o 的扩展名，否则 table）", "table | json | csv | md | html | xlsx (xlsx needs -o; from -o's extension, else table)"))
        ("explain,e", po::bool_switch(&explain), say(c, "评分依据", "show the basis of each score"))
        ("output,o", po::value(&output), say(c, "写入文件", "write to FILE"))
        ("max-steps", po::value(&max_steps), say(c, "计算步数上限，0 为不限", "evaluation step limit, 0 for none (1000000)"));
    po::options_description hidden;
    hidden.add_options()("ruleset", po::value(&ruleset_path))("data", po::value(&data_path));
    if (auto done = read_args(args, opts, hidden, {"ruleset", "data"}, c)) return *done;
    if (ruleset_path.empty() || data_path.empty()) {
        usage_error("用法：pingfen score 规则集.pf 数据.json [--format table|json|csv|md|html|xlsx] [--explain] [-o 文件]",
                    "usage: pingfen score RULESET.pf DATA.json [--format table|json|csv|md|html|xlsx] [--explain] [-o FILE]", c);
        return kUsage;
    }
    if (format.empty())
        format = format_of_output(output, {{".json", "json"}, {".csv", "csv"}, {".md", "md"}, {".html", "html"}, {".htm", "html"}, {".xlsx", "xlsx"}},
                                  "table", c);
    if (format.empty()) return kUsage;
    if (format != "table" && format != "json" && format != "csv" && format != "md" && format != "html" &&
        format != "xlsx") {
        usage_error("--format 只能是 table、json、csv、md、html 或 xlsx", "--format must be table, json, csv, md, html or xlsx", c);
        return kUsage;
    }
    if (format == "xlsx" && (output.empty() || output == "-")) {
        usage_error("--format xlsx 须用 -o 指定文件", "--format xlsx needs -o FILE", c);
        return kUsage;
    }

    if (!is_ruleset_path(ruleset_path, c)) return kUsage;
    CompileResult compiled = compile_file(ruleset_path);
    bool failed = print_diagnostics(compiled.diagnostics, c);
    if (!compiled.ok()) return kRuleOrDataError;
    DataResult data = load_data_file(data_file(data_path));
    failed = print_diagnostics(data.diagnostics, c) || failed;
    if (!data.ok()) return kRuleOrDataError;

    // Every format but the table carries the basis of each score.
    ScoreOptions so{.explain = explain || format != "table", .language = c.language};
    so.max_steps = max_steps;
    ScoreResult scored = score(*compiled.ruleset, *data.data, so);
    failed = print_diagnostics(scored.diagnostics, c) || failed;
    if (!scored.sheet) return kRuleOrDataError;
    std::string text;
    if (format == "xlsx") {
        std::string error;
        std::optional<std::string> workbook = sheet_as_xlsx(*scored.sheet, c.language, &error, data_path);
        if (!workbook) {
            usage_error(error, error, c);  // already in the chosen language
            return kRuleOrDataError;
        }
        text = std::move(*workbook);
    } else if (format == "json") {
        text = sheet_as_json(*scored.sheet);
    } else if (format == "csv") {
        text = sheet_as_csv(*scored.sheet, c.language);
    } else if (format == "md") {
        text = sheet_as_markdown(*scored.sheet, c.language);
    } else if (format == "html") {
        text = sheet_as_html(*scored.sheet, c.language);
    } else {
        SheetFormat f;
        f.explain = explain;
        f.language = c.language;
        f.color = output.empty() && c.color_out;
        text = sheet_as_table(*scored.sheet, f);
    }
    if (!write_output(output, text, c)) return kRuleOrDataError;
    return failed ? kRuleOrDataError : kOk;
}

}  // namespace pingfen::cli
