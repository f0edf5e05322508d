#include "calendar/date.hpp"

#include <fmt/format.h>

#include <vector>

namespace pingfen::calendar {

bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
    static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

// Howard Hinnant's days_from_civil and civil_from_days (public domain algorithms).
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

std::string date_text(std::int64_t days, bool english) {
    int y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    return english ? fmt::format("{:04}-{:02}-{:02}", y, m, d) : fmt::format("{}年{}月{}日", y, m, d);
}

namespace {

// The text with full-width digits (２０２３) made ASCII and surrounding spaces removed.
std::string normalised(std::string_view t) {
    std::string out;
    for (std::size_t i = 0; i < t.size();) {
        // U+FF10 … U+FF19 are EF BC 90 … EF BC 99.
        if (i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xEF && static_cast<unsigned char>(t[i + 1]) == 0xBC &&
            static_cast<unsigned char>(t[i + 2]) >= 0x90 && static_cast<unsigned char>(t[i + 2]) <= 0x99) {
            out += static_cast<char>('0' + (static_cast<unsigned char>(t[i + 2]) - 0x90));
            i += 3;
            continue;
        }
        out += t[i++];
    }
    const auto first = out.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    out = out.substr(first, out.find_last_not_of(" \t") - first + 1);
    // A spreadsheet's midnight: 2023-04-28T00:00:00, 2023-04-28 00:00:00.
    for (const char* tail : {"T00:00:00", " 00:00:00", "T00:00", " 00:00"})
        if (out.size() > std::string_view(tail).size() && out.ends_with(tail)) {
            out.resize(out.size() - std::string_view(tail).size());
            break;
        }
    return out;
}

struct Parts {
    int year = 0;
    unsigned month = 0, day = 0;
};

// Three groups of digits: a year of four, then one or two each, separated as the forms allow.
std::optional<Parts> split(const std::string& s) {
    std::vector<std::string> groups;
    std::vector<std::string> seps;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
        if (j == i) return std::nullopt;
        groups.push_back(s.substr(i, j - i));
        std::size_t k = j;
        while (k < s.size() && !(s[k] >= '0' && s[k] <= '9')) ++k;
        seps.push_back(s.substr(j, k - j));
        i = k;
    }
    if (groups.size() != 3 || groups[0].size() != 4 || groups[1].size() > 2 || groups[2].size() > 2) return std::nullopt;
    const bool chinese = seps[0] == "年" && seps[1] == "月" && (seps[2] == "日" || seps[2] == "号");
    bool same = false;
    for (const char* sep : {"-", "/", "."})
        if (seps[0] == sep && seps[1] == sep && seps[2].empty()) same = true;
    if (!chinese && !same) return std::nullopt;
    return Parts{std::stoi(groups[0]), static_cast<unsigned>(std::stoi(groups[1])), static_cast<unsigned>(std::stoi(groups[2]))};
}

}  // namespace

bool looks_like_date(std::string_view text) { return split(normalised(text)).has_value(); }

DateText read_date(std::string_view text) {
    DateText out;
    auto p = split(normalised(text));
    if (!p) {
        out.why_zh = "日期应写作 2023-04-28 或 2023年4月28日";
        out.why_en = "a date is written 2023-04-28 or 2023年4月28日";
        return out;
    }
    if (p->year < 1000) {
        out.why_zh = fmt::format("年份 {} 不是四位数的公历年份", p->year);
        out.why_en = fmt::format("{} is not a four-digit year", p->year);
        return out;
    }
    if (p->month < 1 || p->month > 12) {
        out.why_zh = fmt::format("没有 {} 月：月份应为 1 至 12", p->month);
        out.why_en = fmt::format("there is no month {}: a month is 1 to 12", p->month);
        return out;
    }
    const unsigned last = days_in_month(p->year, p->month);
    if (p->day < 1 || p->day > last) {
        out.why_zh = fmt::format("{}年{}月没有 {} 日（该月只有 {} 天）", p->year, p->month, p->day, last);
        out.why_en = fmt::format("{}-{:02} has no day {} (it has {} days)", p->year, p->month, p->day, last);
        return out;
    }
    out.days = days_from_civil(p->year, p->month, p->day);
    return out;
}

}  // namespace pingfen::calendar
