// An assessor's finding as the data gives it (an input declared 核查): the points taken off and
// the reason, from {"扣分": 0.5, "理由": "…"} (JSON, a data block) or one cell `0.5；理由` (CSV, a
// workbook). Only its shape is read here; the binder checks the bounds and that a deduction has
// a reason.
#pragma once

#include <string>
#include <string_view>

#include "ast/ast.hpp"

namespace pingfen::data {

struct FindingDatum {
    bool ok = false;
    Decimal points;
    std::string_view reason;     // points into the datum, which outlives the evaluation
    std::string why_zh, why_en;  // when not ok: what is wrong with its shape
};

FindingDatum read_finding(const ast::DataValue& datum);

}  // namespace pingfen::data
