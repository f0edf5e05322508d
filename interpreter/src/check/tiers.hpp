// Tiers, grade bands and deduction conditions as intervals on one line: what they leave
// uncovered, what they cover twice, and whether the tiers' scores rise or fall one way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/range.hpp"
#include "diag/diag.hpp"

namespace pingfen::check {

// A point on the extended line for interval sweeps: −∞, v itself, just above v, +∞.
struct Key {
    int inf = 0;  // −1, 0, +1
    Decimal v;
    int side = 0;  // 0 = at v, 1 = just above v
    bool operator<(const Key& o) const {
        if (inf != o.inf) return inf < o.inf;
        if (inf != 0) return false;
        if (v != o.v) return v < o.v;
        return side < o.side;
    }
    bool operator==(const Key& o) const { return !(*this < o) && !(o < *this); }
};

struct Span {
    Key lo, hi;  // covers [lo, hi)
    Loc loc;
    std::optional<Decimal> score;  // a constant score, for the monotonicity check
};

Key low_key(const ast::ExprPtr& e, bool closed);
Key high_key(const ast::ExprPtr& e, bool closed);
std::string key_text(const Key& lo, const Key& hi, bool percent, bool date = false);
bool is_constant(const ast::Interval& iv);
// Whether [lo, hi) holds a whole number: over a count, (0, 1) is no gap.
bool holds_integer(const Key& lo, const Key& hi);

// What is being swept and which codes its gaps and overlaps carry.
struct Sweep {
    Key lo, hi;          // the domain
    Range domain;        // the same, for the note; integral domains skip gaps with no whole number
    bool otherwise = false;  // a 其余 tier covers every gap
    bool percent = false;
    std::string subject, subject_en;
    const char* gap_code;
    const char* overlap_code;
    bool date = false;  // the subject is a date: ends shown as 2023年4月28日
};

// Reports gaps and overlaps; returns whether it reported an overlap.
bool sweep(DiagnosticSink& sink, std::vector<Span> spans, const Sweep& what);
// E0708 when two rows of a tier table inside 扣分 overlap (a value there would be deducted
// twice); gaps are fine: a value in no row deducts nothing.
void deduction_tiers(DiagnosticSink& sink, const ast::Scoring& table);
// W0701 when constant scores along the sorted spans both rise and fall.
void monotone(DiagnosticSink& sink, std::vector<Span> spans, const Loc& at, bool percent);

}  // namespace pingfen::check
