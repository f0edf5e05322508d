// pingfen: the command line. Each command lives in its own file.
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "cmd_repl.hpp"

namespace {

const char* kHelpZh =
    "pingfen —— 部门整体支出绩效评价规则语言\n"
    "\n"
    "用法：\n"
    "  pingfen template 规则集.pf -o 数据表.xlsx [--format xlsx|json|csv|block]\n"
    "                                  生成规则集的数据表：在 Excel 或 WPS 中填好，再用 score 评分\n"
    "  pingfen score 规则集.pf 数据.xlsx|数据.json [--format table|json|csv|md|html|xlsx] [--explain] [-o 文件]\n"
    "                                  按规则集为一个部门评分，输出评分表\n"
    "  pingfen batch 规则集 数据.csv|数据.jsonl [-j N] [--format csv|jsonl] [--tables 表.csv] [-o 文件]\n"
    "                                  批量评分：流式读入，多线程，按输入顺序每条记录一行（状态与失败原因）\n"
    "  pingfen check 规则集…           检查指标体系：分值、档位、得分范围、单位、舍入、除数\n"
    "  pingfen test 路径…              运行规则集文件中的测试（文件或文件夹）\n"
    "  pingfen diff A.pf B.pf [--data 数据…] [--format table|json|md|html]\n"
    "                                  比较两个规则集（市与区、今年与去年），及其对部门得分的影响\n"
    "  pingfen flatten 规则集.pf -o 文件.pf\n"
    "                                  把规则集及其引用合为一个独立的文件（改动已套用，注释与标准保留）\n"
    "  pingfen eval \"表达式\" [--data 数据文件]\n"
    "                                  计算表达式的精确值，如 pingfen eval \"四舍五入(0.535 × 5, 2)\"\n"
    "  pingfen repl [规则集.pf] [--data 数据文件]\n"
    "                                  交互式环境：改规则、改数据，立即看到得分的变化（:help 查看命令）\n"
    "  pingfen serve [文件夹] [--port N] [--host 127.0.0.1]\n"
    "                                  工作台：在浏览器中编辑规则集、即时评分、比较、下载评分表\n"
    "\n"
    "通用选项：--lang zh|en（或环境变量 PINGFEN_LANG=en）  --help  --version\n"
    "退出码：0 成功；1 规则或数据有错；2 用法错误\n";

const char* kHelpEn =
    "pingfen — a rule language for departments' annual performance evaluations\n"
    "\n"
    "Usage:\n"
    "  pingfen template RULESET.pf -o FORM.xlsx [--format xlsx|json|csv|block]\n"
    "                                  the data form of a ruleset: fill it in Excel or WPS, then score it\n"
    "  pingfen score RULESET.pf DATA.xlsx|DATA.json [--format table|json|csv|md|html|xlsx] [--explain] [-o FILE]\n"
    "                                  score one department; print the score sheet\n"
    "  pingfen batch RULESET DATA.csv|DATA.jsonl [-j N] [--format csv|jsonl] [--tables T.csv] [-o FILE]\n"
    "                                  score many departments: streamed, on all cores, one row per record in input order, with its status\n"
    "  pingfen check RULESET...        check an indicator system: weights, tiers, score ranges, units, rounding, divisors\n"
    "  pingfen test PATH...            run the tests in ruleset files (files or folders)\n"
    "  pingfen diff A.pf B.pf [--data DATA...] [--format table|json|md|html]\n"
    "                                  compare two rulesets and what that does to departments' scores\n"
    "  pingfen flatten RULESET.pf -o FILE.pf\n"
    "                                  the ruleset and its imports as one standalone file (changes applied, comments and standards kept)\n"
    "  pingfen eval \"EXPR\" [--data FILE]\n"
    "                                  the exact value of an expression: pingfen eval \"round_half_up(0.535 * 5, 2)\"\n"
    "  pingfen repl [RULESET.pf] [--data FILE]\n"
    "                                  interactive: change rules and data and see the scores change (:help inside)\n"
    "  pingfen serve [FOLDER] [--port N] [--host 127.0.0.1]\n"
    "                                  the workbench: edit a ruleset in the browser, score as you type, compare, download\n"
    "\n"
    "Common options: --lang zh|en (or PINGFEN_LANG=en)  --help  --version\n"
    "Exit status: 0 success; 1 errors in rules or data; 2 usage error\n";

}  // namespace

// Interrupted (Ctrl-C, `timeout`, the host ending the job): the output being written is not
// put in place, and its temporary file is removed, not left beside the target. Then the
// signal's own ending, so that the caller sees the process was killed by it.
void end_on_signal(int sig) {
    pingfen::remove_temporary_files();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

int main(int argc, char** argv) {
    using namespace pingfen::cli;
    // A signal ignored at start (nohup, a background job's SIGINT) stays ignored.
    for (int sig : {SIGINT, SIGTERM, SIGHUP})
        if (std::signal(sig, end_on_signal) == SIG_IGN) std::signal(sig, SIG_IGN);
    std::vector<std::string> args(argv + 1, argv + argc);
    // --lang before the command (pingfen --lang en score …) is the command's, as if written after it.
    std::vector<std::string> leading;
    while (!args.empty() && ((args[0] == "--lang" && args.size() >= 2) || args[0].rfind("--lang=", 0) == 0)) {
        const std::size_t n = args[0] == "--lang" ? 2 : 1;
        leading.insert(leading.end(), args.begin(), args.begin() + static_cast<std::ptrdiff_t>(n));
        args.erase(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(n));
    }
    std::vector<std::string> all = leading;
    all.insert(all.end(), args.begin(), args.end());
    Common c = common_from(all);
    const bool en = c.language == pingfen::Language::English;
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << (en ? kHelpEn : kHelpZh);
        return finish_stdout(args.empty() ? kUsage : kOk, c);
    }
    if (args[0] == "--version") {
        std::cout << "pingfen 0.1.0\n";
        return finish_stdout(kOk, c);
    }
    std::string command = args[0];
    args.erase(args.begin());
    args.insert(args.begin(), leading.begin(), leading.end());
    // Whatever a command printed to standard output is checked before its status stands.
    if (command == "score") return finish_stdout(cmd_score(args, c), c);
    if (command == "eval") return finish_stdout(cmd_eval(args, c), c);
    if (command == "test") return finish_stdout(cmd_test(args, c), c);
    if (command == "check") return finish_stdout(cmd_check(args, c), c);
    if (command == "diff") return finish_stdout(cmd_diff(args, c), c);
    if (command == "repl") return finish_stdout(cmd_repl(args, c), c);
    if (command == "batch") return finish_stdout(cmd_batch(args, c), c);
    if (command == "serve") return finish_stdout(run_serve(args, c), c);
    if (command == "flatten") return finish_stdout(cmd_flatten(args, c), c);
    if (command == "template") return finish_stdout(cmd_template(args, c), c);
    usage_error("未知的命令 `" + command + "`（可用：template、score、batch、check、test、diff、flatten、eval、repl、serve；见 pingfen --help）",
                "unknown command `" + command + "` (available: template, score, batch, check, test, diff, flatten, eval, repl, serve; see pingfen --help)", c);
    return kUsage;
}
