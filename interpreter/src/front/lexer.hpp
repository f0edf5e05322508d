// The lexer of the rule language: the tokens of grammar/PingfenLexer.g4, matched by hand. The
// generated ANTLR lexer built a table of every Unicode letter at each start of the program (a
// fifth of a cold `pingfen score`) and then simulated its automaton character by character (a
// quarter of a warm compile). This one makes the same tokens (type, place, channel) as the
// generated lexer, which lexer_test checks on every ruleset, test input and fuzz finding in the
// repository, and on generated text: the longest match, and among equal lengths the rule
// written first.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "antlr4-runtime.h"

namespace pingfen::front {

class Utf32Input;

class Lexer : public antlr4::TokenSource {
public:
    // Without `hidden`, it makes no token of spaces and comments (the hidden channel): the
    // parser, the checks before it and the split of run-together keywords skip them, and they
    // were half the tokens of a ruleset.
    Lexer(Utf32Input& input, bool hidden);

    std::unique_ptr<antlr4::Token> nextToken() override;
    size_t getLine() const override { return line_; }
    size_t getCharPositionInLine() override { return column_; }
    antlr4::CharStream* getInputStream() override;
    std::string getSourceName() override;
    antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override;

private:
    struct Match {
        std::size_t length;
        std::size_t type;
    };
    Match match(std::size_t at);

    Utf32Input& input_;
    std::u32string_view text_;
    bool hidden_;
    std::size_t at_ = 0;
    std::size_t line_ = 1;
    std::size_t column_ = 0;
    // Where the last search for the closing quote of "…" and of “…” ended without one (the end
    // of its line): an opening quote before it has no closing one either. Without it, a line of
    // a million unclosed “ was searched to its end from each of them.
    std::size_t unclosed_until_[2] = {0, 0};
};

// The characters of `t` as its input holds them, without the string getText() makes: for a
// CommonToken with no text of its own over an ANTLRInputStream (every token the lexer makes);
// nullopt for any other token, whose getText() is to be asked. Valid while the input lives.
std::optional<std::u32string_view> lexed_chars(const antlr4::Token& t);

// Every token of `text` (type, line:column, channel, text), one a line, with or without the
// hidden channel's: a test compares them with the generated lexer's.
std::string dump_tokens(std::string_view text, bool hidden = true);

}  // namespace pingfen::front
