#include "pingfen/decimal.hpp"

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

}  // namespace

#define PF_RAW(d) raw((d).bits_.w)
#define PF_WRAP(x)                           \
    ([&] {                                   \
        BID_UINT128 v_ = (x);                \
        Bits b_;                             \
        std::memcpy(b_.w, &v_, sizeof v_);   \
        return Decimal(b_);                  \
    }())

Decimal::Decimal() {
    _IDEC_flags f = 0;
    BID_UINT128 z = bid128_from_int64(0);
    (void)f;
    std::memcpy(bits_.w, &z, sizeof z);
}

Decimal Decimal::from_int(std::int64_t v) { return PF_WRAP(bid128_from_int64(v)); }

std::optional<Decimal> Decimal::parse(std::string_view text) {
    // libbid accepts things like "inf" and "nan"; a rule or a datum never means those.
    if (text.empty() || text.size() > 80) return std::nullopt;
    std::size_t i = 0;
    if (text[i] == '+' || text[i] == '-') ++i;
    bool digits = false, dot = false;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            digits = true;
        } else if (c == '.' && !dot) {
            dot = true;
        } else if ((c == 'e' || c == 'E') && digits) {
            std::size_t j = i + 1;
            if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
            if (j >= text.size()) return std::nullopt;
            for (; j < text.size(); ++j)
                if (text[j] < '0' || text[j] > '9') return std::nullopt;
            break;
        } else {
            return std::nullopt;
        }
    }
    if (!digits) return std::nullopt;
    std::string buf(text);
    _IDEC_flags f = 0;
    Decimal d = PF_WRAP(bid128_from_string(buf.data(), kNearestEven, &f));
    if (!d.is_finite()) return std::nullopt;
    return d;
}

Decimal Decimal::hundredth(const Decimal& v) {
    _IDEC_flags f = 0;
    // Scaling the exponent is exact, unlike a division: 2.73 → 0.0273 with no rounding.
    return PF_WRAP(bid128_scalbn(PF_RAW(v), -2, kNearestEven, &f));
}

Decimal Decimal::operator+(const Decimal& o) const {
    _IDEC_flags f = 0;
    return PF_WRAP(bid128_add(PF_RAW(*this), PF_RAW(o), kNearestEven, &f));
}
Decimal Decimal::operator-(const Decimal& o) const {
    _IDEC_flags f = 0;
    return PF_WRAP(bid128_sub(PF_RAW(*this), PF_RAW(o), kNearestEven, &f));
}
Decimal Decimal::operator*(const Decimal& o) const {
    _IDEC_flags f = 0;
    return PF_WRAP(bid128_mul(PF_RAW(*this), PF_RAW(o), kNearestEven, &f));
}
Decimal Decimal::operator/(const Decimal& o) const {
    _IDEC_flags f = 0;
    return PF_WRAP(bid128_div(PF_RAW(*this), PF_RAW(o), kNearestEven, &f));
}
Decimal Decimal::operator-() const { return PF_WRAP(bid128_negate(PF_RAW(*this))); }

bool Decimal::operator<(const Decimal& o) const {
    _IDEC_flags f = 0;
    return bid128_quiet_less(PF_RAW(*this), PF_RAW(o), &f) != 0;
}
bool Decimal::operator<=(const Decimal& o) const {
    _IDEC_flags f = 0;
    return bid128_quiet_less_equal(PF_RAW(*this), PF_RAW(o), &f) != 0;
}
bool Decimal::operator==(const Decimal& o) const {
    _IDEC_flags f = 0;
    return bid128_quiet_equal(PF_RAW(*this), PF_RAW(o), &f) != 0;
}

bool Decimal::is_zero() const { return bid128_isZero(PF_RAW(*this)) != 0; }
bool Decimal::is_negative() const { return !is_zero() && bid128_isSigned(PF_RAW(*this)) != 0; }
bool Decimal::is_finite() const { return bid128_isFinite(PF_RAW(*this)) != 0; }
bool Decimal::is_integer() const { return *this == floor(); }

Decimal Decimal::round_half_up(int places) const {
    _IDEC_flags f = 0;
    // The quantum 1E-places: quantize keeps the value on that grid, ties away from zero.
    BID_UINT128 one = bid128_from_int64(1);
    BID_UINT128 quantum = bid128_scalbn(one, -places, kNearestEven, &f);
    return PF_WRAP(bid128_quantize(PF_RAW(*this), quantum, BID_ROUNDING_TIES_AWAY, &f));
}
Decimal Decimal::ceil() const {
    _IDEC_flags f = 0;
    return PF_WRAP(bid128_round_integral_positive(PF_RAW(*this), &f));
}
Decimal Decimal::floor() const {
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
    char buf[64];
    _IDEC_flags f = 0;
    Decimal r = round_half_up(places);
    bid128_to_string(buf, PF_RAW(r), &f);
    return plain_text(buf, false);
}

std::string Decimal::to_percent(int places) const {
    return (*this * from_int(100)).to_fixed(places) + "%";
}

std::string Decimal::to_percent_exact() const { return (*this * from_int(100)).to_string() + "%"; }

#undef PF_RAW
#undef PF_WRAP

}  // namespace pingfen
