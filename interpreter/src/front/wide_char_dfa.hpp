// The ANTLR lexer remembers what it learnt about each character in a DFA, but the C++ runtime
// keeps DFA edges only for characters up to 127: every Chinese character of a ruleset was run
// through the lexer's ATN again, in every compile, which made lexing most of a warm compile
// (about 20 ms for huadu 2023). This simulator keeps the edges for the other characters too, in
// a table shared by every lexer of the process. The edges are the ones the runtime computes;
// only remembering them is new, so the tokens are the same.
#pragma once

#include <string>
#include <string_view>

#include <memory>
#include <optional>

namespace antlr4 {
class CharStream;
class Lexer;
class Token;
}

namespace pingfen::front {

// Gives `lexer` a simulator that remembers the edges above 127, in place of the one it was
// built with.
void remember_wide_chars(antlr4::Lexer& lexer);

// The grammar's lexer on `input`, remembering wide characters, and finding its simulator
// without a dynamic_cast per call: what the parser reads its tokens from. Without `hidden`, it
// makes no token of spaces and comments (the hidden channel): the parser, the checks before it
// and the split of run-together keywords skip them, and they were half the tokens of a ruleset,
// each allocated, stored and stepped over three times.
std::unique_ptr<antlr4::Lexer> make_lexer(antlr4::CharStream* input, bool hidden);

// The characters of `t` as its input holds them, without the string getText() makes: for a
// CommonToken with no text of its own over an ANTLRInputStream (every token the lexer makes);
// nullopt for any other token, whose getText() is to be asked. Valid while the input lives.
std::optional<std::u32string_view> lexed_chars(const antlr4::Token& t);

// Every token of `text` (type, line:column, channel, text), one a line, lexed with or without
// remembering wide characters (and then with or without the hidden channel's): a test compares them.
std::string dump_tokens(std::string_view text, bool wide_chars, bool hidden = true);

}  // namespace pingfen::front
