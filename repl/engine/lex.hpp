// A light tokenizer of the rule language for the REPL: enough to tell an expression from a
// statement, to find where an input is unfinished, to split a submission into items, to find an
// indicator's header, and to complete names. It mirrors grammar/PingfenLexer.g4 (keywords,
// full-width punctuation, strings, comments); the real parser still judges every input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pingfen::repl {

struct Token {
    enum class Kind { Ident, Keyword, Number, Percent, String, Punct, Bad };
    Kind kind = Kind::Bad;
    std::string text;   // as written
    std::string value;  // keyword: its token name (LEVEL3, IF…); punct: the half-width form
                        // ("(", "{", "=", "<=" …); string: the content without quotes
    std::size_t begin = 0, end = 0;  // byte offsets into the scanned text
    int line = 1;                    // 1-based
    int column = 1;                  // 1-based, in characters

    bool is_kw(std::string_view k) const { return kind == Kind::Keyword && value == k; }
    bool is_punct(std::string_view p) const { return kind == Kind::Punct && value == p; }
    bool opens() const { return kind == Kind::Punct && (value == "(" || value == "[" || value == "{"); }
    bool closes() const { return kind == Kind::Punct && (value == ")" || value == "]" || value == "}"); }
};

struct Scan {
    std::vector<Token> tokens;
    int depth = 0;                 // brackets opened and not closed (all kinds together:
                                   // intervals open with ( and close with ])
    bool bad_string = false;       // a string not closed on its line
};

Scan tokenize(std::string_view text);

// Every keyword spelling (Chinese and English) with its token name.
const std::vector<std::pair<std::string, std::string>>& keyword_table();
// Keywords that begin a top-level item of a ruleset file (规则集 引用 修改 … 三级指标 测试 …).
bool starts_item(const Token& t);
bool is_level_keyword(const Token& t);  // 一级指标 二级指标 三级指标 指标

// A dotted path as written (管理效率.预算执行."采购意向（完整性）"), split into names.
std::vector<std::string> split_path(std::string_view text);
// A path written back in the language: names that are not plain identifiers are quoted.
std::string path_text(const std::vector<std::string>& path);
std::string join_path(const std::vector<std::string>& path);  // plain, for people
bool is_identifier(const std::string& name);  // would lex as one IDENT (not a keyword)

}  // namespace pingfen::repl
