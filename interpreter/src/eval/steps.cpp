// 每增加 5% 扣 0.5 分 and its mirror 每低于 5% 扣 2 分 (预算完成率100%计满分): steps counted past a
// base, above it or below it. One routine with a direction, so that the two can never count a
// partial step or floor the score differently.
#include <fmt/format.h>

#include "eval/evaluate.hpp"
#include "eval/explain.hpp"

namespace pingfen::eval {

using namespace ast;
using explain::show_number;
using explain::show_points;

Decimal Evaluator::per_step(const Scoring& s, std::string& why) {
    const bool down = s.downward;  // 每低于: the base is required (the checker sees to it)
    const Decimal w = weight_;
    const Decimal zero;
    Value subject_value = this->subject_value(*s.value);
    const Decimal v = subject_value.number;
    const Decimal base = s.base ? number(*s.base) : zero;
    const Decimal step = number(*s.step);
    const Decimal per = number(*s.amount);
    if (!step.is_positive()) throw EvalError{s.step->loc, "每档的幅度应为正数", "the step must be positive"};
    std::string base_text;
    if (explain_) base_text = show_number(base, s.base ? s.base->type : s.value->type);
    if (down ? base <= v : v <= base) {
        note(Choice::Kind::Step, s, 0, v);
        if (explain_)
            why = fmt::format(fmt::runtime(en_ ? "{} {} {}, nothing deducted: full points, {}" : "{} {} {}，不扣分，得满分 {} 分"),
                              named(*s.value, subject_value), down ? "≥" : "≤", base_text, show_points(w));
        return w;
    }
    const Decimal ratio = down ? (base - v) / step : (v - base) / step;
    const Decimal steps = s.partial_step_counts ? ratio.ceil() : ratio.floor();
    const Decimal deducted = steps * per;
    note(Choice::Kind::Step, s, 0, v, steps);
    const Decimal result = (w - deducted).floored_at_zero();
    if (explain_) {
        const std::string st = show_number(step, s.step->type);
        const std::string shown_v = show_number(v, s.value->type);
        const std::string rounding = s.partial_step_counts ? (en_ ? "a partial step counts as one" : "不足一档按一档计")
                                                           : (en_ ? "a partial step does not count" : "不足一档不计");
        // How far past the base: (base − value) below it, (value − base) above, the value alone above 0.
        const std::string gap = down     ? fmt::format("({} − {})", base_text, shown_v)
                                : s.base ? fmt::format("({} − {})", shown_v, base_text)
                                         : shown_v;
        std::string tail;
        if (steps.is_zero())
            tail = fmt::format(fmt::runtime(en_ ? "nothing deducted: full points, {}" : "不扣分，得满分 {} 分"), show_points(w));
        else if (w <= deducted)
            tail = fmt::format(fmt::runtime(en_ ? "deduct {}, down to 0: 0 points" : "扣 {} 分，扣完为止，得 0 分"), show_points(deducted));
        else
            tail = fmt::format(fmt::runtime(en_ ? "deduct {}: {} points" : "扣 {} 分，得 {} 分"), show_points(deducted),
                               show_points(result));
        why = fmt::format(fmt::runtime(en_ ? "{} {} {}; {} per {} {}, {}: {} ÷ {} = {} → {} steps; {}"
                                           : "{} {} {}，{} {} 扣 {} 分，{}：{} ÷ {} = {} → {} 档，{}"),
                          named(*s.value, subject_value), down ? "<" : ">", base_text,
                          en_ ? show_points(per) : (down ? "每低于" : "每增加"), st,
                          en_ ? (down ? "below" : "more") : show_points(per), rounding, gap, st,
                          show_number(ratio, ValueType::Number), show_points(steps), tail);
    }
    return result;
}

}  // namespace pingfen::eval
