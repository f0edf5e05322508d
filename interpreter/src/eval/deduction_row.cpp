// How a row of a tier table inside 扣分 reads in the basis: 调整事项数 5，属于“5及以上”一档, not
// the lowered condition (调整事项数 ≥ 5). Apart from evaluate.cpp, which only calls it.
#include <fmt/format.h>

#include "eval/evaluate.hpp"
#include "eval/explain.hpp"

namespace pingfen::eval {

using namespace ast;

// A row of a tier table inside 扣分, as an assessor writes it: the value, and the row it falls in.
std::string Evaluator::deduction_row(const Deduction& d) {
    const Expr& cmp = d.subject->kind == Expr::Kind::Binary && d.subject->op == BinaryOp::And ? *d.subject->args[0] : *d.subject;
    const Expr& subject = cmp.args.empty() ? cmp : *cmp.args[0];
    // The value the row's condition just read, from the trace: evaluating it again here cost
    // steps that a plain score does not take (a step budget between the two failed only when
    // explaining).
    const long at = trace_.latest(subject);
    const std::string shown = at >= 0 ? named(subject, trace_.at(at).value) : explain::formula(subject, lang_);
    return fmt::format(fmt::runtime(en_ ? "{}, in the tier {}" : "{}，属于“{}”一档"), shown, d.row_text);
}

}  // namespace pingfen::eval
