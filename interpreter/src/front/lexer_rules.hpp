// What the lexer knows of each token from the grammar itself (grammar/PingfenLexer.g4, built
// into the binary as text): its name, its type, and for a token that is only fixed spellings
// (a keyword, an operator, a bracket) those spellings. Read once, on first use, so that a
// keyword added to the grammar reaches the lexer and every highlighter with no second table.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pingfen::front {

struct LexerRules {
    // A fixed spelling and the token it lexes to.
    struct Spelling {
        std::u32string text;
        std::size_t type;
    };
    // By token type (ANTLR numbers the lexer's rules from 1 in the order written, fragments
    // left out); [0] is empty.
    std::vector<std::string> names;
    std::vector<std::vector<std::string>> spellings;  // UTF-8, as written in the grammar
    // Every fixed spelling by its first character, longest first and, among equal lengths,
    // the rule written first: the order in which the lexer must try them.
    std::vector<Spelling> by_first;   // grouped by first character
    std::vector<std::pair<char32_t, std::pair<std::size_t, std::size_t>>> first_index;  // sorted: char → [begin, end) of by_first

    // The spellings that begin with `c`, in the order to try them.
    std::pair<const Spelling*, const Spelling*> starting_with(char32_t c) const;
};

// Read from the grammar on first use; throws std::logic_error if the grammar's token numbers
// disagree with the generated lexer's (a grammar changed without this reader).
const LexerRules& lexer_rules();

}  // namespace pingfen::front
