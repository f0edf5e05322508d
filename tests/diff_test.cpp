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
    pingfen::test::check_golden(fs::path(PINGFEN_SOURCE_DIR) / "tests" / "diff" / name, actual);
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

namespace {

int count(const std::string& text, const std::string& part) {
    int n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

}  // namespace

// Issue 13, item 6: the cause is what the department met on each side, not the first changed tier.
TEST_CASE("diff: the cause of a score change is the tier the department met on each side", "[diff]") {
    // Huadu's 2023 data: 1222.61 / (年初 + 拨款) = 2.73%; A's tiers ≤ 10% → 2, B's ≤ 2% → 2, (2%, 5%] → 1.
    const std::string args = "tests/diff/carryover_a.pf tests/diff/carryover_b.pf --data rulesets/huadu/2023.example.json";
    Out o = diff(args);
    CHECK(o.status == 0);
    CHECK(has(o.out, "预算执行 › 结转结余率     2.00     1.00    −1.00  结余结转率 2.73%：≤ 10% 得 2 分 → (2%, 5%] 得 1 分\n"));
    CHECK(!has(o.out, "档位改变：≤ 10% 得 2 分 → ≤ 2% 得 2 分"));  // the first changed tier, which it did not meet under B
    Out en = diff(args + " --lang en");
    CHECK(has(en.out, "结余结转率 2.73%: ≤ 10% score 2 points → (2%, 5%] score 1 points\n"));
    SECTION("every format carries the cause, in both languages where it has them") {
        Out j = diff(args + " --format json");
        CHECK(has(j.out, "\"cause\": \"结余结转率 2.73%：≤ 10% 得 2 分 → (2%, 5%] 得 1 分\""));
        CHECK(has(j.out, "\"cause_en\": \"结余结转率 2.73%: ≤ 10% score 2 points → (2%, 5%] score 1 points\""));
        Out m = diff(args + " --format md");
        CHECK(has(m.out, "| 预算执行 › 结转结余率 | 2.00 | 1.00 | 结余结转率 2.73%：≤ 10% 得 2 分 → (2%, 5%] 得 1 分 |"));
        Out h = diff(args + " --format html");
        CHECK(has(h.out, "<td>预算执行 › 结转结余率</td><td class=\"n\">2.00</td><td class=\"n\">1.00</td>"
                         "<td>结余结转率 2.73%：≤ 10% 得 2 分 → (2%, 5%] 得 1 分</td>"));
        Out he = diff(args + " --format html --lang en");
        CHECK(has(he.out, "<td>结余结转率 2.73%: ≤ 10% score 2 points → (2%, 5%] score 1 points</td>"));
    }
}

TEST_CASE("diff: a changed weight, and a weight and tier changed together, are both said", "[diff]") {
    Out o = diff("tests/diff/a.pf tests/diff/b.pf --data tests/diff/depts.csv");
    // 乙局 at 18%: A's (10%, 20%] gives 1 of 2 points; B's weight is 3 and > 15% gives nothing.
    CHECK(has(o.out, "管理 › 预算 › 结转结余率     1.00     0.00    −1.00  分值 2 → 3；结余结转率 18%：(10%, 20%] 得 1 分 → > 15% 不得分\n"));
    Out city = diff("rulesets/guangzhou/2022.pf rulesets/huadu/2023.pf --data rulesets/huadu/2023.example.json");
    CHECK(has(city.out, "部门预算资金支出率                   5.00    10.00    +5.00  分值 5 → 10\n"));
}

TEST_CASE("diff: the cause names the deduction item and the goal row the department met", "[diff]") {
    // 问题数 2: A deducts 0.5 each (3 of 4), B 1 each (2 of 4). 培训人次 75 of 100: A's [60%, 100%]
    // proportional gives 0.75 × 3 = 2.25, B's < 80% nothing; 走访企业 at 100% scores 3 on both and is no cause.
    Out o = diff("tests/diff/causes_a.pf tests/diff/causes_b.pf --data tests/diff/causes.json");
    CHECK(o.status == 0);
    CHECK(has(o.out, "管理 › 合规     3.00     2.00    −1.00  问题数 2 项：每项 扣 0.5 分 → 每项 扣 1 分\n"));
    CHECK(has(o.out, "管理 › 产出     5.25     3.00    −2.25  培训人次，完成率 75%：[60%, 100%] 按 完成率 比例计分，封顶 100% → < 80% 不得分\n"));
    CHECK(!has(o.out, "走访企业"));
    Out en = diff("tests/diff/causes_a.pf tests/diff/causes_b.pf --data tests/diff/causes.json --lang en");
    CHECK(has(en.out, "问题数 2: deduct 0.5 points each → deduct 1 points each\n"));
    CHECK(has(en.out, "培训人次, completion rate 75%: [60%, 100%] by 完成率 proportional, cap 100% → < 80% zero\n"));
}

TEST_CASE("diff --data: a folder with no department in it is error E0415, exit 1", "[diff]") {
    fs::path base = fs::temp_directory_path() / ("pingfen_diff_empty_" + std::to_string(::getpid()));
    fs::remove_all(base);
    fs::create_directories(base / "empty");
    fs::create_directories(base / "nested" / "2023");
    fs::copy_file(fs::path(PINGFEN_SOURCE_DIR) / "tests" / "diff" / "dept.json", base / "nested" / "2023" / "dept.json");
    std::ofstream(base / "header_only.csv") << "部门,结余结转率\n";
    SECTION("an empty folder") {
        Out o = diff("tests/diff/a.pf tests/diff/b.pf --data " + (base / "empty").string());
        CHECK(o.status == 1);
        CHECK(has(o.err, "错误[E0415]：文件夹 `" + (base / "empty").string() + "` 中没有部门数据：只读取其中的 *.json、*.xlsx 和 *.data.pf 文件，不进入子文件夹\n"));
    }
    SECTION("a folder of folders") {
        Out o = diff("tests/diff/a.pf tests/diff/b.pf --data " + (base / "nested").string() + " --lang en");
        CHECK(o.status == 1);
        CHECK(has(o.err, "error[E0415]: folder `" + (base / "nested").string() +
                             "` holds no department data: only its *.json, *.xlsx and *.data.pf files are read, not its subfolders (it has 1 subfolder: 2023)"));
        CHECK(!has(o.out, "Scores"));
    }
    SECTION("a CSV with only its header") {
        Out o = diff("tests/diff/a.pf tests/diff/b.pf --data " + (base / "header_only.csv").string());
        CHECK(o.status == 1);
        CHECK(has(o.err, "E0415"));
    }
    SECTION("the folder that holds the files is read") {
        Out o = diff("tests/diff/a.pf tests/diff/b.pf --data " + (base / "nested" / "2023").string());
        CHECK(o.status == 0);
        CHECK(has(o.out, "得分：示例局"));
    }
    fs::remove_all(base);
}

TEST_CASE("diff: a department whose total is unknown on a side is not a change of grade", "[diff]") {
    // 丁局's 结余结转率 is "abc": its totals are unknown under both, so "—" → "—" is no grade change.
    const std::string args = "tests/diff/a.pf tests/diff/b.pf --data tests/diff/depts_unknown.csv";
    Out o = diff(args);
    CHECK(o.status == 1);
    CHECK(has(o.out, "4 个部门中 2 个等级改变；1 个无法比较（一侧总分未知），未计入\n"));
    CHECK(has(o.out, "  丁局                —        —           —      —\n"));  // listed last
    Out en = diff(args + " --lang en");
    CHECK(has(en.out, "2 of 4 departments change grade; 1 cannot be compared (a total is unknown) and are not counted\n"));
    Out j = diff(args + " --format json");
    CHECK(has(j.out, "\"summary\": {\"departments\": 4, \"grade_changed\": 2, \"not_comparable\": 1}"));
    CHECK(has(j.out, "\"department\": \"丁局\", \"total_a\": null, \"total_b\": null, \"grade_a\": \"\", \"grade_b\": \"\", \"comparable\": false"));
    Out m = diff(args + " --format md");
    CHECK(has(m.out, "4 个部门中 2 个等级改变；1 个无法比较（一侧总分未知），未计入"));
    Out h = diff(args + " --format html");
    CHECK(has(h.out, "<p>4 个部门中 2 个等级改变；1 个无法比较（一侧总分未知），未计入</p>"));
}

TEST_CASE("diff: a data error that both rulesets find is printed once", "[diff]") {
    Out o = diff("tests/diff/a.pf tests/diff/b.pf --data tests/diff/depts_unknown.csv");
    CHECK(count(o.err, "[E0402]") == 1);
    CHECK(has(o.err, "depts_unknown.csv:5:6: 错误[E0402]：数据 `结余结转率` 应为百分比，却是 \"abc\"；需要它的指标：管理 › 预算 › 结转结余率\n"));
    // Both declarations are shown under the one error.
    CHECK(has(o.err, "tests/diff/a.pf:6:3: 注：输入在这里声明"));
    CHECK(has(o.err, "tests/diff/b.pf:6:3: 注：输入在这里声明"));
    // A missing datum needed by an indicator renamed or moved in B: one error naming both.
    fs::path f = fs::temp_directory_path() / ("pingfen_diff_missing_" + std::to_string(::getpid()) + ".json");
    std::ofstream(f) << R"({"部门": "戊局", "数据": {"结余结转率": "5%", "问题数": 0, "旧输入": true, "新输入": true}})";
    Out m = diff("tests/diff/a.pf tests/diff/b.pf --data " + f.string());
    CHECK(m.status == 1);
    CHECK(count(m.err, "[E0401]") == 1);
    CHECK(has(m.err, "错误[E0401]：缺少数据 `做了盘点`（是否），需要它的指标：A：管理 › 资产 › 资产盘点情况；B：管理 › 资产 › 资产清查情况\n"));
    fs::remove(f);
}

TEST_CASE("diff: broken input gives a clear error and exit 1", "[diff]") {
    SECTION("a ruleset that does not exist") {
        Out o = diff("tests/diff/a.pf tests/diff/no_such.pf");
        CHECK(o.status == 1);
        CHECK(has(o.err, "错误[E0009]：无法打开文件 `tests/diff/no_such.pf`"));
    }
    SECTION("a data file that does not exist") {
        Out o = diff("tests/diff/a.pf tests/diff/b.pf --data tests/diff/no_such.json");
        CHECK(o.status == 1);
        CHECK(has(o.err, "错误[E0009]：无法打开文件 `tests/diff/no_such.json`"));
    }
    SECTION("a data file that is not JSON") {
        Out o = diff("tests/diff/a.pf tests/diff/b.pf --data tests/diff/a_b.md");
        CHECK(o.status == 1);
        CHECK(has(o.err, "错误[E0"));
    }
    SECTION("a ruleset with errors") {
        Out o = diff("tests/diff/a.pf tests/errors/E0201.pf");
        CHECK(o.status == 1);
        CHECK(has(o.err, "错误[E0201]"));
        CHECK(o.out.empty());
    }
}

TEST_CASE("diff: the cause names the branch, the steps deducted, and points that do not apply or moved in", "[diff]") {
    Out o = diff("tests/diff/branches_a.pf tests/diff/branches_b.pf --data tests/diff/branches.jsonl");
    CHECK(o.status == 0);
    // 甲局: 2 findings, 6.5% over budget.
    CHECK(has(o.out, "管理 › 盘点     2.00     0.00    −2.00  做了盘点：是，得满分 → 问题数 ≤ 1：不成立，不得分\n"));
    CHECK(has(o.out, "管理 › 超支     1.50     0.00    −1.50  超支率 6.5%：超过 5%，每增加 1% 扣 0.5 分：1 档 → 超过 2%，每增加 1% 扣 0.5 分：4 档\n"));
    CHECK(has(o.out, "管理 › 公开     1.00     0.00    −1.00  得满分 → 不适用，分值移至 管理 › 其他\n"));
    // 乙局: no finding, so 其他 scores the point 公开 moved to it under B.
    CHECK(has(o.out, "管理 › 其他     1.00     2.00    +1.00  分值 1 → 2（含移入的分值）\n"));
    Out en = diff("tests/diff/branches_a.pf tests/diff/branches_b.pf --data tests/diff/branches.jsonl --lang en");
    CHECK(has(en.out, "做了盘点: yes, full → 问题数 ≤ 1: does not hold, zero\n"));
    CHECK(has(en.out, "weight 1 → 2 (points moved in)\n"));
}
