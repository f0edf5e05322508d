// pingfen flatten RULESET -o FILE: the ruleset as one file that stands alone (imports inlined,
// changes applied, comments and 标准 kept), checked to be the same ruleset before it is written.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli.hpp"
#include "pingfen/authoring.hpp"

namespace po = boost::program_options;

namespace pingfen::cli {

int cmd_flatten(const std::vector<std::string>& args, Common c) {
    std::string ruleset_path, output;
    po::options_description opts(c.language == Language::English ? "pingfen flatten RULESET -o FILE [options]"
                                                                  : "pingfen flatten 规则集 -o 文件 [选项]", kHelpWidth, kHelpWidth / 2);
    opts.add_options()
        ("output,o", po::value(&output), say(c, "写到这个文件（省略则为标准输出）", "write to this file (standard output when left out)"));
    po::options_description hidden;
    hidden.add_options()("ruleset", po::value(&ruleset_path));
    if (auto done = read_args(args, opts, hidden, {"ruleset"}, c)) return *done;
    if (ruleset_path.empty()) {
        usage_error("用法：pingfen flatten 规则集.pf -o 文件.pf", "usage: pingfen flatten RULESET.pf -o FILE.pf", c);
        return kUsage;
    }
    if (!is_ruleset_path(ruleset_path, c)) return kUsage;
    CompileResult compiled = compile_file(ruleset_path);
    if (print_diagnostics(compiled.diagnostics, c) || !compiled.ok()) return kRuleOrDataError;
    FlattenResult flat = flatten_ruleset(*compiled.ruleset, output.empty() ? ruleset_path : output);
    if (print_diagnostics(flat.diagnostics, c) || !flat.text) return kRuleOrDataError;
    return write_output(output, *flat.text, c) ? kOk : kRuleOrDataError;
}

}  // namespace pingfen::cli
