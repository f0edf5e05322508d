// pingfen eval EXPR [--data FILE]: the exact value of an expression.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli.hpp"

namespace po = boost::program_options;

namespace pingfen::cli {

int cmd_eval(const std::vector<std::string>& args, Common c) {
    std::string expr, data_path, lang;
    po::options_description opts(c.language == Language::English ? "pingfen eval EXPR [options]"
                                                                  : "pingfen eval 表达式 [选项]");
    opts.add_options()
        ("data,d", po::value(&data_path), "部门数据文件 / department data file")
        ("lang", po::value(&lang), "zh | en")
        ("help,h", "帮助 / help");
    po::options_description hidden;
    hidden.add_options()("expr", po::value(&expr));
    po::options_description all;
    all.add(opts).add(hidden);
    po::positional_options_description pos;
    pos.add("expr", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        usage_error(std::string("参数有误：") + e.what(), std::string("bad arguments: ") + e.what(), c);
        return kUsage;
    }
    if (lang == "en") c.language = Language::English;
    if (vm.count("help")) {
        std::cout << opts;
        return kOk;
    }
    if (!vm.count("expr")) {
        usage_error("用法：pingfen eval \"表达式\" [--data 数据文件]", "usage: pingfen eval \"EXPR\" [--data FILE]", c);
        return kUsage;
    }
    std::shared_ptr<const DepartmentData> data;
    if (!data_path.empty()) {
        DataResult d = load_data_file(data_path);
        if (print_diagnostics(d.diagnostics, c) || !d.ok()) return kRuleOrDataError;
        data = d.data;
    }
    ExpressionResult r = evaluate_expression(expr, data.get());
    if (print_diagnostics(r.diagnostics, c) || !r.value) return kRuleOrDataError;
    return write_output("", *r.value + "\n", c) ? kOk : kRuleOrDataError;
}

}  // namespace pingfen::cli
