// A rule printed in one canonical form, so that two rulesets compare by meaning: layout,
// comments and full-/half-width punctuation are not differences.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::diff {

std::string rule_text(const ast::Indicator& ind, Language lang);   // named values, 不适用, the rule
std::string scoring_text(const ast::Scoring& s, Language lang);

struct TierText {
    std::string bound, result;
};
// The tiers of a 分档 rule as (interval, result) pairs; empty for other rules.
std::vector<TierText> tiers_of(const ast::Indicator& ind, Language lang);

}  // namespace pingfen::diff
