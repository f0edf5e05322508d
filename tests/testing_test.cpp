// pingfen test --coverage, --generate and --mutate: golden outputs in tests/testing/, the
// public API of pingfen/testing.hpp, and the generated boundary tests of huadu/2023 against the
// ones written there by hand.
#include <catch2/catch.hpp>
#include <filesystem>

#include "pingfen/testing.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using pingfen::test::run_pingfen;
using pingfen::test::slurp;

namespace {

const std::string kGolden = std::string(PINGFEN_SOURCE_DIR) + "/tests/testing/";

std::string in_source(const std::string& rel) { return std::string(PINGFEN_SOURCE_DIR) + "/" + rel; }

}  // namespace

TEST_CASE("coverage lists each unreached outcome as file:line in words, per indicator and in total", "[testing]") {
    auto r = run_pingfen("test --coverage tests/testing/outcomes.pf");
    CHECK(r.status == 0);
    CHECK(r.out == slurp(kGolden + "outcomes.coverage.expected"));
    auto en = run_pingfen("test --coverage --lang en tests/testing/outcomes.pf");
    CHECK(en.out == slurp(kGolden + "outcomes.coverage.en.expected"));
}

TEST_CASE("coverage --min fails below the threshold, exactly", "[testing]") {
    CHECK(run_pingfen("test --coverage --min 70% tests/testing/outcomes.pf").status == 0);
    auto below = run_pingfen("test --coverage --min 70.01% tests/testing/outcomes.pf");
    CHECK(below.status == 1);
    CHECK(below.out.find("覆盖率 70% 低于要求的 70.01%") != std::string::npos);
    CHECK(run_pingfen("test --coverage --min 101% tests/testing/outcomes.pf").status == 2);
    CHECK(run_pingfen("test --coverage --min abc tests/testing/outcomes.pf").status == 2);
    CHECK(run_pingfen("test --coverage --format yaml tests/testing/outcomes.pf").status == 2);
}

TEST_CASE("the bundled rulesets reach every outcome with their tests", "[testing]") {
    auto r = run_pingfen("test --coverage --min 100% rulesets");
    CHECK(r.status == 0);
    CHECK(r.out.find("从未命中") == std::string::npos);
    CHECK(r.out.find("个结果被测试达到（100%）") != std::string::npos);
}

TEST_CASE("coverage through the API: outcomes reached, JSON and the HTML view", "[testing]") {
    pingfen::Coverage cov;
    pingfen::TestReport tests = cov.run(in_source("tests/testing/outcomes.pf"));
    CHECK(tests.passed() == 2);
    pingfen::CoverageReport report = cov.report();
    CHECK(report.reached() == 21);
    CHECK(report.total() == 30);
    CHECK(report.percent() == pingfen::Decimal::from_int(70));
    CHECK(report.meets(pingfen::Decimal::from_int(70)));
    CHECK_FALSE(report.meets(*pingfen::Decimal::parse("70.01")));
    // 合规: each item fired and not, both ways of the 若 in its amount, and 扣完为止 (3 × 1 + 0.5 ≥ 2).
    const pingfen::IndicatorCoverage* rule = nullptr;
    for (const auto& i : report.indicators)
        if (i.path == std::vector<std::string>{"合规"}) rule = &i;
    REQUIRE(rule);
    CHECK(rule->total() == 7);
    CHECK(rule->reached() == 7);
    const std::string json = pingfen::coverage_as_json(report);
    CHECK(json.find("\"reached\": 21") != std::string::npos);
    CHECK(json.find("\"outcome_zh\": \"档位 < 60%\"") != std::string::npos);
    const std::string html = pingfen::coverage_as_html(report);
    CHECK(html.find("<tr class=\"miss\"><td class=\"n\">23</td>") != std::string::npos);  // < 60% 不得分
    CHECK(html.find("<tr class=\"hit\"><td class=\"n\">21</td>") != std::string::npos);   // ≥ 90% 得 2 分
}

TEST_CASE("an outcome in an imported file counts once, reached by the tests of any ruleset importing it", "[testing]") {
    pingfen::Coverage cov;
    cov.run(in_source("rulesets/haizhu/2023.pf"));
    const int alone = cov.report().reached();
    cov.run(in_source("rulesets/huadu/2023.pf"));
    pingfen::CoverageReport both = cov.report();
    CHECK(alone < both.reached());
    int management = 0;
    for (const auto& i : both.indicators) management += i.file.find("common/management.pf") != std::string::npos ? 1 : 0;
    CHECK(management == 23);  // listed once, not once per ruleset
}

TEST_CASE("generated tests for huadu/2023 reproduce its hand-written boundary tests", "[testing]") {
    pingfen::GeneratedTests g = pingfen::generate_tests(in_source("rulesets/huadu/2023.pf"), "all");
    REQUIRE(g.ok());
    // 结余结转率 = 年末结转和结余 / 44792.02, exactly on 10%, 20%, 30%, and the next cent above.
    for (const char* given : {"年末结转和结余 = 4479.202 }", "年末结转和结余 = 8958.404 }", "年末结转和结余 = 13437.606 }",
                              "年末结转和结余 = 4479.21 }", "年末结转和结余 = 8958.41 }"})
        CHECK(g.text.find(given) != std::string::npos);
    // The hand tests write 13437.62 for "above 30%": the nearest cent is 13437.61, in the same tier.
    CHECK(g.text.find("给定 { 年末结转和结余 = 13437.61 }\n  期望 管理效率.预算执行.结转结余率 = 0\n") != std::string::npos);
    CHECK(g.text.find("给定 { 年末结转和结余 = 4479.202 }\n  期望 管理效率.预算执行.结转结余率 = 2\n") != std::string::npos);
    CHECK(g.text.find("给定 { 年末结转和结余 = 4479.21 }\n  期望 管理效率.预算执行.结转结余率 = 1\n") != std::string::npos);
    // 控制率 0.01% (a partial step counts as one) and exactly 5%.
    CHECK(g.text.find("给定 { 实际公用经费 = 412.54125 }\n  期望 管理效率.运行成本.公用经费控制率 = 1.5\n") != std::string::npos);
    CHECK(g.text.find("给定 { 实际公用经费 = 433.125 }\n  期望 管理效率.运行成本.公用经费控制率 = 1.5\n") != std::string::npos);
    // 合同签订及时率 exactly 90% and 80%, and just below 90% (the hand tests: 9/10, 8/10, 89/100).
    CHECK(g.text.find("给定 { 按时签订合同数 = 9000  合同项目总数 = 10000 }\n  期望 管理效率.采购管理.采购合同签订时效性 = 2\n") != std::string::npos);
    CHECK(g.text.find("给定 { 按时签订合同数 = 8000  合同项目总数 = 10000 }\n  期望 管理效率.采购管理.采购合同签订时效性 = 1\n") != std::string::npos);
    CHECK(g.text.find("给定 { 按时签订合同数 = 8999  合同项目总数 = 10000 }\n  期望 管理效率.采购管理.采购合同签订时效性 = 1\n") != std::string::npos);
    CHECK(g.text.find("给定 { 按时签订合同数 = 7999  合同项目总数 = 10000 }\n  期望 管理效率.采购管理.采购合同签订时效性 = 0\n") != std::string::npos);
    // 事前绩效评估: 4 to assess, 1 not assessed deducts 0.5; 3 to assess deducts 1 (the 若 inside the amount).
    CHECK(g.text.find("给定 { 应评估项目数 = 4  未评估项目数 = 1 }\n  期望 管理效率.预算编制.新增预算项目事前绩效评估 = 2.5\n") != std::string::npos);
    CHECK(g.text.find("给定 { 应评估项目数 = 3  未评估项目数 = 1 }\n  期望 管理效率.预算编制.新增预算项目事前绩效评估 = 2\n") != std::string::npos);
    // 预决算公开: not published, 0; published late, 1.
    CHECK(g.text.find("给定 { 已公开预决算 = 否 }\n  期望 管理效率.信息公开.预决算公开合规性 = 0\n") != std::string::npos);
    CHECK(g.text.find("给定 { 二十日内公开 = 否 }\n  期望 管理效率.信息公开.预决算公开合规性 = 1\n") != std::string::npos);
    // Each quotes the rule it exercises.
    CHECK(g.text.find("management.pf:93：≤ 10%          得 2 分）") != std::string::npos);
}

TEST_CASE("generated tests cover 不适用 conditions, checking the leaf the points move to", "[testing]") {
    pingfen::GeneratedTests g = pingfen::generate_tests(in_source("rulesets/patterns/part_not_applicable.pf"), "all");
    REQUIRE(g.ok());
    // 批复下属单位预算 (2 of 3 points) does not apply: its 2 points join 支出完成率's 5, 7 × 80% = 5.6,
    // and the leaf keeps its other part, 转移支付 (1 point, late: 0).
    CHECK(g.text.find("无需批复下属单位预算 = 是  下属单位预算按时批复 = 是  无主管转移支付 = 否  转移支付按时下达 = 否  "
                      "目标编报完整 = 是  未开展监控试点 = 否  监控按时完成 = 否 }\n"
                      "  期望 预算管理.预算批复下达 = 0\n  期望 预算管理.支出完成率 = 5.6\n}") != std::string::npos);
    // 转移支付 (1 point) does not apply: 6 × 80% = 4.8; 下属单位 on time keeps its 2.
    CHECK(g.text.find("  期望 预算管理.预算批复下达 = 2\n  期望 预算管理.支出完成率 = 4.8\n}") != std::string::npos);
    // A part moving within its own leaf: the leaf alone is checked (目标管理 takes 监控's point: 2).
    CHECK(g.text.find("未开展监控试点 = 是  监控按时完成 = 否 }\n  期望 预算管理.绩效管理 = 2\n}") != std::string::npos);
    CHECK(g.text.find("part_not_applicable.pf:30：不适用 若 无需批复下属单位预算，分值移至 预算管理.支出完成率）") != std::string::npos);
    // A leaf granted full points when it does not apply (理由 given).
    pingfen::GeneratedTests lang = pingfen::generate_tests(in_source("tests/lang/patterns.pf"), "all");
    REQUIRE(lang.ok());
    CHECK(lang.text.find("给定 { 涉密单位 = 是 }\n  期望 县级指标.其他.信息公开 = 2\n}") != std::string::npos);
}

TEST_CASE("generated tests are test blocks that pass, and name the rule they exercise", "[testing]") {
    const fs::path dir = fs::temp_directory_path() / ("pingfen_generate_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    // A copy of the golden ruleset without its tests' data files: generated tests use the first test's data.
    auto r = run_pingfen("test --generate 利用 -o '" + (dir / "gen.pf").string() + "' tests/testing/outcomes.pf");
    CHECK(r.status == 0);
    std::string gen = slurp(dir / "gen.pf");
    CHECK(gen.find("测试 \"利用：利用率 恰为 60%\"") != std::string::npos);
    CHECK(gen.find("# 规则（tests/testing/outcomes.pf:22：[60%, 90%)   得 1 分）") != std::string::npos);
    // The first test's values, with the one changed.
    auto block = [&](const std::string& title) {
        auto at = gen.find("测试 \"" + title + "\"");
        return at == std::string::npos ? std::string() : gen.substr(at, gen.find("}\n", gen.find("期望", at)) - at);
    };
    CHECK(block("利用：利用率 略低于 60%").find("给定 { 利用率 = 59.99%  问题数 = 0  未公开 = 否") != std::string::npos);
    CHECK(block("利用：利用率 略低于 60%").find("期望 利用 = 0") != std::string::npos);
    CHECK(block("利用：利用率 恰为 90%").find("期望 利用 = 2") != std::string::npos);
    CHECK(block("利用：利用率 略低于 90%").find("期望 利用 = 1") != std::string::npos);
    // Appended to the ruleset, they all pass.
    std::string text = slurp(in_source("tests/testing/outcomes.pf")) + "\n" + gen;
    { std::ofstream(dir / "with.pf", std::ios::binary) << text; }
    auto run = run_pingfen("test '" + (dir / "with.pf").string() + "'");
    CHECK(run.status == 0);
    CHECK(run.out.find("，0 个失败") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("generate names an indicator that is not there with E0901", "[testing]") {
    auto r = run_pingfen("test --generate 没有这个指标 tests/testing/outcomes.pf");
    CHECK(r.status == 1);
    CHECK(r.err.find("错误[E0901]") != std::string::npos);
}

TEST_CASE("mutate reports the changes no test notices, and refuses a failing suite with E0902", "[testing]") {
    auto r = run_pingfen("test --mutate tests/testing/mutants.pf");
    CHECK(r.status == 1);
    CHECK(r.out == slurp(kGolden + "mutants.mutate.expected"));
    auto bad = run_pingfen("test --mutate tests/errors/E0902.pf");
    CHECK(bad.status == 1);
    CHECK(bad.err.find("错误[E0902]") != std::string::npos);
}

TEST_CASE("coverage of a folder counts a whole ruleset that has no tests as unreached", "[testing]") {
    auto r = run_pingfen("test --coverage --min 100% tests/testing/untested");
    CHECK(r.status == 1);
    CHECK(r.out.find("untested.pf:5: 若 甲 成立 从未命中") != std::string::npos);
    CHECK(r.out.find("合计：0/2 个结果被测试达到（0%）") != std::string::npos);
    // Without --coverage, a folder's files without tests are not run (parts imported elsewhere).
    CHECK(run_pingfen("test tests/testing/untested").status == 0);
}
