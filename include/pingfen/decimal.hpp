// The one number type of pingfen: IEEE 754 decimal128 (34 significant digits).
// Every score, rate and amount passes through this type and nothing else; binary floating
// point never touches a number (0.535 × 5 must give 2.675 and round to 2.68).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pingfen {

class Decimal {
public:
    Decimal() : bits_(kZeroBits) {}  // zero
    static Decimal from_int(std::int64_t v);
    // Parses plain decimal text ("1222.61", "-0.5", "1e3"); nullopt when it is not a number.
    static std::optional<Decimal> parse(std::string_view text);
    // Parses "2.73%" or "2.73" and, when `percent`, divides by 100 exactly.
    static Decimal hundredth(const Decimal& v);

    Decimal operator+(const Decimal& o) const;
    Decimal operator-(const Decimal& o) const;
    Decimal operator*(const Decimal& o) const;
    // Division; the caller checks for a zero divisor first (the evaluator reports it with a
    // source location), so here a zero divisor yields NaN rather than throwing.
    Decimal operator/(const Decimal& o) const;
    Decimal operator-() const;

    bool operator<(const Decimal& o) const;
    bool operator<=(const Decimal& o) const;
    bool operator>(const Decimal& o) const { return o < *this; }
    bool operator>=(const Decimal& o) const { return o <= *this; }
    bool operator==(const Decimal& o) const;
    bool operator!=(const Decimal& o) const { return !(*this == o); }
    // The same encoding, so the same number (2 and 2.00 are equal but not identical): a test
    // a few instructions long where equality's is sixty.
    bool identical(const Decimal& o) const { return bits_.w[0] == o.bits_.w[0] && bits_.w[1] == o.bits_.w[1]; }

    // Inline: asked of most operands and every leaf's score. A finite, canonical encoding whose
    // coefficient fits its low word is answered here; anything else by decimal.cpp (libbid).
    bool is_zero() const {
        const std::uint64_t hi = bits_.w[kHi];
        if ((hi & kSteering) != kSteering && (hi & kCoefficientHigh) == 0) return bits_.w[kLo] == 0;
        return is_zero_rest();
    }
    bool is_negative() const { return (bits_.w[kHi] & kSignBit) != 0 && !is_zero(); }
    bool is_finite() const { return (bits_.w[kHi] & kInfinity) != kInfinity; }  // as bid128_isFinite
    // Greater than 0: Decimal() < *this, answered from the bits (no sign, not NaN, not zero), so
    // that max(0, x), in every rule that floors its points at 0, needs no comparison.
    bool is_positive() const {
        const std::uint64_t hi = bits_.w[kHi];
        return (hi & kSignBit) == 0 && (hi & kNaN) != kNaN && !is_zero();
    }
    // max(0, x), as every rule that floors its points at 0 says it: x when greater than 0, else
    // the 0 that Decimal() is (the encoding max(Decimal(), x) gives), without max()'s comparison.
    Decimal floored_at_zero() const { return is_positive() ? *this : Decimal(); }
    bool is_integer() const;

    // Round half up (ties away from zero) to `places` decimals: 2.675 → 2.68, 1.005 → 1.01.
    Decimal round_half_up(int places) const;
    Decimal ceil() const;
    Decimal floor() const;
    static Decimal min(const Decimal& a, const Decimal& b) { return b < a ? b : a; }
    static Decimal max(const Decimal& a, const Decimal& b) { return a < b ? b : a; }

    // Exact plain text without exponent and without trailing zeros: "2.675", "10", "-0.5".
    std::string to_string() const;
    // Exact plain text keeping the decimal's own exponent: 412.50 stays "412.50", and
    // 四舍五入(9.999, 2) is "10.00" (as Python's Decimal prints).
    std::string to_plain() const;
    // Fixed `places` decimals after rounding half up: to_fixed(2) of 10 is "10.00".
    std::string to_fixed(int places) const;
    // The same text appended to `out` (a row being written: no string of its own per number).
    void append_fixed(std::string& out, int places) const;
    // A ratio shown as a percentage with `places` decimals after rounding half up: "2.73%".
    std::string to_percent(int places) const;
    // Exact text of a ratio as a percentage, without trailing zeros: 0.0273 → "2.73%".
    std::string to_percent_exact() const;

    std::optional<std::int64_t> to_int64() const;  // only when integral and in range

    class Sum;

private:
    struct Bits {
        std::uint64_t w[2];
    };
    // 0E+0 as libbid encodes it (what bid128_from_int64(0) returns): a constant, because every
    // default-constructed score, sum and slot starts here and a library call each time showed
    // up in profiles. decimal.cpp checks it against libbid once. Word order follows libbid's
    // BID_UINT128 (low word first on little-endian machines).
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    static constexpr Bits kZeroBits{{0x3040000000000000ULL, 0}};
#else
    static constexpr Bits kZeroBits{{0, 0x3040000000000000ULL}};
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    static constexpr int kHi = 0, kLo = 1;
#else
    static constexpr int kHi = 1, kLo = 0;
#endif
    static constexpr std::uint64_t kSignBit = 0x8000000000000000ULL;
    static constexpr std::uint64_t kSteering = 0x6000000000000000ULL;  // 11: infinity, NaN or a large-coefficient form
    static constexpr std::uint64_t kInfinity = 0x7800000000000000ULL;  // 1111 after the sign: infinity or NaN
    static constexpr std::uint64_t kNaN = 0x7C00000000000000ULL;  // 11111 after the sign: NaN, quiet or signalling
    static constexpr std::uint64_t kCoefficientHigh = 0x0001FFFFFFFFFFFFULL;
    bool is_zero_rest() const;
    explicit Decimal(Bits b) : bits_(b) {}
    Bits bits_;
};

// A running sum: the very result, encoding included, of 0 + a + b + … with Decimal's +, in a
// few instructions an addend when the addends share an exponent of 0 or below and are not
// negative (leaf scores rounded to two places, summed into a total): their coefficients are
// added as integers. Anything else is added by + from there on.
class Decimal::Sum {
public:
    void add(const Decimal& d) {
        const std::uint64_t hi = d.bits_.w[kHi];
        // The high word holds no sign, an exponent ≤ 0 (so no infinity or NaN either) and no
        // coefficient bits: it is the exponent field alone. It must be the first addend's, and
        // fewer than 2^40 addends (the sum stays below 2^104 < 10^34, so it is exact, as every
        // partial sum of + was).
        if (hi <= kExponentZero && (hi & kCoefficientHigh) == 0 && (count_ == 0 || hi == exponent_) &&
            count_ < (std::uint64_t(1) << 40) && !slow_) [[likely]] {
            exponent_ = hi;
            coefficient_ += d.bits_.w[kLo];
            ++count_;
            return;
        }
        if (!slow_) {
            sum_ = value();
            slow_ = true;
        }
        sum_ = sum_ + d;
    }
    Decimal value() const {
        if (slow_ || count_ == 0) return sum_;
        Bits b;
        b.w[kHi] = exponent_ | static_cast<std::uint64_t>(coefficient_ >> 64);
        b.w[kLo] = static_cast<std::uint64_t>(coefficient_);
        return Decimal(b);
    }

private:
    static constexpr std::uint64_t kExponentZero = kZeroBits.w[kHi];  // the high word of 0E+0: exponent 0
    Decimal sum_;
    unsigned __int128 coefficient_ = 0;
    std::uint64_t exponent_ = 0, count_ = 0;
    bool slow_ = false;
};

}  // namespace pingfen
