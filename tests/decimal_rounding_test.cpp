// Decimal's own rounded paths (interpreter/src/decimal/rounded.cpp) against libbid itself: the
// same bits, coefficient and exponent, on random operands of every length and on the cases that
// round at exactly half.
#include <catch2/catch.hpp>

#include <cstring>
#include <optional>
#include <random>
#include <string>

#include "pingfen/decimal.hpp"

extern "C" {
#define DECIMAL_CALL_BY_REFERENCE 0
#define DECIMAL_GLOBAL_ROUNDING 0
#define DECIMAL_GLOBAL_EXCEPTION_FLAGS 0
#include <bid_conf.h>
#include <bid_functions.h>
}

using pingfen::Decimal;

namespace {

BID_UINT128 bits(const Decimal& d) {
    static_assert(sizeof(Decimal) == sizeof(BID_UINT128));
    BID_UINT128 b;
    std::memcpy(&b, &d, sizeof b);
    return b;
}

// A number's text read by Decimal, which the test's own operands always are.
Decimal read(const std::string& text) {
    const std::optional<Decimal> d = Decimal::parse(text);
    if (!d) FAIL("an operand the test meant to have does not read: " << text);
    return *d;
}

// c × 10^e, written as text and read by Decimal (c of at most 19 digits: its encoding is c, e).
Decimal make(std::uint64_t c, int e, bool negative) {
    return read((negative ? "-" : "") + std::to_string(c) + "E" + std::to_string(e));
}

std::string show(BID_UINT128 b) {
    char buf[128];
    _IDEC_flags f = 0;
    bid128_to_string(buf, b, &f);
    return buf;
}

// Decimal's result of x `op` y and libbid's, both as libbid's text (coefficient and exponent
// both show) and as bits; counts how many of the results were inexact.
template <class Ours, class Libbid>
void same(const Decimal& x, const char* op, const Decimal& y, Ours ours, Libbid libbid, int& inexact) {
    _IDEC_flags f = 0;
    const BID_UINT128 want = libbid(bits(x), bits(y), &f);
    if (f & BID_INEXACT_EXCEPTION) ++inexact;
    const BID_UINT128 got = bits(ours(x, y));
    INFO(show(bits(x)) << op << show(bits(y)));
    REQUIRE(show(got) == show(want));
    REQUIRE(std::memcmp(&got, &want, sizeof got) == 0);
}

void same_quotient(const Decimal& x, const Decimal& y, int& inexact) {
    same(x, " / ", y, [](const Decimal& a, const Decimal& b) { return a / b; },
         [](BID_UINT128 a, BID_UINT128 b, _IDEC_flags* f) { return bid128_div(a, b, BID_ROUNDING_TO_NEAREST, f); }, inexact);
}

void same_product(const Decimal& x, const Decimal& y, int& inexact) {
    same(x, " * ", y, [](const Decimal& a, const Decimal& b) { return a * b; },
         [](BID_UINT128 a, BID_UINT128 b, _IDEC_flags* f) { return bid128_mul(a, b, BID_ROUNDING_TO_NEAREST, f); }, inexact);
}

void same_sum(const Decimal& x, const Decimal& y, int& inexact) {
    same(x, " + ", y, [](const Decimal& a, const Decimal& b) { return a + b; },
         [](BID_UINT128 a, BID_UINT128 b, _IDEC_flags* f) { return bid128_add(a, b, BID_ROUNDING_TO_NEAREST, f); }, inexact);
    same(x, " - ", y, [](const Decimal& a, const Decimal& b) { return a - b; },
         [](BID_UINT128 a, BID_UINT128 b, _IDEC_flags* f) { return bid128_sub(a, b, BID_ROUNDING_TO_NEAREST, f); }, inexact);
}

// A coefficient of n ≤ 34 digits, as text (past 19 digits a Decimal reads it through libbid).
std::string digits_text(std::mt19937_64& rng, int n) {
    std::string t(1, static_cast<char>('1' + rng() % 9));
    while (static_cast<int>(t.size()) < n) t += static_cast<char>('0' + rng() % 10);
    return t;
}

Decimal make(const std::string& digits, int e, bool negative) {
    return read((negative ? "-" : "") + digits + "E" + std::to_string(e));
}

// Decimal's ceil and floor and libbid's.
void same_whole(const Decimal& x) {
    _IDEC_flags f = 0;
    const BID_UINT128 up = bid128_round_integral_positive(bits(x), &f), down = bid128_round_integral_negative(bits(x), &f);
    INFO(show(bits(x)));
    const BID_UINT128 ceil = bits(x.ceil()), floor = bits(x.floor());
    REQUIRE(show(ceil) == show(up));
    REQUIRE(std::memcmp(&ceil, &up, sizeof up) == 0);
    REQUIRE(show(floor) == show(down));
    REQUIRE(std::memcmp(&floor, &down, sizeof down) == 0);
}

std::uint64_t with_digits(std::mt19937_64& rng, int n) {
    std::uint64_t low = 1, high = 9;
    for (int i = 1; i < n; ++i) {
        low *= 10;
        high = high * 10 + 9;
    }
    return std::uniform_int_distribution<std::uint64_t>(low, high)(rng);
}

// `check` on `per` pairs of random operands for each pair of coefficient lengths, the first from
// `shortest_a` to 34 digits and the second from 1 to 34, exponents from `low` to `low + span − 1`.
template <class Check>
void every_length(std::mt19937_64& rng, int shortest_a, int per, int low, int span, Check check) {
    for (int da = shortest_a; da <= 34; ++da)
        for (int db = 1; db <= 34; ++db)
            for (int n = 0; n < per; ++n) {
                const int ea = low + static_cast<int>(rng() % static_cast<unsigned>(span));
                const int eb = low + static_cast<int>(rng() % static_cast<unsigned>(span));
                check(make(digits_text(rng, da), ea, rng() & 1), make(digits_text(rng, db), eb, rng() & 1));
            }
}

// A rate as data gives it: an amount in yuan with two decimals over another (34 digits, inexact).
Decimal random_rate(std::mt19937_64& rng) {
    return make(1 + rng() % 100000000000, -2, false) / make(1 + rng() % 100000000000, -2, false);
}

}  // namespace

TEST_CASE("decimal: a rounded quotient is libbid's, on operands of every length", "[decimal][issue14]") {
    std::mt19937_64 rng(20261201);
    int inexact = 0;
    for (int da = 1; da <= 19; ++da)
        for (int db = 1; db <= 19; ++db)
            for (int n = 0; n < 60; ++n) {
                const int ea = static_cast<int>(rng() % 41) - 30, eb = static_cast<int>(rng() % 41) - 30;
                same_quotient(make(with_digits(rng, da), ea, rng() & 1), make(with_digits(rng, db), eb, rng() & 1), inexact);
            }
    CHECK(inexact > 19 * 19 * 50);  // the rounded path was taken, not only divide_exact's
    // Dividends of 20 to 34 digits (a rate divided again) over every divisor of up to 34.
    every_length(rng, 20, 40, -30, 41, [&](const Decimal& x, const Decimal& y) { same_quotient(x, y, inexact); });
    // Exact quotients of a long dividend: at the preferred exponent, or as near as the digits allow.
    int exact = 0;
    for (int n = 0; n < 3000; ++n) {
        const Decimal divisor = make(with_digits(rng, 1 + static_cast<int>(rng() % 19)), static_cast<int>(rng() % 11) - 5, rng() & 1);
        const Decimal multiple = make(digits_text(rng, 1 + static_cast<int>(rng() % 15)) + std::string(rng() % 8, '0'),
                                      static_cast<int>(rng() % 11) - 8, rng() & 1);
        const int before = inexact;
        same_quotient(divisor * multiple, divisor, inexact);
        exact += inexact == before;
    }
    CHECK(exact > 2500);
    // Rates as data gives them: amounts in yuan with two decimals over others.
    for (int n = 0; n < 20000; ++n)
        same_quotient(make(rng() % 100000000000, -2, false), make(1 + rng() % 100000000000, -2, false), inexact);
    // The largest 19-digit coefficients, and coefficients past 64 bits (libbid's alone).
    same_quotient(make(9999999999999999999ULL, 0, false), make(3, 0, false), inexact);
    same_quotient(make(1, 0, false), make(9999999999999999999ULL, 0, false), inexact);
    same_quotient(make(2, 0, false), make(3, 0, false) * make(9999999999999999999ULL, 0, false), inexact);
    same_quotient(make(2, 0, false) / make(3, 0, false), make(7, 0, false), inexact);
}

TEST_CASE("decimal: a quotient exactly half way rounds to the even coefficient, as libbid's", "[decimal][issue14]") {
    // 1 ÷ 2^t and c ÷ 2^t are exact with more than 34 digits for t ≥ 48 or so: some of them end
    // in a 5 just past the 34th digit, the tie; likewise over powers of 5.
    int inexact = 0;
    for (std::uint64_t c : {1ULL, 3ULL, 7ULL, 12347ULL, 999999ULL, 123456789ULL})
        for (int t = 1; t < 64; ++t) {
            same_quotient(make(c, 0, false), make(std::uint64_t(1) << t, 0, false), inexact);
            same_quotient(make(c, -3, true), make(std::uint64_t(1) << t, 2, false), inexact);
        }
    std::uint64_t five = 1;
    for (int t = 1; t < 28; ++t) {
        five *= 5;
        for (std::uint64_t c : {1ULL, 3ULL, 12347ULL, 99999999999ULL}) same_quotient(make(c, 0, false), make(five, 0, false), inexact);
    }
    CHECK(inexact > 100);
    // Rounding up to 10^34: 0.99…9 (35 nines) and the like.
    same_quotient(make(9999999999999999999ULL, 0, false), make(9999999999999999998ULL, 0, false), inexact);
    same_quotient(make(1, 0, false), make(1000000000000000001ULL, 0, false), inexact);
}

TEST_CASE("decimal: quotients at the edges of the exponent range are libbid's", "[decimal][issue14]") {
    int inexact = 0;
    for (int e : {-6176, -6170, -6143, -6100, 6000, 6111}) {
        same_quotient(make(2, e, false), make(3, 0, false), inexact);
        same_quotient(make(2, 0, false), make(3, e, false), inexact);
        same_quotient(make(1234567, e, false), make(7, -e / 2, false), inexact);
    }
    same_quotient(make(2, 0, false), make(0, 0, false), inexact);  // infinity
    same_quotient(make(0, 3, false), make(7, 0, false), inexact);  // 0E+3
}

TEST_CASE("decimal: a rounded product is libbid's, on operands of every length", "[decimal][issue14]") {
    std::mt19937_64 rng(1201);
    int inexact = 0;
    every_length(rng, 1, 25, -30, 41, [&](const Decimal& x, const Decimal& y) { same_product(x, y, inexact); });
    CHECK(inexact > 600);
    // A rate (a 34-digit quotient) times points, as rules take it.
    for (int n = 0; n < 20000; ++n) same_product(random_rate(rng), make(1 + rng() % 4000, -1, false), inexact);
    // Products whose dropped digits are exactly half, or zeros (exact, yet past 34 digits), or
    // nines that carry into a 35th digit.
    const std::string nines(34, '9');
    for (std::uint64_t m : {2ULL, 4ULL, 5ULL, 8ULL, 25ULL, 125ULL, 1000ULL, 1000000000000000000ULL}) {
        same_product(make(nines, 0, false), make(m, 0, false), inexact);
        same_product(make(std::string("5") + std::string(33, '0'), -3, false), make(m, 0, true), inexact);
        same_product(make(std::string("1") + std::string(32, '0') + "5", 0, false), make(m, 0, false), inexact);
        same_product(make(std::string("1") + std::string(32, '0') + "3", 0, false), make(m, 0, false), inexact);
    }
    for (int t = 1; t < 64; ++t) same_product(make(nines, -20, false), make(std::uint64_t(1) << t, 0, false), inexact);
    // The exponent's edges: overflow is infinite, underflow libbid's.
    for (int e : {-6176, -6160, -6100, 6000, 6100, 6111})  // 6111: the largest exponent of 34 digits
        same_product(make(nines, e, false), make(7, -e / 3, false), inexact);
    same_product(make(nines, 6000, false), make(nines, 111, false), inexact);
    same_product(make(nines, -6000, false), make(3, -200, false), inexact);
}

TEST_CASE("decimal: a rounded sum or difference is libbid's, on operands of every length and distance", "[decimal][issue14]") {
    std::mt19937_64 rng(12011);
    int inexact = 0;
    every_length(rng, 1, 25, -60, 81, [&](const Decimal& x, const Decimal& y) { same_sum(x, y, inexact); });
    CHECK(inexact > 10000);
    // As rules write them: 1 − a rate, a rate + 0.5, a score − a rate × points.
    for (int n = 0; n < 20000; ++n) {
        const Decimal rate = random_rate(rng);
        same_sum(make(1 + rng() % 100, static_cast<int>(rng() % 4) - 2, rng() & 1), rate, inexact);
        same_sum(rate, make(1 + rng() % 4000, -1, false) * rate, inexact);
    }
    // Halves, carries to a 35th digit, and borrows down to 33 digits.
    const std::string nines(34, '9');
    for (int d = 1; d <= 40; ++d) {
        same_sum(make(nines, -d, false), make(1, 0, false), inexact);
        same_sum(make(std::string("1") + std::string(33, '0'), -d, false), make(5, -d - 34 + 33, false), inexact);
        same_sum(make(std::string("1") + std::string(32, '0') + "5", -d, false), make(1, 0, false), inexact);
        same_sum(make(std::string("1") + std::string(33, '0'), 0, false), make(std::string("5") + std::string(33, '0'), -d, true), inexact);
        same_sum(make(std::string("1") + std::string(33, '0'), -d + 1, false), make(1, -d - 33, true), inexact);
    }
    // x ± 0 with the zero's exponent above, equal to or below x's, and both zero.
    for (const char* z : {"0", "-0", "0E+5", "0E-2", "0E-40", "-0E-40", "0E-6176", "-0E+6111"})
        for (const Decimal& x : {make(nines, -34, false), make(nines, -2, true), make(5, 0, false), make(12345, -3, true),
                                 make(7, 6100, false), make(0, -3, true), make(0, 4, false)}) {
            same_sum(x, read(z), inexact);
            same_sum(read(z), x, inexact);
        }
    for (int e : {-6176, -6160, -6143, 6000, 6080, 6091}) {  // e + 20 ≤ 6111, the largest exponent of 34 digits
        same_sum(make(nines, e, false), make(7, e + 3, false), inexact);
        same_sum(make(nines, e, false), make(nines, e + 20, true), inexact);
    }
}

TEST_CASE("decimal: ceil and floor are libbid's", "[decimal][issue14]") {
    std::mt19937_64 rng(120111);
    for (int n = 0; n < 20000; ++n) {
        const int digits = 1 + static_cast<int>(rng() % 34);
        same_whole(make(digits_text(rng, digits), static_cast<int>(rng() % 50) - 40, rng() & 1));
    }
    for (const char* t : {"0", "-0", "0.000", "-0.000", "0.5", "-0.5", "2.00", "-2.00", "1E+3", "-1E+3", "0.999", "-0.001"})
        same_whole(read(t));
}
