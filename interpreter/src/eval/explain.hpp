// Text of explanations: numbers as a person reads them, formulas with the numbers put in.
#pragma once

#include <functional>
#include <string>

#include "ast/ast.hpp"
#include "eval/value.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::explain {

// A rate as "2.73%" (exact when it has at most two decimals as a percentage, else rounded half
// up to two); other numbers exact up to four decimals, else rounded to four; yes/no as 是/否.
std::string show(const Value& v, ast::ValueType type, Language lang);
std::string show_number(const Decimal& d, ast::ValueType type);  // a date in Chinese: 2023年4月28日
std::string show_date(const Decimal& day_number, bool english);     // 2023年4月28日 / 2023-04-28
std::string show_points(const Decimal& d);  // 2, 0.5, 4.6155 — exact

// What a per-item deduction counts, as a Chinese unit: 天 for days (逾期天数(…) 7 天 × 0.1), 项 else.
const char* counted_as(const ast::Expr& count);

// The formula of an expression; with `value_of`, names are replaced by their values.
std::string formula(const ast::Expr& e, Language lang,
                    const std::function<std::string(const ast::Expr&)>* value_of = nullptr);

// A bound as written in standards: ≤ 10%, (10%, 20%], = 100%. With `value_of`, each end that is
// not a number is shown by it (the value of `分值` where the bound applies: [0, 1), not [0, 分值)).
std::string interval(const ast::Interval& iv, Language lang,
                     const std::function<std::string(const ast::Expr&)>* value_of = nullptr);

}  // namespace pingfen::explain
