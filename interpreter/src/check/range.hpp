// Intervals of exact decimals with infinite ends, for the checker's interval analysis: what
// values an expression can take given the declared ranges of the inputs.
#pragma once

#include <optional>
#include <string>

#include "ast/ast.hpp"

namespace pingfen::check {

struct Range {
    std::optional<Decimal> lo, hi;  // none = −∞ / +∞
    bool lo_open = false, hi_open = false;  // kept through + and −, so (0, +∞) + [0, +∞) excludes 0
    // Only whole numbers (a count, a sum of counts): tiers `= 0`, `[1, 3]`, `> 3` then leave no
    // gap, since nothing lies strictly between 0 and 1.
    bool integral = false;

    static Range all() { return {}; }
    static Range point(const Decimal& d) { return {d, d, false, false, d.is_integer()}; }
    static Range between(const Decimal& a, const Decimal& b) { return {a, b}; }
    static Range at_least(const Decimal& a) { return {a, std::nullopt}; }
    static Range at_most(const Decimal& b) { return {std::nullopt, b}; }

    bool contains_zero() const;
    bool within(const Decimal& a, const Decimal& b) const;  // ⊆ [a, b]
    Range hull(const Range& o) const;  // keeps an open end when both sides' ends are open there
    std::string text(bool percent) const;  // [0, +∞)
};

Range operator+(const Range& a, const Range& b);
Range operator-(const Range& a, const Range& b);
Range operator*(const Range& a, const Range& b);
Range divide(const Range& a, const Range& b);  // all() when b can be 0
Range min(const Range& a, const Range& b);
Range max(const Range& a, const Range& b);

Range intersect(const Range& a, const Range& b);
bool overlaps(const Range& a, const Range& b);  // some value lies in both
bool contains(const Range& outer, const Range& inner);

// The hull of a declared interval (open ends treated as closed).
Range from_interval(const ast::Interval& iv);

}  // namespace pingfen::check
