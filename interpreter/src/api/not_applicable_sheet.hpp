// What the sheet says of a leaf that does not apply, or that took points moved to it, and the
// choices recorded for it (diff's causes, test --coverage): words only, from the decision made
// in eval/applicability.cpp.
#pragma once

#include <string>

#include "eval/applicability.hpp"
#include "eval/evaluate.hpp"

namespace pingfen::api {

// 不适用，分值 3 分移至 …, or for a leaf none of whose parts applies, 不适用（各分项均不适用）…;
// and the choices: the leaf's, then each part's.
std::string moved_out(const Ruleset& r, const eval::Applicability& a, const ast::Indicator& leaf, bool en,
                      eval::Evaluator& ev);
// 不适用，得满分 N 分（理由）, and the choice.
std::string granted(const Ruleset& r, const eval::Applicability& a, const ast::Indicator& leaf, const Decimal& points,
                    bool en, eval::Evaluator& ev);
// 含自 … 移入的 2 分，<basis>: the points moved to a leaf that applies, before its basis.
std::string with_arrivals(const Ruleset& r, const eval::Applicability& a, const ast::Indicator& leaf, bool en,
                          std::string basis);

}  // namespace pingfen::api
