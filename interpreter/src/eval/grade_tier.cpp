// 按 质量评价 等级系数 { 优 100%  良 80%  中 60%  差 0% }: the tier whose grade is the assessor's.
// A grade the table does not list is an error naming the grades it does, never 0 points.
#include <fmt/format.h>

#include "eval/evaluate.hpp"
#include "eval/explain.hpp"

namespace pingfen::eval {

using namespace ast;

Decimal Evaluator::grade_tier(const Scoring& s, std::string& why) {
    const Value v = value(*s.value);
    for (const Tier& t : s.tiers) {
        if (t.grade != v.words()) continue;
        note(Choice::Kind::Tier, s, static_cast<std::size_t>(&t - s.tiers.data()));
        std::string sub;
        Decimal points = score(*t.result, sub);
        if (explain_)  // the subject written out only for the explanation that reads it
            why = fmt::format(fmt::runtime(en_ ? "{} is “{}”: {}" : "{}为“{}”，{}"), explain::formula(*s.value, lang_), v.words(), sub);
        return points;
    }
    std::string grades;
    for (const Tier& t : s.tiers) grades += (grades.empty() ? "" : "、") + t.grade;
    // Each message names the subject in its own language, whatever the sheet's.
    throw EvalError{s.value->loc,
                    fmt::format("{}为“{}”，不是等级系数中的等级（{}）", explain::formula(*s.value, Language::Chinese), v.words(), grades),
                    fmt::format("{} is “{}”, which is not a grade of the coefficients ({})",
                                explain::formula(*s.value, Language::English), v.words(), grades)};
}

}  // namespace pingfen::eval
