// The outcomes of a rule, each in words with where it is written, and which of them one
// scoring reached, read from what the evaluator recorded (eval::Choice): nothing is evaluated
// again here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "eval/choice.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::testing {

struct Outcome {
    enum class Kind {
        Tier,           // rule->tiers[index]
        Branch,         // a rule's 若: index 0 则, 1 否则
        Condition,      // an expression's 若 (expr): index 0 则, 1 否则
        Fired,          // deduction item `index` applied
        NotFired,       // deduction item `index` evaluated and not applied
        Floor,          // 扣完为止: the deductions took all the points
        StepNone,       // a step rule deducted nothing
        StepSome,       // a step rule deducted, not down to 0
        BelowCap,       // a proportion below its cap
        AtCap,          // a proportion at or above its cap
        Band,           // a qualitative goal band (rule->bands[index])
        AtLow,          // the assessor's number on the lower bound
        Inside,         // the assessor's number strictly inside the bounds
        AtHigh,         // the assessor's number on the upper bound
        MovedOut,       // not applicable: points moved (indicator->not_applicable[index])
        Granted,        // not applicable: full points
        AdjustmentCap,  // a bonus or penalty item at its cap
    };
    Kind kind = Kind::Tier;
    const ast::Scoring* rule = nullptr;
    const ast::Expr* expr = nullptr;
    std::size_t index = 0;
    Loc loc;
    std::string zh, en;
};

// The outcomes of a leaf's or an adjustment's rule, its named values' 若 and its 不适用 clauses.
std::vector<Outcome> outcomes_of(const ast::Indicator& ind);

// Which outcomes one scoring reached. `all` holds every indicator's choices (an expression's 若 in
// a named value is recorded with the leaf that first read it), `score` the indicator's score.
std::vector<char> reached(const std::vector<Outcome>& outcomes, const ast::Indicator& ind,
                          const eval::ChoicesByIndicator& all, const std::optional<Decimal>& score);

// A bound or cap the way a rule states it, when it is a number (or 分值, given the points).
std::optional<Decimal> literal(const ast::Expr* e, const Decimal& points);

}  // namespace pingfen::testing
