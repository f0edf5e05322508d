// "Did you mean": the declared name nearest to a misspelt one, by edit distance over
// characters (a Chinese name is a few characters, each one edit).
#include <algorithm>

#include "sema/resolve.hpp"
#include "source/source.hpp"

namespace pingfen::sema {
namespace {

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
    std::u32string n = utf8_decode(name);
    std::string best;
    std::size_t best_d = std::max<std::size_t>(1, n.size() / 3) + 1;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(n, utf8_decode(c));
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

}  // namespace pingfen::sema
