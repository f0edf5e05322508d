#include "words.hpp"

#include <algorithm>

namespace pingfen::repl {

Typed read_typed(std::string_view text) {
    Typed out;
    for (auto& t : tokenize(text)) {
        if (t.kind == SourceToken::Kind::Comment) continue;
        if (t.token == "LPAREN" || t.token == "LBRACK" || t.token == "LBRACE") ++out.depth;
        if (t.token == "RPAREN" || t.token == "RBRACK" || t.token == "RBRACE") --out.depth;
        if (t.kind == SourceToken::Kind::Unknown && (starts_with(t.text, "\"") || starts_with(t.text, "“")))
            out.bad_string = true;
        out.tokens.push_back(std::move(t));
    }
    return out;
}

std::string name_of(const SourceToken& t) {
    if (t.kind != SourceToken::Kind::String) return t.text;
    // "…" or “…”: the quotes are one character each, of one or three bytes.
    std::size_t open = static_cast<unsigned char>(t.text[0]) < 0x80 ? 1 : 3;
    std::size_t close = static_cast<unsigned char>(t.text.back()) < 0x80 ? 1 : 3;
    if (t.text.size() < open + close) return "";
    return t.text.substr(open, t.text.size() - open - close);
}

bool starts_item(const SourceToken& t) {
    if (t.kind != SourceToken::Kind::Keyword) return false;
    static const char* items[] = {"RULESET", "IMPORT", "MODIFY", "REPLACE", "REMOVE", "ADD",  "ORDER",   "INPUTS", "GRADES",
                                  "ROUNDING", "LEVEL1", "LEVEL2", "LEVEL3", "INDICATOR", "DATA", "TEST", "BONUS", "PENALTY"};
    for (const char* k : items)
        if (t.token == k) return true;
    return false;
}

std::vector<std::string> split_path(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    bool have = false;
    for (const auto& t : read_typed(text).tokens) {
        if (t.token == "DOT") {
            out.push_back(cur);
            cur.clear();
            have = false;
            continue;
        }
        cur += name_of(t);
        have = true;
    }
    if (have || !out.empty()) out.push_back(cur);
    return out;
}

std::string path_text(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& p : path) {
        auto ts = tokenize(p);
        bool plain = ts.size() == 1 && ts[0].kind == SourceToken::Kind::Identifier && ts[0].text == p;
        out += (out.empty() ? "" : ".") + (plain ? p : quote(p));
    }
    return out;
}

std::string join_path(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& p : path) out += (out.empty() ? "" : ".") + p;
    return out;
}

std::string quote(const std::string& s) {
    if (s.find('"') == std::string::npos) return "\"" + s + "\"";
    return "“" + s + "”";
}

std::size_t char_count(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

std::string pad_right(const std::string& s, int width) {
    int w = display_width(s);
    return w >= width ? s : s + std::string(static_cast<std::size_t>(width - w), ' ');
}

std::string pad_left(const std::string& s, int width) {
    int w = display_width(s);
    return w >= width ? s : std::string(static_cast<std::size_t>(width - w), ' ') + s;
}

std::string trim(std::string_view s) {
    // Spaces, tabs, line ends and the ideographic space U+3000.
    auto blank_at_start = [&](std::size_t i) -> std::size_t {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') return 1;
        return s.compare(i, 3, "\u3000") == 0 || s.compare(i, 3, "\uFEFF") == 0 ? 3 : 0;
    };
    std::size_t b = 0;
    while (b < s.size()) {
        std::size_t n = blank_at_start(b);
        if (!n) break;
        b += n;
    }
    std::size_t e = s.size();
    while (e > b) {
        if (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n') --e;
        else if (e - b >= 3 && s.compare(e - 3, 3, "\u3000") == 0) e -= 3;
        else break;
    }
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t b = 0;
    while (true) {
        std::size_t nl = s.find('\n', b);
        if (nl == std::string::npos) {
            out.push_back(s.substr(b));
            break;
        }
        out.push_back(s.substr(b, nl - b));
        b = nl + 1;
    }
    return out;
}

}  // namespace pingfen::repl

#include "repl_engine.hpp"

namespace pingfen::repl {

std::string completion_columns(const std::vector<std::string>& candidates, int width) {
    if (candidates.empty()) return "";
    int widest = 0;
    for (const auto& c : candidates) widest = std::max(widest, display_width(c));
    const int column = widest + 2;
    const int per_row = std::max(1, width / column);
    const std::size_t rows = (candidates.size() + static_cast<std::size_t>(per_row) - 1) / static_cast<std::size_t>(per_row);
    std::string out;
    // Down the columns, as shells list them.
    for (std::size_t r = 0; r < rows; ++r) {
        std::string line;
        for (std::size_t k = r; k < candidates.size(); k += rows) line += pad_right(candidates[k], column);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace pingfen::repl
