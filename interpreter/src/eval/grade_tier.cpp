// 按 质量评价 等级系数 { 优 100%  良 80%  中 60%  差 0% }: the tier whose grade is the assessor's.
// A grade the table does not list is an error naming the grades it does, never 0 points.
#include <fmt/format.h>

#include "eval/evaluate.hpp"
#include "eval/explain.hpp"

namespace pingfen::eval {

using namespace ast;

Decimal Evaluator::grade_tier(const Scoring& s, std::string& why) {
    const Value v = value(*s.value);
    const std::string subject = explain::formula(*s.value, lang_);
    for (const Tier& t : s.tiers) {
        if (t.grade != v.words()) continue;
        note(Choice::Kind::Tier, s, static_cast<std::size_t>(&t - s.tiers.data()));
        std::string sub;
        Decimal points = score(*t.result, sub);
        if (explain_) why = fmt::format(fmt::runtime(en_ ? "{} is “{}”: {}" : "{}为“{}”，{}"), subject, v.words(), sub);
        return points;
    }
    std::string grades;
    for (const Tier& t : s.tiers) grades += (grades.empty() ? "" : "、") + t.grade;
    throw EvalError{s.value->loc,
                    fmt::format("{}为“{}”，不是等级系数中的等级（{}）", subject, v.words(), grades),
                    fmt::format("{} is “{}”, which is not a grade of the coefficients ({})", subject, v.words(), grades)};
}

}  // namespace pingfen::eval
