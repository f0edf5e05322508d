// Parse tree → AST. Called by parse.cpp while the parser still owns the tree.
#pragma once

#include "PingfenParser.h"
#include "ast/ast.hpp"
#include "diag/diag.hpp"

namespace pingfen::front {

std::unique_ptr<ast::Module> build_module(SourcePtr source, PingfenParser::FileContext* tree,
                                          DiagnosticSink& sink);
ast::ExprPtr build_expression(SourcePtr source, PingfenParser::ExprOnlyContext* tree,
                              DiagnosticSink& sink);

}  // namespace pingfen::front
