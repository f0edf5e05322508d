// The pieces the checker's facts are made of (issue 15): ranges that keep their open ends and
// whole-numberness through hull and product, gaps that hold no whole number, and money units as
// scales of 元.
#include <catch2/catch.hpp>

#include "check/range.hpp"
#include "check/tiers.hpp"
#include "sema/units.hpp"

using namespace pingfen;
using namespace pingfen::check;

namespace {
Decimal d(int v) { return Decimal::from_int(v); }
}  // namespace

TEST_CASE("check range: hull keeps an end open only when both sides leave it out", "[check][issue15]") {
    Range positive = Range::at_least(d(0));
    positive.lo_open = true;                        // (0, +∞): 若 乙 > 0 则 乙 …
    const Range h = positive.hull(Range::point(d(1)));  // … 否则 1
    CHECK(h.lo == d(0));
    CHECK(h.lo_open);
    CHECK_FALSE(h.contains_zero());
    const Range closed = positive.hull(Range::point(d(0)));
    CHECK_FALSE(closed.lo_open);
    CHECK(closed.contains_zero());
    Range half = Range::between(d(0), d(3));
    half.hi_open = true;                            // [0, 3)
    CHECK(half.hull(Range::between(d(1), d(2))).text(false) == "[0, 3)");
}

TEST_CASE("check range: a product keeps open ends so (0, +∞) × 10000 is never 0", "[check][issue15]") {
    Range positive = Range::at_least(d(0));
    positive.lo_open = true;
    const Range p = positive * Range::point(d(10000));
    CHECK(p.lo == d(0));
    CHECK(p.lo_open);
    CHECK_FALSE(p.contains_zero());
    CHECK((positive * Range::point(d(0))).contains_zero());  // × 0 is 0
}

TEST_CASE("check range: whole numbers survive + and × but not ÷", "[check][issue15]") {
    Range count = Range::at_least(d(0));
    count.integral = true;
    CHECK((count + count).integral);
    CHECK((count * Range::point(d(2))).integral);
    CHECK_FALSE((count * Range::point(Decimal::parse("0.5").value())).integral);
    CHECK_FALSE(divide(count, Range::point(d(2))).integral);
}

TEST_CASE("check tiers: (0 1) holds no whole number and (0 2) holds 1", "[check][issue15]") {
    CHECK_FALSE(holds_integer(Key{0, d(0), 1}, Key{0, d(1), 0}));
    CHECK(holds_integer(Key{0, d(0), 1}, Key{0, d(2), 0}));
    CHECK(holds_integer(Key{0, d(3), 1}, Key{1, {}, 0}));
    CHECK_FALSE(holds_integer(Key{0, d(2), 1}, Key{0, d(3), 0}));
}

TEST_CASE("sema units: 万元 × 10000 is 元 and × 1.1 stays 万元 and 元 ÷ 10000 is 万元", "[check][issue15]") {
    CHECK(sema::scaled_unit("万元", d(10000)) == "元");
    CHECK(sema::scaled_unit("万元", Decimal::parse("1.1").value()) == "万元");
    CHECK(sema::scaled_unit("元", Decimal::parse("0.0001").value()) == "万元");
    CHECK(sema::scaled_unit("万元", d(100)).empty());  // a power of ten onto no unit of the table
    CHECK(sema::scaled_unit("美元", d(10000)) == "美元");
    CHECK(sema::unit_scale("亿元") == d(100000000));
}

TEST_CASE("A range end that overflows is unbounded, never NaN, and a divisor from it is not trusted", "[check]") {
    auto big = Decimal::parse("9" + std::string(33, '0'));
    REQUIRE(big);
    for (int i = 0; i < 7; ++i) *big = *big * *big;  // about 1e4352, still finite
    REQUIRE(big->is_finite());
    const Range b = Range::point(*big);
    const Range square = b * b;  // 8.1e12001 overflows decimal128: no end is known
    CHECK_FALSE(square.lo);
    CHECK_FALSE(square.hi);
    // Built by hand as the checker once could: [Inf, +∞) − [Inf, Inf] has a NaN lower end.
    Range inf;
    inf.lo = *big * *big;
    REQUIRE_FALSE(inf.lo->is_finite());
    Range nan_lo;
    nan_lo.lo = *inf.lo - *inf.lo;
    const Range q = divide(Range::point(Decimal::from_int(1)), nan_lo);  // aborted before
    CHECK_FALSE(q.lo);
    CHECK_FALSE(q.hi);
    CHECK((inf - Range::point(*inf.lo)).text(false) == "(−∞, +∞)");
}
