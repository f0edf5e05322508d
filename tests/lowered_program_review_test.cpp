// An adversarial review of the lowered program (lower/program.hpp, eval/run_program.cpp) against
// the AST walk it stands in for: small rulesets aimed at each place the two could part — the
// order of evaluation and its steps, named values (cached, per context, failing), types, the
// range check a bounded rule skips, goal tables, deductions, parts, the step budget at every
// step. Each department is scored every way the public API offers (scoring_ways.hpp: a plain
// score runs the program, an explained one and pingfen diff's comparison walk the AST), with no
// step limit and then under every limit from 1 to one past its full count; all must agree in
// every number as written, every diagnostic and the steps.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pingfen/pingfen.hpp"
#include "scoring_ways.hpp"

namespace {

std::shared_ptr<const pingfen::Ruleset> compiled(const std::string& text) {
    auto c = pingfen::compile_source("review.pf", text);
    INFO((c.diagnostics.empty() ? std::string() : c.diagnostics[0].code + " " + c.diagnostics[0].message_zh));
    REQUIRE(c.ok());
    REQUIRE(c.diagnostics.empty());  // no warning either: each case is meant as written
    return c.ruleset;
}

// The first difference between score(explain=false) and any other way of scoring `data` on
// `text`, unlimited and under every step limit up to the full count; empty when all agree.
// `steps`, when not null, receives the full count.
std::string first_difference(const std::string& text, const std::string& data, std::uint64_t* steps = nullptr) {
    auto r = compiled(text);
    auto again = compiled(text);
    const pingfen::RulesetDiff self = pingfen::diff_rulesets(*r, *again);
    auto d = pingfen::parse_data("review.data.pf", data);
    REQUIRE(d.ok());
    pingfen::LeafScores reused;
    pingfen::test::WayOptions w;
    w.self_diff = &self;
    auto ways = pingfen::test::score_every_way(*r, again.get(), d.data, reused, w);
    const std::uint64_t full = ways[0].result->steps;
    if (steps) *steps = full;
    for (std::size_t k = 1; k < ways.size(); ++k) {
        const std::string diff = pingfen::test::differences(ways[0], ways[k]);
        if (!diff.empty()) return "unlimited, vs " + ways[k].way + ":\n" + diff;
    }
    for (std::uint64_t max = 1; max <= full + 1; ++max) {
        pingfen::test::WayOptions limited;
        limited.max_steps = max;
        auto ws = pingfen::test::score_every_way(*r, again.get(), d.data, reused, limited);
        for (std::size_t k = 1; k < ws.size(); ++k) {
            const std::string diff = pingfen::test::differences(ws[0], ws[k]);
            if (!diff.empty()) return "max_steps " + std::to_string(max) + ", vs " + ws[k].way + ":\n" + diff;
        }
    }
    return "";
}

// Leaf scores of a plain score, "-" for one not scored, and the diagnostics' codes.
std::string plain_outcome(const std::string& text, const std::string& data) {
    auto r = compiled(text);
    auto d = pingfen::parse_data("review.data.pf", data);
    REQUIRE(d.ok());
    const pingfen::ScoreResult res = pingfen::score(*r, *d.data, {.explain = false});
    pingfen::test::Outcome o = pingfen::test::from_result("plain", res, {.explain = false});
    std::string out;
    for (const auto& l : o.leaves) out += (l ? l->to_plain() : std::string("-")) + " ";
    for (const auto& diag : res.diagnostics) out += diag.code + " ";
    return out;
}

}  // namespace

// Found by this review: a band's bound written as an expression (分值 × 8%) is evaluated by the
// AST walk inside the program's goal row, counting and checking each step. The program checks
// the budget only when it ends or hands over, so the walk began past the budget and stopped at
// the band (E0502 there, 5 steps counted) where the AST walk stops at the table (4 steps).
TEST_CASE("Review: a qualitative band whose bound is an expression stops under a step budget where the AST walk does",
          "[program_review]") {
    const std::string text = R"(规则集 "定性档次" 年度 2023 总分 10
舍入 叶指标 四舍五入 保留 2 位
输入 { 效益目标 目标表 }
指标 效益指标完成情况 10 {
  按 效益目标 完成率计分 {
    分值分配 平均分配
    < 60%          不得分
    [60%, 100%]    按 完成率 比例计分，封顶 100%
    > 100%         得满分
    定性 { 达成 [分值 × 1% + 分值 × 1% + 分值 × 1% + 分值 × 1% + 分值 × 1% + 分值 × 1% + 分值 × 1% + 分值 × 1%, 100%]  部分达成 [60%, 80%)  未达成 [0, 60%) }
  }
}
)";
    const std::string data = R"(数据 "甲局" 年度 2023 {
  效益目标 = [ { 名称: "一", 目标: 100, 实际: 90 }, { 名称: "二", 目标: "效果明显", 实际: "好", 档次: "达成", 得分率: 90%, 说明: "好" } ] })";
    std::uint64_t steps = 0;
    const std::string diff = first_difference(text, data, &steps);
    INFO(diff);
    CHECK(diff.empty());
    // By hand: the table 1; row one 1, its 完成率 in 比例计分 1; row two 1, the band's low bound
    // 8 products (× and 分值, the literal none: 16) and 7 sums: 23. 27 in all.
    CHECK(steps == 27);
    CHECK(plain_outcome(text, data) == "9.00 ");  // 5 × 90% + 5 × 90%
}

// Found by this review (the AST walk's own inconsistency, which the differential test flags): a
// literal as the subject of 分档, 比例计分 or 每增加 is read by number() without a step when
// plain, but was read by value() with one when explained, so the two counted differently and a
// step budget stopped the explained score a leaf early.
TEST_CASE("Review: a literal subject of tiers, a proportion or steps costs no step, explained or not", "[program_review]") {
    const std::string text = R"(规则集 "字面" 年度 2023 总分 8
舍入 叶指标 四舍五入 保留 2 位
输入 { 甲 数值 }
指标 一 2 { 按 95% 分档 { ≥ 90% 得满分  其余 不得分 } }
指标 二 2 { 按 50% 比例计分，封顶 100% }
指标 三 2 { 按 7% 每增加 5%（含） 扣 0.5 分，不足一档按一档计，扣完为止 }
指标 四 2 { 若 甲 > 0 则 得满分 否则 不得分 }
)";
    const std::string data = R"(数据 "甲局" 年度 2023 { 甲 = 1 })";
    std::uint64_t steps = 0;
    const std::string diff = first_difference(text, data, &steps);
    INFO(diff);
    CHECK(diff.empty());
    CHECK(steps == 2);  // 甲 > 0: the comparison and 甲
    CHECK(plain_outcome(text, data) == "2.00 1.00 1.00 2.00 ");
    // The explanation still shows the literal it scored on.
    auto r = compiled(text);
    auto d = pingfen::parse_data("review.data.pf", data);
    const pingfen::ScoreResult explained = pingfen::score(*r, *d.data, {.explain = true});
    REQUIRE(explained.sheet);
    CHECK(explained.steps == 2);
    CHECK(explained.sheet->indicators()[1].basis().find("50%") != std::string::npos);
}

// Found by this review (the AST walk's): an error of a goal row wrote its Chinese message in the
// sheet's language — "[weight × 8%, 100%]" and "row 1" in message_zh when scoring in English.
TEST_CASE("Review: a goal row's error says its Chinese message in Chinese whatever the sheet's language", "[program_review]") {
    const std::string text = R"(规则集 "目标" 年度 2023 总分 10
舍入 叶指标 四舍五入 保留 2 位
输入 { 产出 目标表 }
指标 平均 10 {
  按 产出 完成率计分 {
    分值分配 平均分配
    < 60%          不得分
    其余            按 完成率 比例计分，封顶 100%
    定性 { 达成 [分值 × 8%, 100%]  未达成 [0, 80%) }
  }
}
)";
    auto r = compiled(text);
    for (const char* rows : {R"([ { 名称: "二", 目标: "效果明显", 实际: "好", 档次: "达成", 得分率: 70%, 说明: "好" } ])",
                             R"([ { 目标: 0, 实际: 1 } ])"}) {
        auto d = pingfen::parse_data("review.data.pf", std::string("数据 \"甲局\" 年度 2023 { 产出 = ") + rows + " }");
        REQUIRE(d.ok());
        const pingfen::ScoreResult zh = pingfen::score(*r, *d.data, {.explain = true});
        const pingfen::ScoreResult en = pingfen::score(*r, *d.data, {.explain = true, .language = pingfen::Language::English});
        REQUIRE(zh.diagnostics.size() == 1);
        REQUIRE(en.diagnostics.size() == 1);
        CHECK(zh.diagnostics[0].message_zh == en.diagnostics[0].message_zh);
        CHECK(zh.diagnostics[0].message_en == en.diagnostics[0].message_en);
        CHECK(en.diagnostics[0].message_zh.find("weight") == std::string::npos);
        CHECK(en.diagnostics[0].message_zh.find("row 1") == std::string::npos);
    }
}
