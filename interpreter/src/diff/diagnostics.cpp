#include "diff/diagnostics.hpp"

#include <algorithm>
#include <string_view>

namespace pingfen::diff {
namespace {

// Where a data message starts listing the indicators that read the datum.
constexpr std::string_view kUsersZh = "需要它的指标：";
constexpr std::string_view kUsersEn = "needed by: ";

std::string_view head(const std::string& m, std::string_view marker) {
    auto at = m.find(marker);
    return at == std::string::npos ? std::string_view(m) : std::string_view(m).substr(0, at + marker.size());
}

bool same_problem(const Diagnostic& x, const Diagnostic& y) {
    return x.code == y.code && x.severity == y.severity && x.path == y.path && x.line == y.line && x.column == y.column &&
           head(x.message_zh, kUsersZh) == head(y.message_zh, kUsersZh) && head(x.message_en, kUsersEn) == head(y.message_en, kUsersEn);
}

bool same_note(const DiagnosticNote& x, const DiagnosticNote& y) {
    return x.path == y.path && x.line == y.line && x.column == y.column && x.message_zh == y.message_zh;
}

// "…需要它的指标：甲" and "…需要它的指标：乙" become "…需要它的指标：A：甲；B：乙".
void name_both_sides(std::string& into, const std::string& other, std::string_view marker, const char* a, const char* b,
                     const char* sep) {
    if (into == other) return;
    auto at = into.find(marker);
    if (at == std::string::npos) return;
    std::size_t from = at + marker.size();
    std::string users_a = into.substr(from), users_b = other.substr(from);
    into = into.substr(0, from) + a + users_a + sep + b + users_b;
}

}  // namespace

// An input that only one ruleset declares, and data of the year of only one of them, are
// expected in a comparison (this year's rules against last year's): not worth a warning.
static bool expected_in_a_comparison(const Diagnostic& d) { return d.code == "W0401" || d.code == "W0403"; }

std::vector<Diagnostic> merge_sides(const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b) {
    std::vector<Diagnostic> out;
    for (const auto& d : a)
        if (!expected_in_a_comparison(d)) out.push_back(d);
    const std::size_t from_a = out.size();
    for (const auto& d : b) {
        if (expected_in_a_comparison(d)) continue;
        auto same = std::find_if(out.begin(), out.begin() + static_cast<long>(from_a), [&](const Diagnostic& x) { return same_problem(x, d); });
        if (same == out.begin() + static_cast<long>(from_a)) {
            out.push_back(d);
            continue;
        }
        name_both_sides(same->message_zh, d.message_zh, kUsersZh, "A：", "B：", "；");
        name_both_sides(same->message_en, d.message_en, kUsersEn, "A: ", "B: ", "; ");
        for (const auto& n : d.notes)
            if (std::none_of(same->notes.begin(), same->notes.end(), [&](const DiagnosticNote& m) { return same_note(m, n); }))
                same->notes.push_back(n);
    }
    return out;
}

}  // namespace pingfen::diff
