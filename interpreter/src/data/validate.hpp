// Checks a department's data against the ruleset's input declarations and binds it to slots.
#pragma once

#include <deque>
#include <vector>

#include "data/department.hpp"
#include "diag/diag.hpp"
#include "eval/value.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::data {

// Fills the input slots of `slots` (sized to the ruleset's slot count) and reports every
// missing, extra, ill-typed or out-of-range field. Returns, per input slot, whether it is usable.
// Lists and goal tables are normalised into `storage` (percent strings made numbers), which
// must outlive the evaluation.
std::vector<bool> bind_inputs(const Ruleset& r, const DepartmentData& d, std::vector<Value>& slots,
                              std::deque<ast::DataValue>& storage, DiagnosticSink& sink);

}  // namespace pingfen::data
