// Checks a department's data against the ruleset's input declarations and binds it to slots.
#pragma once

#include <deque>
#include <vector>

#include "data/department.hpp"
#include "diag/diag.hpp"
#include "eval/value.hpp"
#include "lower/goal_rows.hpp"
#include "lower/input_frame.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::data {

// A department's data bound to a ruleset's slots. Kept by the caller from one department to
// the next, so that its buffers are allocated once per thread rather than once per department.
struct Bound {
    std::vector<Value> slots;            // per slot: the inputs; the evaluator adds named values
    // Per slot: 1 usable; 0 an input given but invalid (reported when bound); kAbsent an input
    // the data leaves out, with no 默认 — an error only for the indicators whose evaluation reads
    // it (E0401, reported by scoring).
    std::vector<unsigned char> slot_ok;
    static constexpr unsigned char kAbsent = 2;
    bool all_ok = true;                  // every input that some indicator reads is usable
    // Lists and goal tables bind to the data itself; only those that need text made numbers
    // ("98%") are copied and normalised, into the first `lists_used` of these. The copies are
    // overwritten, not freed, by the next department (a deque: growing it moves nothing).
    std::deque<std::vector<ast::DataValue>> lists;
    std::size_t lists_used = 0;
    // Goal tables' rows with their columns found and targets read (Value::goal_rows), reused
    // in the same way.
    std::deque<std::vector<lower::GoalRow>> goal_rows;
    std::size_t goal_rows_used = 0;
    std::vector<const DepartmentData::Field*> given;  // per input: its field (scratch)
    lower::InputFrame frame;  // `slots` packed as the ruleset's program reads them
};

// Binds `d` to `r` in `out` (whatever `out` held before is discarded) and reports every
// extra, ill-typed or out-of-range field; a missing one is only marked (kAbsent), for scoring
// to report where it is read (data/missing_datum.hpp). Text and lists in `out.slots` point
// into `d`, into `r` or into `out.lists`, all of which must outlive the evaluation.
void bind_inputs(const Ruleset& r, const DepartmentData& d, Bound& out, DiagnosticSink& sink);

}  // namespace pingfen::data
