// 预算完成率100%计满分，每低于5%扣2分: the mirror of 每增加, steps counted below a base. Kept
// apart from evaluate.cpp so that the evaluator's main switch only routes to it.
#include <fmt/format.h>

#include "eval/evaluate.hpp"
#include "eval/explain.hpp"

namespace pingfen::eval {

using namespace ast;
using explain::show_number;
using explain::show_points;

Decimal Evaluator::step_down(const Scoring& s, std::string& why) {
    const Decimal w = weight_;
    const Decimal zero;
    Value subject_value = value(*s.value);
    const Decimal v = subject_value.number;
    const Decimal base = number(*s.base);
    const Decimal step = number(*s.step);
    const Decimal per = number(*s.amount);
    if (!(zero < step)) throw EvalError{s.step->loc, "每档的幅度应为正数", "the step must be positive"};
    const std::string base_text = explain_ ? show_number(base, s.base->type) : std::string();
    if (base <= v) {
        note(Choice::Kind::Step, s, 0, v);
        if (explain_)
            why = fmt::format(fmt::runtime(en_ ? "{} ≥ {}, nothing deducted: full points, {}" : "{} ≥ {}，不扣分，得满分 {} 分"),
                              named(*s.value, subject_value), base_text, show_points(w));
        return w;
    }
    const Decimal ratio = (base - v) / step;
    const Decimal steps = s.partial_step_counts ? ratio.ceil() : ratio.floor();
    const Decimal deducted = steps * per;
    note(Choice::Kind::Step, s, 0, v, steps);
    const Decimal result = Decimal::max(zero, w - deducted);
    if (explain_) {
        const std::string st = show_number(step, s.step->type);
        const std::string rounding = s.partial_step_counts ? (en_ ? "a partial step counts as one" : "不足一档按一档计")
                                                           : (en_ ? "a partial step does not count" : "不足一档不计");
        const std::string shortfall = fmt::format("({} − {})", base_text, show_number(v, s.value->type));
        std::string tail;
        if (steps.is_zero())
            tail = fmt::format(fmt::runtime(en_ ? "nothing deducted: full points, {}" : "不扣分，得满分 {} 分"), show_points(w));
        else if (w <= deducted)
            tail = fmt::format(fmt::runtime(en_ ? "deduct {}, down to 0: 0 points" : "扣 {} 分，扣完为止，得 0 分"), show_points(deducted));
        else
            tail = fmt::format(fmt::runtime(en_ ? "deduct {}: {} points" : "扣 {} 分，得 {} 分"), show_points(deducted),
                               show_points(result));
        why = fmt::format(fmt::runtime(en_ ? "{} < {}; {} per {} below, {}: {} ÷ {} = {} → {} steps; {}"
                                           : "{} < {}，每低于 {} 扣 {} 分，{}：{} ÷ {} = {} → {} 档，{}"),
                          named(*s.value, subject_value), base_text, en_ ? show_points(per) : st, en_ ? st : show_points(per),
                          rounding, shortfall, st, show_number(ratio, ValueType::Number), show_points(steps), tail);
    }
    return result;
}

}  // namespace pingfen::eval
