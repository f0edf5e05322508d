// Where the points of an indicator or a part that does not apply go (不适用 若 …，分值移至 路径):
// each target found (a leaf, or a part of a leaf's own 分项), the parts that can move or take
// points numbered, and the order in which points flow worked out once, with cycles refused.
#pragma once

#include "diag/diag.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::sema {

// After name resolution: fills Indicator::part_index, NotApplicable::target, Ruleset::parts,
// ::leaf_of_part and ::move_order. Errors: E0219 (no such target, or not a leaf or part),
// E0229 (points that would move in a circle), E0230 (points moved to a leaf scored by parts
// with points, where no part is named to take them).
void resolve_moves(ast::Module& m, Ruleset& out, DiagnosticSink& sink);

}  // namespace pingfen::sema
