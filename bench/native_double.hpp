// Contender (b): the same hand-written huadu 2023 code as native_decimal.cpp, with double, and
// rounding half up the way it is usually written: std::floor(x * 100 + 0.5) / 100.
#pragma once

#include <array>

#include "generate.hpp"
#include "native_decimal.hpp"

namespace bench {

struct DoubleScores {
    std::array<double, kLeaves> leaf{};  // rounded to 2 places
    std::array<bool, kLeaves> ok{};      // false when the leaf could not be scored
    double total = 0;
    bool total_ok = false;
};

void score_double(const Record& r, DoubleScores& out);

}  // namespace bench
