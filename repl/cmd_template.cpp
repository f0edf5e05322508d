// pingfen template RULESET [--format xlsx|json|csv|block] -o FILE: the data form of a ruleset.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli.hpp"

namespace po = boost::program_options;

namespace pingfen::cli {

int cmd_template(const std::vector<std::string>& args, Common c) {
    std::string ruleset_path, format, output;
    po::options_description opts(c.language == Language::English ? "pingfen template RULESET [options]" : "pingfen template 规则集 [选项]",
                                 kHelpWidth, kHelpWidth / 2);
    opts.add_options()
        ("format,f", po::value(&format), say(c, "xlsx | json | csv | block（默认按 -o 的扩展名，否则 xlsx）", "xlsx | json | csv | block (from -o's extension, else xlsx)"))
        ("output,o", po::value(&output), say(c, "写入文件", "write to FILE"));
    po::options_description hidden;
    hidden.add_options()("ruleset", po::value(&ruleset_path));
    if (auto done = read_args(args, opts, hidden, {"ruleset"}, c)) return *done;
    if (ruleset_path.empty()) {
        usage_error("用法：pingfen template 规则集.pf [--format xlsx|json|csv|block] -o 文件",
                    "usage: pingfen template RULESET.pf [--format xlsx|json|csv|block] -o FILE", c);
        return kUsage;
    }
    if (!is_ruleset_path(ruleset_path, c)) return kUsage;
    // Its default is a workbook: any other extension (a .txt, an .xls) would hold one it contradicts.
    if (format.empty()) {
        format = format_of_output(output, {{".xlsx", "xlsx"}, {".json", "json"}, {".csv", "csv"}, {".pf", "block"}}, "xlsx", c, true);
        if (format.empty()) return kUsage;
    }
    FormFormat f;
    if (format == "xlsx") f = FormFormat::Xlsx;
    else if (format == "json") f = FormFormat::Json;
    else if (format == "csv") f = FormFormat::Csv;
    else if (format == "block") f = FormFormat::Block;
    else {
        usage_error("--format 只能是 xlsx、json、csv 或 block", "--format must be xlsx, json, csv or block", c);
        return kUsage;
    }
    if (f == FormFormat::Xlsx && (output.empty() || output == "-")) {
        usage_error("xlsx 数据表须用 -o 指定文件，如 -o 数据表.xlsx", "the xlsx form needs -o FILE, e.g. -o form.xlsx", c);
        return kUsage;
    }
    CompileResult compiled = compile_file(ruleset_path);
    bool failed = print_diagnostics(compiled.diagnostics, c);
    if (!compiled.ok()) return kRuleOrDataError;
    FormResult form = data_form(*compiled.ruleset, f);
    failed = print_diagnostics(form.diagnostics, c) || failed;
    if (!form.bytes) return kRuleOrDataError;
    if (!write_output(output, *form.bytes, c)) return kRuleOrDataError;
    return failed ? kRuleOrDataError : kOk;
}

}  // namespace pingfen::cli
