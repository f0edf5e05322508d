// Tier tables compared once per bound (lower::skip_implied_bounds, issue 14): the side of a tier
// that the tiers before it settle is marked and not compared, and the tier chosen is the same on
// and around every bound.
#include <catch2/catch.hpp>

#include "pingfen/pingfen.hpp"
#include "sema/ruleset.hpp"

using namespace pingfen;

namespace {

const char* const kRules = R"(规则集 "档位边界" 年度 2023 总分 3
舍入 叶指标 四舍五入 保留 2 位

输入 {
  甲 百分比
  乙 百分比
  丙 百分比
}

一级指标 "上升" 1 {
  按 甲 分档 {
    ≤ 10%        得 1 分
    (10%, 20%]   得 0.5 分
    (20%, 30%]   得 0.2 分
    > 30%        不得分
  }
}
一级指标 "下降" 1 {
  按 乙 分档 {
    ≥ 90%        得 1 分
    [60%, 90%)   得 0.5 分
    其余         不得分
  }
}
一级指标 "算出的边界" 1 {
  按 丙 分档 {
    ≤ 10%        得 1 分
    (10%, 乙]    得 0.5 分
    其余         不得分
  }
}
)";

const std::vector<ast::Tier>& tiers_of(const Ruleset& r, std::size_t top) { return r.module->indicators[top]->scoring->tiers; }

std::vector<std::optional<Decimal>> leaves(const Ruleset& r, const std::string& a, const std::string& b, const std::string& c) {
    auto d = parse_data("d.json", R"({"部门": "测试", "年度": 2023, "数据": {"甲": ")" + a + R"(", "乙": ")" + b + R"(", "丙": ")" + c +
                                      R"("}})");
    REQUIRE(d.ok());
    LeafScores s = score_leaves(r, *d.data);
    REQUIRE(s.ok());
    // The sheet agrees with the leaves.
    ScoreResult full = score(r, *d.data);
    REQUIRE(full.ok());
    for (std::size_t k = 0; k < s.leaves.size(); ++k) CHECK(full.sheet->indicators()[k].score() == s.leaves[k]);
    return s.leaves;
}

Decimal n(const char* t) { return *Decimal::parse(t); }

}  // namespace

TEST_CASE("tier bounds: the side the tiers before settle is marked, the other compared", "[lower][issue14]") {
    auto c = compile_source("t.pf", kRules);
    REQUIRE(c.ok());
    const Ruleset& r = *c.ruleset;
    // ≤ 10%, (10%, 20%], (20%, 30%], > 30%: each lower bound is the upper bound of the tier before.
    const auto& up = tiers_of(r, 0);
    CHECK_FALSE(up[0].low_implied);
    CHECK_FALSE(up[0].high_implied);
    for (std::size_t k = 1; k < 4; ++k) {
        CHECK(up[k].low_implied);
        CHECK_FALSE(up[k].high_implied);
    }
    // ≥ 90%, [60%, 90%), 其余: written downwards, so the upper side is the one settled.
    const auto& down = tiers_of(r, 1);
    CHECK_FALSE(down[0].low_implied);
    CHECK(down[1].high_implied);
    CHECK_FALSE(down[1].low_implied);
    // A bound computed from the data is never taken as settled.
    const auto& computed = tiers_of(r, 2);
    CHECK(computed[1].low_implied);
    CHECK_FALSE(computed[1].high_implied);
}

TEST_CASE("tier bounds: the same tier on, just below and just above every bound", "[lower][issue14]") {
    auto c = compile_source("t.pf", kRules);
    REQUIRE(c.ok());
    const Ruleset& r = *c.ruleset;
    struct Case {
        const char *a, *b, *c;
        const char *up, *down, *computed;
    };
    const Case cases[] = {
        {"10%", "90%", "10%", "1", "1", "1"},
        {"10.01%", "89.99%", "10.01%", "0.5", "0.5", "0.5"},
        {"20%", "60%", "60%", "0.5", "0.5", "0.5"},        // 丙 on its computed bound 乙
        {"20.01%", "59.99%", "60%", "0.2", "0", "0"},      // 丙 just above it
        {"30%", "0%", "90.01%", "0.2", "0", "0"},
        {"30.01%", "100%", "100%", "0", "1", "0.5"},
    };
    for (const Case& k : cases) {
        INFO(k.a << " " << k.b << " " << k.c);
        auto s = leaves(r, k.a, k.b, k.c);
        REQUIRE(s.size() == 3);
        CHECK(*s[0] == n(k.up));
        CHECK(*s[1] == n(k.down));
        CHECK(*s[2] == n(k.computed));
    }
}
