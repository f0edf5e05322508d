#include "sema/units.hpp"

#include <array>
#include <utility>

namespace pingfen::sema {
namespace {

const std::array<std::pair<const char*, std::int64_t>, 6> kUnits{{
    {"元", 1}, {"千元", 1'000}, {"万元", 10'000}, {"百万元", 1'000'000}, {"千万元", 10'000'000}, {"亿元", 100'000'000},
}};

}  // namespace

std::optional<Decimal> unit_scale(const std::string& unit) {
    for (const auto& [name, scale] : kUnits)
        if (unit == name) return Decimal::from_int(scale);
    return std::nullopt;
}

std::string unit_of_scale(const Decimal& scale) {
    for (const auto& [name, s] : kUnits)
        if (Decimal::from_int(s) == scale) return name;
    return {};
}

std::string scaled_unit(const std::string& unit, const Decimal& factor) {
    if (factor == Decimal::from_int(1)) return unit;
    auto s = unit_scale(unit);
    if (!s || factor.is_zero() || factor.is_negative()) return unit;
    // x 万元 × 10000 is the same money counted in 元: the scale of one unit divides by the factor.
    if (std::string known = unit_of_scale(*s / factor); !known.empty()) return known;
    // × 1.1 is a growth, not a conversion: still 万元. × 100 000 is a conversion to a unit the
    // table does not name: unknown, and not compared.
    for (Decimal p = Decimal::from_int(10); p <= Decimal::from_int(1'000'000'000'000); p = p * Decimal::from_int(10))
        if (factor == p || factor * p == Decimal::from_int(1)) return {};
    return unit;
}

}  // namespace pingfen::sema
