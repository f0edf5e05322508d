// Small text helpers of the REPL engine: UTF-8, display width (CJK characters are two columns
// wide), padding, and the two languages of every message.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen::repl {

// Decodes one UTF-8 character at `pos`; sets `len` to its byte length (1 for a bad byte, whose
// value is then returned as U+FFFD).
char32_t utf8_at(std::string_view s, std::size_t pos, std::size_t& len);
std::string utf8_encode(char32_t c);
std::size_t utf8_count(std::string_view s);  // characters

int char_width(char32_t c);          // 0, 1 or 2 columns
int display_width(std::string_view s);
// `s` followed by spaces up to `width` display columns (never truncated).
std::string pad_right(const std::string& s, int width);
std::string pad_left(const std::string& s, int width);

std::string trim(std::string_view s);
std::vector<std::string> split_lines(const std::string& s);
bool starts_with(std::string_view s, std::string_view prefix);

// The language's string literal for `s`: "…", or “…” when s holds a straight quote.
std::string quote(const std::string& s);

inline const std::string& tr(Language lang, const std::string& zh, const std::string& en) {
    return lang == Language::English ? en : zh;
}

}  // namespace pingfen::repl
