// pingfen eval EXPR [--data FILE] [--ruleset FILE [--in PATH]]: the exact value of an
// expression, alone or inside an indicator of a ruleset (its named values and 分值).
#include <boost/program_options.hpp>
#include <iostream>

#include "cli.hpp"
#include "pingfen/authoring.hpp"

namespace po = boost::program_options;

namespace pingfen::cli {

int cmd_eval(const std::vector<std::string>& args, Common c) {
    std::string expr, data_path, ruleset_path, in;
    po::options_description opts(c.language == Language::English ? "pingfen eval EXPR [options]"
                                                                  : "pingfen eval 表达式 [选项]", kHelpWidth, kHelpWidth / 2);
    opts.add_options()
        ("data,d", po::value(&data_path), say(c, "部门数据文件", "department data file"))
        ("ruleset,r", po::value(&ruleset_path), say(c, "规则集：表达式可用它的输入", "a ruleset whose inputs the expression reads"))
        ("in", po::value(&in), say(c, "在这个指标之内计算（它的命名值、分值），如 管理效率.预算执行.结转结余率", "evaluate inside this indicator (its named values, weight)"));
    po::options_description hidden;
    hidden.add_options()("expr", po::value(&expr));
    if (auto done = read_args(args, opts, hidden, {"expr"}, c)) return *done;
    if (expr.empty()) {
        usage_error("用法：pingfen eval \"表达式\" [--data 数据文件]", "usage: pingfen eval \"EXPR\" [--data FILE]", c);
        return kUsage;
    }
    std::shared_ptr<const DepartmentData> data;
    if (!data_path.empty()) {
        DataResult d = load_data_file(data_file(data_path));
        if (print_diagnostics(d.diagnostics, c) || !d.ok()) return kRuleOrDataError;
        data = d.data;
    }
    if (!in.empty() && ruleset_path.empty()) {
        usage_error("--in 须与 --ruleset 一起使用", "--in needs --ruleset", c);
        return kUsage;
    }
    ExpressionResult r;
    if (!ruleset_path.empty()) {
        if (!is_ruleset_path(ruleset_path, c)) return kUsage;
        CompileResult compiled = compile_file(ruleset_path);
        if (print_diagnostics(compiled.diagnostics, c) || !compiled.ok()) return kRuleOrDataError;
        std::vector<std::string> path;
        for (std::size_t b = 0; !in.empty();) {
            std::size_t dot = in.find('.', b);
            path.push_back(in.substr(b, dot == std::string::npos ? std::string::npos : dot - b));
            if (dot == std::string::npos) break;
            b = dot + 1;
        }
        r = evaluate_in_indicator(*compiled.ruleset, path, expr, data.get());
    } else {
        r = evaluate_expression(expr, data.get());
    }
    if (print_diagnostics(r.diagnostics, c) || !r.value) return kRuleOrDataError;
    return write_output("", *r.value + "\n", c) ? kOk : kRuleOrDataError;
}

}  // namespace pingfen::cli
