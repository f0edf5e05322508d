// score() that also keeps what each rule decided for the department (eval::Choice), for a
// caller inside the library that must say why a score is what it is: diff names the tier,
// branch, deduction item or goal row that changed a score.
#pragma once

#include "eval/choice.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::api {

// `choices` is filled by Indicator::index; an indicator not scored has none.
ScoreResult score_recording_choices(const Ruleset& r, const DepartmentData& d, const ScoreOptions& opts,
                                    eval::ChoicesByIndicator& choices);

}  // namespace pingfen::api
