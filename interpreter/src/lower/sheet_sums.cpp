#include "lower/sheet_sums.hpp"

#include <string>

namespace pingfen::lower {

namespace {

void indicator(const ast::Indicator& ind, std::vector<SheetStep>& out) {
    if (ind.scoring) {
        SheetStep s{SheetStep::Kind::Leaf};
        s.listed = ind.role == ast::Indicator::Role::Indicator;
        s.indicator = &ind;
        s.index = static_cast<std::uint32_t>(ind.index);
        s.rule = ind.scoring.get();
        out.push_back(s);
        return;
    }
    for (const auto& c : ind.children) indicator(*c, out);
    SheetStep s{SheetStep::Kind::Sum};
    s.count = static_cast<std::uint32_t>(ind.children.size());
    out.push_back(s);
}

}  // namespace

void sheet_sums(const Ruleset& r, SheetSums& out) {
    out.steps.clear();
    for (const auto& top : r.module->indicators) indicator(*top, out.steps);
    out.declared_weights.assign(r.indicators.size(), Decimal());
    for (const auto* ind : r.indicators) out.declared_weights[static_cast<std::size_t>(ind->index)] = ind->weight;
    out.exact_total = false;
    const auto& rounding = r.module->rounding;
    if (rounding && rounding->where == ast::Rounding::Where::Leaves && rounding->places >= 0 && rounding->places <= 30) {
        // A leaf rounded to p places is a whole number of 10^−p within [0, its points], and its
        // points are at most all the weights together (moved points come from other leaves).
        Decimal all;
        for (const auto* ind : r.indicators) all = all + Decimal::max(ind->weight, -ind->weight);
        const auto limit = Decimal::parse("1E" + std::to_string(33 - rounding->places));
        out.exact_total = limit && all.is_finite() && all < *limit;
    }
    out.ruleset_serial = r.serial;
}

}  // namespace pingfen::lower
