// pingfen diff through the real binary: every kind of structural change, the score change it
// causes for one department, many departments from a CSV, and the city against the district.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

using Out = pingfen::test::Run;
using pingfen::test::slurp;

Out diff(const std::string& args) { return pingfen::test::run_pingfen("diff " + args); }

void golden(const std::string& name, const std::string& actual) {
    fs::path f = fs::path(PINGFEN_SOURCE_DIR) / "tests" / "diff" / name;
    if (std::getenv("PINGFEN_UPDATE_GOLDEN")) {
        std::ofstream(f, std::ios::binary) << actual;
        return;
    }
    INFO("golden file: " << f.string());
    REQUIRE(fs::exists(f));
    CHECK(actual == slurp(f));
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("diff: every kind of change, as a table", "[diff]") {
    Out o = diff("tests/diff/a.pf tests/diff/b.pf");
    CHECK(o.status == 0);
    CHECK(has(o.out, "↺ 改名：管理 › 资产 › 资产盘点情况 → 管理 › 资产 › 资产清查情况"));
    CHECK(has(o.out, "⇢ 移动：管理 › 预算 › 合规 → 管理 › 资产 › 合规"));
    CHECK(has(o.out, "(10%, 20%] 得 1 分 → (10%, 15%] 得 1 分"));
    CHECK(has(o.out, "~ 分值：管理 › 预算 4 → 5"));
    CHECK(has(o.out, "− 只在 A 中：管理 › 资产 › 要删掉的（2 分）"));
    CHECK(has(o.out, "+ 只在 B 中：管理 › 资产 › 新增的（1 分）"));
    CHECK(has(o.out, "输入 `结余结转率`：百分比 ≥ 0 → 百分比 [0, 100%]"));
    CHECK(has(o.out, "舍入：各指标四舍五入保留 2 位 → 总分四舍五入保留 2 位"));
    CHECK(!has(o.out, "只在 A 中：管理 › 预算 › 合规"));  // a move, not a removal plus an addition
    golden("a_b.table.txt", o.out);
}

TEST_CASE("diff: a department under both, with the known score change", "[diff]") {
    Out o = diff("tests/diff/a.pf tests/diff/b.pf --data tests/diff/dept.json");
    CHECK(o.status == 0);
    CHECK(o.err.empty());
    // A: 结转结余率 12% → 1, 合规 1 finding → 1.5, 盘点 2, 要移走的 2, 要删掉的 2: 8.50 (良).
    // B: 结转结余率 1, 要移走的 2, 资产清查情况 2, 合规 1.5, 新增的 0: 6.50 (中).
    CHECK(has(o.out, "总分                       8.50     6.50    −2.00"));
    CHECK(has(o.out, "良       中"));
    golden("a_b.dept.txt", o.out);
}

TEST_CASE("diff: many departments from a CSV, sorted by change, with a summary", "[diff]") {
    Out o = diff("tests/diff/a.pf tests/diff/b.pf --data tests/diff/depts.csv");
    CHECK(o.status == 0);
    CHECK(has(o.out, "乙局, 含逗号"));  // a quoted field with a comma, after a BOM
    CHECK(has(o.out, "3 个部门中 2 个等级改变"));
    golden("a_b.depts.txt", o.out);
}

TEST_CASE("diff: json and markdown", "[diff]") {
    Out j = diff("tests/diff/a.pf tests/diff/b.pf --data tests/diff/dept.json --format json");
    CHECK(j.status == 0);
    CHECK(has(j.out, "\"kind\": \"renamed\""));
    CHECK(has(j.out, "\"total_a\": 8.50, \"total_b\": 6.50"));
    golden("a_b.json", j.out);
    Out m = diff("tests/diff/a.pf tests/diff/b.pf --format md");
    CHECK(m.status == 0);
    golden("a_b.md", m.out);
}

TEST_CASE("diff: html is one self-contained page with both trees", "[diff]") {
    Out h = diff("tests/diff/a.pf tests/diff/b.pf --data tests/diff/dept.json --format html");
    CHECK(h.status == 0);
    CHECK(has(h.out, "<table class=\"tree\">"));
    CHECK(has(h.out, "class=\"removed\""));
    CHECK(has(h.out, "class=\"added\""));
    CHECK(!has(h.out, "http://"));
    CHECK(!has(h.out, "https://"));
    CHECK(!has(h.out, "<script"));
}

TEST_CASE("diff: the city against the district (guangzhou 2022, huadu 2023)", "[diff]") {
    Out o = diff("rulesets/guangzhou/2022.pf rulesets/huadu/2023.pf --data rulesets/huadu/2023.example.json");
    CHECK(has(o.out, "− 只在 A 中：履职效能 › 专项效能（25 分）"));
    CHECK(has(o.out, "~ 分值：履职效能 › 整体效能 25 → 50"));
    CHECK(has(o.out, "部门整体绩效目标效益指标完成情况 10 → 20"));
    CHECK(has(o.out, "部门整体绩效目标产出指标完成情况 10 → 20"));
    CHECK(has(o.out, "部门预算资金支出率 5 → 10"));
    // The district's 排序 puts 产出 before 效益, as its published table does.
    CHECK(has(o.out, "⇢ 顺序：履职效能 › 整体效能 的下级指标\n"
                     "      A：部门整体绩效目标效益指标完成情况、部门整体绩效目标产出指标完成情况、部门预算资金支出率\n"
                     "      B：部门整体绩效目标产出指标完成情况、部门整体绩效目标效益指标完成情况、部门预算资金支出率"));
    CHECK(has(o.out, "未变：23 个指标两边相同（管理效率）"));
    // The district's data lacks the city's 专项效能 inputs: reported, and the rest still compares.
    CHECK(o.status == 1);
    CHECK(has(o.err, "缺少数据 `专项资金支出率`"));
    CHECK(has(o.out, "部门预算资金支出率                   5.00    10.00    +5.00  分值 5 → 10"));
    golden("guangzhou_huadu.txt", o.out);
}

TEST_CASE("diff: a ruleset against itself has no changes", "[diff]") {
    Out o = diff("rulesets/huadu/2023.pf rulesets/huadu/2023.pf");
    CHECK(o.status == 0);
    CHECK(has(o.out, "两者的指标体系相同"));
}
