#include "check/range.hpp"

#include <fmt/format.h>
#include <vector>

namespace pingfen::check {

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
    return r;
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
    return r;
}

Range operator-(const Range& a, const Range& b) {
    Range r;
    if (a.lo && b.hi) r.lo = *a.lo - *b.hi, r.lo_open = a.lo_open || b.hi_open;
    if (a.hi && b.lo) r.hi = *a.hi - *b.lo, r.hi_open = a.hi_open || b.lo_open;
    r.integral = a.integral && b.integral;
    return r;
}

namespace {

// An end of an interval as a value that may be ±∞, for products.
struct End {
    int inf = 0;  // −1, 0, +1
    Decimal v;
};

End mul(const End& a, const End& b) {
    auto sign = [](const End& e) { return e.inf != 0 ? e.inf : (e.v.is_zero() ? 0 : (e.v.is_negative() ? -1 : 1)); };
    if (a.inf == 0 && b.inf == 0) return {0, a.v * b.v};
    int s = sign(a) * sign(b);
    return s == 0 ? End{0, Decimal()} : End{s, Decimal()};
}

}  // namespace

Range operator*(const Range& a, const Range& b) {
    std::vector<End> ends;
    End alo = a.lo ? End{0, *a.lo} : End{-1, {}}, ahi = a.hi ? End{0, *a.hi} : End{1, {}};
    End blo = b.lo ? End{0, *b.lo} : End{-1, {}}, bhi = b.hi ? End{0, *b.hi} : End{1, {}};
    for (const End& x : {alo, ahi})
        for (const End& y : {blo, bhi}) ends.push_back(mul(x, y));
    Range r;
    bool lo_inf = false, hi_inf = false;
    for (const End& e : ends) {
        if (e.inf < 0) lo_inf = true;
        if (e.inf > 0) hi_inf = true;
        if (e.inf == 0) {
            r.lo = r.lo ? Decimal::min(*r.lo, e.v) : e.v;
            r.hi = r.hi ? Decimal::max(*r.hi, e.v) : e.v;
        }
    }
    if (lo_inf) r.lo.reset();
    if (hi_inf) r.hi.reset();
    r.integral = a.integral && b.integral;
    return r;
}

Range divide(const Range& a, const Range& b) {
    if (b.contains_zero()) return Range::all();
    const Decimal one = Decimal::from_int(1);
    Range inv;  // 1/b, b of one sign; an end at 0 (open) makes the other end infinite
    if (b.lo && (Decimal() < *b.lo || b.lo->is_zero())) {  // b > 0
        inv.lo = b.hi ? one / *b.hi : Decimal();
        if (!b.lo->is_zero()) inv.hi = one / *b.lo;
    } else {  // b < 0
        inv.hi = b.lo ? one / *b.lo : Decimal();
        if (!b.hi->is_zero()) inv.lo = one / *b.hi;
    }
    return a * inv;
}

Range min(const Range& a, const Range& b) {
    Range r;
    if (a.lo && b.lo) r.lo = Decimal::min(*a.lo, *b.lo);
    if (a.hi || b.hi) r.hi = a.hi && b.hi ? Decimal::min(*a.hi, *b.hi) : (a.hi ? *a.hi : *b.hi);
    r.integral = a.integral && b.integral;
    return r;
}

Range max(const Range& a, const Range& b) {
    Range r;
    if (a.lo || b.lo) r.lo = a.lo && b.lo ? Decimal::max(*a.lo, *b.lo) : (a.lo ? *a.lo : *b.lo);
    if (a.hi && b.hi) r.hi = Decimal::max(*a.hi, *b.hi);
    r.integral = a.integral && b.integral;
    return r;
}

Range from_interval(const ast::Interval& iv) {
    Range r;
    if (iv.low && iv.low->kind == ast::Expr::Kind::Number) r.lo = iv.low->number, r.lo_open = !iv.low_closed;
    if (iv.high && iv.high->kind == ast::Expr::Kind::Number) r.hi = iv.high->number, r.hi_open = !iv.high_closed;
    return r;
}

}  // namespace pingfen::check
