// P14 for one department: which leaves and which parts of a leaf's 分项 do not apply
// (不适用 若 …), where their points go (分值移至, following a target that does not apply
// either), and the points each leaf and part is then scored on. Decided once, before any leaf
// is scored; the sheet and the evaluator only read the result. The one place that knows whether
// a leaf or a part applies.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "pingfen/decimal.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::eval {

// Undecided: whether it applies could not be decided, a 不适用 condition of it or of one of its
// parts reading a datum the data leaves out (E0401 names it); set by the scorer, not by decide().
enum class LeafState : unsigned char { Applies, MovedOut, Granted, Undecided };

struct Arrival {
    const ast::Indicator* from;  // a leaf or a part
    Decimal points;
};

// What became of one leaf or part.
struct Fate {
    LeafState state = LeafState::Applies;
    const ast::NotApplicable* clause = nullptr;  // the clause that held (null: the leaf's parts all moved)
    Decimal moved;                               // MovedOut: the points it moved, what arrived included
    std::string reason;                          // Granted
    std::vector<Arrival> arrived;                // points moved to it
    bool by_parts = false;                       // a leaf none of whose parts applies
    bool with_leaf = false;                      // a part of a leaf that does not apply as a whole
};

class Applicability {
public:
    // Whether a clause's condition holds (the caller reports a condition that cannot be
    // evaluated, and answers false), and a grant's reason.
    using Holds = std::function<bool(const ast::Indicator&, const ast::NotApplicable&)>;
    using Reason = std::function<std::string(const ast::NotApplicable&)>;

    // `weight` and `state` (per indicator) are filled: the points each leaf is scored on, and
    // whether it applies.
    void decide(const Ruleset& r, const Holds& holds, const Reason& reason, std::vector<Decimal>& weight,
                std::vector<LeafState>& state);

    // Whether any point moved or any leaf or part was granted: otherwise every weight is the
    // declared one and nothing below needs to be read.
    bool touched() const { return touched_; }
    const Fate& leaf(const ast::Indicator& ind) const { return fate_[static_cast<std::size_t>(ind.index)]; }
    // A part of a leaf's own 分项 (part_index ≥ 0), once decided for its leaf.
    bool decided(const ast::Indicator& part) const { return touched_ && part_set_[index_of(part)]; }
    const Fate& part(const ast::Indicator& p) const { return fate_[index_of(p)]; }
    const Decimal& part_points(const ast::Indicator& p) const { return points_[index_of(p)]; }

private:
    std::size_t leaves_ = 0;
    bool touched_ = false;
    std::vector<Fate> fate_;        // per node: indicators, then parts
    std::vector<Decimal> base_;     // per node: its own points (a part's share of its leaf's)
    std::vector<Decimal> in_;       // per node: the points moved to it
    std::vector<Decimal> points_;   // per node: what a part is scored on
    std::vector<char> part_set_;    // per node: a part whose points were decided

    std::size_t index_of(const ast::Indicator& p) const {
        return p.part_index >= 0 ? leaves_ + static_cast<std::size_t>(p.part_index) : static_cast<std::size_t>(p.index);
    }
    void arrive(const ast::Indicator& from, const ast::Indicator& to, const Decimal& points);
};

}  // namespace pingfen::eval
