// Money units as scales of 元, so that units compose through × and ÷: 万元 × 10000 is 元, and
// 元 ÷ 万元 is a ratio 10 000 times too large. Units the table does not know (a ruleset may
// write any name) compare by their text only.
#pragma once

#include <optional>
#include <string>

#include "pingfen/decimal.hpp"

namespace pingfen::sema {

std::optional<Decimal> unit_scale(const std::string& unit);  // 万元 → 10000
std::string unit_of_scale(const Decimal& scale);            // 10000 → 万元; "" when none
// The unit of an amount in `unit` multiplied by `factor`: 万元 × 10000 → 元, 万元 × 1.1 → 万元,
// "" for a power of ten that lands on no unit of the table.
std::string scaled_unit(const std::string& unit, const Decimal& factor);

}  // namespace pingfen::sema
