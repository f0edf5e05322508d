// End to end through the real `pingfen` binary: the sheet a user sees, exit codes, eval.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

using pingfen::test::run_pingfen;
using pingfen::test::Run;
using pingfen::test::slurp;

void golden(const std::string& name, const std::string& actual) {
    pingfen::test::check_golden(fs::path(PINGFEN_SOURCE_DIR) / "tests" / "cli" / name, actual);
}

}  // namespace

TEST_CASE("cli: huadu 2023 scores 96.50, 优, as published", "[cli]") {
    Run r = run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json");
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("96.50") != std::string::npos);
    CHECK(r.out.find("评价等级：优") != std::string::npos);
    golden("huadu_2023.table.txt", r.out);
}

TEST_CASE("cli: --explain shows the basis of every score", "[cli]") {
    Run r = run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json --explain");
    CHECK(r.status == 0);
    CHECK(r.out.find("结余结转率 = 1222.61 / (2343.83 + 42448.19 + 0.00) = 2.73%，≤ 10%，得 2 分") != std::string::npos);
    CHECK(r.out.find("9.999 → 10.00") != std::string::npos);
    golden("huadu_2023.explain.txt", r.out);
}

TEST_CASE("cli: --format json is one object with exact scores", "[cli]") {
    Run r = run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json --format json");
    CHECK(r.status == 0);
    CHECK(r.out.find("\"total\": 96.50,") != std::string::npos);
    CHECK(r.out.find("\"grade\": \"优\"") != std::string::npos);
    CHECK(r.out.find("\"max\": 100.00,") != std::string::npos);
    golden("huadu_2023.json", r.out);
}

TEST_CASE("cli: --lang en", "[cli]") {
    Run r = run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json --explain --lang en");
    CHECK(r.status == 0);
    CHECK(r.out.find("Grade: 优") != std::string::npos);
    CHECK(r.out.find("basis: ") != std::string::npos);
}

TEST_CASE("cli: -o writes the sheet to a file", "[cli]") {
    fs::path out = fs::temp_directory_path() / "pingfen_cli_sheet.json";
    fs::remove(out);
    Run r = run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json -f json -o '" + out.string() + "'");
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(slurp(out).find("\"total\": 96.50") != std::string::npos);
    fs::remove(out);
}

TEST_CASE("cli: a broken rule file exits 1 with the location", "[cli]") {
    Run r = run_pingfen("score tests/golden/syntax/missing_points.pf rulesets/huadu/2023.example.json");
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("tests/golden/syntax/missing_points.pf:4:6: 错误[E0001]：`2` 之后缺少 `分`") != std::string::npos);
}

TEST_CASE("cli: bad data exits 1, names the field, still prints the rest", "[cli]") {
    Run r = run_pingfen("score tests/golden/data/missing_and_bad_fields.pf tests/golden/data/missing_and_bad_fields.json");
    CHECK(r.status == 1);
    CHECK(r.err.find("缺少数据 `预算总额`") != std::string::npos);
    CHECK(r.err.find("需要它的指标：结转结余率") != std::string::npos);
    // The indicators whose data is fine are still scored.
    CHECK(r.out.find("盘点") != std::string::npos);
}

TEST_CASE("cli: missing files and usage errors", "[cli]") {
    CHECK(run_pingfen("score no/such.pf rulesets/huadu/2023.example.json").status == 1);
    CHECK(run_pingfen("score rulesets/huadu/2023.pf no/such.json").status == 1);
    CHECK(run_pingfen("score rulesets/huadu/2023.pf").status == 2);
    CHECK(run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json --format pdf").status == 2);
    CHECK(run_pingfen("frobnicate").status == 2);
    CHECK(run_pingfen("").status == 2);
    CHECK(run_pingfen("--help").status == 0);
}

TEST_CASE("cli: eval prints exact values", "[cli]") {
    struct Case { const char* expr; const char* out; };
    const Case cases[] = {
        {"0.535 × 5", "2.675\n"},
        {"四舍五入(0.535 × 5, 2)", "2.68\n"},
        {"round_half_up(0.535 * 5, 2)", "2.68\n"},
        {"四舍五入(1.005, 2)", "1.01\n"},
        {"四舍五入(92.31% × 5, 2)", "4.62\n"},
        {"四舍五入(99.99% × 10, 2)", "10.00\n"},
        {"92.31% × 5", "4.6155\n"},
        {"5% + 1%", "6%\n"},
        {"若 2.73% ≤ 10% 则 2 否则 1", "2\n"},
    };
    for (const auto& c : cases) {
        INFO(c.expr);
        Run r = run_pingfen(std::string("eval '") + c.expr + "'");
        CHECK(r.status == 0);
        CHECK(r.out == c.out);
    }
    Run bad = run_pingfen("eval '1 / (2 - 2)'");
    CHECK(bad.status == 1);
    CHECK(bad.err.find("除数") != std::string::npos);
}

TEST_CASE("cli: eval with department data", "[cli]") {
    Run r = run_pingfen("eval '四舍五入(年末结转和结余 / (年初结转和结余 + 一般公共预算拨款 + 政府性基金预算拨款) × 100, 2)' "
                    "--data rulesets/huadu/2023.example.json");
    CHECK(r.status == 0);
    CHECK(r.out == "2.73\n");
}

TEST_CASE("cli: check reports a missing file as E0009, as score does, and checks the others", "[cli]") {
    Run r = run_pingfen("check 没有这个文件.pf rulesets/huadu/2023.pf");
    CHECK(r.status == 1);
    CHECK(r.err.find("错误[E0009]：无法打开文件 `没有这个文件.pf`") != std::string::npos);
    CHECK(r.out.find("✗ 没有这个文件.pf：发现错误") != std::string::npos);
    CHECK(r.out.find("✓ rulesets/huadu/2023.pf：没有错误") != std::string::npos);
    Run s = run_pingfen("score 没有这个文件.pf rulesets/huadu/2023.example.json");
    CHECK(s.status == r.status);
}

// Issue 15: an error that a district's 修改 causes in the city file it imports is located in
// the city file; checking the folder must not then print a bare ✓ for that file, and the
// district's line says where its errors are.
TEST_CASE("cli: check FOLDER says which file's errors lie in an imported file", "[cli][issue15]") {
    Run r = run_pingfen("check tests/cli/check_folder");
    CHECK(r.status == 1);
    CHECK(r.err.find("tests/cli/check_folder/lib/city.pf:11:18: 错误[E0701]") != std::string::npos);
    CHECK(r.err.find("注：`结转` 的分值在这里改为 1") != std::string::npos);
    CHECK(r.out.find("✗ tests/cli/check_folder/district.pf：发现错误（位于它引用的 tests/cli/check_folder/lib/city.pf）") !=
          std::string::npos);
    CHECK(r.out.find("✓ tests/cli/check_folder/lib/city.pf：没有错误（单独检查）；位于它的错误出自引用它的 "
                     "tests/cli/check_folder/district.pf") != std::string::npos);
    CHECK(r.out.find("✓ tests/cli/check_folder/lib/city.pf：没有错误\n") == std::string::npos);
}

// Issue 13: a result beyond decimal128 is a located error, never "NaN" with exit 0; rounding a
// 34-digit integer to 2 places returns it.
TEST_CASE("cli: eval overflow is an error at the operation, and long numbers round to themselves", "[cli][issue13]") {
    const fs::path data = fs::temp_directory_path() / ("pingfen_overflow_" + std::to_string(::getpid()) + ".json");
    std::ofstream(data, std::ios::binary) << R"({"部门": "x", "年度": 2023, "数据": {"a": 1e300, "b": -1e300}})";
    std::string product = "a";
    for (int i = 0; i < 20; ++i) product += " × a";
    Run r = run_pingfen("eval '" + product + " × b' --data '" + data.string() + "'");
    fs::remove(data);
    CHECK(r.status == 1);
    CHECK(r.out.find("NaN") == std::string::npos);
    CHECK(r.err.find("错误[E0501]：计算结果超出了可表示的范围") != std::string::npos);
    Run round = run_pingfen("eval '四舍五入(1234567890123456789012345678901234, 2)'");
    CHECK(round.status == 0);
    CHECK(round.out == "1234567890123456789012345678901234\n");
}
