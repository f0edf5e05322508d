// Each expression's first operands copied into its own first cache line (Expr::operand), so
// that the evaluator reaches a child without reading the operand vector's separate buffer: the
// AST is larger than the L1 cache, and that buffer was one more line missed per operator.
#pragma once

#include "sema/ruleset.hpp"

namespace pingfen::lower {

// Sets Expr::operand of every expression the rules of `r` hold. Run last in a compile: an
// expression made or changed afterwards (a REPL line) keeps null operands, and the evaluator
// then reads `args` (Expr::arg).
void cache_operands(Ruleset& r);

}  // namespace pingfen::lower
