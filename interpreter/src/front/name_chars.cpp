#include "front/name_chars.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

namespace pingfen::front {
namespace {

struct Range {
    char32_t first, last;
};

constexpr Range kNameChars[] = {
#include "front/name_chars.inc"
};

// The Basic Multilingual Plane as a bit table, made by the compiler: nearly every character of
// a ruleset is looked up here in one step.
constexpr std::array<std::uint64_t, 1024> bmp_table() {
    std::array<std::uint64_t, 1024> bits{};
    for (const Range& r : kNameChars)
        for (char32_t c = r.first; c <= r.last && c <= 0xFFFF; ++c) bits[c >> 6] |= std::uint64_t{1} << (c & 63);
    return bits;
}
constexpr std::array<std::uint64_t, 1024> kBmp = bmp_table();

}  // namespace

bool is_name_char(char32_t c) {
    if (c <= 0xFFFF) return (kBmp[c >> 6] >> (c & 63)) & 1;
    const auto* after = std::upper_bound(std::begin(kNameChars), std::end(kNameChars), c,
                                         [](char32_t key, const Range& r) { return key < r.first; });
    return after != std::begin(kNameChars) && c <= std::prev(after)->last;
}

}  // namespace pingfen::front
