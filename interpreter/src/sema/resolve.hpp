// Name resolution and checks: every name bound to a slot or a builtin, every expression given
// a type, and the structure of the indicator tree checked (weights, levels, duplicates).
#pragma once

#include <functional>
#include <string>

#include "diag/diag.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::sema {

// Resolves a parsed module into `out` (which takes ownership). Errors go to `sink`.
void resolve_ruleset(std::unique_ptr<ast::Module> module, Ruleset& out, DiagnosticSink& sink);

// For a lone expression (pingfen eval): names are looked up with `lookup`, which returns the
// slot and type of a name, or slot −1 when it is unknown.
struct NameInfo {
    int slot = -1;
    ast::ValueType type = ast::ValueType::Unknown;
    ast::ValueType element = ast::ValueType::Unknown;  // a list's item type
    std::string unit;                                  // an amount's unit
};
// `in_indicator`: the expression stands inside an indicator, where `分值` means its points.
void resolve_expression(ast::Expr& e, const std::function<NameInfo(const std::string&)>& lookup,
                        const std::vector<std::string>& known_names, DiagnosticSink& sink,
                        bool in_indicator = false);

// The closest of `candidates` to `name`, for "did you mean" (empty when none is close).
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace pingfen::sema
