#include "eval/applicability.hpp"

namespace pingfen::eval {

using ast::Indicator;
using ast::NotApplicable;
using ast::Scoring;

namespace {

const NotApplicable* first_holding(const Indicator& ind, const Applicability::Holds& holds) {
    for (const auto& na : ind.not_applicable)
        if (holds(ind, na)) return &na;
    return nullptr;
}

}  // namespace

void Applicability::arrive(const Indicator& from, const Indicator& to, const Decimal& points) {
    const std::size_t t = index_of(to);
    in_[t] = in_[t] + points;
    fate_[t].arrived.push_back({&from, points});
}

// Nodes in Ruleset::move_order: a leaf before its parts and a source before its target, so that
// whatever moves to a leaf or part has arrived when it is decided, and a leaf or part that does
// not apply passes on what arrived along with its own points (a chain: 甲 → 乙 → 丙 when 乙 does
// not apply either lands in 丙, the total unchanged).
void Applicability::decide(const Ruleset& r, const Holds& holds, const Reason& reason, std::vector<Decimal>& weight,
                           std::vector<LeafState>& state) {
    leaves_ = r.indicators.size();
    const std::size_t total = leaves_ + r.parts.size();
    touched_ = false;
    fate_.resize(total);
    for (auto& f : fate_) f = Fate{};
    base_.assign(total, Decimal());
    in_.assign(total, Decimal());
    points_.assign(total, Decimal());
    part_set_.assign(total, 0);
    for (std::size_t i = 0; i < leaves_; ++i) base_[i] = r.indicators[i]->weight;

    std::vector<int> fallback;  // a ruleset the resolver did not finish: leaves in order, no parts
    const std::vector<int>* order = &r.move_order;
    if (order->empty()) {
        for (std::size_t i = 0; i < leaves_; ++i) fallback.push_back(static_cast<int>(i));
        order = &fallback;
    }
    for (int k : *order) {
        const auto node = static_cast<std::size_t>(k);
        if (node < leaves_) {
            const Indicator& leaf = *r.indicators[node];
            if (!leaf.scoring || !leaf.children.empty()) continue;
            Fate& f = fate_[node];
            const Decimal points = base_[node] + in_[node];
            weight[node] = points;
            const NotApplicable* na = first_holding(leaf, holds);
            if (na && na->move && na->target) {
                f.state = state[node] = LeafState::MovedOut;
                f.clause = na;
                f.moved = points;
                weight[node] = Decimal();
                arrive(leaf, *na->target, points);
                touched_ = true;
            } else if (na && !na->move) {
                f.state = state[node] = LeafState::Granted;
                f.clause = na;
                f.reason = reason(*na);
                touched_ = true;
            } else if (leaf.scoring->kind == Scoring::Kind::Parts) {
                // Points moved to the leaf as a whole grow its percentage parts with it (a leaf
                // of parts with points takes moved points only in a named part: E0230).
                for (const auto& p : leaf.scoring->parts)
                    if (p->part_index >= 0) base_[index_of(*p)] = p->share_is_percent ? points * p->share : p->share;
            }
            continue;
        }
        const Indicator& part = *r.parts[node - leaves_];
        const Indicator& leaf = *r.leaf_of_part[node - leaves_];
        const auto li = static_cast<std::size_t>(leaf.index);
        Fate& f = fate_[node];
        part_set_[node] = 1;
        if (state[li] == LeafState::MovedOut) {
            // Its leaf does not apply: what moved to this part goes where the leaf's points went.
            f.state = LeafState::MovedOut;
            f.with_leaf = true;
            if (!in_[node].is_zero()) {
                fate_[li].moved = fate_[li].moved + in_[node];
                for (const Arrival& a : f.arrived) fate_[li].arrived.push_back(a);  // named on the leaf's line
                arrive(part, *fate_[li].clause->target, in_[node]);
            }
            continue;
        }
        if (state[li] == LeafState::Granted) {
            weight[li] = weight[li] + in_[node];
            continue;
        }
        const Decimal points = base_[node] + in_[node];
        weight[li] = weight[li] + in_[node];
        points_[node] = points;
        const NotApplicable* na = first_holding(part, holds);
        if (na && na->move && na->target) {
            f.state = LeafState::MovedOut;
            f.clause = na;
            f.moved = points;
            points_[node] = Decimal();
            weight[li] = weight[li] - points;
            arrive(part, *na->target, points);
            touched_ = true;
        } else if (na && !na->move) {
            f.state = LeafState::Granted;
            f.clause = na;
            f.reason = reason(*na);
            touched_ = true;
        }
        if (!in_[node].is_zero()) touched_ = true;
    }
    // A leaf none of whose parts applies does not apply: all its points moved, by its parts.
    for (std::size_t j = 0; j < r.parts.size(); ++j) {
        const Indicator& leaf = *r.leaf_of_part[j];
        const auto li = static_cast<std::size_t>(leaf.index);
        if (state[li] != LeafState::Applies || fate_[li].by_parts) continue;
        bool all = true;
        Decimal moved;
        for (const auto& p : leaf.scoring->parts) {
            const Fate& pf = fate_[index_of(*p)];
            all = all && part_set_[index_of(*p)] && pf.state == LeafState::MovedOut;
            moved = moved + pf.moved;
        }
        if (!all) continue;
        fate_[li].by_parts = true;
        fate_[li].state = state[li] = LeafState::MovedOut;
        fate_[li].moved = moved;
        weight[li] = Decimal();
    }
}

}  // namespace pingfen::eval
