// A compact, stable text form of the AST, for parser tests: both spellings of a rule (Chinese
// and English, full- and half-width) must dump the same.
#pragma once

#include <string>

#include "ast/ast.hpp"

namespace pingfen::ast {

std::string dump(const Module& m);
std::string dump(const Expr& e);

}  // namespace pingfen::ast
