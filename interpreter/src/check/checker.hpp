// The checks a finance bureau's indicator system needs before any department is scored:
// tiers that leave a gap or overlap, scores that can leave [0, weight], divisions by a value that
// can be 0, rounding done twice, names that differ only by full-/half-width or traditional/
// simplified characters. (Weights, undefined names and types are checked by the resolver.)
#pragma once

#include "diag/diag.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::check {

void check_ruleset(const Ruleset& r, DiagnosticSink& sink);

}  // namespace pingfen::check
