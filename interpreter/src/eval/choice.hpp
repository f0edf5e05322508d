// What a rule decided for one department: the tier, branch, deduction item, goal row or
// assessor's figure it landed in, with the value that put it there. The evaluator records these
// as it scores, when asked (Evaluator::record_choices); they are put into words afterwards, in
// either language, by whoever reads them (diff's causes). Recording observes the scoring; it
// never changes it.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.hpp"

namespace pingfen::eval {

struct Choice {
    enum class Kind {
        Tier,         // rule->tiers[index] (Tiers or Completion), for `subject`
        Branch,       // an If: index 0 = its 则 branch, 1 = its 否则 branch
        Deduction,    // rule->deductions[index] applied; `subject` is the count of a per-item one
        NoDeduction,  // a Deductions rule where nothing applied
        Step,         // a Step rule: `subject` the value, `amount` the steps counted (0: none)
        Proportion,   // a Proportion rule: `subject` the rate, `amount` the rate used (after the cap)
        Discretion,   // the assessor's `subject` points (a Discretion rule)
        Band,         // a goal row judged into band `text` at rate `subject`
        Words,        // a goal row with a target in words: `text` the actual, index 1 when met
        MovedOut,     // not applicable: its points moved to `target`
        Granted,      // not applicable: full points, for reason `text`
        Condition,    // an expression's 若 … 则 … 否则 (`expr`): index 0 = 则, 1 = 否则 (for coverage)
        RowScore,     // a goal row scored: `amount` its score, `scope` its name (for 期望 on a row)
    };
    Kind kind = Kind::Tier;
    const ast::Scoring* rule = nullptr;
    std::size_t index = 0;
    Decimal subject;
    Decimal amount;
    std::string scope;  // the part or goal row it belongs to; empty for the rule itself
    std::string text;
    const ast::Indicator* target = nullptr;
    const ast::Expr* expr = nullptr;  // Condition
    // The points the rule acted on (the leaf's, a part's or a goal row's), and for a Deduction
    // the points it took: with them a reader tells 扣完为止 reached (pingfen test --coverage).
    Decimal points;
};

// Per indicator, by Indicator::index: the choices its rule made for one department.
using ChoicesByIndicator = std::vector<std::vector<Choice>>;

}  // namespace pingfen::eval
