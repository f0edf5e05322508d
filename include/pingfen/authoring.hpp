// What an editor needs beyond compiling and scoring: the language's own tokens, for
// highlighting and completion in the REPL, a host's editor or the workbench page. Kept apart
// from pingfen.hpp, whose five minutes a host needs for scoring.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pingfen {

// One token as the real lexer reads it, so that a highlighter and the compiler never disagree.
struct SourceToken {
    enum class Kind {
        Keyword,      // 若 则 分档 … and their English spellings
        Identifier,   // a name: 执行率, 管理效率
        Number,       // 3, 0.5, ３
        Percent,      // 95%, ９５％
        String,       // "…" (a name written in quotes, or a text)
        Operator,     // ≤ < = + × ÷ …
        Punctuation,  // ( ) [ ] { } , : ; .  in either width
        Comment,      // # … or // …
        Unknown,      // a character the language has no use for
    };
    Kind kind = Kind::Unknown;
    std::string token;   // the lexer's name for it: "IF", "IDENT", "LBRACE" …
    std::string text;    // as written
    std::size_t begin = 0, end = 0;  // byte offsets into the text, [begin, end)
    int line = 1;                    // 1-based
    int column = 1;                  // 1-based, in characters (code points)
};

// The tokens of `source`, white space left out. Never fails: text that is not valid UTF-8 is
// read up to its first bad byte, and the rest is one Unknown token.
std::vector<SourceToken> tokenize(std::string_view source);

// Every keyword and operator of the language with all its spellings (Chinese first, then the
// English one), read from the grammar when pingfen was built.
struct KeywordSpellings {
    std::string token;                   // "IF"
    std::vector<std::string> spellings;  // {"若", "如果", "if"}
    bool is_operator = false;            // ≤ and its kind, rather than a word
};
const std::vector<KeywordSpellings>& keyword_spellings();

}  // namespace pingfen
