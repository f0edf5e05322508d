// What a builtin call can return, given the ranges of its arguments: the checker's view of
// the standard library. A list argument's range is that of its items (月度执行率 列表(百分比)
// ≥ 0 gives [0, +∞) for each month), so 平均, 封顶平均 and 合计 keep their items' bounds.
#pragma once

#include <vector>

#include "check/range.hpp"

namespace pingfen::check {

Range call_range(const ast::Expr& call, const std::vector<Range>& args);

}  // namespace pingfen::check
