#include "lower/sheet_sums.hpp"

namespace pingfen::lower {

namespace {

void indicator(const ast::Indicator& ind, std::vector<SheetStep>& out) {
    if (ind.scoring) {
        SheetStep s{SheetStep::Kind::Leaf};
        s.listed = ind.role == ast::Indicator::Role::Indicator;
        s.indicator = &ind;
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
    out.ruleset_serial = r.serial;
}

}  // namespace pingfen::lower
