// The indicator tree as score_leaves() adds it up, flattened once per ruleset: the leaves in
// sheet order, each parent's score the sum of its children's scores just before it (postorder).
// Walking it is a loop over a vector instead of a recursion per indicator; the additions are
// the same ones in the same order, so the totals are the same decimals as the tree's (or, where
// exact_total says so, the leaves added straight into the total: the same decimal).
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
    // Leaf: its index and rule, kept here so that scoring it reads them from this array, not
    // from the indicator (a cache line more per leaf, the indicator's texts beside them).
    std::uint32_t index = 0;
    const ast::Scoring* rule = nullptr;
};

struct SheetSums {
    std::uint64_t ruleset_serial = 0;  // the ruleset these steps are for (0: none yet)
    std::vector<SheetStep> steps;      // after them, one score per top-level indicator remains
    // Whether score_leaves() may add the leaves' scores straight into the total, in sheet order,
    // instead of through each parent's sum: when the ruleset rounds every leaf to p places and
    // all the weights together are below 10^(33−p), every such sum is exact (34 digits), and
    // exact sums of the same numbers are the same decimal in any grouping.
    bool exact_total = false;
    // Per indicator (by index): its declared weight, where scoring a department starts from
    // (a copy, rather than a loop over the indicators for each department).
    std::vector<Decimal> declared_weights;
};

void sheet_sums(const Ruleset& r, SheetSums& out);

}  // namespace pingfen::lower
