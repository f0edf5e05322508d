// Why one indicator scores differently under two rulesets: what the department actually met on
// each side (the tier, branch, deduction item or goal row its data landed in, with the value),
// and whether the indicator's points changed.
#pragma once

#include <string>
#include <vector>

#include "eval/choice.hpp"
#include "pingfen/pingfen.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::diff {

// One decision in words: "结余结转率 2.73%" and "≤ 10% 得 2 分", under goal row or part `scope`.
struct ChoiceText {
    std::string scope, subject, taken;
    std::string outcome;  // the points part of `taken` ("得 2 分"), when the choice settles them
};
std::vector<ChoiceText> choice_texts(const std::vector<eval::Choice>& choices, const Ruleset& r, Language lang);

// One side of a leaf that scored differently: its rule's decisions and its points there.
struct LeafSide {
    const ast::Indicator* indicator = nullptr;
    const std::vector<eval::Choice>* choices = nullptr;
    Decimal weight;  // as scored, points moved in included
};

struct Cause {
    std::string zh, en;
};
// `rounding_changed`: the two rulesets round differently, the one reason left when neither the
// points nor what the department met changed.
Cause score_cause(const Ruleset& a, const LeafSide& x, const Ruleset& b, const LeafSide& y, bool rounding_changed);

}  // namespace pingfen::diff
