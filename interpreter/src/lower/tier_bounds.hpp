// Tier tables compared once per bound: a tier is reached only when every tier before it did
// not match, and in a table written in order (≤ 10%, (10%, 20%], (20%, 30%], > 30%) that
// already settles one side of its interval. Such sides are marked (Tier::low_implied,
// high_implied) and the evaluator does not compare them: the tier chosen is the same, with one
// comparison per tier instead of two, as a hand-written chain of `if (v <= 10%) … else if`.
#pragma once

#include "sema/ruleset.hpp"

namespace pingfen::lower {

// Marks the implied sides of every tier table of `r` (written-out numbers only; a bound that is
// an expression is always compared).
void skip_implied_bounds(Ruleset& r);

}  // namespace pingfen::lower
