// A part of a leaf's 分项 that does not apply for this department, or that took points moved to
// it: the points it is scored on and its words in the 评分依据. Whether it applies is decided
// beforehand (applicability.cpp); this only reads the decision.
#include <fmt/format.h>

#include "eval/applicability.hpp"
#include "eval/evaluate.hpp"
#include "eval/explain.hpp"

namespace pingfen::eval {

using explain::show_points;

bool Evaluator::part_not_applicable(const ast::Scoring& s, std::size_t k, Decimal& points, Decimal& v, std::string& item) {
    const ast::Indicator& p = *s.parts[k];
    if (!applicability_->decided(p)) return false;
    const Fate& f = applicability_->part(p);
    points = applicability_->part_points(p);
    if (f.state == LeafState::Applies) return false;
    const Decimal shown = f.state == LeafState::MovedOut ? f.moved : points;
    if (leaf_choices_) {
        note_text(f.state == LeafState::MovedOut ? Choice::Kind::MovedOut : Choice::Kind::Granted, s, k, Decimal(), shown, f.reason);
        leaf_choices_->back().scope = scope_.empty() ? p.name : scope_ + " › " + p.name;
        leaf_choices_->back().points = shown;
        if (f.clause) leaf_choices_->back().target = f.clause->target;
    }
    if (f.state == LeafState::MovedOut) {
        v = Decimal();
        if (explain_) {
            const std::string to = r_.path_text(*f.clause->target);
            item = fmt::format(fmt::runtime(en_ ? "part “{}” not applicable: its {} points moved to “{}”" : "分项“{}”不适用，{}分调整至“{}”"),
                               p.name, show_points(f.moved), to);
        }
        return true;
    }
    v = points;
    if (explain_)
        item = fmt::format(fmt::runtime(en_ ? "part “{}” not applicable: full {} points ({}){}" : "分项“{}”不适用，得满分 {} 分（{}）{}"),
                           p.name, show_points(points), f.reason, moved_in_text(p));
    return true;
}

std::string Evaluator::moved_in_text(const ast::Indicator& part) const {
    if (!applicability_->decided(part)) return {};
    std::string out;
    for (const Arrival& a : applicability_->part(part).arrived)
        out += fmt::format(fmt::runtime(en_ ? ", including {} points moved from {}" : "，含自 {} 移入的 {} 分"),
                           en_ ? show_points(a.points) : r_.path_text(*a.from), en_ ? r_.path_text(*a.from) : show_points(a.points));
    return out;
}

}  // namespace pingfen::eval
