#include "check/call_range.hpp"

#include <string>

#include "builtins.hpp"

namespace pingfen::check {

using namespace ast;

Range call_range(const Expr& e, const std::vector<Range>& a) {
    if (e.builtin < 0 || a.empty()) return Range::all();
    const std::string name = stdlib::builtins()[static_cast<std::size_t>(e.builtin)].name_en;
    const bool one_list = e.args.size() == 1 && e.args[0]->type == ValueType::List;
    const Decimal one = Decimal::from_int(1);
    if (name == "round_half_up") {
        // Rounding stays within the closed hull of its argument's ends... unless an end is not
        // itself at the places kept; then it moves by at most half a unit, which the hull of the
        // rounded ends covers.
        Range r = a[0];
        const Expr* places = e.args.size() == 2 ? e.args[1].get() : nullptr;
        const bool literal = places && places->kind == Expr::Kind::Number && places->number.to_int64();
        const int n = literal ? static_cast<int>(*places->number.to_int64()) : -1;
        r.lo_open = r.hi_open = false;
        if (n >= 0 && n <= 10) {
            if (r.lo) r.lo = r.lo->round_half_up(n);
            if (r.hi) r.hi = r.hi->round_half_up(n);
        }
        r.integral = a[0].integral || n == 0;
        return r;
    }
    if (name == "ceil" || name == "floor") {
        Range r;
        if (a[0].lo) r.lo = name == "ceil" ? a[0].lo->ceil() : a[0].lo->floor();
        if (a[0].hi) r.hi = name == "ceil" ? a[0].hi->ceil() : a[0].hi->floor();
        r.integral = true;
        return r;
    }
    if (name == "min" || name == "max") {
        Range r = a[0];
        for (std::size_t i = 1; i < a.size(); ++i) r = name == "min" ? check::min(r, a[i]) : check::max(r, a[i]);
        return r;
    }
    if (name == "abs") {
        Range r = Range::at_least(Decimal());
        if (a[0].lo && a[0].hi) r.hi = Decimal::max(-*a[0].lo, *a[0].hi);
        r.integral = a[0].integral;
        return r;
    }
    if (name == "mean") {  // of a list (its items' range) or of several numbers
        Range r = a[0];
        for (std::size_t i = 1; i < a.size(); ++i) r = r.hull(a[i]);
        r.integral = false;
        return r;
    }
    if (name == "sum") {
        if (one_list) {  // one item or more (an empty list is an error when scoring)
            Range n = Range::at_least(one);
            n.integral = true;
            return a[0] * n;
        }
        Range r = a[0];
        for (std::size_t i = 1; i < a.size(); ++i) r = r + a[i];
        return r;
    }
    if (name == "capped_mean" && a.size() == 2) {  // Σ min(item, cap) ÷ n
        Range r = check::min(a[0], a[1]);
        r.integral = false;
        return r;
    }
    if (name == "count_of" || name == "days_late") {  // days late are 0 when on time
        Range r = Range::at_least(Decimal());
        r.integral = true;
        return r;
    }
    if (name == "days_between" && a.size() == 2) {  // to − from, whole days
        Range r = a[1] - a[0];
        r.integral = true;
        return r;
    }
    return Range::all();
}

}  // namespace pingfen::check
