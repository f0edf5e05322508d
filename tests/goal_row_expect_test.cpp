// Issue 16 item 18: `期望` names a goal row's score, not only the leaf's. The rows' scores are
// worked out by hand from the rule (equal shares of 6 points, rate × share in [60%, 100%]).
#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>
#include <fstream>
#include <string>

#include "pingfen/pingfen.hpp"

using namespace pingfen;

namespace {

const char* kRules = R"(规则集 "t" 年度 2024 总分 6
舍入 叶指标 四舍五入 保留 2 位
输入 {
  产出目标 目标表
  执行率 百分比
}
一级指标 产出 6 {
  二级指标 数量 3 {
    按 产出目标 完成率计分 {
      分值分配 平均分配
      < 60%          不得分
      [60%, 100%]    按 完成率 比例计分，封顶 100%
      > 100%         得满分
    }
  }
  二级指标 执行 3 {
    按 执行率 比例计分，封顶 100%
  }
}
)";

// The one test of `tests` run over kRules; its failures' Chinese messages, one a line.
std::string failures_of(const std::string& rows, const std::string& expectations) {
    namespace fs = std::filesystem;
    // A folder of this process's own: ctest runs the test cases of this file at once.
    const pingfen::test::TempFolder dir("goal_row_expect");
    const fs::path file = dir.path / "t.pf";
    std::ofstream(file) << kRules << "测试 \"t\" {\n  给定 {\n    产出目标 = " << rows << "\n    执行率 = 50%\n  }\n"
                        << expectations << "}\n";
    TestReport r = run_tests(file.string());
    std::string out;
    for (const auto& d : r.diagnostics) out += "DIAG " + d.message_zh + "\n";
    for (const auto& t : r.tests)
        for (const auto& f : t.failures) out += f.message_zh + "\n";
    return out;
}

const std::string kTwo = R"([ { 名称: "培训", 目标: 100, 实际: 75 }, { 名称: "检查", 目标: 10, 实际: 5 } ])";

}  // namespace

TEST_CASE("goal row expectations: a row's score is checked by its name", "[patterns16]") {
    // 1.5 points a row: 75% → 1.125, 50% → 0; the leaf 1.125 → 1.13 after rounding.
    CHECK(failures_of(kTwo, "  期望 产出.数量.\"培训\" = 1.125\n  期望 产出.数量.\"检查\" = 0\n  期望 产出.数量 = 1.13\n") == "");
    CHECK(failures_of(kTwo, "  期望 产出.数量.\"培训\" = 1.13\n") == "期望 产出.数量.培训 = 1.13，实际为 1.125\n");
}

TEST_CASE("goal row expectations: a row of a leaf that could not be scored has no score", "[patterns16]") {
    // A row without 名称 leaves the leaf unscored (an error of the data); its rows have no score.
    CHECK(failures_of(R"([ { 名称: "培训", 目标: 100, 实际: 75 }, { 目标: 10, 实际: 10 } ])",
                      "  期望 错误 \"缺少 `名称`\"\n  期望 产出.数量.\"培训\" = 1.125\n") ==
          "指标 `产出.数量` 未评分，目标行“培训”没有得分\n");
}

TEST_CASE("goal row expectations: no such row, or two rows of one name, fail and never guess", "[patterns16]") {
    CHECK(failures_of(kTwo, "  期望 产出.数量.\"培训人次\" = 0\n") ==
          "指标 `产出.数量` 没有名为“培训人次”的目标行（评分的目标行：培训、检查）\n");
    CHECK(failures_of(R"([ { 名称: "培训", 目标: 100, 实际: 75 }, { 名称: "培训", 目标: 10, 实际: 5 } ])",
                      "  期望 产出.数量.\"培训\" = 0\n") ==
          "指标 `产出.数量` 有 2 个名为“培训”的目标行，无法确定期望指哪一行\n");
    // A leaf scored on a number has no rows; a path under a parent is still no indicator.
    CHECK(failures_of(kTwo, "  期望 产出.执行.\"培训\" = 0\n") == "指标 `产出.执行` 没有名为“培训”的目标行（评分的目标行：无）\n");
    CHECK(failures_of(kTwo, "  期望 产出.质量.\"培训\" = 0\n") == "没有指标 `产出.质量.培训`\n");
}
