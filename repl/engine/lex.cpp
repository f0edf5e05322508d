#include "lex.hpp"

#include <algorithm>
#include <map>

#include "text.hpp"

namespace pingfen::repl {
namespace {

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x3000 || c == 0xFEFF; }

// \p{L} closely enough: ASCII letters, and any non-ASCII character outside the punctuation,
// symbol and full-width-form blocks.
bool is_letter(char32_t c) {
    if (c < 0x80) return is_ascii_letter(c);
    if (c <= 0xBF || c == 0xD7 || c == 0xF7) return false;
    if (c >= 0x2000 && c <= 0x2BFF) return false;
    if (c >= 0x3000 && c <= 0x303F) return false;
    if (c >= 0xFE10 && c <= 0xFE6F) return false;
    if (c >= 0xFF00 && c <= 0xFF20) return false;
    if (c >= 0xFF3B && c <= 0xFF40) return false;
    if (c >= 0xFF5B && c <= 0xFF65) return false;
    if (c >= 0xFFE0 && c <= 0xFFFF) return false;
    if (c == 0xFEFF) return false;
    return true;
}

const std::map<std::string, std::string>& keyword_map() {
    static const std::map<std::string, std::string> m = [] {
        std::map<std::string, std::string> out;
        for (const auto& [text, name] : keyword_table()) out.emplace(text, name);
        return out;
    }();
    return m;
}

// Punctuation spellings, longest first, with their half-width form.
const std::vector<std::pair<std::string, std::string>>& punct_table() {
    static const std::vector<std::pair<std::string, std::string>> t = [] {
        std::vector<std::pair<std::string, std::string>> v = {
            {"≤", "<="}, {"<=", "<="}, {"≦", "<="}, {"＜＝", "<="}, {"≥", ">="}, {">=", ">="}, {"≧", ">="},
            {"＞＝", ">="}, {"≠", "!="}, {"!=", "!="}, {"==", "=="}, {"<", "<"}, {"＜", "<"}, {">", ">"},
            {"＞", ">"}, {"﹥", ">"}, {"=", "="}, {"＝", "="}, {"+", "+"}, {"＋", "+"}, {"-", "-"},
            {"－", "-"}, {"−", "-"}, {"*", "*"}, {"×", "*"}, {"＊", "*"}, {"/", "/"}, {"÷", "/"},
            {"／", "/"}, {"(", "("}, {"（", "("}, {")", ")"}, {"）", ")"}, {"[", "["}, {"［", "["},
            {"【", "["}, {"]", "]"}, {"］", "]"}, {"】", "]"}, {"{", "{"}, {"｛", "{"}, {"}", "}"},
            {"｝", "}"}, {",", ","}, {"，", ","}, {"、", ","}, {":", ":"}, {"：", ":"}, {";", ";"},
            {"；", ";"}, {".", "."}, {"．", "."},
        };
        std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
        return v;
    }();
    return t;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& keyword_table() {
    static const std::vector<std::pair<std::string, std::string>> t = {
        {"规则集", "RULESET"}, {"ruleset", "RULESET"}, {"年度", "YEAR"}, {"year", "YEAR"},
        {"总分", "TOTAL"}, {"total", "TOTAL"}, {"输入", "INPUTS"}, {"inputs", "INPUTS"},
        {"等级", "GRADES"}, {"grades", "GRADES"}, {"舍入", "ROUNDING"}, {"rounding", "ROUNDING"},
        {"叶指标", "LEAVES"}, {"每项得分", "LEAVES"}, {"leaves", "LEAVES"}, {"四舍五入", "HALF_UP"},
        {"half_up", "HALF_UP"}, {"位", "PLACES"}, {"位小数", "PLACES"}, {"places", "PLACES"},
        {"保留", "KEEP"}, {"keep", "KEEP"}, {"指标", "INDICATOR"}, {"indicator", "INDICATOR"},
        {"一级指标", "LEVEL1"}, {"level1", "LEVEL1"}, {"二级指标", "LEVEL2"}, {"level2", "LEVEL2"},
        {"三级指标", "LEVEL3"}, {"level3", "LEVEL3"}, {"四级指标", "LEVEL4"}, {"level4", "LEVEL4"},
        {"五级指标", "LEVEL5"}, {"level5", "LEVEL5"}, {"六级指标", "LEVEL6"}, {"level6", "LEVEL6"}, {"解释", "EXPLAIN"}, {"指标解释", "EXPLAIN"},
        {"explain", "EXPLAIN"}, {"标准", "STANDARD"}, {"评分标准", "STANDARD"}, {"standard", "STANDARD"},
        {"数据", "DATA"}, {"data", "DATA"}, {"部门", "DEPARTMENT"}, {"department", "DEPARTMENT"},
        {"测试", "TEST"}, {"test", "TEST"}, {"给定", "GIVEN"}, {"given", "GIVEN"}, {"期望", "EXPECT"},
        {"expect", "EXPECT"}, {"错误", "ERROR_KW"}, {"error", "ERROR_KW"}, {"引用", "IMPORT"},
        {"import", "IMPORT"}, {"修改", "MODIFY"}, {"modify", "MODIFY"}, {"替换", "REPLACE"},
        {"replace", "REPLACE"}, {"删除", "REMOVE"}, {"remove", "REMOVE"}, {"增加", "ADD"}, {"add", "ADD"},
        {"排序", "ORDER"}, {"order", "ORDER"},
        {"沿用标准", "KEEP_STANDARD"}, {"沿用原标准", "KEEP_STANDARD"}, {"沿用评分标准", "KEEP_STANDARD"},
        {"keep_standard", "KEEP_STANDARD"}, {"沿用解释", "KEEP_EXPLAIN"}, {"沿用原解释", "KEEP_EXPLAIN"},
        {"沿用指标解释", "KEEP_EXPLAIN"}, {"keep_explanation", "KEEP_EXPLAIN"},
        {"到", "INTO"}, {"into", "INTO"}, {"数值", "T_NUMBER"}, {"number", "T_NUMBER"},
        {"百分比", "T_PERCENT"}, {"percent", "T_PERCENT"}, {"金额", "T_AMOUNT"}, {"amount", "T_AMOUNT"},
        {"计数", "T_COUNT"}, {"count", "T_COUNT"}, {"是否", "T_BOOL"}, {"yesno", "T_BOOL"},
        {"文本", "T_TEXT"}, {"text", "T_TEXT"}, {"列表", "T_LIST"}, {"list", "T_LIST"},
        {"目标表", "T_GOALS"}, {"goals", "T_GOALS"}, {"若", "IF"}, {"如果", "IF"}, {"if", "IF"},
        {"则", "THEN"}, {"then", "THEN"}, {"否则", "ELSE"}, {"else", "ELSE"}, {"得满分", "FULL"},
        {"full", "FULL"}, {"不得分", "ZERO"}, {"zero", "ZERO"}, {"得", "SCORE"}, {"score", "SCORE"},
        {"分", "POINTS"}, {"points", "POINTS"}, {"按", "BY"}, {"by", "BY"}, {"分档", "TIERS"},
        {"tiers", "TIERS"}, {"其余", "OTHERWISE"}, {"otherwise", "OTHERWISE"}, {"扣分", "DEDUCT_BLOCK"},
        {"deductions", "DEDUCT_BLOCK"}, {"扣", "DEDUCT"}, {"扣减", "DEDUCT"}, {"deduct", "DEDUCT"},
        {"不扣分", "NO_DEDUCT"}, {"no_deduction", "NO_DEDUCT"}, {"等级系数", "COEFFS"},
        {"grade_coefficients", "COEFFS"},
        {"每项", "EACH"}, {"每次", "EACH"}, {"每笔", "EACH"}, {"每例", "EACH"}, {"每个", "EACH"},
        {"each", "EACH"}, {"扣完为止", "FLOOR_ZERO"}, {"减至0分为止", "FLOOR_ZERO"},
        {"floor_zero", "FLOOR_ZERO"}, {"每增加", "PER_INCREASE"}, {"每超过", "PER_INCREASE"},
        {"每高于", "PER_INCREASE"}, {"per_increase", "PER_INCREASE"}, {"每低于", "PER_DECREASE"},
        {"每减少", "PER_DECREASE"}, {"每下降", "PER_DECREASE"}, {"per_decrease", "PER_DECREASE"},
        {"低于", "BELOW"}, {"小于", "BELOW"}, {"below", "BELOW"}, {"高于", "ABOVE"}, {"大于", "ABOVE"},
        {"above", "ABOVE"}, {"不低于", "NOT_BELOW"}, {"不少于", "NOT_BELOW"}, {"不小于", "NOT_BELOW"},
        {"not_below", "NOT_BELOW"}, {"不高于", "NOT_ABOVE"}, {"不超过", "NOT_ABOVE"}, {"不大于", "NOT_ABOVE"},
        {"not_above", "NOT_ABOVE"}, {"至", "TO"}, {"to", "TO"}, {"及以上", "OR_MORE"}, {"以上", "OR_MORE"},
        {"or_more", "OR_MORE"}, {"及以下", "OR_LESS"}, {"以下", "OR_LESS"}, {"or_less", "OR_LESS"},
        {"一个百分点", "ONE_POINT"},
        {"超过", "BEYOND"}, {"beyond", "BEYOND"}, {"（含）", "INCLUSIVE"}, {"(含)", "INCLUSIVE"},
        {"inclusive", "INCLUSIVE"}, {"不足一档按一档计", "STEP_UP"}, {"partial_step_counts", "STEP_UP"},
        {"不足一档不计", "STEP_DOWN"}, {"partial_step_ignored", "STEP_DOWN"}, {"比例计分", "PROPORTION"},
        {"proportional", "PROPORTION"}, {"封顶", "CAP"}, {"cap", "CAP"}, {"分项", "PARTS"},
        {"parts", "PARTS"}, {"酌情扣", "DISC_DEDUCT"}, {"discretionary_deduct", "DISC_DEDUCT"},
        {"酌情得", "DISC_SCORE"}, {"酌情给分", "DISC_SCORE"}, {"discretionary_score", "DISC_SCORE"},
        {"理由", "REASON"}, {"reason", "REASON"}, {"完成率计分", "COMPLETION"},
        {"completion_rate", "COMPLETION"}, {"分值分配", "SPLIT"}, {"split", "SPLIT"},
        {"平均分配", "EQUAL_SHARE"}, {"equally", "EQUAL_SHARE"}, {"按权重", "BY_WEIGHT"},
        {"by_row_weight", "BY_WEIGHT"}, {"定性", "QUALITATIVE"}, {"qualitative", "QUALITATIVE"},
        {"不适用", "NOT_APPLIC"}, {"not_applicable", "NOT_APPLIC"}, {"分值移至", "MOVE_TO"},
        {"move_points_to", "MOVE_TO"}, {"加分项", "BONUS"}, {"bonus", "BONUS"}, {"减分项", "PENALTY"},
        {"penalty", "PENALTY"}, {"最多", "AT_MOST"}, {"at_most", "AT_MOST"}, {"默认", "DEFAULT"},
        {"default", "DEFAULT"}, {"分值", "WEIGHT"}, {"weight", "WEIGHT"}, {"且", "AND"}, {"and", "AND"},
        {"或", "OR"}, {"or", "OR"}, {"非", "NOT"}, {"not", "NOT"}, {"是", "TRUE"}, {"true", "TRUE"},
        {"否", "FALSE"}, {"false", "FALSE"},
    };
    return t;
}

bool starts_item(const Token& t) {
    if (t.kind != Token::Kind::Keyword) return false;
    static const char* items[] = {"RULESET", "IMPORT", "MODIFY", "REPLACE", "REMOVE", "ADD",    "ORDER",  "INPUTS",
                                  "GRADES",  "ROUNDING", "LEVEL1", "LEVEL2",  "LEVEL3", "LEVEL4", "LEVEL5", "LEVEL6",
                                  "INDICATOR", "COEFFS", "DATA",  "TEST",    "BONUS",  "PENALTY"};
    for (const char* k : items)
        if (t.value == k) return true;
    return false;
}

bool is_level_keyword(const Token& t) {
    return t.is_kw("LEVEL1") || t.is_kw("LEVEL2") || t.is_kw("LEVEL3") || t.is_kw("LEVEL4") || t.is_kw("LEVEL5") ||
           t.is_kw("LEVEL6") || t.is_kw("INDICATOR");
}

Scan tokenize(std::string_view text) {
    Scan scan;
    std::size_t i = 0;
    int line = 1, col = 1;
    auto advance_to = [&](std::size_t to) {
        while (i < to) {
            std::size_t len;
            char32_t c = utf8_at(text, i, len);
            i += len;
            if (c == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
    };
    auto push = [&](Token::Kind k, std::size_t end, std::string value) {
        Token t;
        t.kind = k;
        t.begin = i;
        t.end = end;
        t.text = std::string(text.substr(i, end - i));
        t.value = std::move(value);
        t.line = line;
        t.column = col;
        scan.tokens.push_back(std::move(t));
        advance_to(end);
    };
    while (i < text.size()) {
        std::size_t len;
        char32_t c = utf8_at(text, i, len);
        if (is_space(c)) {
            advance_to(i + len);
            continue;
        }
        std::string_view rest = text.substr(i);
        if (c == '#' || starts_with(rest, "//")) {
            std::size_t nl = text.find('\n', i);
            advance_to(nl == std::string_view::npos ? text.size() : nl);
            continue;
        }
        // Keywords that hold characters other than letters.
        bool special = false;
        for (const char* k : {"（含）", "(含)", "减至0分为止"}) {
            if (starts_with(rest, k)) {
                push(Token::Kind::Keyword, i + std::string_view(k).size(), keyword_map().at(k));
                special = true;
                break;
            }
        }
        if (special) continue;
        if (c == '"' || c == 0x201C) {
            char32_t close = c == '"' ? U'"' : U'”';
            std::size_t j = i + len;
            bool closed = false;
            while (j < text.size()) {
                std::size_t l2;
                char32_t d = utf8_at(text, j, l2);
                if (d == '\n' || d == '\r') break;
                j += l2;
                if (d == close) {
                    closed = true;
                    break;
                }
            }
            if (!closed) scan.bad_string = true;
            std::size_t content_end = closed ? j - (close == '"' ? 1 : 3) : j;
            push(Token::Kind::String, j, std::string(text.substr(i + len, content_end - (i + len))));
            continue;
        }
        if (is_digit(c)) {
            std::size_t j = i;
            while (j < text.size() && is_digit(static_cast<unsigned char>(text[j]))) ++j;
            if (j + 1 < text.size() && text[j] == '.' && is_digit(static_cast<unsigned char>(text[j + 1]))) {
                ++j;
                while (j < text.size() && is_digit(static_cast<unsigned char>(text[j]))) ++j;
            }
            if (j < text.size() && text[j] == '%') {
                push(Token::Kind::Percent, j + 1, "");
            } else if (starts_with(text.substr(j), "％")) {
                push(Token::Kind::Percent, j + std::string_view("％").size(), "");
            } else {
                push(Token::Kind::Number, j, "");
            }
            continue;
        }
        if (is_letter(c)) {
            // [\p{L}_]+, or [a-zA-Z_][a-zA-Z_0-9]*: the longer wins, as in ANTLR.
            std::size_t j = i;
            while (j < text.size()) {
                std::size_t l2;
                char32_t d = utf8_at(text, j, l2);
                if (!is_letter(d)) break;
                j += l2;
            }
            if (is_ascii_letter(c)) {
                std::size_t k = i;
                while (k < text.size() && (is_ascii_letter(static_cast<unsigned char>(text[k])) ||
                                           is_digit(static_cast<unsigned char>(text[k]))))
                    ++k;
                j = std::max(j, k);
            }
            std::string word(text.substr(i, j - i));
            auto kw = keyword_map().find(word);
            if (kw != keyword_map().end()) push(Token::Kind::Keyword, j, kw->second);
            else push(Token::Kind::Ident, j, "");
            continue;
        }
        bool matched = false;
        for (const auto& [p, v] : punct_table()) {
            if (starts_with(rest, p)) {
                push(Token::Kind::Punct, i + p.size(), v);
                Token& t = scan.tokens.back();
                if (t.opens()) ++scan.depth;
                if (t.closes()) --scan.depth;
                matched = true;
                break;
            }
        }
        if (matched) continue;
        push(Token::Kind::Bad, i + len, "");
    }
    return scan;
}

std::vector<std::string> split_path(std::string_view text) {
    std::vector<std::string> out;
    Scan s = tokenize(text);
    std::string cur;
    bool have = false;
    for (const auto& t : s.tokens) {
        if (t.is_punct(".")) {
            out.push_back(cur);
            cur.clear();
            have = false;
            continue;
        }
        if (t.kind == Token::Kind::String) cur += t.value;
        else cur += t.text;
        have = true;
    }
    if (have || !out.empty()) out.push_back(cur);
    return out;
}

bool is_identifier(const std::string& name) {
    Scan s = tokenize(name);
    return s.tokens.size() == 1 && s.tokens[0].kind == Token::Kind::Ident && s.tokens[0].text == name;
}

std::string path_text(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& p : path) out += (out.empty() ? "" : ".") + (is_identifier(p) ? p : quote(p));
    return out;
}

std::string join_path(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& p : path) out += (out.empty() ? "" : ".") + p;
    return out;
}

}  // namespace pingfen::repl
