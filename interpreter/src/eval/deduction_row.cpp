// How a row of a tier table inside 扣分 reads in the basis: 调整事项数 5，属于“5及以上”一档, not
// the lowered condition (调整事项数 ≥ 5). Apart from evaluate.cpp, which only calls it.
#include <fmt/format.h>

#include "eval/evaluate.hpp"

namespace pingfen::eval {

using namespace ast;

// A row of a tier table inside 扣分, as an assessor writes it: the value, and the row it falls in.
std::string Evaluator::deduction_row(const Deduction& d) {
    const Expr& cmp = d.subject->kind == Expr::Kind::Binary && d.subject->op == BinaryOp::And ? *d.subject->args[0] : *d.subject;
    const Expr& subject = cmp.args.empty() ? cmp : *cmp.args[0];
    return fmt::format(fmt::runtime(en_ ? "{}, in the tier {}" : "{}，属于“{}”一档"), named(subject, value(subject)), d.row_text);
}

}  // namespace pingfen::eval
