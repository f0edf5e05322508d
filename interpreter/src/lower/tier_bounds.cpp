#include "lower/tier_bounds.hpp"

#include <optional>

namespace pingfen::lower {

using namespace ast;

namespace {

// What the tiers that did not match tell about the value: v > at (open) or v ≥ at, below; v <
// at (open) or v ≤ at, above.
struct Limit {
    Decimal at;
    bool open;
};

const Decimal* constant(const ExprPtr& e) { return e && e->kind == Expr::Kind::Number ? &e->number : nullptr; }

// `known` (v above it) makes `v ≥ low` (closed) or `v > low` hold.
bool implies_low(const std::optional<Limit>& known, const Decimal& low, bool low_closed) {
    if (!known) return false;
    if (low < known->at) return true;
    return known->at == low && (known->open || low_closed);
}

// `known` (v below it) makes `v ≤ high` (closed) or `v < high` hold.
bool implies_high(const std::optional<Limit>& known, const Decimal& high, bool high_closed) {
    if (!known) return false;
    if (known->at < high) return true;
    return known->at == high && (known->open || high_closed);
}

void table(std::vector<Tier>& tiers) {
    std::optional<Limit> above, below;  // v is above `above`, below `below`
    for (Tier& t : tiers) {
        if (!t.bound) break;  // 其余: always matches, nothing after it is reached
        Interval& iv = *t.bound;
        const Decimal* low = constant(iv.low);
        const Decimal* high = constant(iv.high);
        t.low_implied = low && implies_low(above, *low, iv.low_closed);
        t.high_implied = high && implies_high(below, *high, iv.high_closed);
        // Not matching this tier: with one side holding, the value is beyond the other.
        const bool low_holds = !iv.low || t.low_implied;
        const bool high_holds = !iv.high || t.high_implied;
        if (low_holds && high_holds) break;  // matches whatever the value: the rest is unreachable
        if (low_holds && high) above = Limit{*high, iv.high_closed};      // v > high, or v ≥ high when open
        else if (high_holds && low) below = Limit{*low, iv.low_closed};   // v < low, or v ≤ low when open
    }
}

void skip_in_scoring(Scoring& s);

void skip_in_indicator(Indicator& ind) {
    if (ind.scoring) skip_in_scoring(*ind.scoring);
    for (auto& c : ind.children) skip_in_indicator(*c);
}

void skip_in_scoring(Scoring& s) {
    if (s.kind == Scoring::Kind::Tiers || s.kind == Scoring::Kind::Completion) table(s.tiers);
    for (Tier& t : s.tiers)
        if (t.result) skip_in_scoring(*t.result);
    if (s.then_) skip_in_scoring(*s.then_);
    if (s.else_) skip_in_scoring(*s.else_);
    for (auto& p : s.parts) skip_in_indicator(*p);
}

}  // namespace

void skip_implied_bounds(Ruleset& r) {
    if (!r.module) return;
    for (auto& ind : r.module->indicators) skip_in_indicator(*ind);
    for (auto& ind : r.module->adjustments) skip_in_indicator(*ind);
}

}  // namespace pingfen::lower
