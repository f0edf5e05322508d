// The front end: source text → our AST. The only part of pingfen that sees ANTLR.
#pragma once

#include <memory>

#include "ast/ast.hpp"
#include "diag/diag.hpp"

namespace pingfen::front {

struct ParseLimits {
    std::size_t max_source_bytes = 8u << 20;
    int max_nesting = 200;
    // Words, numbers and signs (spaces and comments not counted): the parser keeps every one,
    // about 150 bytes each, and a real indicator system has some ten thousand.
    std::size_t max_tokens = 1'000'000;
};

// Null when there were syntax errors (all reported to `sink`).
std::unique_ptr<ast::Module> parse_module(SourcePtr source, const ParseLimits& limits,
                                          DiagnosticSink& sink);
ast::ExprPtr parse_expression(SourcePtr source, const ParseLimits& limits, DiagnosticSink& sink);

}  // namespace pingfen::front
