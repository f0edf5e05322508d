// What a condition says, as the checker reads it: a comparison of some value with a constant
// (`合同数 > 0`, `0 < 丙 + 丁`), put with the value on the left and turned round on the branch
// where the condition is false; and a key that names the same computation wherever it is
// written, so a guard on `丙 + 丁` holds where `丙 + 丁` is divided by.
#pragma once

#include <optional>
#include <string>

#include "ast/ast.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::check {

struct Comparison {
    const ast::Expr* subject;
    ast::BinaryOp op;  // Lt, Le, Gt, Ge, Eq or Ne
    Decimal value;
};

// `c` when it is `subject op number` or `number op subject`, as it holds where `c` is `truth`;
// the number may be a named value defined as one (下限 = 0, then 合同数 > 下限).
std::optional<Comparison> comparison(const ast::Expr& c, bool truth, const Ruleset& r);

std::string slot_key(int slot);
// Empty for what has no stable key (text, conditions, names not resolved).
std::string expression_key(const ast::Expr& e);

}  // namespace pingfen::check
