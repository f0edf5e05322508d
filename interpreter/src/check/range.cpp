#include "check/range.hpp"

#include <fmt/format.h>
#include <vector>

namespace pingfen::check {
namespace {

// An end that overflowed (±Inf) or came from Inf − Inf (NaN) says nothing: it becomes
// unbounded. Left as it was, NaN compares false both ways, so a divisor [NaN, +∞) looked as if
// it excluded 0 and `divide` took the branch for a negative divisor, which has no upper end
// (the fuzzer found it as an abort).
Range settled(Range r) {
    if (r.lo && !r.lo->is_finite()) r.lo.reset(), r.lo_open = false;
    if (r.hi && !r.hi->is_finite()) r.hi.reset(), r.hi_open = false;
    return r;
}

}  // namespace

bool Range::contains_zero() const {
    Decimal z;
    bool above_lo = !lo || *lo < z || (*lo == z && !lo_open);
    bool below_hi = !hi || z < *hi || (*hi == z && !hi_open);
    return above_lo && below_hi;
}

bool Range::within(const Decimal& a, const Decimal& b) const { return lo && hi && a <= *lo && *hi <= b; }

Range Range::hull(const Range& o) const {
    // (0, +∞) ∪ [1, 1] is (0, +∞): a divisor `若 x > 0 则 x 否则 1` is never 0.
    Range r;
    if (lo && o.lo) {
        if (*lo == *o.lo) r.lo = *lo, r.lo_open = lo_open && o.lo_open;
        else if (*lo < *o.lo) r.lo = *lo, r.lo_open = lo_open;
        else r.lo = *o.lo, r.lo_open = o.lo_open;
    }
    if (hi && o.hi) {
        if (*hi == *o.hi) r.hi = *hi, r.hi_open = hi_open && o.hi_open;
        else if (*o.hi < *hi) r.hi = *hi, r.hi_open = hi_open;
        else r.hi = *o.hi, r.hi_open = o.hi_open;
    }
    r.integral = integral && o.integral;
    return settled(r);
}

std::string Range::text(bool percent) const {
    auto s = [&](const Decimal& d) { return percent ? d.to_percent_exact() : d.to_string(); };
    return fmt::format("{}{}, {}{}", lo && !lo_open ? "[" : "(", lo ? s(*lo) : "−∞", hi ? s(*hi) : "+∞",
                       hi && !hi_open ? "]" : ")");
}

Range operator+(const Range& a, const Range& b) {
    Range r;
    if (a.lo && b.lo) r.lo = *a.lo + *b.lo, r.lo_open = a.lo_open || b.lo_open;
    if (a.hi && b.hi) r.hi = *a.hi + *b.hi, r.hi_open = a.hi_open || b.hi_open;
    r.integral = a.integral && b.integral;
    return settled(r);
}

Range operator-(const Range& a, const Range& b) {
    Range r;
    if (a.lo && b.hi) r.lo = *a.lo - *b.hi, r.lo_open = a.lo_open || b.hi_open;
    if (a.hi && b.lo) r.hi = *a.hi - *b.lo, r.hi_open = a.hi_open || b.lo_open;
    r.integral = a.integral && b.integral;
    return settled(r);
}

namespace {

// An end of an interval as a value that may be ±∞, for products; `open` when the end itself
// is not taken, so that (0, +∞) × 10000 stays (0, +∞) and is never 0.
struct End {
    int inf = 0;  // −1, 0, +1
    Decimal v;
    bool open = false;
};

End mul(const End& a, const End& b) {
    auto sign = [](const End& e) { return e.inf != 0 ? e.inf : (e.v.is_zero() ? 0 : (e.v.is_negative() ? -1 : 1)); };
    auto closed_zero = [](const End& e) { return e.inf == 0 && e.v.is_zero() && !e.open; };
    if (a.inf == 0 && b.inf == 0)
        return {0, a.v * b.v, (a.open && !closed_zero(b)) || (b.open && !closed_zero(a))};
    int s = sign(a) * sign(b);
    return s == 0 ? End{0, Decimal(), !(closed_zero(a) || closed_zero(b))} : End{s, Decimal(), false};
}

}  // namespace

Range operator*(const Range& a, const Range& b) {
    std::vector<End> ends;
    End alo = a.lo ? End{0, *a.lo, a.lo_open} : End{-1, {}, false}, ahi = a.hi ? End{0, *a.hi, a.hi_open} : End{1, {}, false};
    End blo = b.lo ? End{0, *b.lo, b.lo_open} : End{-1, {}, false}, bhi = b.hi ? End{0, *b.hi, b.hi_open} : End{1, {}, false};
    for (const End& x : {alo, ahi})
        for (const End& y : {blo, bhi}) ends.push_back(mul(x, y));
    Range r;
    bool lo_inf = false, hi_inf = false;
    for (const End& e : ends) {
        if (e.inf < 0) lo_inf = true;
        if (e.inf > 0) hi_inf = true;
        if (e.inf == 0) {
            if (!r.lo || e.v < *r.lo) r.lo = e.v, r.lo_open = e.open;
            else if (e.v == *r.lo) r.lo_open = r.lo_open && e.open;
            if (!r.hi || *r.hi < e.v) r.hi = e.v, r.hi_open = e.open;
            else if (e.v == *r.hi) r.hi_open = r.hi_open && e.open;
        }
    }
    if (lo_inf) r.lo.reset(), r.lo_open = false;
    if (hi_inf) r.hi.reset(), r.hi_open = false;
    r.integral = a.integral && b.integral;
    return settled(r);
}

Range divide(const Range& a, const Range& b_in) {
    const Range b = settled(b_in);
    if (b.contains_zero()) return Range::all();
    // Not containing 0, b lies on one side of it, with that side's end toward 0 known.
    if (!(b.lo && (Decimal() < *b.lo || b.lo->is_zero())) && !b.hi) return Range::all();
    const Decimal one = Decimal::from_int(1);
    Range inv;  // 1/b, b of one sign; an end at 0 (open) makes the other end infinite
    if (b.lo && (Decimal() < *b.lo || b.lo->is_zero())) {  // b > 0
        inv.lo = b.hi ? one / *b.hi : Decimal();
        if (!b.lo->is_zero()) inv.hi = one / *b.lo;
    } else {  // b < 0
        inv.hi = b.lo ? one / *b.lo : Decimal();
        if (!b.hi->is_zero()) inv.lo = one / *b.hi;
    }
    return settled(a) * settled(inv);
}

Range min(const Range& a, const Range& b) {
    Range r;
    if (a.lo && b.lo) r.lo = Decimal::min(*a.lo, *b.lo);
    if (a.hi || b.hi) r.hi = a.hi && b.hi ? Decimal::min(*a.hi, *b.hi) : (a.hi ? *a.hi : *b.hi);
    r.integral = a.integral && b.integral;
    return settled(r);
}

Range max(const Range& a, const Range& b) {
    Range r;
    if (a.lo || b.lo) r.lo = a.lo && b.lo ? Decimal::max(*a.lo, *b.lo) : (a.lo ? *a.lo : *b.lo);
    if (a.hi && b.hi) r.hi = Decimal::max(*a.hi, *b.hi);
    r.integral = a.integral && b.integral;
    return settled(r);
}

Range intersect(const Range& a, const Range& b) {
    Range r = a;
    if (b.lo && (!r.lo || *r.lo < *b.lo || (*r.lo == *b.lo && b.lo_open))) r.lo = b.lo, r.lo_open = b.lo_open;
    if (b.hi && (!r.hi || *b.hi < *r.hi || (*r.hi == *b.hi && b.hi_open))) r.hi = b.hi, r.hi_open = b.hi_open;
    r.integral = a.integral || b.integral;
    return settled(r);
}

bool overlaps(const Range& a, const Range& b) {
    const Range m = intersect(a, b);
    if (!m.lo || !m.hi) return true;
    if (*m.lo < *m.hi) return true;  // over whole numbers (k, k + 1) holds none: left as an overlap, rare
    return *m.lo == *m.hi && !m.lo_open && !m.hi_open;
}

bool contains(const Range& outer, const Range& inner) {
    const bool lo_ok = !outer.lo || (inner.lo && (*outer.lo < *inner.lo || (*outer.lo == *inner.lo && (!outer.lo_open || inner.lo_open))));
    const bool hi_ok = !outer.hi || (inner.hi && (*inner.hi < *outer.hi || (*outer.hi == *inner.hi && (!outer.hi_open || inner.hi_open))));
    return lo_ok && hi_ok;
}

Range from_interval(const ast::Interval& iv) {
    Range r;
    if (iv.low && iv.low->kind == ast::Expr::Kind::Number) r.lo = iv.low->number, r.lo_open = !iv.low_closed;
    if (iv.high && iv.high->kind == ast::Expr::Kind::Number) r.hi = iv.high->number, r.hi_open = !iv.high_closed;
    return r;
}

}  // namespace pingfen::check
