#include "pingfen/decimal.hpp"
#include "decimal/parts.hpp"

#include <array>
#include <cstdlib>
#include <cstring>

// Thread-safe, pass-by-value libbid: no global rounding mode and no global exception flags
// (libbidgcc000.a). These must be defined before the header is read.
extern "C" {
#define DECIMAL_CALL_BY_REFERENCE 0
#define DECIMAL_GLOBAL_ROUNDING 0
#define DECIMAL_GLOBAL_EXCEPTION_FLAGS 0
#include <bid_conf.h>
#include <bid_functions.h>
}

namespace pingfen {
namespace {

static_assert(sizeof(BID_UINT128) == 16);

BID_UINT128 raw(const std::uint64_t (&w)[2]) {
    BID_UINT128 r;
    std::memcpy(&r, w, sizeof r);
    return r;
}

constexpr unsigned kNearestEven = BID_ROUNDING_TO_NEAREST;

// ---- exact fast paths ----
// Scoring adds and compares a few hundred numbers per department, most of them short (scores
// on a 0.01 grid, weights, rates against tier bounds). libbid handles every case, which costs
// 100-200 instructions per operation; these paths take the finite, canonical operands whose
// exact result needs no rounding and build the very encoding libbid would return (the
// preferred exponent of IEEE 754-2008). The common results that need rounding are rounded.cpp's;
// everything else is libbid's.
using namespace decimal_parts;
static_assert(kHi == BID_HIGH_128W && kLo == BID_LOW_128W);

// Compares big × 10^d with small, exactly; big ≠ 0 and small < 10^34.
int compare_scaled(u128 big, int d, u128 small) {
    if (d >= static_cast<int>(kMaxScaled128.size()) || big > kMaxScaled128[static_cast<std::size_t>(d)]) return 1;
    const u128 x = big * kPow10[static_cast<std::size_t>(d)];
    return (x > small) - (x < small);
}

// −1, 0 or 1; false when an operand is not a plain finite number.
bool compare(const std::uint64_t (&x)[2], const std::uint64_t (&y)[2], int& out) {
    Parts a, b;
    if (!unpack(x, a) || !unpack(y, b)) return false;
    const int sa = a.coefficient == 0 ? 0 : (a.negative ? -1 : 1);
    const int sb = b.coefficient == 0 ? 0 : (b.negative ? -1 : 1);
    if (sa != sb || sa == 0) {
        out = (sa > sb) - (sa < sb);
        return true;
    }
    int magnitude;
    if (a.exponent == b.exponent) magnitude = (a.coefficient > b.coefficient) - (a.coefficient < b.coefficient);
    else if (a.exponent > b.exponent) magnitude = compare_scaled(a.coefficient, a.exponent - b.exponent, b.coefficient);
    else magnitude = -compare_scaled(b.coefficient, b.exponent - a.exponent, a.coefficient);
    out = sa > 0 ? magnitude : -magnitude;
    return true;
}

// x + y (y's sign flipped when `subtract`) when the exact sum fits in 34 digits at the smaller
// exponent; false otherwise.
bool add_exact(const std::uint64_t (&x)[2], const std::uint64_t (&y)[2], bool subtract, std::uint64_t (&out)[2]) {
    Parts a, b;
    if (!unpack(x, a) || !unpack(y, b)) return false;
    if (subtract) b.negative = !b.negative;
    const int e = a.exponent < b.exponent ? a.exponent : b.exponent;
    for (Parts* p : {&a, &b}) {
        const int d = p->exponent - e;
        if (d == 0) continue;
        if (d >= static_cast<int>(kMaxScaled34.size()) || p->coefficient > kMaxScaled34[static_cast<std::size_t>(d)])
            return false;
        p->coefficient *= kPow10[static_cast<std::size_t>(d)];
    }
    if (a.negative == b.negative) {
        const u128 sum = a.coefficient + b.coefficient;
        if (sum >= kCoefficientLimit) return false;
        pack(a.negative, e, sum, out);  // −0 + −0 stays −0
    } else if (a.coefficient > b.coefficient) {
        pack(a.negative, e, a.coefficient - b.coefficient, out);
    } else if (b.coefficient > a.coefficient) {
        pack(b.negative, e, b.coefficient - a.coefficient, out);
    } else {
        pack(false, e, 0, out);  // x − x is +0 when rounding to nearest
    }
    return true;
}

// x × y when the exact product fits in 34 digits and its exponent is in range.
bool multiply_exact(const std::uint64_t (&x)[2], const std::uint64_t (&y)[2], std::uint64_t (&out)[2]) {
    Parts a, b;
    if (!unpack(x, a) || !unpack(y, b)) return false;
    if ((a.coefficient >> 64) != 0 || (b.coefficient >> 64) != 0) return false;
    const u128 product = a.coefficient * b.coefficient;
    const int e = a.exponent + b.exponent;
    if (product >= kCoefficientLimit || e + kBias < 0 || e + kBias > kMaxBiased) return false;
    pack(a.negative != b.negative, e, product, out);
    return true;
}

// x ÷ y when the quotient is exact in at most 34 digits (a row's share of points, 70 ÷ 20):
// the exponent is then the preferred ex − ey, or as little below it as the digits need. Only
// operands of up to 19 digits; an inexact quotient (a rate, 1814.74 ÷ 2394) is rounded.cpp's.
bool divide_exact(const std::uint64_t (&x)[2], const std::uint64_t (&y)[2], std::uint64_t (&out)[2]) {
    Parts a, b;
    if (!unpack(x, a) || !unpack(y, b)) return false;
    if ((a.coefficient >> 64) != 0 || (b.coefficient >> 64) != 0 || b.coefficient == 0) return false;
    const bool negative = a.negative != b.negative;
    const auto ca = static_cast<std::uint64_t>(a.coefficient), cb = static_cast<std::uint64_t>(b.coefficient);
    int e = a.exponent - b.exponent;
    u128 q = 0;
    if (ca != 0) {
        // cb | ca × 10^k exactly when cb / gcd(ca, cb) = 2^t2 × 5^t5 and k ≥ max(t2, t5).
        std::uint64_t u = ca, v = cb;
        const int shift = __builtin_ctzll(u | v);
        u >>= __builtin_ctzll(u);
        do {
            v >>= __builtin_ctzll(v);
            if (u > v) std::swap(u, v);
            v -= u;
        } while (v != 0);
        const std::uint64_t g = u << shift;
        std::uint64_t r = cb / g;
        const int t2 = __builtin_ctzll(r);
        r >>= t2;
        int t5 = 0;
        while (r % 5 == 0) {
            r /= 5;
            ++t5;
        }
        if (r != 1) return false;
        const int k = t2 > t5 ? t2 : t5;
        if (k > 34) return false;
        // q = (ca / g) × 10^k / (cb / g) = (ca / g) × 2^(k − t2) × 5^(k − t5)
        u128 m = kPow10[static_cast<std::size_t>(k - t5)] >> (k - t5);  // 5^(k − t5)
        m <<= (k - t2);
        const std::uint64_t c = ca / g;
        if (m > ~u128(0) / c) return false;
        q = m * c;
        if (q >= kCoefficientLimit) return false;
        e -= k;
    }
    if (e + kBias < 0 || e + kBias > kMaxBiased) return false;
    pack(negative, e, q, out);
    return true;
}

// x rounded half away from zero to exponent −places (IEEE quantize): the sign of x is kept,
// even when the result is 0.
bool quantize_half_up(const std::uint64_t (&x)[2], int places, std::uint64_t (&out)[2]) {
    Parts p;
    if (!unpack(x, p) || places < 0 || places > 34) return false;
    const int e = -places;
    u128 c = p.coefficient;
    if (p.exponent >= e) {
        const int d = p.exponent - e;
        if (d >= static_cast<int>(kMaxScaled34.size()) || c > kMaxScaled34[static_cast<std::size_t>(d)]) return false;
        c *= kPow10[static_cast<std::size_t>(d)];
    } else {
        const int d = e - p.exponent;
        if (d > 34) {
            c = 0;  // c < 10^34 < half of 10^d
        } else {
            u128 quotient, remainder;
            divide_by_power_of_ten(c, d, quotient, remainder);
            c = quotient + (remainder * 2 >= kPow10[static_cast<std::size_t>(d)] ? 1 : 0);
        }
    }
    pack(p.negative, e, c, out);
    return true;
}

}  // namespace

#define PF_RAW(d) raw((d).bits_.w)
#define PF_WRAP(x)                           \
    ([&] {                                   \
        BID_UINT128 v_ = (x);                \
        Bits b_;                             \
        std::memcpy(b_.w, &v_, sizeof v_);   \
        return Decimal(b_);                  \
    }())

namespace {
// The header's constant zero must be exactly libbid's zero, or sums starting from Decimal()
// would carry a different exponent into the texts (0 vs 0.00). Checked once at start-up.
[[maybe_unused]] const bool kZeroChecked = [] {
    BID_UINT128 z = bid128_from_int64(0);
    Decimal d;
    if (std::memcmp(&z, &d, sizeof z) != 0) std::abort();
    return true;
}();
}  // namespace

Decimal Decimal::from_int(std::int64_t v) {
    Bits b;
    const std::uint64_t magnitude = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    pack(v < 0, 0, magnitude, b.w);  // what bid128_from_int64 gives: every int64 is exact
    return Decimal(b);
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
    // libbid accepts things like "inf" and "nan"; a rule or a datum never means those.
    if (text.empty() || text.size() > 80) return std::nullopt;
    // The commonest form first, data's "415711.23" and "-5": a sign, at most 19 digits with or
    // without a point, nothing else. Its digits are the coefficient and its decimals the
    // exponent, as the general loop below reads them; any other text goes there.
    if (text.size() <= 21) {
        std::size_t i = text[0] == '-' || text[0] == '+' ? 1 : 0;
        const bool negative = text[0] == '-';
        std::uint64_t coefficient = 0;
        const std::size_t whole_from = i;
        while (i < text.size() && static_cast<unsigned>(text[i] - '0') < 10) coefficient = coefficient * 10 + static_cast<unsigned>(text[i++] - '0');
        std::size_t digits = i - whole_from, decimals = 0;
        if (i < text.size() && text[i] == '.') {
            const std::size_t fraction_from = ++i;
            while (i < text.size() && static_cast<unsigned>(text[i] - '0') < 10) coefficient = coefficient * 10 + static_cast<unsigned>(text[i++] - '0');
            decimals = i - fraction_from;
            digits += decimals;
        }
        if (i == text.size() && digits > 0 && digits <= 19) {
            Bits b;
            pack(negative, -static_cast<int>(decimals), coefficient, b.w);
            return Decimal(b);
        }
    }
    // Checked and, when it has at most 19 significant digits and a short exponent, read in the
    // same pass: then the digits are the coefficient and the exponent counts the decimals, which
    // is exactly how libbid reads it. Longer numbers go to libbid.
    std::size_t i = 0;
    bool negative = false;
    if (text[i] == '+' || text[i] == '-') negative = text[i++] == '-';
    bool digits = false, dot = false, simple = true;
    std::uint64_t coefficient = 0;
    int significant = 0, decimals = 0, exponent = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digits = true;
            if (coefficient != 0 || c != '0') ++significant;
            if (significant > 19) simple = false;
            if (simple) coefficient = coefficient * 10 + static_cast<std::uint64_t>(c - '0');
            if (dot) ++decimals;
        } else if (c == '.' && !dot) {
            dot = true;
        } else if ((c == 'e' || c == 'E') && digits) {
            std::size_t j = i + 1;
            bool exponent_negative = false;
            if (j < text.size() && (text[j] == '+' || text[j] == '-')) exponent_negative = text[j++] == '-';
            if (j >= text.size()) return std::nullopt;
            if (text.size() - j > 4) simple = false;
            for (; j < text.size(); ++j) {
                if (text[j] < '0' || text[j] > '9') return std::nullopt;
                if (simple) exponent = exponent * 10 + (text[j] - '0');
            }
            if (exponent_negative) exponent = -exponent;
            break;
        } else {
            return std::nullopt;
        }
    }
    if (!digits) return std::nullopt;
    const int e = exponent - decimals;
    if (simple && e >= -kBias && e + kBias <= kMaxBiased) {
        Bits b;
        pack(negative, e, coefficient, b.w);
        return Decimal(b);
    }
    char buf[96];
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    _IDEC_flags f = 0;
    Decimal d = PF_WRAP(bid128_from_string(buf, kNearestEven, &f));
    if (!d.is_finite()) return std::nullopt;
    // More than 34 significant digits, or an exponent out of range: the value would be rounded
    // (or flushed to 0), and an amount that is not what was written is an error, not a surprise.
    if (f & (BID_INEXACT_EXCEPTION | BID_UNDERFLOW_EXCEPTION | BID_OVERFLOW_EXCEPTION)) return std::nullopt;
    return d;
}

Decimal Decimal::hundredth(const Decimal& v) {
    if (Parts p; unpack(v.bits_.w, p) && p.exponent - 2 >= -kBias) {
        Bits b;
        pack(p.negative, p.exponent - 2, p.coefficient, b.w);
        return Decimal(b);
    }
    _IDEC_flags f = 0;
    // Scaling the exponent is exact, unlike a division: 2.73 → 0.0273 with no rounding.
    return PF_WRAP(bid128_scalbn(PF_RAW(v), -2, kNearestEven, &f));
}

Decimal Decimal::operator+(const Decimal& o) const {
    Bits b;
    if (add_exact(bits_.w, o.bits_.w, false, b.w) || add_rounded(bits_.w, o.bits_.w, false, b.w)) return Decimal(b);
    _IDEC_flags f = 0;
    return PF_WRAP(bid128_add(PF_RAW(*this), PF_RAW(o), kNearestEven, &f));
}
Decimal Decimal::operator-(const Decimal& o) const {
    Bits b;
    if (add_exact(bits_.w, o.bits_.w, true, b.w) || add_rounded(bits_.w, o.bits_.w, true, b.w)) return Decimal(b);
    _IDEC_flags f = 0;
    return PF_WRAP(bid128_sub(PF_RAW(*this), PF_RAW(o), kNearestEven, &f));
}
Decimal Decimal::operator*(const Decimal& o) const {
    Bits b;
    if (multiply_exact(bits_.w, o.bits_.w, b.w) || multiply_rounded(bits_.w, o.bits_.w, b.w)) return Decimal(b);
    _IDEC_flags f = 0;
    return PF_WRAP(bid128_mul(PF_RAW(*this), PF_RAW(o), kNearestEven, &f));
}
Decimal Decimal::operator/(const Decimal& o) const {
    Bits b;
    // Most quotients of scoring are rates, inexact: the rounded path first, whose test of
    // exactness is its remainder (divide_exact's is a gcd).
    if (divide_rounded(bits_.w, o.bits_.w, b.w) || divide_exact(bits_.w, o.bits_.w, b.w)) return Decimal(b);
    _IDEC_flags f = 0;
    return PF_WRAP(bid128_div(PF_RAW(*this), PF_RAW(o), kNearestEven, &f));
}
Decimal Decimal::operator-() const {
    Bits b = bits_;
    b.w[kHi] ^= kSignBit;  // what bid128_negate does, NaNs included
    return Decimal(b);
}

bool Decimal::operator<(const Decimal& o) const {
    if (int c; compare(bits_.w, o.bits_.w, c)) return c < 0;
    _IDEC_flags f = 0;
    return bid128_quiet_less(PF_RAW(*this), PF_RAW(o), &f) != 0;
}
bool Decimal::operator<=(const Decimal& o) const {
    if (int c; compare(bits_.w, o.bits_.w, c)) return c <= 0;
    _IDEC_flags f = 0;
    return bid128_quiet_less_equal(PF_RAW(*this), PF_RAW(o), &f) != 0;
}
bool Decimal::operator==(const Decimal& o) const {
    if (int c; compare(bits_.w, o.bits_.w, c)) return c == 0;
    _IDEC_flags f = 0;
    return bid128_quiet_equal(PF_RAW(*this), PF_RAW(o), &f) != 0;
}

bool Decimal::is_zero_rest() const {
    // The header's copies of the layout, for its inline tests, are this file's.
    static_assert(kHi == BID_HIGH_128W && kLo == BID_LOW_128W && kSignBit == pingfen::kSignBit &&
                  kSteering == pingfen::kSteering && kInfinity == pingfen::kInfinity && kCoefficientHigh == pingfen::kCoefficientHigh);
    if (Parts p; unpack(bits_.w, p)) return p.coefficient == 0;
    return bid128_isZero(PF_RAW(*this)) != 0;
}
bool Decimal::is_integer() const {
    // c × 10^e is whole when e ≥ 0, or when 10^−e divides c.
    if (Parts p; unpack(bits_.w, p)) {
        if (p.exponent >= 0 || p.coefficient == 0) return true;
        if (-p.exponent >= 34) return false;  // 0 < c < 10^34 ≤ 10^−e
        return p.coefficient % kPow10[static_cast<std::size_t>(-p.exponent)] == 0;
    }
    return *this == floor();
}

Decimal Decimal::round_half_up(int places) const {
    if (Bits b; quantize_half_up(bits_.w, places, b.w)) return Decimal(b);
    _IDEC_flags f = 0;
    // The quantum 1E-places: quantize keeps the value on that grid, ties away from zero.
    BID_UINT128 quantum;
    if (places >= 0 && places <= 34) {
        std::uint64_t w[2];
        pack(false, -places, 1, w);  // 1E-places, as scalbn(1, -places) gives it
        quantum = raw(w);
    } else {
        BID_UINT128 one = bid128_from_int64(1);
        quantum = bid128_scalbn(one, -places, kNearestEven, &f);
    }
    Decimal r = PF_WRAP(bid128_quantize(PF_RAW(*this), quantum, BID_ROUNDING_TIES_AWAY, &f));
    // Padding a number that needs no rounding to `places` decimals can take more than 34
    // digits (a 34-digit integer to 2 places), which libbid answers with NaN. It is already on
    // the grid: it is its own rounding.
    if (!r.is_finite() && is_finite()) return *this;
    return r;
}
Decimal Decimal::ceil() const {
    if (Bits b; round_integral(bits_.w, true, b.w)) return Decimal(b);
    _IDEC_flags f = 0;
    return PF_WRAP(bid128_round_integral_positive(PF_RAW(*this), &f));
}
Decimal Decimal::floor() const {
    if (Bits b; round_integral(bits_.w, false, b.w)) return Decimal(b);
    _IDEC_flags f = 0;
    return PF_WRAP(bid128_round_integral_negative(PF_RAW(*this), &f));
}

std::optional<std::int64_t> Decimal::to_int64() const {
    if (!is_finite() || !is_integer()) return std::nullopt;
    if (*this > from_int(INT64_MAX / 2) || *this < from_int(INT64_MIN / 2)) return std::nullopt;
    _IDEC_flags f = 0;
    return bid128_to_int64_int(PF_RAW(*this), &f);
}

namespace {

// libbid prints "[-+]COEFFICIENTE[-+]EXP"; turn that into plain positional text.
std::string plain_text(const std::string& sci, bool strip_zeros) {
    if (sci.find_first_of("NnIi") != std::string::npos) return "NaN";
    bool neg = sci[0] == '-';
    std::size_t e = sci.find('E');
    std::string coef = sci.substr(1, e - 1);
    long exp = std::stol(sci.substr(e + 1));
    std::size_t nz = coef.find_first_not_of('0');
    coef = nz == std::string::npos ? "0" : coef.substr(nz);
    std::string out;
    if (exp >= 0) {
        out = coef == "0" ? "0" : coef + std::string(static_cast<std::size_t>(exp), '0');
    } else {
        std::size_t frac = static_cast<std::size_t>(-exp);
        if (coef.size() <= frac) coef = std::string(frac - coef.size() + 1, '0') + coef;
        out = coef.substr(0, coef.size() - frac) + "." + coef.substr(coef.size() - frac);
        if (strip_zeros) {
            while (out.back() == '0') out.pop_back();
            if (out.back() == '.') out.pop_back();
        }
    }
    bool zero = out.find_first_not_of("0.") == std::string::npos;
    return (neg && !zero ? "-" : "") + out;
}

}  // namespace

std::string Decimal::to_string() const {
    char buf[64];
    _IDEC_flags f = 0;
    bid128_to_string(buf, PF_RAW(*this), &f);
    return plain_text(buf, true);
}

std::string Decimal::to_plain() const {
    char buf[64];
    _IDEC_flags f = 0;
    bid128_to_string(buf, PF_RAW(*this), &f);
    return plain_text(buf, false);
}

std::string Decimal::to_fixed(int places) const {
    std::string out;
    append_fixed(out, places);
    return out;
}

void Decimal::append_fixed(std::string& out, int places) const {
    // The rounded value on its grid with a coefficient below 2^64 (every score and amount):
    // its digits written directly, as the text path below would write them. A batch writes
    // tens of scores a department, and libbid's text and its parsing were most of a row.
    if (Bits b; places >= 0 && places <= 19 && quantize_half_up(bits_.w, places, b.w)) {
        Parts p;
        if (unpack(b.w, p) && p.exponent == -places && (p.coefficient >> 64) == 0) {
            char digits[24];
            char* end = digits + sizeof digits;
            char* at = end;
            std::uint64_t c = static_cast<std::uint64_t>(p.coefficient);
            for (int k = 0; k < places; ++k, c /= 10) *--at = static_cast<char>('0' + c % 10);
            if (places > 0) *--at = '.';
            do *--at = static_cast<char>('0' + c % 10);
            while ((c /= 10) != 0);
            if (p.negative && p.coefficient != 0) *--at = '-';
            out.append(at, static_cast<std::size_t>(end - at));  // append(ptr, n): no replace() call
            return;
        }
    }
    char buf[64];
    _IDEC_flags f = 0;
    Decimal r = round_half_up(places);
    bid128_to_string(buf, PF_RAW(r), &f);
    std::string text = plain_text(buf, false);
    // round_half_up leaves a number too long to pad as it is: pad its text instead.
    if (places > 0 && text != "NaN") {
        std::size_t dot = text.find('.');
        std::size_t decimals = dot == std::string::npos ? 0 : text.size() - dot - 1;
        if (dot == std::string::npos) text += '.';
        if (decimals < static_cast<std::size_t>(places)) text.append(static_cast<std::size_t>(places) - decimals, '0');
    }
    out += text;
}

std::string Decimal::to_percent(int places) const {
    return (*this * from_int(100)).to_fixed(places) + "%";
}

std::string Decimal::to_percent_exact() const { return (*this * from_int(100)).to_string() + "%"; }

#undef PF_RAW
#undef PF_WRAP

}  // namespace pingfen
