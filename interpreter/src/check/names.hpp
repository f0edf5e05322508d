// Names that differ only by full-/half-width or traditional/simplified forms of the same
// characters (預算執行 and 预算执行, ＡＢ and AB): a reader cannot tell them apart.
#pragma once

#include "diag/diag.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::check {

void similar_names(const Ruleset& r, DiagnosticSink& sink);

}  // namespace pingfen::check
