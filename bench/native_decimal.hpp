// Contender (a): the huadu 2023 ruleset written by hand in C++ with pingfen::Decimal, doing the
// same operations in the same order as the interpreter, so that its scores must be identical.
#pragma once

#include <array>
#include <optional>

#include "generate.hpp"
#include "pingfen/decimal.hpp"

namespace bench {

constexpr int kLeaves = 26;

// The leaves of huadu 2023 in the order of the score sheet (depth first), as dotted paths.
extern const char* const kLeafPaths[kLeaves];

struct DecimalScores {
    std::array<std::optional<pingfen::Decimal>, kLeaves> leaf;  // rounded; none when not scored
    std::optional<pingfen::Decimal> total;                      // none unless every leaf is scored
};

// `raw`, when given, receives each leaf's score before rounding.
void score_decimal(const Record& r, DecimalScores& out,
                   std::array<std::optional<pingfen::Decimal>, kLeaves>* raw = nullptr);

}  // namespace bench
