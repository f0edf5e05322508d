// A department's data bound to one ruleset once (checked, converted, placed in its slots), to be
// scored any number of times without looking a name up again. What binding reported (missing,
// ill-typed or out-of-range data) is kept and given with every scoring, as score() on the
// unbound data would give it.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "data/department.hpp"
#include "data/validate.hpp"

namespace pingfen {

class BoundData {
public:
    std::shared_ptr<const DepartmentData> data;  // the slots point into it
    std::uint64_t ruleset_serial = 0;            // Ruleset::serial of the ruleset it is bound to
    data::Bound bound;
    std::vector<unsigned char> given_state;  // eval::Evaluator::given_state_of(bound.slots)
    std::vector<Diagnostic> diagnostics;  // binding's, in the order it found them
};

}  // namespace pingfen
