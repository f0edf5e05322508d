// E0401, a datum the department's evaluation needed and the data does not give. Reported by
// scoring rather than binding: a datum is demanded only where evaluation reads it, so an input
// read only on a branch not taken, or by an indicator that does not apply, may be left out.
#pragma once

#include <string>
#include <vector>

#include "data/department.hpp"
#include "diag/diag.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::data {

// "金额（万元）" / "an amount (万元)": an input's declared type as messages name it.
std::string declared_type_text(const ast::InputDecl& in, bool english);

// E0401 for input slot `slot`, naming the indicators (by index, in sheet order) whose scoring
// needed it; those it reads only under a condition say which, so the assessor sees why the
// datum is needed for this department.
void report_missing_datum(const Ruleset& r, const DepartmentData& d, int slot, const std::vector<int>& needed_by,
                          DiagnosticSink& sink);

}  // namespace pingfen::data
