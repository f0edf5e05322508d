// bind_data: a department's data bound to a ruleset once and scored many times gives exactly
// what scoring the data itself gives (sheets, explanations, leaf scores and diagnostics), and a
// goal table's targets ("≥800", "≤0", 越低越好) are read once when it is bound.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "pingfen/pingfen.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;
using pingfen::ScoreNode;
using pingfen::ScoreOptions;
using pingfen::ScoreResult;

void dump(std::span<const ScoreNode> nodes, std::string& out) {
    for (const auto& n : nodes) {
        out += n.name() + "|" + n.weight().to_string() + "|" + (n.score() ? n.score()->to_string() : "-") + "|" + n.basis() + "\n";
        dump(n.children(), out);
    }
}

// Everything a sheet says, with the diagnostics rendered.
std::string dump(const ScoreResult& r) {
    std::string out;
    for (const auto& d : r.diagnostics) out += pingfen::render(d);
    if (!r.sheet) return out + "no sheet";
    dump(r.sheet->indicators(), out);
    dump(r.sheet->adjustments(), out);
    return out + "total " + (r.sheet->total ? r.sheet->total->to_string() : "-") + " " + r.sheet->grade + " " +
           r.sheet->total_basis + " steps " + std::to_string(r.steps);
}

std::string dump(const pingfen::LeafScores& s) {
    std::string out;
    for (const auto& d : s.diagnostics) out += pingfen::render(d);
    for (const auto& l : s.leaves) out += (l ? l->to_string() : "-") + ",";
    return out + " total " + (s.total ? s.total->to_string() : "-") + " " + s.grade + " " + s.department;
}

// `from`, which must be in `text`, replaced there once by `to`.
void replace_first(std::string& text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
}

const std::string kHuadu = std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/2023.pf";
const std::string kExample = std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/2023.example.json";

void same_both_ways(const pingfen::Ruleset& r, const std::shared_ptr<const pingfen::DepartmentData>& d) {
    auto bound = pingfen::bind_data(r, d);
    REQUIRE(bound);
    for (bool explain : {false, true})
        for (auto lang : {pingfen::Language::Chinese, pingfen::Language::English}) {
            ScoreOptions o{.explain = explain, .language = lang};
            const std::string plain = dump(pingfen::score(r, *d, o));
            CHECK(dump(pingfen::score(r, *bound, o)) == plain);
            CHECK(dump(pingfen::score(r, *bound, o)) == plain);  // scoring it again: nothing left behind
            CHECK(dump(pingfen::score_leaves(r, *bound, o)) == dump(pingfen::score_leaves(r, *d, o)));
        }
}

}  // namespace

TEST_CASE("bind_data scores the huadu example exactly as its data") {
    auto c = pingfen::compile_file(kHuadu);
    REQUIRE(c.ok());
    auto d = pingfen::load_data_file(kExample);
    REQUIRE(d.ok());
    same_both_ways(*c.ruleset, d.data);
    auto s = pingfen::score_leaves(*c.ruleset, *pingfen::bind_data(*c.ruleset, d.data));
    REQUIRE(s.total);
    CHECK(s.total->to_fixed(2) == "96.50");
    CHECK(s.grade == "优");
}

TEST_CASE("bind_data keeps the data's errors and warnings for every scoring") {
    auto c = pingfen::compile_file(kHuadu);
    REQUIRE(c.ok());
    std::string json = pingfen::test::slurp(kExample);
    // A missing datum (E0401), a percentage written as 850 (E0403), a number as text and an
    // input the ruleset does not declare (W0401).
    replace_first(json, "\"应评估项目数\": 2,", "\"应评估项目数x\": 2,");
    replace_first(json, "\"年末结转和结余\": 1222.61", "\"年末结转和结余\": \"1222.61\"");
    replace_first(json, "\"99.88%\"", "850");
    auto d = pingfen::parse_data("bad.json", json);
    REQUIRE(d.ok());
    auto plain = pingfen::score(*c.ruleset, *d.data);
    std::string codes;
    for (const auto& x : plain.diagnostics) codes += x.code + " ";
    CHECK(codes.find("E0401") != std::string::npos);
    CHECK(codes.find("W0401") != std::string::npos);
    CHECK(codes.find("E0403") != std::string::npos);
    same_both_ways(*c.ruleset, d.data);
}

TEST_CASE("bind_data with another ruleset binds again instead of reading the wrong slots") {
    auto huadu = pingfen::compile_file(kHuadu);
    auto city = pingfen::compile_file(std::string(PINGFEN_SOURCE_DIR) + "/rulesets/guangzhou/2022.pf");
    REQUIRE(huadu.ok());
    REQUIRE(city.ok());
    auto d = pingfen::load_data_file(kExample);
    REQUIRE(d.ok());
    auto bound = pingfen::bind_data(*huadu.ruleset, d.data);
    REQUIRE(bound);
    CHECK(dump(pingfen::score(*city.ruleset, *bound)) == dump(pingfen::score(*city.ruleset, *d.data)));
    CHECK(dump(pingfen::score_leaves(*city.ruleset, *bound)) == dump(pingfen::score_leaves(*city.ruleset, *d.data)));
}

TEST_CASE("a goal table's targets are read when the data is bound") {
    auto c = pingfen::compile_source("g.pf", R"(规则集 "g" 年度 2023 总分 10
舍入 总分 四舍五入 保留 2 位
输入 {
  目标 目标表
}
指标 产出 10 {
  按 目标 完成率计分 {
    分值分配 按权重（分值）
    < 60%          不得分
    [60%, 100%]    按 完成率 比例计分，封顶 100%
    (100%, 150%]   得满分
    > 150%         得 分值 × 50% 分
  }
}
)");
    REQUIRE(c.ok());
    // ≥800 met at 1000 (125%: 4); ≤5% lower is better, 8% (5/8 = 62.5% of 2 = 1.25); 90 of 100
    // (90% of 3 = 2.7); 越低越好 with 120 against 100 (100/120 of 1 = 0.8333…); words met (0 of… 0: not met).
    auto d = pingfen::parse_data("g.json", R"({"部门": "甲", "年度": 2023, "数据": {"目标": [
      {"名称": "甲", "目标": "≥800", "实际": 1000, "权重": 4},
      {"名称": "乙", "目标": "≤5%", "实际": "8%", "权重": 2},
      {"名称": "丙", "目标": 100, "实际": "90", "权重": 3},
      {"名称": "丁", "目标": 100, "实际": 120, "方向": "越低越好", "权重": 0.5},
      {"名称": "戊", "目标": "是", "实际": "否", "权重": 0.5}
    ]}})");
    REQUIRE(d.ok());
    auto bound = pingfen::bind_data(*c.ruleset, d.data);
    REQUIRE(bound);
    auto s = pingfen::score_leaves(*c.ruleset, *bound);
    REQUIRE(s.leaves.size() == 1);
    REQUIRE(s.leaves[0]);
    // 4 + 1.25 + 2.7 + 0.5 × 100/120 + 0 = 7.95 + 0.41666… (only the total is rounded: 8.37)
    CHECK(s.leaves[0]->to_string().substr(0, 8) == "8.366666");
    REQUIRE(s.total);
    CHECK(s.total->to_string() == "8.37");
    same_both_ways(*c.ruleset, d.data);
}

// 按权重 checks every row's 权重 and adds them before scoring any row; with the data bound this is
// done once when binding (lower::bind_goal_rows), and must name the same row and give the same
// sum as scoring the data unbound.
TEST_CASE("a goal table's weights are checked and added when the data is bound") {
    auto c = pingfen::compile_source("g.pf", R"(规则集 "g" 年度 2023 总分 10
舍入 叶指标 四舍五入 保留 2 位
输入 {
  目标 目标表
}
指标 产出 10 {
  按 目标 完成率计分 {
    分值分配 按权重（分值）
    < 60%          不得分
    [60%, 100%]    按 完成率 比例计分，封顶 100%
    > 100%         得满分
  }
}
)");
    REQUIRE(c.ruleset);
    auto leaf_of = [&](const char* rows) {
        auto d = pingfen::parse_data("g.json", std::string(R"({"部门": "甲", "年度": 2023, "数据": {"目标": [)") + rows + "]}}");
        REQUIRE(d.data);
        auto bound = pingfen::bind_data(*c.ruleset, d.data);
        REQUIRE(bound);
        same_both_ways(*c.ruleset, d.data);
        auto leaves = pingfen::score_leaves(*c.ruleset, *bound);
        std::string out = leaves.leaves.size() == 1 && leaves.leaves[0] ? leaves.leaves[0]->to_string() : "-";
        for (const auto& diag : leaves.diagnostics) out += " " + diag.code + " " + diag.message_zh;
        return out;
    };
    // 3 + 7 = 10 points: 90% of 3 and all of 7.
    CHECK(leaf_of(R"({"名称": "甲", "目标": 100, "实际": 90, "权重": 3}, {"名称": "乙", "目标": 10, "实际": 11, "权重": 7})") ==
          "9.7");
    // The first row without a positive weight is named, not a later one.
    const std::string zero = leaf_of(R"({"名称": "甲", "目标": 100, "实际": 90, "权重": 3}, {"名称": "乙", "目标": 10, "实际": 11, "权重": 0},
                                        {"名称": "丙", "目标": 10, "实际": 11})");
    CHECK(zero.rfind("- E0501", 0) == 0);
    CHECK(zero.find("行“乙”的权重应为正数") != std::string::npos);
    const std::string missing = leaf_of(R"({"名称": "甲", "目标": 100, "实际": 90, "权重": 3}, {"名称": "乙", "目标": 10, "实际": 11},
                                           {"名称": "丙", "目标": 10, "实际": 11, "权重": 0})");
    CHECK(missing.find("行“乙”缺少 `权重`") != std::string::npos);
    // Positive weights that do not add up to the points: the sum bound with the data is the one said.
    const std::string short_sum = leaf_of(R"({"名称": "甲", "目标": 100, "实际": 90, "权重": 3}, {"名称": "乙", "目标": 10, "实际": 11, "权重": 6.5})");
    CHECK(short_sum.find("实为 9.5") != std::string::npos);
}

// score_leaves(r, bound, out): what a host scoring bound departments one after another calls
// with one LeafScores. Each call gives what the by-value call gives, whatever `out` held (a
// department with errors after a clean one and the reverse), in the buffers `out` already had.
TEST_CASE("score_leaves of bound data into a buffer gives each department what it gives alone") {
    auto c = pingfen::compile_file(kHuadu);
    REQUIRE(c.ok());
    const pingfen::Ruleset& r = *c.ruleset;
    std::string json = pingfen::test::slurp(kExample);
    auto good = pingfen::parse_data("good.json", json);
    REQUIRE(good.ok());
    // Another department with a datum left out (E0401: some leaves and the total unscored) and a
    // percentage written as 850 (E0403).
    replace_first(json, "\"应评估项目数\": 2,", "\"应评估项目数x\": 2,");
    replace_first(json, "\"99.88%\"", "850");
    replace_first(json, "广州市花都区科技工业商务和信息化局", "广州市花都区财政局");
    auto bad = pingfen::parse_data("bad.json", json);
    REQUIRE(bad.ok());
    auto good_bound = pingfen::bind_data(r, good.data);
    auto bad_bound = pingfen::bind_data(r, bad.data);
    REQUIRE(good_bound);
    REQUIRE(bad_bound);
    const std::string good_alone = dump(pingfen::score_leaves(r, *good_bound));
    const std::string bad_alone = dump(pingfen::score_leaves(r, *bad_bound));
    REQUIRE(good_alone != bad_alone);
    CHECK(good_alone.find("96.5") != std::string::npos);   // the example's total, and no diagnostic
    CHECK(good_alone.find("E0") == std::string::npos);
    CHECK(bad_alone.find("E0401") != std::string::npos);
    CHECK(bad_alone.find(" total - ") != std::string::npos);  // unscored: no total, no grade

    pingfen::LeafScores out;
    pingfen::score_leaves(r, *good_bound, out);
    CHECK(dump(out) == good_alone);
    const auto* leaves = out.leaves.data();
    const auto* department = out.department.data();  // longer than a string holds in place
    REQUIRE(out.department.size() > sizeof(std::string));
    pingfen::score_leaves(r, *bad_bound, out);  // errors after a clean department
    CHECK(dump(out) == bad_alone);
    CHECK(out.leaves.data() == leaves);          // the same buffers, written over
    CHECK(out.department.data() == department);
    pingfen::score_leaves(r, *good_bound, out);  // and a clean one after errors: none left over
    CHECK(dump(out) == good_alone);
    CHECK(out.diagnostics.empty());
    CHECK(out.leaves.data() == leaves);
    for (bool explain : {false, true})  // explain is ignored; the language is not
        for (auto lang : {pingfen::Language::Chinese, pingfen::Language::English}) {
            ScoreOptions o{.explain = explain, .language = lang};
            for (const auto* d : {&bad, &good, &bad}) {
                const auto& b = d == &good ? good_bound : bad_bound;
                pingfen::score_leaves(r, *b, out, o);
                CHECK(dump(out) == dump(pingfen::score_leaves(r, *b, o)));
                CHECK(dump(out) == dump(pingfen::score_leaves(r, *d->data, o)));  // unbound, by value
            }
        }
}
