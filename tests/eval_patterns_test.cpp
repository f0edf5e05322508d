// Evaluation of every scoring construct of the language, against the worked examples of the rule
// catalog (/work/shared/docs/rule-catalog.md, P3–P19) and every tier boundary on both sides.
// Only the public API is used: compile_source, parse_data, score, render.
//
// Every expected value below is worked out from the catalog's arithmetic, never copied from the
// program's output.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace {

using pingfen::Decimal;
using pingfen::Diagnostic;
using pingfen::ScoreNode;

Decimal D(const char* s) { return *Decimal::parse(s); }

const char* const kGrades =
    "等级 {\n"
    "  优  [90, 100]\n"
    "  良  [80, 90)\n"
    "  中  [60, 80)\n"
    "  差  < 60\n"
    "}\n";

const char* const kLeafRounding = "舍入 叶指标 四舍五入 保留 2 位\n";

std::string diagnostics_text(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) out += pingfen::render(d);
    return out;
}

std::string codes_of(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) out += (out.empty() ? "" : " ") + d.code;
    return out;
}

const Diagnostic* find_code(const std::vector<Diagnostic>& ds, const std::string& code) {
    for (const auto& d : ds)
        if (d.code == code) return &d;
    return nullptr;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// A tiny ruleset around one leaf indicator X of weight `weight`.
std::string leaf_ruleset(const std::string& inputs, const std::string& weight, const std::string& rule,
                         const std::string& rounding = kLeafRounding) {
    return "规则集 \"t\" 年度 2023 总分 " + weight + "\n" + rounding + kGrades + "输入 {\n" + inputs + "\n}\n" +
           "指标 X " + weight + " {\n  " + rule + "\n}\n";
}

// Department data in the language's own block.
std::string block(const std::string& entries) { return "数据 \"测试部门\" 年度 2023 {\n  " + entries + "\n}\n"; }

struct Run {
    pingfen::CompileResult compiled;
    pingfen::DataResult data;
    std::optional<pingfen::ScoreResult> scored;
    std::string diagnostics;  // everything reported, rendered

    const pingfen::ScoreSheet* sheet() const { return scored && scored->sheet ? &*scored->sheet : nullptr; }
    std::vector<Diagnostic> score_diagnostics() const { return scored ? scored->diagnostics : std::vector<Diagnostic>{}; }
};

Run run(const std::string& ruleset, const std::string& data, const pingfen::ScoreOptions& opts = {}) {
    Run r;
    r.compiled = pingfen::compile_source("t.pf", ruleset);
    r.diagnostics += diagnostics_text(r.compiled.diagnostics);
    bool json = !data.empty() && data.front() == '{';
    r.data = pingfen::parse_data(json ? "data.json" : "data.pf", data);
    r.diagnostics += diagnostics_text(r.data.diagnostics);
    if (r.compiled.ok() && r.data.ok()) {
        r.scored = pingfen::score(*r.compiled.ruleset, *r.data.data, opts);
        r.diagnostics += diagnostics_text(r.scored->diagnostics);
    }
    return r;
}

const ScoreNode* find_node(std::span<const ScoreNode> nodes, const std::string& name) {
    for (const auto& n : nodes) {
        if (n.name() == name) return &n;
        if (const ScoreNode* c = find_node(n.children(), name)) return c;
    }
    return nullptr;
}

// The score of indicator `name` as text with two decimals, or "未评分" followed by every
// diagnostic when it could not be scored or anything reported an error.
std::string node_score(const Run& r, const std::string& name) {
    const pingfen::ScoreSheet* s = r.sheet();
    const ScoreNode* n = s ? find_node(s->indicators(), name) : nullptr;
    bool errors = pingfen::has_errors(r.compiled.diagnostics) || pingfen::has_errors(r.data.diagnostics) ||
                  pingfen::has_errors(r.score_diagnostics());
    if (!n || !n->score() || errors) return "未评分\n" + r.diagnostics;
    return n->score()->to_fixed(2);
}

// Builds the one-leaf ruleset, scores `data` with it and returns X's score text ("4.62") or the
// diagnostics. Leaf scores are rounded by the ruleset, so the score must already be exact at two
// decimals (to_fixed would otherwise hide a missing rounding).
std::string leaf(const std::string& inputs, const std::string& weight, const std::string& rule,
                 const std::string& data) {
    Run r = run(leaf_ruleset(inputs, weight, rule), data);
    std::string text = node_score(r, "X");
    if (const auto* s = r.sheet()) {
        if (const ScoreNode* n = find_node(s->indicators(), "X"); n && n->score()) {
            INFO("leaf score " << n->score()->to_string() << " is not rounded to 2 places");
            CHECK(*n->score() == n->score()->round_half_up(2));
        }
    }
    return text;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// P3 proportional score, capped
// ---------------------------------------------------------------------------------------------

TEST_CASE("P3 proportional: rate × weight, capped at 100%", "[patterns]") {
    const std::string in = "率 百分比";
    const std::string rule = "按 率 比例计分，封顶 100%";
    auto at = [&](const std::string& w, const std::string& rate) { return leaf(in, w, rule, block("率 = " + rate)); };

    CHECK(at("5", "92.31%") == "4.62");   // 4.6155 → 4.62 (003 专项资金支出率)
    CHECK(at("5", "90%") == "4.50");      // 003 部门预算资金支出率
    CHECK(at("10", "97.9%") == "9.79");   // 000
    CHECK(at("10", "99.99%") == "10.00"); // 9.999 → 10 (002)
    CHECK(at("1", "94%") == "0.94");      // 003 采购政策效能
    CHECK(at("5", "120%") == "5.00");     // capped at 100%
    CHECK(at("5", "100%") == "5.00");
    CHECK(at("5", "0%") == "0.00");
}

TEST_CASE("P3 proportional: the rate computed from two amounts (采购政策效能)", "[patterns]") {
    const std::string in = "面向中小企业采购金额 金额(万元) ≥ 0\n中小企业预留金额 金额(万元) > 0";
    const std::string rule = "采购比例 = 面向中小企业采购金额 / 中小企业预留金额\n  按 采购比例 比例计分，封顶 100%";
    CHECK(leaf(in, "1", rule, block("面向中小企业采购金额 = 94  中小企业预留金额 = 100")) == "0.94");
    CHECK(leaf(in, "1", rule, block("面向中小企业采购金额 = 356.80  中小企业预留金额 = 320.00")) == "1.00");
}

// ---------------------------------------------------------------------------------------------
// P5 tiers
// ---------------------------------------------------------------------------------------------

TEST_CASE("P5 tiers: 结余结转率, every boundary on both sides", "[patterns]") {
    const std::string in = "x 百分比";
    const std::string rule =
        "按 x 分档 {\n"
        "    ≤ 10%          得 2 分\n"
        "    (10%, 20%]     得 1 分\n"
        "    (20%, 30%]     得 0.5 分\n"
        "    > 30%          不得分\n"
        "  }";
    auto at = [&](const std::string& v) { return leaf(in, "2", rule, block("x = " + v)); };
    CHECK(at("0%") == "2.00");
    CHECK(at("10%") == "2.00");
    CHECK(at("10.01%") == "1.00");
    CHECK(at("20%") == "1.00");
    CHECK(at("20.01%") == "0.50");
    CHECK(at("30%") == "0.50");
    CHECK(at("30.01%") == "0.00");
    CHECK(at("100%") == "0.00");
}

TEST_CASE("P5 tiers: 结余结转率 computed from amounts, 1222.61 / 44792.02 = 2.73% → 2", "[patterns]") {
    const std::string in =
        "年末结转和结余 金额(万元) ≥ 0\n"
        "年初结转和结余 金额(万元) ≥ 0\n"
        "一般公共预算拨款 金额(万元) > 0\n"
        "政府性基金预算拨款 金额(万元) ≥ 0";
    const std::string rule =
        "结余结转率 = 年末结转和结余 / (年初结转和结余 + 一般公共预算拨款 + 政府性基金预算拨款)\n"
        "  按 结余结转率 分档 {\n"
        "    ≤ 10%          得 2 分\n"
        "    (10%, 20%]     得 1 分\n"
        "    (20%, 30%]     得 0.5 分\n"
        "    > 30%          不得分\n"
        "  }";
    auto at = [&](const std::string& end, const std::string& start, const std::string& general,
                  const std::string& fund) {
        return leaf(in, "2", rule,
                    "{\"年末结转和结余\": " + end + ", \"年初结转和结余\": " + start + ", \"一般公共预算拨款\": " +
                        general + ", \"政府性基金预算拨款\": " + fund + "}");
    };
    CHECK(at("1222.61", "0", "44792.02", "0") == "2.00");
    CHECK(at("1222.61", "2343.83", "42448.19", "0.00") == "2.00");  // the three parts sum to 44792.02
    // Exactly 10% computed from amounts is still the first tier; a hair above is the second.
    CHECK(at("4479.202", "0", "44792.02", "0") == "2.00");
    CHECK(at("4479.21", "0", "44792.02", "0") == "1.00");
    CHECK(at("300", "0", "1000", "0") == "0.50");  // 30% exactly
    CHECK(at("301", "0", "1000", "0") == "0.00");
}

TEST_CASE("P5 tiers: 固定资产利用率, every boundary on both sides", "[patterns]") {
    const std::string in = "利用率 百分比";
    const std::string rule =
        "按 利用率 分档 {\n"
        "    ≥ 90%          得 2 分\n"
        "    [75%, 90%)     得 1.5 分\n"
        "    [60%, 75%)     得 1 分\n"
        "    < 60%          不得分\n"
        "  }";
    auto at = [&](const std::string& v) { return leaf(in, "2", rule, block("利用率 = " + v)); };
    CHECK(at("100%") == "2.00");
    CHECK(at("90%") == "2.00");
    CHECK(at("89.99%") == "1.50");
    CHECK(at("75%") == "1.50");
    CHECK(at("74.99%") == "1.00");
    CHECK(at("60%") == "1.00");
    CHECK(at("59.99%") == "0.00");
    CHECK(at("0%") == "0.00");
}

TEST_CASE("P5 tiers: 固定资产利用率 computed from amounts", "[patterns]") {
    const std::string in = "在用固定资产总额 金额(万元) ≥ 0\n固定资产总额 金额(万元) > 0";
    const std::string rule =
        "利用率 = 在用固定资产总额 / 固定资产总额\n"
        "  按 利用率 分档 {\n"
        "    ≥ 90%          得 2 分\n"
        "    [75%, 90%)     得 1.5 分\n"
        "    [60%, 75%)     得 1 分\n"
        "    < 60%          不得分\n"
        "  }";
    auto at = [&](const std::string& used, const std::string& all) {
        return leaf(in, "2", rule, block("在用固定资产总额 = " + used + "  固定资产总额 = " + all));
    };
    CHECK(at("1865.42", "1902.37") == "2.00");  // 98.06%
    CHECK(at("900", "1000") == "2.00");         // 90% exactly
    CHECK(at("899.99", "1000") == "1.50");
    CHECK(at("750", "1000") == "1.50");
    CHECK(at("749.99", "1000") == "1.00");
    CHECK(at("600", "1000") == "1.00");
    CHECK(at("599.99", "1000") == "0.00");
}

TEST_CASE("P5 tiers: 合同签订及时率, every boundary on both sides", "[patterns]") {
    const std::string in = "及时率 百分比";
    const std::string rule =
        "按 及时率 分档 {\n"
        "    ≥ 100%         得 3 分\n"
        "    [90%, 100%)    得 2 分\n"
        "    [80%, 90%)     得 1 分\n"
        "    < 80%          不得分\n"
        "  }";
    auto at = [&](const std::string& v) { return leaf(in, "3", rule, block("及时率 = " + v)); };
    CHECK(at("100%") == "3.00");
    CHECK(at("99.99%") == "2.00");
    CHECK(at("90%") == "2.00");
    CHECK(at("89.99%") == "1.00");
    CHECK(at("80%") == "1.00");
    CHECK(at("79.99%") == "0.00");

    SECTION("the standard's own wording, = 100%") {
        const std::string eq_rule =
            "按 及时率 分档 {\n"
            "    = 100%         得 3 分\n"
            "    [90%, 100%)    得 2 分\n"
            "    [80%, 90%)     得 1 分\n"
            "    < 80%          不得分\n"
            "  }";
        // Read literally, = 100% leaves every rate above 100% in no tier: the checker says so
        // before any data is scored, unless the rate is declared to stay within [0, 100%].
        Run open = run(leaf_ruleset(in, "3", eq_rule), block("及时率 = 100%"));
        REQUIRE_FALSE(open.compiled.ok());
        const Diagnostic* gap = find_code(open.compiled.diagnostics, "E0703");
        REQUIRE(gap);
        CHECK(contains(gap->message_zh, "(100%, +∞)"));
        const std::string bounded = "及时率 百分比 [0, 100%]";
        auto eq_at = [&](const std::string& v) { return leaf(bounded, "3", eq_rule, block("及时率 = " + v)); };
        CHECK(eq_at("100%") == "3.00");
        CHECK(eq_at("99.99%") == "2.00");
        CHECK(eq_at("79.99%") == "0.00");
    }
}

TEST_CASE("P5 tiers: 合同签订及时率 computed from counts", "[patterns]") {
    const std::string in = "按时签订合同数 计数\n合同项目总数 计数 > 0";
    const std::string rule =
        "合同签订及时率 = 按时签订合同数 / 合同项目总数\n"
        "  按 合同签订及时率 分档 {\n"
        "    ≥ 100%         得 3 分\n"
        "    [90%, 100%)    得 2 分\n"
        "    [80%, 90%)     得 1 分\n"
        "    < 80%          不得分\n"
        "  }";
    auto at = [&](int on_time, int all) {
        return leaf(in, "3", rule,
                    "{\"按时签订合同数\": " + std::to_string(on_time) + ", \"合同项目总数\": " + std::to_string(all) + "}");
    };
    CHECK(at(12, 12) == "3.00");
    CHECK(at(11, 12) == "2.00");  // 91.67%
    CHECK(at(9, 10) == "2.00");   // 90% exactly
    CHECK(at(8, 10) == "1.00");   // 80% exactly
    CHECK(at(7, 10) == "0.00");
}

TEST_CASE("P5 tiers: tiers with a gap are an error before any data is scored", "[patterns]") {
    const std::string in = "x 百分比";
    const std::string gapped =
        "按 x 分档 {\n"
        "    ≤ 10%          得 2 分\n"
        "    (20%, 30%]     得 0.5 分\n"
        "    > 30%          不得分\n"
        "  }";
    Run r = run(leaf_ruleset(in, "2", gapped), block("x = 15%"));
    INFO(r.diagnostics);
    REQUIRE_FALSE(r.compiled.ok());
    const Diagnostic* gap = find_code(r.compiled.diagnostics, "E0703");
    REQUIRE(gap);
    CHECK(contains(gap->message_zh, "(10%, 20%]"));
    CHECK(gap->line > 0);
}

// ---------------------------------------------------------------------------------------------
// P6 deductions, floored at zero
// ---------------------------------------------------------------------------------------------

TEST_CASE("P6 deductions: per finding and conditional, never below zero", "[patterns]") {
    const std::string in = "问题数 计数\n无规程 是否";
    const std::string rule =
        "扣分 {\n"
        "    问题数 每项 扣 0.5 分\n"
        "    若 无规程 扣 0.5 分\n"
        "  }，扣完为止";
    auto at = [&](const std::string& n, const std::string& none) {
        return leaf(in, "2", rule, block("问题数 = " + n + "  无规程 = " + none));
    };
    CHECK(at("0", "否") == "2.00");
    CHECK(at("1", "否") == "1.50");  // 003 资产管理合规性: 1.5 of 2 with one finding
    CHECK(at("2", "否") == "1.00");
    CHECK(at("4", "否") == "0.00");  // exactly used up
    CHECK(at("5", "否") == "0.00");  // 2.5 deducted, floored at 0
    CHECK(at("0", "是") == "1.50");
    CHECK(at("1", "是") == "1.00");
    CHECK(at("3", "是") == "0.00");  // exactly used up
    CHECK(at("4", "是") == "0.00");  // 2.5 deducted, floored at 0
    CHECK(at("100", "是") == "0.00");
}

TEST_CASE("P6 deductions: three kinds of finding (财务管理合规性)", "[patterns]") {
    const std::string in = "限期整改问题数 计数\n套取挪用问题数 计数\n重复或未整改问题数 计数";
    const std::string rule =
        "扣分 {\n"
        "    限期整改问题数      每项 扣 0.5 分\n"
        "    套取挪用问题数      每项 扣 0.5 分\n"
        "    重复或未整改问题数  每项 扣 1 分\n"
        "  }，扣完为止";
    auto at = [&](int a, int b, int c) {
        return leaf(in, "2", rule,
                    block("限期整改问题数 = " + std::to_string(a) + "  套取挪用问题数 = " + std::to_string(b) +
                          "  重复或未整改问题数 = " + std::to_string(c)));
    };
    CHECK(at(0, 0, 0) == "2.00");
    CHECK(at(1, 0, 0) == "1.50");
    CHECK(at(0, 1, 0) == "1.50");
    CHECK(at(0, 0, 1) == "1.00");
    CHECK(at(1, 1, 0) == "1.00");
    CHECK(at(1, 1, 1) == "0.00");
    CHECK(at(2, 2, 2) == "0.00");
}

TEST_CASE("P6 deductions: the amount depends on a condition (新增预算项目事前绩效评估)", "[patterns]") {
    const std::string in = "应评估项目数 计数\n未评估项目数 计数";
    const std::string rule =
        "扣分 {\n"
        "    未评估项目数 每项 扣 (若 应评估项目数 > 3 则 0.5 否则 1) 分\n"
        "  }，扣完为止";
    auto at = [&](int due, int missed) {
        return leaf(in, "3", rule,
                    block("应评估项目数 = " + std::to_string(due) + "  未评估项目数 = " + std::to_string(missed)));
    };
    CHECK(at(4, 1) == "2.50");  // more than 3: −0.5 each
    CHECK(at(3, 1) == "2.00");  // 3 or fewer: −1 each
    CHECK(at(3, 3) == "0.00");
    CHECK(at(2, 0) == "3.00");
    CHECK(at(5, 5) == "0.50");
    CHECK(at(6, 6) == "0.00");  // 3 deducted, exactly used up
    CHECK(at(8, 7) == "0.00");  // 3.5 deducted, floored
}

// ---------------------------------------------------------------------------------------------
// P7 step deduction over a continuous excess
// ---------------------------------------------------------------------------------------------

namespace {
const char* const kStepUp =
    "若 控制率 ≤ 0 则 得满分\n  否则 按 控制率 每增加 5%（含） 扣 0.5 分，不足一档按一档计，扣完为止";
const char* const kStepDown =
    "若 控制率 ≤ 0 则 得满分\n  否则 按 控制率 每增加 5%（含） 扣 0.5 分，不足一档不计，扣完为止";
}  // namespace

TEST_CASE("P7 step deduction: partial steps rounded up or down", "[patterns]") {
    const std::string in = "控制率 百分比";
    auto up = [&](const std::string& v) { return leaf(in, "2", kStepUp, block("控制率 = " + v)); };
    auto down = [&](const std::string& v) { return leaf(in, "2", kStepDown, block("控制率 = " + v)); };

    // 12%: 2.4 steps → 3 (2 − 1.5 = 0.5) rounded up; 2 (2 − 1 = 1) rounded down.
    CHECK(up("12%") == "0.50");
    CHECK(down("12%") == "1.00");
    // Exactly 5% is one whole step (（含）) either way.
    CHECK(up("5%") == "1.50");
    CHECK(down("5%") == "1.50");
    CHECK(up("10%") == "1.00");
    CHECK(down("10%") == "1.00");
    // ≤ 0: full points.
    CHECK(up("0%") == "2.00");
    CHECK(down("0%") == "2.00");
    CHECK(up("-3%") == "2.00");
    CHECK(down("-3%") == "2.00");
    // A hair above 0.
    CHECK(up("0.01%") == "1.50");
    CHECK(down("0.01%") == "2.00");
    // Just under a whole step.
    CHECK(up("4.99%") == "1.50");
    CHECK(down("4.99%") == "2.00");
    CHECK(up("19.99%") == "0.00");  // 4 steps, 2 deducted
    CHECK(down("19.99%") == "0.50");  // 3 steps
    // 20% is exactly 4 steps; 40% is 8 steps, floored at 0.
    CHECK(up("20%") == "0.00");
    CHECK(down("20%") == "0.00");
    CHECK(up("40%") == "0.00");
    CHECK(down("40%") == "0.00");
}

TEST_CASE("P7 step deduction: the basis above and below a base, said the same way", "[patterns]") {
    pingfen::ScoreOptions explain;
    explain.explain = true;
    auto basis = [&](const std::string& rule, const std::string& v, pingfen::Language lang = pingfen::Language::Chinese) {
        explain.language = lang;
        Run r = run(leaf_ruleset("率 百分比", "2", rule), block("率 = " + v), explain);
        const ScoreNode* n = r.sheet() ? find_node(r.sheet()->indicators(), "X") : nullptr;
        return n ? n->basis() : "未评分\n" + r.diagnostics;
    };
    const std::string up = "按 率 每增加 5%（含） 扣 0.5 分，不足一档不计，扣完为止";
    const std::string down = "按 率 低于 100% 每低于 5% 扣 0.5 分，不足一档不计，扣完为止";
    // Above 0 but short of a whole step: nothing deducted, said as such (not "扣 0 分").
    CHECK(basis(up, "4.99%") == "率 4.99% > 0%，每增加 5% 扣 0.5 分，不足一档不计：4.99% ÷ 5% = 0.998 → 0 档，不扣分，得满分 2 分");
    CHECK(basis(up, "12%") == "率 12% > 0%，每增加 5% 扣 0.5 分，不足一档不计：12% ÷ 5% = 2.4 → 2 档，扣 1 分，得 1 分");
    CHECK(basis(up, "12%", pingfen::Language::English) ==
          "率 12% > 0%; 0.5 per 5% more, a partial step does not count: 12% ÷ 5% = 2.4 → 2 steps; deduct 1: 1 points");
    CHECK(basis(down, "95.01%") ==
          "率 95.01% < 100%，每低于 5% 扣 0.5 分，不足一档不计：(100% − 95.01%) ÷ 5% = 0.998 → 0 档，不扣分，得满分 2 分");
    CHECK(basis(down, "88%") == "率 88% < 100%，每低于 5% 扣 0.5 分，不足一档不计：(100% − 88%) ÷ 5% = 2.4 → 2 档，扣 1 分，得 1 分");
    CHECK(basis(down, "100%") == "率 100% ≥ 100%，不扣分，得满分 2 分");
    CHECK(basis(up, "0%") == "率 0% ≤ 0%，不扣分，得满分 2 分");
}

TEST_CASE("P7 step deduction: 控制率 computed from 公用经费 amounts", "[patterns]") {
    const std::string in = "实际公用经费 金额(万元) ≥ 0\n预算公用经费 金额(万元) > 0";
    const std::string rule = std::string("控制率 = (实际公用经费 - 预算公用经费) / 预算公用经费\n  ") + kStepUp;
    auto at = [&](const std::string& actual, const std::string& budget) {
        return leaf(in, "2", rule, block("实际公用经费 = " + actual + "  预算公用经费 = " + budget));
    };
    CHECK(at("412.50", "412.50") == "2.00");  // 控制率 0
    CHECK(at("400", "412.50") == "2.00");     // below budget
    CHECK(at("112", "100") == "0.50");        // 12%, 3 steps
    CHECK(at("105", "100") == "1.50");        // 5%, 1 step
}

TEST_CASE("P7 step deduction: the basis shows the number of steps", "[patterns]") {
    const std::string in = "控制率 百分比";
    pingfen::ScoreOptions opts;
    opts.explain = true;
    {
        Run r = run(leaf_ruleset(in, "2", kStepUp), block("控制率 = 12%"), opts);
        INFO(r.diagnostics);
        REQUIRE(r.sheet());
        const ScoreNode* x = find_node(r.sheet()->indicators(), "X");
        REQUIRE(x);
        INFO("basis: " << x->basis());
        CHECK(contains(x->basis(), "3 档"));
        CHECK(contains(x->basis(), "不足一档按一档计"));
    }
    {
        Run r = run(leaf_ruleset(in, "2", kStepDown), block("控制率 = 12%"), opts);
        INFO(r.diagnostics);
        REQUIRE(r.sheet());
        const ScoreNode* x = find_node(r.sheet()->indicators(), "X");
        REQUIRE(x);
        INFO("basis: " << x->basis());
        CHECK(contains(x->basis(), "2 档"));
        CHECK(contains(x->basis(), "不足一档不计"));
    }
}

TEST_CASE("P7 step deduction: leaving out the step rounding is a syntax error naming the choice", "[patterns]") {
    const std::string rule = "若 控制率 ≤ 0 则 得满分\n  否则 按 控制率 每增加 5%（含） 扣 0.5 分，扣完为止";
    auto c = pingfen::compile_source("t.pf", leaf_ruleset("控制率 百分比", "2", rule));
    INFO(diagnostics_text(c.diagnostics));
    CHECK_FALSE(c.ok());
    REQUIRE(pingfen::has_errors(c.diagnostics));
    bool named = false;
    for (const auto& d : c.diagnostics)
        if (d.severity == pingfen::Severity::Error && contains(d.message_zh, "不足一档按一档计")) named = true;
    CHECK(named);
}

// ---------------------------------------------------------------------------------------------
// P8 yes/no
// ---------------------------------------------------------------------------------------------

TEST_CASE("P8 yes/no: full or nothing, from JSON booleans, 是/否 strings and the data block", "[patterns]") {
    const std::string in = "做了资产盘点 是否";
    const std::string rule = "若 做了资产盘点 则 得满分 否则 不得分";
    CHECK(leaf(in, "1", rule, "{\"做了资产盘点\": true}") == "1.00");
    CHECK(leaf(in, "1", rule, "{\"做了资产盘点\": false}") == "0.00");
    CHECK(leaf(in, "1", rule, "{\"做了资产盘点\": \"是\"}") == "1.00");
    CHECK(leaf(in, "1", rule, "{\"做了资产盘点\": \"否\"}") == "0.00");
    CHECK(leaf(in, "1", rule, block("做了资产盘点 = 是")) == "1.00");
    CHECK(leaf(in, "1", rule, block("做了资产盘点 = 否")) == "0.00");
    CHECK(leaf(in, "0.5", rule, "{\"数据\": {\"做了资产盘点\": true}}") == "0.50");
}

TEST_CASE("P8 yes/no: a comparison, full at equality (“三公”经费)", "[patterns]") {
    const std::string in = "实际 金额(万元) ≥ 0\n预算 金额(万元) ≥ 0";
    const std::string rule = "若 实际 ≤ 预算 则 得满分 否则 不得分";
    auto at = [&](const std::string& a, const std::string& b) {
        return leaf(in, "2", rule, block("实际 = " + a + "  预算 = " + b));
    };
    CHECK(at("25.00", "25.00") == "2.00");
    CHECK(at("25", "25.00") == "2.00");
    CHECK(at("18.36", "25.00") == "2.00");
    CHECK(at("25.01", "25.00") == "0.00");
}

// ---------------------------------------------------------------------------------------------
// P18 rounding
// ---------------------------------------------------------------------------------------------

TEST_CASE("P18 rounding: leaves are rounded half up, exactly", "[patterns]") {
    const std::string in = "无关 数值";
    const std::string data = block("无关 = 0");
    {
        Run r = run(leaf_ruleset(in, "5", "得 0.535 × 分值 分"), data);
        INFO(r.diagnostics);
        REQUIRE(r.sheet());
        const ScoreNode* x = find_node(r.sheet()->indicators(), "X");
        REQUIRE(x);
        REQUIRE(x->score());
        CHECK(*x->score() == D("2.68"));  // 2.675 → 2.68 (binary floating point gives 2.67)
        CHECK(x->score()->to_fixed(2) == "2.68");
    }
    {
        Run r = run(leaf_ruleset(in, "2", "得 1.005 分"), data);
        INFO(r.diagnostics);
        REQUIRE(r.sheet());
        const ScoreNode* x = find_node(r.sheet()->indicators(), "X");
        REQUIRE(x);
        REQUIRE(x->score());
        CHECK(*x->score() == D("1.01"));
    }
    CHECK(leaf(in, "5", "得 2.665 分", data) == "2.67");  // half-even would give 2.66
    CHECK(leaf(in, "5", "得 2.664999 分", data) == "2.66");
}

namespace {
std::string two_leaves(const std::string& rounding, const std::string& weight, const std::string& rule) {
    return "规则集 \"t\" 年度 2023 总分 " + std::to_string(2 * std::stoi(weight)) + "\n" + rounding + kGrades +
           "输入 {\n  无关 数值\n}\n" + "指标 甲 " + weight + " {\n  " + rule + "\n}\n" + "指标 乙 " + weight +
           " {\n  " + rule + "\n}\n";
}
}  // namespace

TEST_CASE("P18 rounding: only the total, or each leaf", "[patterns]") {
    const std::string data = block("无关 = 0");
    SECTION("1.004 + 1.004") {
        Run total_only = run(two_leaves("舍入 总分 四舍五入 保留 2 位\n", "2", "得 1.004 分"), data);
        INFO(total_only.diagnostics);
        REQUIRE(total_only.sheet());
        const ScoreNode* a = find_node(total_only.sheet()->indicators(), "甲");
        REQUIRE(a);
        REQUIRE(a->score());
        CHECK(*a->score() == D("1.004"));  // leaves kept exact
        REQUIRE(total_only.sheet()->total);
        CHECK(*total_only.sheet()->total == D("2.01"));  // 2.008 → 2.01

        Run leaves = run(two_leaves(kLeafRounding, "2", "得 1.004 分"), data);
        INFO(leaves.diagnostics);
        REQUIRE(leaves.sheet());
        const ScoreNode* b = find_node(leaves.sheet()->indicators(), "甲");
        REQUIRE(b);
        REQUIRE(b->score());
        CHECK(*b->score() == D("1.00"));
        REQUIRE(leaves.sheet()->total);
        CHECK(*leaves.sheet()->total == D("2.00"));  // 1.00 + 1.00
    }
    SECTION("0.535 × 5 twice") {
        Run total_only = run(two_leaves("舍入 总分 四舍五入 保留 2 位\n", "5", "得 0.535 × 分值 分"), data);
        INFO(total_only.diagnostics);
        REQUIRE(total_only.sheet());
        REQUIRE(total_only.sheet()->total);
        CHECK(*total_only.sheet()->total == D("5.35"));  // 2.675 + 2.675

        Run leaves = run(two_leaves(kLeafRounding, "5", "得 0.535 × 分值 分"), data);
        INFO(leaves.diagnostics);
        REQUIRE(leaves.sheet());
        REQUIRE(leaves.sheet()->total);
        CHECK(*leaves.sheet()->total == D("5.36"));  // 2.68 + 2.68
    }
}

TEST_CASE("P18 rounding: a ruleset must say where it rounds (E0208)", "[patterns]") {
    auto c = pingfen::compile_source("t.pf", leaf_ruleset("x 数值", "2", "得满分", ""));
    INFO(diagnostics_text(c.diagnostics));
    CHECK_FALSE(c.ok());
    CHECK(find_code(c.diagnostics, "E0208") != nullptr);
}

// ---------------------------------------------------------------------------------------------
// P19 grades
// ---------------------------------------------------------------------------------------------

TEST_CASE("P19 grades: band boundaries", "[patterns]") {
    const std::string ruleset = leaf_ruleset("s 数值 [0, 100]", "100", "得 s 分");
    auto grade = [&](const std::string& s) -> std::string {
        Run r = run(ruleset, block("s = " + s));
        if (!r.sheet() || !r.sheet()->total || pingfen::has_errors(r.score_diagnostics()))
            return "未评分\n" + r.diagnostics;
        CHECK(*r.sheet()->total == *Decimal::parse(s));
        return r.sheet()->grade;
    };
    CHECK(grade("100") == "优");
    CHECK(grade("90") == "优");
    CHECK(grade("89.99") == "良");
    CHECK(grade("80") == "良");
    CHECK(grade("79.99") == "中");
    CHECK(grade("60") == "中");
    CHECK(grade("59.99") == "差");
    CHECK(grade("0") == "差");
}

// ---------------------------------------------------------------------------------------------
// Data errors
// ---------------------------------------------------------------------------------------------

namespace {
const char* const kTwoLeaves =
    "规则集 \"t\" 年度 2023 总分 3\n"
    "舍入 叶指标 四舍五入 保留 2 位\n"
    "输入 {\n"
    "  完成资产盘点 是否\n"
    "  问题数 计数\n"
    "}\n"
    "指标 资产盘点情况 1 {\n"
    "  若 完成资产盘点 则 得满分 否则 不得分\n"
    "}\n"
    "指标 资产管理合规性 2 {\n"
    "  扣分 { 问题数 每项 扣 0.5 分 }，扣完为止\n"
    "}\n";
}  // namespace

TEST_CASE("data: a missing datum is E0401, naming the datum and the indicator, and other leaves still score",
          "[patterns]") {
    Run r = run(kTwoLeaves, block("问题数 = 1"));
    INFO(r.diagnostics);
    REQUIRE(r.scored);
    const Diagnostic* d = find_code(r.scored->diagnostics, "E0401");
    REQUIRE(d);
    CHECK(d->severity == pingfen::Severity::Error);
    CHECK(contains(d->message_zh, "完成资产盘点"));
    CHECK(contains(d->message_zh, "资产盘点情况"));
    CHECK_FALSE(r.scored->ok());
    REQUIRE(r.sheet());
    const ScoreNode* missing = find_node(r.sheet()->indicators(), "资产盘点情况");
    const ScoreNode* other = find_node(r.sheet()->indicators(), "资产管理合规性");
    REQUIRE(missing);
    REQUIRE(other);
    CHECK_FALSE(missing->score().has_value());
    REQUIRE(other->score());
    CHECK(other->score()->to_fixed(2) == "1.50");
    CHECK_FALSE(r.sheet()->total.has_value());
}

TEST_CASE("data: a value of the wrong type is E0402", "[patterns]") {
    const std::string ruleset =
        "规则集 \"t\" 年度 2023 总分 2\n"
        "舍入 叶指标 四舍五入 保留 2 位\n"
        "输入 {\n"
        "  实际 金额(万元) ≥ 0\n"
        "  预算 金额(万元) > 0\n"
        "  问题数 计数\n"
        "}\n"
        "指标 三公 1 {\n"
        "  若 实际 ≤ 预算 则 得满分 否则 不得分\n"
        "}\n"
        "指标 合规 1 {\n"
        "  扣分 { 问题数 每项 扣 0.5 分 }，扣完为止\n"
        "}\n";
    auto check_e0402 = [&](const std::string& data, const std::string& field) {
        Run r = run(ruleset, data);
        INFO("data: " << data << "\n" << r.diagnostics);
        REQUIRE(r.data.ok());
        REQUIRE(r.scored);
        const Diagnostic* d = find_code(r.scored->diagnostics, "E0402");
        REQUIRE(d);
        CHECK(d->severity == pingfen::Severity::Error);
        CHECK(contains(d->message_zh, field));
        CHECK_FALSE(r.scored->ok());
        if (r.sheet()) {
            const ScoreNode* needs = find_node(r.sheet()->indicators(), field == "问题数" ? "合规" : "三公");
            REQUIRE(needs);
            CHECK_FALSE(needs->score().has_value());
        }
    };
    check_e0402("{\"实际\": \"abc\", \"预算\": 25, \"问题数\": 0}", "实际");
    check_e0402("{\"实际\": \"5%\", \"预算\": 25, \"问题数\": 0}", "实际");
    check_e0402(block("实际 = 5%  预算 = 25  问题数 = 0"), "实际");
    check_e0402("{\"实际\": 18.36, \"预算\": 25, \"问题数\": 2.5}", "问题数");
    check_e0402(block("实际 = 18.36  预算 = 25  问题数 = 2.5"), "问题数");

    // The same ruleset with good data scores.
    Run ok = run(ruleset, "{\"实际\": 18.36, \"预算\": 25, \"问题数\": 1}");
    INFO(ok.diagnostics);
    REQUIRE(ok.scored);
    CHECK(ok.scored->ok());
    REQUIRE(ok.sheet());
    REQUIRE(ok.sheet()->total);
    CHECK(*ok.sheet()->total == D("1.50"));
}

TEST_CASE("data: a value outside the declared range is E0404", "[patterns]") {
    const std::string in = "率 百分比 [0, 100%]";
    const std::string rule = "按 率 比例计分，封顶 100%";
    auto code = [&](const std::string& data) {
        Run r = run(leaf_ruleset(in, "5", rule), data);
        INFO(r.diagnostics);
        REQUIRE(r.scored);
        CHECK_FALSE(r.scored->ok());
        if (r.sheet()) {
            const ScoreNode* x = find_node(r.sheet()->indicators(), "X");
            REQUIRE(x);
            CHECK_FALSE(x->score().has_value());
        }
        return codes_of(r.scored->diagnostics);
    };
    CHECK(contains(code("{\"率\": 1.5}"), "E0404"));      // 150%
    CHECK(contains(code("{\"率\": \"150%\"}"), "E0404"));
    CHECK(contains(code(block("率 = 100.01%")), "E0404"));
    CHECK(contains(code(block("率 = -1%")), "E0404"));
    // The bounds themselves are inside.
    CHECK(leaf(in, "5", rule, "{\"率\": 1}") == "5.00");
    CHECK(leaf(in, "5", rule, block("率 = 100%")) == "5.00");
    CHECK(leaf(in, "5", rule, block("率 = 0%")) == "0.00");

    // A one-sided bound on an amount.
    Run r = run(leaf_ruleset("实际 金额(万元) ≥ 0\n预算 金额(万元) ≥ 0", "2", "若 实际 ≤ 预算 则 得满分 否则 不得分"),
                block("实际 = -1  预算 = 25"));
    INFO(r.diagnostics);
    REQUIRE(r.scored);
    CHECK(find_code(r.scored->diagnostics, "E0404") != nullptr);
}

TEST_CASE("data: an undeclared extra field is warning W0401 and does not block scoring", "[patterns]") {
    Run r = run(kTwoLeaves, "{\"完成资产盘点\": true, \"问题数\": 0, \"多出来的字段\": 3}");
    INFO(r.diagnostics);
    REQUIRE(r.scored);
    const Diagnostic* w = find_code(r.scored->diagnostics, "W0401");
    REQUIRE(w);
    CHECK(w->severity == pingfen::Severity::Warning);
    CHECK(contains(w->message_zh, "多出来的字段"));
    CHECK(r.scored->ok());
    REQUIRE(r.sheet());
    REQUIRE(r.sheet()->total);
    CHECK(*r.sheet()->total == D("3"));
}

TEST_CASE("data: JSON numbers are read exactly and “2.73%” strings are percentages", "[patterns]") {
    // 1222.61 as a binary double is 1222.6099999999999; only an exact reading equals 1222.61.
    CHECK(leaf("金额甲 金额(万元)", "1", "若 金额甲 = 1222.61 则 得满分 否则 不得分", "{\"金额甲\": 1222.61}") ==
          "1.00");
    CHECK(leaf("金额甲 金额(万元)", "1", "若 金额甲 = 1222.61 则 得满分 否则 不得分", "{\"金额甲\": 1222.62}") ==
          "0.00");
    CHECK(leaf("金额甲 金额(万元) [0, 100]", "100", "得 金额甲 分", "{\"金额甲\": 99.99}") == "99.99");
    CHECK(leaf("金额甲 金额(万元)", "1", "若 金额甲 = 0.3 则 得满分 否则 不得分", "{\"金额甲\": 0.3}") == "1.00");

    const std::string pr = "若 率 = 2.73% 则 得满分 否则 不得分";
    CHECK(leaf("率 百分比", "1", pr, "{\"率\": \"2.73%\"}") == "1.00");
    CHECK(leaf("率 百分比", "1", pr, "{\"率\": 0.0273}") == "1.00");
    CHECK(leaf("率 百分比", "1", pr, block("率 = 2.73%")) == "1.00");
    CHECK(leaf("率 百分比", "1", pr, "{\"率\": \"2.74%\"}") == "0.00");
    // A percentage string through the proportional rule.
    CHECK(leaf("率 百分比", "5", "按 率 比例计分，封顶 100%", "{\"率\": \"92.31%\"}") == "4.62");
}

// ---------------------------------------------------------------------------------------------
// English keywords and full-width punctuation
// ---------------------------------------------------------------------------------------------

namespace {
const char* const kEnglish =
    "ruleset \"t\" year 2023 total 17\n"
    "rounding leaves half_up keep 2 places\n"
    "grades {\n"
    "  A [90, 100]\n"
    "  B [80, 90)\n"
    "  C [60, 80)\n"
    "  D < 60\n"
    "}\n"
    "inputs {\n"
    "  done yesno\n"
    "  used amount(wan) >= 0\n"
    "  all amount(wan) > 0\n"
    "  ctl percent\n"
    "  n count\n"
    "  bad yesno\n"
    "  pr percent [0, 100%]\n"
    "}\n"
    "indicator stocktake 1 {\n"
    "  if done then full else zero\n"
    "}\n"
    "indicator carryover 2 {\n"
    "  rate = used / all\n"
    "  by rate tiers {\n"
    "    <= 10%        score 2 points\n"
    "    (10%, 20%]    score 1 points\n"
    "    (20%, 30%]    score 0.5 points\n"
    "    > 30%         zero\n"
    "  }\n"
    "}\n"
    "indicator costs 2 {\n"
    "  if ctl <= 0 then full\n"
    "  else by ctl per_increase 5% inclusive deduct 0.5 points, partial_step_counts, floor_zero\n"
    "}\n"
    "indicator compliance 2 {\n"
    "  deductions {\n"
    "    n each deduct 0.5 points\n"
    "    if bad deduct 0.5 points\n"
    "  }, floor_zero\n"
    "}\n"
    "indicator spending 5 {\n"
    "  by pr proportional, cap 100%\n"
    "}\n"
    "indicator exact 5 {\n"
    "  score 0.535 * weight points\n"
    "}\n";

const char* const kChinese =
    "规则集 \"t\" 年度 2023 总分 17\n"
    "舍入 叶指标 四舍五入 保留 2 位\n"
    "等级 {\n"
    "  A [90, 100]\n"
    "  B [80, 90)\n"
    "  C [60, 80)\n"
    "  D < 60\n"
    "}\n"
    "输入 {\n"
    "  done 是否\n"
    "  used 金额(wan) ≥ 0\n"
    "  all 金额(wan) > 0\n"
    "  ctl 百分比\n"
    "  n 计数\n"
    "  bad 是否\n"
    "  pr 百分比 [0, 100%]\n"
    "}\n"
    "指标 stocktake 1 {\n"
    "  若 done 则 得满分 否则 不得分\n"
    "}\n"
    "指标 carryover 2 {\n"
    "  rate = used / all\n"
    "  按 rate 分档 {\n"
    "    ≤ 10%         得 2 分\n"
    "    (10%, 20%]    得 1 分\n"
    "    (20%, 30%]    得 0.5 分\n"
    "    > 30%         不得分\n"
    "  }\n"
    "}\n"
    "指标 costs 2 {\n"
    "  若 ctl ≤ 0 则 得满分\n"
    "  否则 按 ctl 每增加 5%（含） 扣 0.5 分，不足一档按一档计，扣完为止\n"
    "}\n"
    "指标 compliance 2 {\n"
    "  扣分 {\n"
    "    n 每项 扣 0.5 分\n"
    "    若 bad 扣 0.5 分\n"
    "  }，扣完为止\n"
    "}\n"
    "指标 spending 5 {\n"
    "  按 pr 比例计分，封顶 100%\n"
    "}\n"
    "指标 exact 5 {\n"
    "  得 0.535 × 分值 分\n"
    "}\n";
}  // namespace

TEST_CASE("English keywords score the same as their Chinese twin", "[patterns]") {
    const std::vector<std::string> datasets = {
        "{\"done\": true, \"used\": 1222.61, \"all\": 44792.02, \"ctl\": \"12%\", \"n\": 1, \"bad\": true, "
        "\"pr\": \"92.31%\"}",
        "{\"done\": false, \"used\": 150, \"all\": 1000, \"ctl\": \"5%\", \"n\": 5, \"bad\": false, "
        "\"pr\": \"90%\"}",
    };
    // Expected, from the catalog's arithmetic:
    //  1: 1 + 2 (2.73%) + 0.5 (12%: 3 steps) + 1 (2 − 0.5 − 0.5) + 4.62 (4.6155) + 2.68 (2.675) = 11.80
    //  2: 0 + 1 (15%) + 1.5 (5%: 1 step) + 0 (2.5 deducted) + 4.50 + 2.68 = 9.68
    const std::vector<std::vector<std::string>> expected = {
        {"1.00", "2.00", "0.50", "1.00", "4.62", "2.68"},
        {"0.00", "1.00", "1.50", "0.00", "4.50", "2.68"},
    };
    const std::vector<std::string> totals = {"11.80", "9.68"};
    const std::vector<std::string> names = {"stocktake", "carryover", "costs", "compliance", "spending", "exact"};
    for (std::size_t i = 0; i < datasets.size(); ++i) {
        Run en = run(kEnglish, datasets[i]);
        Run zh = run(kChinese, datasets[i]);
        INFO("data set " << i << "\nEnglish:\n" << en.diagnostics << "\nChinese:\n" << zh.diagnostics);
        REQUIRE(en.compiled.ok());
        REQUIRE(zh.compiled.ok());
        for (std::size_t k = 0; k < names.size(); ++k) {
            INFO("indicator " << names[k]);
            CHECK(node_score(en, names[k]) == expected[i][k]);
            CHECK(node_score(zh, names[k]) == expected[i][k]);
        }
        REQUIRE(en.sheet());
        REQUIRE(zh.sheet());
        REQUIRE(en.sheet()->total);
        REQUIRE(zh.sheet()->total);
        CHECK(*en.sheet()->total == *Decimal::parse(totals[i]));
        CHECK(*zh.sheet()->total == *Decimal::parse(totals[i]));
        CHECK(en.sheet()->grade == "D");
        CHECK(zh.sheet()->grade == "D");
    }
}

TEST_CASE("English keywords: a data block in English", "[patterns]") {
    const std::string data = "data \"dept\" year 2023 {\n  done = true  used = 1222.61  all = 44792.02  ctl = 12%\n"
                             "  n = 1  bad = true  pr = 92.31%\n}\n";
    Run en = run(kEnglish, data);
    INFO(en.diagnostics);
    REQUIRE(en.sheet());
    REQUIRE(en.sheet()->total);
    CHECK(*en.sheet()->total == D("11.80"));
}

TEST_CASE("full-width punctuation scores the same as ASCII", "[patterns]") {
    const std::string in = "控制率 百分比";
    const std::string ascii =
        "若 控制率 <= 0 则 得满分\n  否则 按 控制率 每增加 5%(含) 扣 0.5 分, 不足一档按一档计, 扣完为止";
    const std::string wide =
        "若 控制率 ＜＝ 0 则 得满分\n  否则 按 控制率 每增加 5％（含） 扣 0.5 分，不足一档按一档计，扣完为止";
    for (const char* v : {"0%", "0.01%", "5%", "12%", "40%"}) {
        INFO("控制率 = " << v);
        CHECK(leaf(in, "2", wide, block(std::string("控制率 = ") + v)) ==
              leaf(in, "2", ascii, block(std::string("控制率 = ") + v)));
    }
    CHECK(leaf(in, "2", wide, block("控制率 = 12%")) == "0.50");
    CHECK(leaf(in, "2", wide, block("控制率 ＝ 12％")) == "0.50");  // full-width in the data block too

    const std::string tiers_ascii =
        "按 x 分档 {\n"
        "    <= 10%         得 2 分\n"
        "    (10%, 20%]     得 1 分\n"
        "    (20%, 30%]     得 0.5 分\n"
        "    > 30%          不得分\n"
        "  }";
    const std::string tiers_wide =
        "按 x 分档 ｛\n"
        "    ＜＝ 10％          得 2 分\n"
        "    （10％，20％］     得 1 分\n"
        "    （20％，30％］     得 0.5 分\n"
        "    ＞ 30％            不得分\n"
        "  ｝";
    for (const char* v : {"10%", "10.01%", "20%", "20.01%", "30%", "30.01%"}) {
        INFO("x = " << v);
        std::string expected_wide = leaf("x 百分比", "2", tiers_wide, block(std::string("x = ") + v));
        CHECK(expected_wide == leaf("x 百分比", "2", tiers_ascii, block(std::string("x = ") + v)));
        CHECK(expected_wide.rfind("未评分", 0) == std::string::npos);
    }
    CHECK(leaf("x 百分比", "2", tiers_wide, block("x = 20.01%")) == "0.50");

    const std::string prop_wide = "按 率 比例计分，封顶 100％";
    CHECK(leaf("率 百分比", "5", prop_wide, block("率 = 92.31%")) == "4.62");
    const std::string cmp_wide = "若 实际 ＜＝ 预算 则 得满分 否则 不得分";
    CHECK(leaf("实际 金额（万元） ≥ 0\n预算 金额（万元） ≥ 0", "2", cmp_wide, block("实际 = 25  预算 = 25")) == "2.00");
}

// ---------------------------------------------------------------------------------------------
// P11 discretionary deduction and the assessor's partial score: bounds, and a deduction above
// the points it acts on
// ---------------------------------------------------------------------------------------------

TEST_CASE("P11 discretionary: a deduction above the part's points is cut to them, said in the basis and as W0502",
          "[patterns]") {
    // The upper bound comes from the data, so the check cannot rule out 1.5 on a 1-point part.
    const std::string ruleset =
        "规则集 \"t\" 年度 2023 总分 4\n" + std::string(kLeafRounding) +
        "输入 { 扣分额 数值 ≥ 0  上限 数值  说明 文本 默认 \"\" }\n"
        "指标 X 4 {\n"
        "  分项 {\n"
        "    甲 1 分 { 酌情扣 扣分额 分 [0, 上限]，理由 说明 }\n"
        "    乙 3 分 { 得满分 }\n"
        "  }\n"
        "}\n";
    auto basis = [](const Run& r) {
        const ScoreNode* n = r.sheet() ? find_node(r.sheet()->indicators(), "X") : nullptr;
        return n ? n->basis() : std::string("(no sheet)");
    };

    // Within the points: 1 − 0.4 = 0.6, + 3 = 3.6; nothing to warn about.
    Run within = run(ruleset, block("扣分额 = 0.4  上限 = 2  说明 = \"制度有缺漏\""));
    CHECK(node_score(within, "X") == "3.60");
    CHECK(within.diagnostics.empty());
    CHECK(basis(within) == "甲（1 分）：酌情扣 0.4 分（理由：制度有缺漏），得 0.6 分；乙（3 分）：得满分 3 分；合计 3.6 分");

    // Exactly the points: 0, no warning.
    Run all = run(ruleset, block("扣分额 = 1  上限 = 2  说明 = \"制度有缺漏\""));
    CHECK(node_score(all, "X") == "3.00");
    CHECK(all.diagnostics.empty());

    // 1.5 on 1 point: the part scores 0 (扣完为止), and the 0.5 that could not be deducted is said.
    Run cut = run(ruleset, block("扣分额 = 1.5  上限 = 2  说明 = \"制度有缺漏\""));
    CHECK(node_score(cut, "X") == "3.00");
    CHECK(codes_of(cut.score_diagnostics()) == "W0502");
    CHECK(cut.diagnostics ==
          "t.pf:6:17: 警告[W0502]：`X` 的分项 `甲`：酌情扣 1.5 分，超过其分值 1 分，只扣了 1 分\n"
          "   |\n"
          " 6 |     甲 1 分 { 酌情扣 扣分额 分 [0, 上限]，理由 说明 }\n"
          "   |                      ^^^^^^\n");
    CHECK(basis(cut) ==
          "甲（1 分）：酌情扣 1.5 分（理由：制度有缺漏），超过本项分值 1 分，只能扣 1 分，得 0 分；乙（3 分）：得满分 3 分；合计 3 分");
    pingfen::ScoreOptions en;
    en.language = pingfen::Language::English;
    Run cut_en = run(ruleset, block("扣分额 = 1.5  上限 = 2  说明 = \"制度有缺漏\""), en);
    CHECK(basis(cut_en) ==
          "甲 (1 points): discretionary deduction 1.5 (reason: 制度有缺漏), more than the 1 points here: only 1 deducted: 0 "
          "points; 乙 (3 points): full points, 3; total 3");
    const std::vector<Diagnostic> en_diagnostics = cut_en.score_diagnostics();
    const Diagnostic* w = find_code(en_diagnostics, "W0502");
    REQUIRE(w);
    CHECK(w->message_en == "part `甲` of `X`: the discretionary deduction of 1.5 is more than its 1 points; only 1 deducted");
    // The warning does not change the exit status: it is not an error.
    CHECK_FALSE(pingfen::has_errors(cut.score_diagnostics()));

    // Above the bound: an error, with the bound as it stood.
    Run above = run(ruleset, block("扣分额 = 2.5  上限 = 2  说明 = \"制度有缺漏\""));
    CHECK(contains(above.diagnostics, "酌情扣 2.5 分超出规则允许的范围 [0, 2]"));
}

TEST_CASE("P8 assessor's partial score: a bound written with 分值 is shown with its value", "[patterns]") {
    const std::string ruleset =
        "规则集 \"t\" 年度 2023 总分 2\n" + std::string(kLeafRounding) +
        "输入 { 得分 数值 ≥ 0  说明 文本 默认 \"\" }\n"
        "指标 X 2 {\n"
        "  分项 {\n"
        "    甲 1 分 { 酌情得 得分 分 [0, 分值)，理由 说明 }\n"
        "    乙 1 分 { 得满分 }\n"
        "  }\n"
        "}\n";
    CHECK(node_score(run(ruleset, block("得分 = 0.99  说明 = \"部分按时\"")), "X") == "1.99");
    Run full = run(ruleset, block("得分 = 1  说明 = \"全部按时\""));
    CHECK(contains(full.diagnostics, "错误[E0501]：评估 `X` 时出错：酌情得 1 分超出规则允许的范围 [0, 1)\n"));
    const std::vector<Diagnostic> ds = full.score_diagnostics();
    const Diagnostic* e = find_code(ds, "E0501");
    REQUIRE(e);
    CHECK(e->message_en == "while scoring `X`: the discretionary score of 1 is outside the allowed range [0, 1)");
}

TEST_CASE("P11 discretionary: a bound above the points is refused by the check (E0707)", "[patterns]") {
    Run r = run(leaf_ruleset("扣分额 数值 ≥ 0  说明 文本 默认 \"\"", "1", "酌情扣 扣分额 分 [0, 2]，理由 说明"),
                block("扣分额 = 1.5"));
    CHECK(codes_of(r.compiled.diagnostics) == "E0707");
    const Diagnostic* e = find_code(r.compiled.diagnostics, "E0707");
    REQUIRE(e);
    CHECK(e->message_zh == "酌情扣分的范围 [0, 2] 超过 `X` 的分值 1 分：扣分可达 2，超出 1 分的部分无处可扣，会被截去");
    CHECK(e->line == 13);
    CHECK(e->source_line.substr(static_cast<std::size_t>(0)).find("[0, 2]") != std::string::npos);
    // [0, 分值] and [0, 1] are right.
    CHECK(leaf("扣分额 数值 ≥ 0  说明 文本 默认 \"\"", "1", "酌情扣 扣分额 分 [0, 分值]，理由 说明", block("扣分额 = 0.25  说明 = \"x\"")) == "0.75");
    CHECK(leaf("扣分额 数值 ≥ 0  说明 文本 默认 \"\"", "1", "酌情扣 扣分额 分 [0, 1]，理由 说明", block("扣分额 = 1  说明 = \"x\"")) == "0.00");
}
