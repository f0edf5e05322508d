// Rounded results without libbid, for the commonest inexact operation of scoring: a rate, one
// amount divided by another (1814.74 ÷ 2394), a few per indicator. libbid's bid128_div spends
// some 700 instructions in code of its own (~5 KB, which a department's evaluation then fetches
// again each time: see README's benchmark section); with both coefficients in 64 bits the 34
// leading digits of the quotient come from two 128-by-64-bit divisions. The result is the one
// IEEE 754-2008 defines and libbid returns, encoding and all (tests/decimal_test.cpp compares
// them on random operands of every length).
#include "decimal/parts.hpp"

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

int digits(std::uint64_t v) {  // v > 0
    int n = 1;
    while (n < 20 && v >= kPow10[static_cast<std::size_t>(n)]) ++n;
    return n;
}

}  // namespace

bool divide_rounded(const std::uint64_t (&x)[2], const std::uint64_t (&y)[2], std::uint64_t (&out)[2]) {
    Parts a, b;
    if (!unpack(x, a) || !unpack(y, b)) return false;
    if ((a.coefficient >> 64) != 0 || (b.coefficient >> 64) != 0 || a.coefficient == 0 || b.coefficient == 0) return false;
    const auto ca = static_cast<std::uint64_t>(a.coefficient), cb = static_cast<std::uint64_t>(b.coefficient);
    // q = ⌊ca × 10^k ÷ cb⌋ with exactly 34 digits: k = 34 − (digits of ca − digits of cb), one
    // less when ca's leading digits are at least cb's (the quotient would have 35).
    const int da = digits(ca), db = digits(cb);
    int k = 34 - da + db;
    const bool leading_at_least = db >= da ? ca * static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(db - da)]) >= cb
                                           : ca >= cb * static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(da - db)]);
    if (leading_at_least) --k;  // 15 ≤ k ≤ 52
    // ca × 10^k in three words; below 10^34 × cb < 2^177, so the top word is below cb.
    u128 wide;
    std::uint64_t factor;
    if (k <= 38) {
        wide = kPow10[static_cast<std::size_t>(k)];
        factor = ca;
    } else {
        wide = u128(ca) * kPow10[static_cast<std::size_t>(k - 19)];  // < 10^34 × cb ÷ 10^19: no overflow
        factor = static_cast<std::uint64_t>(kPow10[19]);
    }
    const u128 low = u128(static_cast<std::uint64_t>(wide)) * factor;
    const u128 high = (low >> 64) + u128(static_cast<std::uint64_t>(wide >> 64)) * factor;
    const auto n2 = static_cast<std::uint64_t>(high >> 64), n1 = static_cast<std::uint64_t>(high),
               n0 = static_cast<std::uint64_t>(low);
    if (n2 >= cb) return false;  // never, by the bound above
    std::uint64_t r;
    const std::uint64_t q1 = divide_128_by_64(n2, n1, cb, r);
    const std::uint64_t q0 = divide_128_by_64(r, n0, cb, r);
    if (r == 0) return false;  // exact: its exponent is the preferred one, divide_exact's work
    u128 q = (u128(q1) << 64) | q0;
    if (q < kPow10[33] || q >= kCoefficientLimit) return false;  // never, by the choice of k
    // Half to even: up past the half, and at the half when q is odd.
    const std::uint64_t rest = cb - r;
    if (r > rest || (r == rest && (q & 1) != 0)) ++q;
    int e = a.exponent - b.exponent - k;
    if (q == kCoefficientLimit) {  // 99…9 rounded up
        q = kPow10[33];
        ++e;
    }
    if (e + kBias < 0 || e + kBias > kMaxBiased) return false;  // underflow or overflow: libbid's
    pack(a.negative != b.negative, e, q, out);
    return true;
}

}  // namespace pingfen::decimal_parts
