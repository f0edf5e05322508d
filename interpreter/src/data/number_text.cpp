#include "data/number_text.hpp"

#include <algorithm>
#include <optional>

#include "source/source.hpp"

namespace pingfen::data {
namespace {

// Full-width forms as ASCII, and the spaces that trail a pasted cell trimmed. halfwidth() changes
// only characters of more than one byte: ASCII text ("96.15%", the commonest) skips it, and the
// string it built, for every number of a list read from text.
std::string normalised(std::string_view t) {
    const bool ascii = std::all_of(t.begin(), t.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    std::string wide;
    if (!ascii) {
        wide = halfwidth(t);
        t = wide;
    }
    std::size_t a = t.find_first_not_of(" \t\r\n");
    if (a == std::string_view::npos) return "";
    std::size_t b = t.find_last_not_of(" \t\r\n");
    return std::string(t.substr(a, b - a + 1));
}

bool digit(char c) { return c >= '0' && c <= '9'; }

NumberText refused(std::string zh, std::string en) {
    NumberText r;
    r.why_zh = std::move(zh);
    r.why_en = std::move(en);
    return r;
}

// The commonest text by far, a list's "96.15%" or a goal's "218": a sign, digits, a point and
// a final % alone. Nothing below changes such text before Decimal::parse reads it (no spaces,
// no full-width forms, brackets, currency or commas), so it is read here without the copies;
// whatever Decimal::parse refuses goes the long way, for its reason.
bool plain_number_text(std::string_view text, NumberText& r) {
    std::string_view body = text;
    const bool percent = !body.empty() && body.back() == '%';
    if (percent) body.remove_suffix(1);
    if (body.empty()) return false;
    for (char c : body)
        if (!digit(c) && c != '.' && c != '-' && c != '+') return false;
    std::optional<Decimal> d = Decimal::parse(body);
    if (!d) return false;
    r.percent = percent;
    r.value = percent ? Decimal::hundredth(*d) : *d;
    r.ok = true;
    return true;
}

}  // namespace

NumberText read_number_text(std::string_view text) {
    if (NumberText quick; plain_number_text(text, quick)) return quick;
    std::string t = normalised(text);
    NumberText r;
    if (!t.empty() && t.back() == '%') {
        t.pop_back();
        while (!t.empty() && t.back() == ' ') t.pop_back();
        r.percent = true;
    }
    if (t.empty()) return r;
    if (t.size() > 2 && t.front() == '(' && t.back() == ')') {
        NumberText inner = read_number_text(std::string_view(t).substr(1, t.size() - 2));
        std::string meant = inner.ok && !inner.percent ? '-' + inner.value.to_string() : "-数值";
        return refused("（括号是表示负数吗？请写成 " + meant + "）",
                       " (do the brackets mean a negative number? write " + (inner.ok && !inner.percent ? meant : "-number") + ")");
    }
    if (t.front() == '$' || t.compare(0, 2, "\xC2\xA5") == 0 /* ¥ */ || t.compare(0, 3, "\xEF\xBF\xA5") == 0 /* ￥ */)
        return refused("（请去掉货币符号，按输入声明的单位只写数值）",
                       " (leave out the currency sign and write the number in the input's declared unit)");
    // Thousands separators, as Excel shows amounts: "1,222.61", "12,345". Only the grouping
    // Excel writes is read; "1,5" or "1.000,5" could be a decimal comma and is refused.
    if (t.find(',') != std::string::npos) {
        std::size_t start = (t[0] == '+' || t[0] == '-') ? 1 : 0;
        std::size_t dot = t.find('.');
        std::string_view whole = std::string_view(t).substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        bool grouped = !whole.empty() && whole.front() != ',' && (dot == std::string::npos || t.find(',', dot) == std::string::npos);
        std::size_t group = 0;
        bool seen_comma = false;
        for (char c : whole) {
            if (c == ',') {
                if ((seen_comma && group != 3) || (!seen_comma && (group == 0 || group > 3))) grouped = false;
                seen_comma = true;
                group = 0;
            } else if (digit(c)) {
                ++group;
            } else {
                grouped = false;
            }
        }
        if (group != 3) grouped = false;
        if (!grouped)
            return refused("（逗号的位置不是千分位分隔符：它可能是小数点，请改写，如 1222.61 或 1,222.61）",
                           " (the commas are not thousands separators: one could be a decimal comma; write e.g. "
                           "1222.61 or 1,222.61)");
        std::string plain;
        for (char c : t)
            if (c != ',') plain += c;
        t = std::move(plain);
    }
    std::optional<Decimal> d = Decimal::parse(t);
    if (!d && t.find(' ') != std::string::npos && t.find_first_not_of("0123456789.,+- ") == std::string::npos)
        return refused("（数字中间有空格；千分位请用逗号，如 1,000）", " (spaces inside the number; separate thousands with commas, as in 1,000)");
    if (!d) return r;
    r.value = r.percent ? Decimal::hundredth(*d) : *d;
    r.ok = true;
    return r;
}

std::string_view unit_suffix(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    // Longest first: 万元 before 元.
    static constexpr std::string_view kUnits[] = {"万元", "亿元", "千元", "百元", "元", "万", "亿", "个", "项",
                                                  "家", "次", "人", "天", "件", "笔", "户", "分"};
    for (std::string_view u : kUnits)
        if (text.size() > u.size() && text.ends_with(u)) {
            const char before = text[text.size() - u.size() - 1];
            if (digit(before) || before == ' ' || before == '.') return u;
        }
    return {};
}

std::string_view without_unit(std::string_view text, std::string_view unit) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (!unit.empty() && text.ends_with(unit)) text.remove_suffix(unit.size());
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace pingfen::data
