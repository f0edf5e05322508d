// 年度 of a department's data, read the same way by every reader.
#include "data/department.hpp"

namespace pingfen::data {

std::optional<int> year_of(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    for (std::string_view suffix : {std::string_view("年度"), std::string_view("年")})
        if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
            text.remove_suffix(suffix.size());
            break;
        }
    // 2023.0, as a spreadsheet may give a whole number.
    if (const auto dot = text.find('.'); dot != std::string_view::npos && text.find_first_not_of('0', dot + 1) == std::string_view::npos)
        text = text.substr(0, dot);
    if (text.size() != 4) return std::nullopt;
    int year = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        year = year * 10 + (c - '0');
    }
    if (year < 1000) return std::nullopt;
    return year;
}

void take_year(DepartmentData& d, std::string_view text, Loc loc) {
    if (text.empty()) return;
    if (auto y = year_of(text)) {
        d.year = y;
        d.bad_year.clear();
        return;
    }
    d.year.reset();
    d.bad_year = std::string(text);
    d.bad_year_loc = loc;
}

}  // namespace pingfen::data
