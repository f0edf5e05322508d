// Boundary values solved back to the data: which value of one input puts a rule's subject (a
// formula of inputs and named values) exactly on a bound, the rest of the data as given.
// Only + − × ÷ and negation are inverted; anything else is not solved.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "ast/ast.hpp"
#include "data/department.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::testing {

// The data that changes: input slot → value.
using Changes = std::map<int, Decimal>;

class Solver {
public:
    Solver(const Ruleset& r, const DepartmentData& base) : r_(r), base_(base) {}

    // The subject's value on the base data with `changes`; nullopt when it reads something this
    // arithmetic cannot (a function, a list) or divides by zero.
    std::optional<Decimal> value(const ast::Expr& e, const Changes& changes) const;

    // Changes that put `subject` exactly on `target`: one input changed (the first in the formula
    // that occurs once); for a count whose value would not be whole, another count it is divided
    // by set to 10000 as well, so that rates step by 0.01%. nullopt when it cannot be solved.
    std::optional<Changes> solve(const ast::Expr& subject, const Decimal& target, int* solved_for = nullptr) const;

    // The input a solution changes first (the one solved for).
    const ast::InputDecl* input(int slot) const;
    // The smallest change of an input as it is written: a cent, 0.01%, 1 for a count.
    static Decimal precision(const ast::InputDecl& in);
    // Inside the input's declared range (and not negative for amounts and counts).
    bool allowed(const ast::InputDecl& in, const Decimal& v) const;
    // Inputs in the order they occur in `e`, named values read through, with how often.
    void inputs(const ast::Expr& e, std::vector<std::pair<int, int>>& out) const;

private:
    std::optional<Decimal> base_value(int slot) const;
    std::optional<Decimal> invert(const ast::Expr& e, int slot, const Decimal& target, const Changes& changes) const;
    int count(const ast::Expr& e, int slot) const;

    const Ruleset& r_;
    const DepartmentData& base_;
};

}  // namespace pingfen::testing
