// The session's words: typed input read with the library's own lexer (pingfen::tokenize), and
// the few string chores of a REPL (trimming, lines, padding by the library's display width).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pingfen/authoring.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::repl {

// What was typed, as the real lexer reads it: comments left out, and how many brackets are
// still open (intervals open with ( and close with ], so all kinds count together).
struct Typed {
    std::vector<SourceToken> tokens;
    int depth = 0;
    bool bad_string = false;  // a string not closed on its line
};
Typed read_typed(std::string_view text);

inline bool is_kw(const SourceToken& t, std::string_view token) {
    return t.kind == SourceToken::Kind::Keyword && t.token == token;
}
inline bool is_tok(const SourceToken& t, std::string_view token) { return t.token == token; }
inline bool is_name(const SourceToken& t) {
    return t.kind == SourceToken::Kind::Identifier || t.kind == SourceToken::Kind::String;
}
// A name token's name: a string without its quotes.
std::string name_of(const SourceToken& t);
// Keywords that begin a top-level item of a ruleset file (规则集 引用 修改 … 三级指标 测试 …).
bool starts_item(const SourceToken& t);

// A dotted path as written (管理效率.预算执行."采购意向（完整性）"), split into names.
std::vector<std::string> split_path(std::string_view text);
// A path written back in the language: names that are not plain identifiers are quoted.
std::string path_text(const std::vector<std::string>& path);
std::string join_path(const std::vector<std::string>& path);  // plain, for people
// The language's string literal for `s`: "…", or “…” when s holds a straight quote.
std::string quote(const std::string& s);

std::size_t char_count(std::string_view s);  // UTF-8 characters
// `s` followed (or preceded) by spaces up to `width` display columns (never truncated).
std::string pad_right(const std::string& s, int width);
std::string pad_left(const std::string& s, int width);
std::string trim(std::string_view s);
std::vector<std::string> split_lines(const std::string& s);
bool starts_with(std::string_view s, std::string_view prefix);

inline const std::string& tr(Language lang, const std::string& zh, const std::string& en) {
    return lang == Language::English ? en : zh;
}

}  // namespace pingfen::repl
