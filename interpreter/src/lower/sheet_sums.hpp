// The indicator tree as score_leaves() adds it up, flattened once per ruleset: the leaves in
// sheet order, each parent's score the sum of its children's scores just before it (postorder).
// Walking it is a loop over a vector instead of a recursion per indicator; the additions are
// the same ones in the same order, so the totals are the same decimals as the tree's.
#pragma once

#include <cstdint>
#include <vector>

#include "sema/ruleset.hpp"

namespace pingfen::lower {

struct SheetStep {
    enum class Kind : unsigned char {
        Leaf,  // score the leaf `indicator` and push its score
        Sum,   // replace the last `count` scores by their sum (none when one of them is none)
    };
    Kind kind;
    bool listed = false;  // Leaf: one of the scores score_leaves() returns (an indicator, not a part)
    std::uint32_t count = 0;
    const ast::Indicator* indicator = nullptr;
};

struct SheetSums {
    std::uint64_t ruleset_serial = 0;  // the ruleset these steps are for (0: none yet)
    std::vector<SheetStep> steps;      // after them, one score per top-level indicator remains
    // Per indicator (by index): its declared weight, where scoring a department starts from
    // (a copy, rather than a loop over the indicators for each department).
    std::vector<Decimal> declared_weights;
};

void sheet_sums(const Ruleset& r, SheetSums& out);

}  // namespace pingfen::lower
