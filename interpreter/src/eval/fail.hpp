// An error in a rule found while evaluating it: thrown where it is found, caught per indicator
// (Evaluator::leaf) and reported there as a Diagnostic.
#pragma once

#include <string>

#include "eval/value.hpp"

namespace pingfen::eval {

[[noreturn]] inline void fail(const Loc& loc, std::string zh, std::string en) {
    throw EvalError{loc, std::move(zh), std::move(en)};
}

}  // namespace pingfen::eval
