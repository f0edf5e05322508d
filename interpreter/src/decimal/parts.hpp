// The decimal128 encoding taken apart, for the exact paths of decimal.cpp and the rounded ones of
// rounded.cpp: sign, exponent and coefficient of a finite, canonical number (BID encoding, the
// coefficient in the low 113 bits), and the powers of ten they scale by.
#pragma once

#include <array>
#include <cstdint>

namespace pingfen::decimal_parts {

using u128 = unsigned __int128;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
constexpr int kHi = 0, kLo = 1;  // libbid's BID_HIGH_128W and BID_LOW_128W (decimal.cpp checks)
#else
constexpr int kHi = 1, kLo = 0;  // libbid's BID_HIGH_128W and BID_LOW_128W (decimal.cpp checks)
#endif
constexpr std::uint64_t kSignBit = 0x8000000000000000ULL;
constexpr std::uint64_t kSteering = 0x6000000000000000ULL;  // 11: infinity, NaN or a non-canonical form
constexpr std::uint64_t kInfinity = 0x7800000000000000ULL;  // 1111 after the sign: infinity or NaN
constexpr std::uint64_t kCoefficientHigh = 0x0001FFFFFFFFFFFFULL;
constexpr int kBias = 6176, kMaxBiased = 12287;

constexpr std::array<u128, 39> kPow10 = [] {
    std::array<u128, 39> p{};
    p[0] = 1;
    for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
    return p;
}();
constexpr u128 kCoefficientLimit = kPow10[34];  // a decimal128 holds 34 digits
// The largest c with c × 10^d still a 34-digit coefficient, and with c × 10^d still in 128 bits.
constexpr std::array<u128, 34> kMaxScaled34 = [] {
    std::array<u128, 34> m{};
    for (std::size_t d = 0; d < m.size(); ++d) m[d] = (kCoefficientLimit - 1) / kPow10[d];
    return m;
}();
constexpr std::array<u128, 39> kMaxScaled128 = [] {
    std::array<u128, 39> m{};
    for (std::size_t d = 0; d < m.size(); ++d) m[d] = ~u128(0) / kPow10[d];
    return m;
}();

struct Parts {
    bool negative;
    int exponent;  // unbiased
    u128 coefficient;
};

// False for infinities, NaNs and non-canonical encodings: libbid decides those.
inline bool unpack(const std::uint64_t (&w)[2], Parts& p) {
    const std::uint64_t hi = w[kHi];
    if ((hi & kSteering) == kSteering) return false;
    p.negative = (hi & kSignBit) != 0;
    p.exponent = static_cast<int>((hi >> 49) & 0x3FFF) - kBias;
    p.coefficient = (u128(hi & kCoefficientHigh) << 64) | w[kLo];
    return p.coefficient < kCoefficientLimit;
}

inline void pack(bool negative, int exponent, u128 coefficient, std::uint64_t (&w)[2]) {
    w[kHi] = (negative ? kSignBit : 0) | (std::uint64_t(exponent + kBias) << 49) | std::uint64_t(coefficient >> 64);
    w[kLo] = std::uint64_t(coefficient);
}

// c ÷ 10^d (d ≤ 38) as quotient and remainder, by a 64-bit division when both fit 64 bits
// (nearly always: a score or a short rate), else by the 128-bit one.
inline void divide_by_power_of_ten(u128 c, int d, u128& quotient, u128& remainder) {
    const u128 unit = kPow10[static_cast<std::size_t>(d)];
    if ((c >> 64) == 0 && (unit >> 64) == 0) {
        quotient = static_cast<std::uint64_t>(c) / static_cast<std::uint64_t>(unit);
        remainder = static_cast<std::uint64_t>(c) % static_cast<std::uint64_t>(unit);
    } else {
        quotient = c / unit;
        remainder = c % unit;
    }
}

// x ÷ y rounded to 34 digits, half to even, exactly as libbid's bid128_div rounds it, when the
// divisor's coefficient fits 64 bits (19 digits and some) (rounded.cpp); false for anything else,
// and for an exact quotient of two such short coefficients (divide_exact's).
bool divide_rounded(const std::uint64_t (&x)[2], const std::uint64_t (&y)[2], std::uint64_t (&out)[2]);
// x × y rounded to 34 digits, half to even, as bid128_mul rounds it, when one coefficient fits 64
// bits (a rate of 34 digits times the points); false for anything else.
bool multiply_rounded(const std::uint64_t (&x)[2], const std::uint64_t (&y)[2], std::uint64_t (&out)[2]);
// x + y (y's sign flipped when `subtract`) rounded to 34 digits, half to even, as bid128_add
// rounds it, when the exponents are at most 19 apart (38 when the coefficient of the operand of
// the larger one fits 64 bits) and the exact sum has at most 53 digits, and x ± 0 whatever the exponents;
// false otherwise (0 ± 0 included).
bool add_rounded(const std::uint64_t (&x)[2], const std::uint64_t (&y)[2], bool subtract, std::uint64_t (&out)[2]);
// x rounded to a whole number, up (ceil) or down (floor), as bid128_round_integral_positive and
// _negative give it.
bool round_integral(const std::uint64_t (&x)[2], bool up, std::uint64_t (&out)[2]);

}  // namespace pingfen::decimal_parts
