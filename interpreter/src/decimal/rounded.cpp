// Rounded results without libbid, for the inexact operations a department's scoring makes: a
// rate, one amount divided by another (1814.74 ÷ 2394), a few per indicator; a rate times
// points; a rate plus or minus a short number (1 − rate); ceil and floor. libbid's bid128_div
// alone spends some 700 instructions in 5 KB of code of its own. Here the 34 leading digits of
// a quotient and its remainder come from two 128-by-64-bit divisions, a product's or a sum's
// from three, when the divisor or one factor has at most 19 digits (anything else goes to
// libbid). The result is the one IEEE 754-2008 defines and libbid returns, rounded half to even,
// encoding and all: tests/decimal_rounding_test.cpp compares the two on operands of every length.
#include "decimal/parts.hpp"

#include <utility>

namespace pingfen::decimal_parts {

namespace {

// (hi·2^64 + lo) ÷ d with hi < d: the quotient fits 64 bits.
std::uint64_t divide_128_by_64(std::uint64_t hi, std::uint64_t lo, std::uint64_t d, std::uint64_t& remainder) {
#if defined(__x86_64__)
    std::uint64_t q;
    __asm__("divq %[d]" : "=a"(q), "=d"(remainder) : [d] "rm"(d), "a"(lo), "d"(hi));
    return q;
#else
    const u128 n = (u128(hi) << 64) | lo;
    remainder = static_cast<std::uint64_t>(n % d);
    return static_cast<std::uint64_t>(n / d);
#endif
}

// The number of digits of v > 0: log10(2) ≈ 1233 / 4096 of its bits, or one more.
int digits(u128 v) {
    const auto hi = static_cast<std::uint64_t>(v >> 64);
    const int bits = hi != 0 ? 128 - __builtin_clzll(hi) : 64 - __builtin_clzll(static_cast<std::uint64_t>(v));
    const int n = (bits * 1233) >> 12;
    return v >= kPow10[static_cast<std::size_t>(n)] ? n + 1 : n;
}

// A number of three 64-bit words, most significant first.
struct Wide {
    std::uint64_t w2, w1, w0;
};

// x × m in three words; the caller knows the product is below 2^192.
Wide times(u128 x, std::uint64_t m) {
    const u128 low = u128(static_cast<std::uint64_t>(x)) * m;
    const u128 high = (low >> 64) + u128(static_cast<std::uint64_t>(x >> 64)) * m;
    return {static_cast<std::uint64_t>(high >> 64), static_cast<std::uint64_t>(high), static_cast<std::uint64_t>(low)};
}

bool at_least(const Wide& a, const Wide& b) {
    if (a.w2 != b.w2) return a.w2 > b.w2;
    if (a.w1 != b.w1) return a.w1 > b.w1;
    return a.w0 >= b.w0;
}

// 10^n for n ≤ 57 in three words.
Wide power_of_ten(int n) {
    if (n <= 38) {
        const u128 p = kPow10[static_cast<std::size_t>(n)];
        return {0, static_cast<std::uint64_t>(p >> 64), static_cast<std::uint64_t>(p)};
    }
    return times(kPow10[static_cast<std::size_t>(n - 19)], static_cast<std::uint64_t>(kPow10[19]));
}

int digits(const Wide& v) {  // v > 0
    const int bits = v.w2 != 0 ? 192 - __builtin_clzll(v.w2) : v.w1 != 0 ? 128 - __builtin_clzll(v.w1) : 64 - __builtin_clzll(v.w0);
    const int n = (bits * 1233) >> 12;
    return at_least(v, power_of_ten(n)) ? n + 1 : n;
}

Wide plus(const Wide& a, const Wide& b) {
    Wide r;
    r.w0 = a.w0 + b.w0;
    const std::uint64_t c0 = r.w0 < a.w0;
    r.w1 = a.w1 + b.w1;
    const std::uint64_t c1 = r.w1 < a.w1;
    r.w1 += c0;
    r.w2 = a.w2 + b.w2 + c1 + (r.w1 < c0);
    return r;
}

Wide minus(const Wide& a, const Wide& b) {  // a ≥ b
    Wide r;
    r.w0 = a.w0 - b.w0;
    const std::uint64_t b0 = a.w0 < b.w0;
    r.w1 = a.w1 - b.w1 - b0;
    const std::uint64_t b1 = a.w1 < b.w1 || (a.w1 == b.w1 && b0);
    r.w2 = a.w2 - b.w2 - b1;
    return r;
}

// Half to even of q + r ÷ d (0 ≤ r < d): up past the half, and at the half when q is odd.
bool round_up(u128 q, std::uint64_t r, std::uint64_t d) {
    const std::uint64_t rest = d - r;
    return r > rest || (r == rest && (q & 1) != 0);
}

// q × 10^e packed, q below 10^34 or carried to it by a rounding; false out of range (underflow
// or overflow: libbid's to decide).
bool pack_rounded(bool negative, int e, u128 q, std::uint64_t (&out)[2]) {
    if (q == kCoefficientLimit) {  // 99…9 rounded up
        q = kPow10[33];
        ++e;
    }
    if (e + kBias < 0 || e + kBias > kMaxBiased) return false;
    pack(negative, e, q, out);
    return true;
}

// v (s digits too long, 1 ≤ s ≤ 19) to 34 digits at exponent e + s, half to even.
bool pack_dropping(bool negative, int e, const Wide& v, int s, std::uint64_t (&out)[2]) {
    const auto d = static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(s)]);
    std::uint64_t r;
    const std::uint64_t q2 = divide_128_by_64(0, v.w2, d, r);
    const std::uint64_t q1 = divide_128_by_64(r, v.w1, d, r);
    const std::uint64_t q0 = divide_128_by_64(r, v.w0, d, r);
    u128 q = (u128(q1) << 64) | q0;
    if (q2 != 0 || q < kPow10[33] || q >= kCoefficientLimit) return false;  // never: s is digits − 34
    if (round_up(q, r, d)) ++q;
    return pack_rounded(negative, e + s, q, out);
}

}  // namespace

bool divide_rounded(const std::uint64_t (&x)[2], const std::uint64_t (&y)[2], std::uint64_t (&out)[2]) {
    Parts a, b;
    if (!unpack(x, a) || !unpack(y, b)) return false;
    if ((b.coefficient >> 64) != 0 || a.coefficient == 0 || b.coefficient == 0) return false;
    const u128 ca = a.coefficient;
    const auto cb = static_cast<std::uint64_t>(b.coefficient);
    // q = ⌊ca × 10^k ÷ cb⌋ with exactly 34 digits: k = 34 − (digits of ca − digits of cb), one
    // less when ca's leading digits are at least cb's (the quotient would have 35).
    const int da = digits(ca), db = digits(cb);
    int k = 34 - da + db;
    const bool leading_at_least = db >= da ? ca * kPow10[static_cast<std::size_t>(db - da)] >= cb
                                           : ca >= cb * kPow10[static_cast<std::size_t>(da - db)];
    if (leading_at_least) --k;  // 0 ≤ k ≤ 52
    // ca × 10^k in three words: below 10^34 × cb < 2^177, so the top word is below cb, and
    // ca × 10^(k − 19) below 2^114.
    const Wide n = k <= 19 ? times(ca, static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(k)]))
                 : k <= 38 && (ca >> 64) == 0 ? times(kPow10[static_cast<std::size_t>(k)], static_cast<std::uint64_t>(ca))
                                               : times(ca * kPow10[static_cast<std::size_t>(k - 19)], static_cast<std::uint64_t>(kPow10[19]));
    if (n.w2 >= cb) return false;  // never, by the bound above
    std::uint64_t r;
    const std::uint64_t q1 = divide_128_by_64(n.w2, n.w1, cb, r);
    const std::uint64_t q0 = divide_128_by_64(r, n.w0, cb, r);
    u128 q = (u128(q1) << 64) | q0;
    if (q < kPow10[33] || q >= kCoefficientLimit) return false;  // never, by the choice of k
    int e = a.exponent - b.exponent - k;
    if (r == 0) {
        // Exact: at the preferred exponent ea − eb, or as near it as the digits allow (the
        // trailing zeros dropped, up to k of them). divide_exact finds these faster when both
        // coefficients are short.
        if ((ca >> 64) == 0) return false;
        for (int step : {16, 8, 4, 2, 1})
            while (k >= step && q % kPow10[static_cast<std::size_t>(step)] == 0) {
                q /= kPow10[static_cast<std::size_t>(step)];
                e += step;
                k -= step;
            }
        return pack_rounded(a.negative != b.negative, e, q, out);
    }
    if (round_up(q, r, cb)) ++q;
    return pack_rounded(a.negative != b.negative, e, q, out);
}

bool add_rounded(const std::uint64_t (&x)[2], const std::uint64_t (&y)[2], bool subtract, std::uint64_t (&out)[2]) {
    Parts a, b;
    if (!unpack(x, a) || !unpack(y, b)) return false;
    if (subtract) b.negative = !b.negative;
    if (a.coefficient == 0 && b.coefficient == 0) return false;  // the sign of a zero sum: libbid's
    if (a.coefficient == 0 || b.coefficient == 0) {
        // x ± 0 (a rate minus 0): x, at the zero's exponent if that is smaller, as far as 34
        // digits reach (the exact result nearest the preferred exponent).
        const Parts& zero = a.coefficient == 0 ? a : b;
        const Parts& v = a.coefficient == 0 ? b : a;
        int m = v.exponent - zero.exponent;
        if (m <= 0) m = 0;
        else if (m > 34 - digits(v.coefficient)) m = 34 - digits(v.coefficient);
        pack(v.negative, v.exponent - m, v.coefficient * kPow10[static_cast<std::size_t>(m)], out);
        return true;
    }
    if (a.exponent < b.exponent) std::swap(a, b);  // a the larger exponent, scaled to b's
    const int d = a.exponent - b.exponent;
    Wide scaled;  // a's coefficient × 10^d, below 2^192
    if (d <= 19) scaled = times(a.coefficient, static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(d)]));
    else if (d <= 38 && (a.coefficient >> 64) == 0) scaled = times(kPow10[static_cast<std::size_t>(d)], static_cast<std::uint64_t>(a.coefficient));
    else return false;
    const Wide other{0, static_cast<std::uint64_t>(b.coefficient >> 64), static_cast<std::uint64_t>(b.coefficient)};
    Wide sum;
    bool negative = a.negative;
    if (a.negative == b.negative) {
        sum = plus(scaled, other);
    } else if (at_least(scaled, other)) {
        sum = minus(scaled, other);
    } else {
        sum = minus(other, scaled);
        negative = b.negative;
    }
    if (sum.w2 == 0 && sum.w1 == 0 && sum.w0 == 0) return false;  // x − x: add_exact's
    const int s = digits(sum) - 34;
    if (s > 19) return false;  // further apart than this path goes
    if (s <= 0)  // exact in 34 digits at the smaller exponent (1 − 0.99…9, whose 1 add_exact could not scale)
        return pack_rounded(negative, b.exponent, (u128(sum.w1) << 64) | sum.w0, out);
    return pack_dropping(negative, b.exponent, sum, s, out);
}

bool round_integral(const std::uint64_t (&x)[2], bool up, std::uint64_t (&out)[2]) {
    Parts p;
    if (!unpack(x, p)) return false;
    if (p.exponent >= 0) {  // already whole: itself
        out[0] = x[0];
        out[1] = x[1];
        return true;
    }
    u128 q = 0, r = p.coefficient;
    if (p.exponent > -34) divide_by_power_of_ten(p.coefficient, -p.exponent, q, r);  // else c < 10^34 ≤ 10^−e: no whole part
    // Away from zero when a fraction is cut towards the side asked for; the sign stays (−0.5 → −0).
    if (r != 0 && up != p.negative) ++q;
    pack(p.negative, 0, q, out);
    return true;
}

bool multiply_rounded(const std::uint64_t (&x)[2], const std::uint64_t (&y)[2], std::uint64_t (&out)[2]) {
    Parts a, b;
    if (!unpack(x, a) || !unpack(y, b)) return false;
    if ((b.coefficient >> 64) != 0) std::swap(a, b);  // b the short one
    if ((b.coefficient >> 64) != 0 || a.coefficient == 0 || b.coefficient == 0) return false;
    const auto cb = static_cast<std::uint64_t>(b.coefficient);
    // The product has da + db or da + db − 1 digits, at most 53: it drops s ≤ 19 of them.
    const Wide p = times(a.coefficient, cb);
    const int most = digits(a.coefficient) + digits(cb);
    const int s = (at_least(p, power_of_ten(most - 1)) ? most : most - 1) - 34;
    const bool negative = a.negative != b.negative;
    const int e = a.exponent + b.exponent;
    if (s <= 0) return pack_rounded(negative, e, (u128(p.w1) << 64) | p.w0, out);  // exact in 34 digits
    return pack_dropping(negative, e, p, s, out);
}

}  // namespace pingfen::decimal_parts
