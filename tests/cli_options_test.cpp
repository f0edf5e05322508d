// The command line, once: --lang is checked the same way by every command, and a data file
// given where a ruleset belongs is named as such.
#include <catch2/catch.hpp>

#include "support.hpp"

using pingfen::test::run_pingfen;

TEST_CASE("cli options: --lang other than zh or en is a usage error in every command", "[cli]") {
    for (const std::string cmd : {"score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json", "eval 1",
                                  "diff rulesets/huadu/2023.pf rulesets/haizhu/2023.pf", "check rulesets/huadu/2023.pf",
                                  "batch rulesets/huadu/2023.pf tests/batch/huadu.csv"}) {
        INFO(cmd);
        auto r = run_pingfen(cmd + " --lang xx");
        CHECK(r.status == 2);
        CHECK(r.err.find("--lang 只能是 zh 或 en，却是 `xx`") != std::string::npos);
    }
    CHECK(run_pingfen("eval 1 --lang zh").status == 0);
    CHECK(run_pingfen("eval 1 --lang en").status == 0);
}

TEST_CASE("cli options: --lang before the command is the command's", "[cli]") {
    auto unknown = run_pingfen("--lang en frob");
    CHECK(unknown.status == 2);
    CHECK(unknown.err.find("unknown command `frob`") != std::string::npos);
    auto eval = run_pingfen("--lang en eval '1 / 0'");
    CHECK(eval.status == 1);
    CHECK(eval.err.find("error[E0501]: the divisor `0` is 0") != std::string::npos);
    CHECK(run_pingfen("--lang=en eval '1 / 0'").err == eval.err);
    // Given twice, before the command and after it, as twice after it: a usage error.
    CHECK(run_pingfen("--lang en eval '1 / 0' --lang zh").status == 2);
    CHECK(run_pingfen("--lang en").status == 2);  // no command: the help, in English
    CHECK(run_pingfen("--lang en").out.find("Common options") != std::string::npos);
    CHECK(run_pingfen("--lang xx eval 1").err.find("--lang 只能是 zh 或 en，却是 `xx`") != std::string::npos);
}

TEST_CASE("cli options: a data file where the ruleset belongs is named as a data file", "[cli]") {
    auto r = run_pingfen("score rulesets/huadu/2023.example.json rulesets/huadu/2023.pf");
    CHECK(r.status == 2);
    CHECK(r.err.find("`rulesets/huadu/2023.example.json` 是部门数据文件，这里应为规则集（.pf）") != std::string::npos);
    CHECK(r.err.find("E0001") == std::string::npos);  // not a list of ruleset keywords
    auto en = run_pingfen("check data.csv --lang en");
    CHECK(en.status == 2);
    CHECK(en.err.find("`data.csv` is a department data file") != std::string::npos);
}

TEST_CASE("cli options: standard input (-) is for data, never for a ruleset or for the REPL's data", "[cli]") {
    // A ruleset `-` was "cannot open file `-`" (E0009, exit 1); the REPL's `--data -` failed to
    // open `/…/-` and then read the data through standard input as its commands.
    for (const char* command : {"check -", "score - rulesets/huadu/2023.example.json", "diff - rulesets/huadu/2023.pf", "flatten - -o x.pf"}) {
        auto r = run_pingfen(command);
        CHECK(r.status == 2);
        CHECK(r.err == "pingfen：错误：规则集不能从标准输入（-）读取：请给出规则集文件（.pf），它引用的文件按它所在的位置查找\n");
    }
    auto repl = pingfen::test::shell("cat rulesets/huadu/2023.example.json | PINGFEN_LANG= '" PINGFEN_BINARY "' repl rulesets/huadu/2023.pf --data - --lang en");
    CHECK(repl.status == 2);
    CHECK(repl.out.empty());
    CHECK(repl.err == "pingfen: error: the REPL reads its commands from standard input, so the data cannot come from it (-): give the data "
                      "file, or load it in the session with :data\n");
}

TEST_CASE("cli options: --help in one language at a time, never cut mid-phrase", "[cli]") {
    for (const std::string cmd : {"score", "batch", "diff", "eval", "repl", "flatten"}) {
        INFO(cmd);
        auto zh = run_pingfen(cmd + " --help");
        CHECK(zh.status == 0);
        CHECK(zh.out.find("帮助") != std::string::npos);
        CHECK(zh.out.find(" / help") == std::string::npos);
        // A description is one line: no continuation line indented under the descriptions.
        CHECK(zh.out.find("\n                        ") == std::string::npos);
        auto en = run_pingfen(cmd + " --help --lang en");
        CHECK(en.out.find("help") != std::string::npos);
        CHECK(en.out.find("帮助") == std::string::npos);
    }
    auto top = run_pingfen("--help");
    CHECK(top.out.find("table|json|csv|md|html|xlsx") != std::string::npos);
    CHECK(top.out.find("pingfen flatten") != std::string::npos);
}
