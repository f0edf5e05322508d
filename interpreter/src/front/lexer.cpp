#include "front/lexer.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <typeinfo>

#include "PingfenLexer.h"
#include "front/lexer_rules.hpp"
#include "front/name_chars.hpp"
#include "front/utf32_input.hpp"

namespace pingfen::front {
namespace {

using L = PingfenLexer;

constexpr char32_t kPastEnd = 0xFFFFFFFF;  // past the end of the text

bool digit_char(char32_t c) { return (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９'); }
bool point_char(char32_t c) { return c == '.' || c == U'．'; }
bool dash_char(char32_t c) { return c == '-' || c == U'－'; }
bool space_char(char32_t c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x3000 || c == 0xFEFF;
}
bool ascii_name_start(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool ascii_name_char(char32_t c) { return ascii_name_start(c) || (c >= '0' && c <= '9'); }

}  // namespace

Lexer::Lexer(Utf32Input& input, bool hidden) : input_(input), text_(input.chars()), hidden_(hidden) {}

antlr4::CharStream* Lexer::getInputStream() { return &input_; }
std::string Lexer::getSourceName() { return input_.getSourceName(); }
antlr4::TokenFactory<antlr4::CommonToken>* Lexer::getTokenFactory() { return antlr4::CommonTokenFactory::DEFAULT.get(); }

// The grammar's rules at `at`, written out: each offers the longest text it matches there, and
// the longest offer wins; of equal ones, the rule written first (the lower token type).
Lexer::Match Lexer::match(std::size_t at) {
    const std::size_t n = text_.size();
    const auto ch = [&](std::size_t i) { return i < n ? text_[i] : kPastEnd; };
    const char32_t c = text_[at];
    const auto run = [&](std::size_t from, auto in) {
        std::size_t i = from;
        while (i < n && in(text_[i])) ++i;
        return i - from;
    };
    // WS and COMMENT: nothing else starts with their characters, and '//' outruns SLASH.
    if (space_char(c)) return {1 + run(at + 1, space_char), L::WS};
    if (c == '#' || (c == '/' && ch(at + 1) == '/'))
        return {1 + run(at + 1, [](char32_t x) { return x != '\r' && x != '\n'; }), L::COMMENT};

    Match best{1, L::ERROR_CHAR};  // `.`: any one character
    const auto offer = [&](std::size_t length, std::size_t type) {
        if (length > best.length || (length == best.length && type < best.type)) best = {length, type};
    };
    // Keywords, operators, brackets, ONE_POINT: the first to match is the longest.
    const auto [first, last] = lexer_rules().starting_with(c);
    for (const auto* s = first; s != last; ++s) {
        if (text_.compare(at, s->text.size(), s->text) == 0) {
            offer(s->text.size(), s->type);
            break;
        }
    }
    if (digit_char(c)) {
        // NUMBER: DIGITS ([.．] DIGITS)?
        const std::size_t whole = run(at, digit_char);
        std::size_t number = whole;
        if (point_char(ch(at + whole)) && digit_char(ch(at + whole + 1))) number = whole + 1 + run(at + whole + 1, digit_char);
        offer(number, L::NUMBER);
        // PERCENT_LIT: the number, then [%％] or 个百分点
        const char32_t after = ch(at + number);
        if (after == '%' || after == U'％') offer(number + 1, L::PERCENT_LIT);
        else if (text_.compare(at + number, 4, U"个百分点") == 0) offer(number + 4, L::PERCENT_LIT);
        // DATE_LIT: YEAR4 '年' DAY2 '月' DAY2 '日' | YEAR4 [-－] DAY2 [-－] DAY2, where DAY2 is
        // one or two digits (so as many as there are, up to two).
        if (whole == 4) {
            const char32_t sep = ch(at + 4);
            const bool chinese = sep == U'年';
            if (chinese || dash_char(sep)) {
                const std::size_t month = at + 5, month_digits = std::min<std::size_t>(run(month, digit_char), 2);
                const char32_t sep2 = ch(month + month_digits);
                if (month_digits > 0 && (chinese ? sep2 == U'月' : dash_char(sep2))) {
                    const std::size_t day = month + month_digits + 1, day_digits = std::min<std::size_t>(run(day, digit_char), 2);
                    if (day_digits > 0 && !chinese) offer(day + day_digits - at, L::DATE_LIT);
                    if (day_digits > 0 && chinese && ch(day + day_digits) == U'日') offer(day + day_digits + 1 - at, L::DATE_LIT);
                }
            }
        }
    }
    // STRING: '"' ~["\r\n]* '"' | '“' ~[”\r\n]* '”'
    if ((c == '"' || c == U'“') && at >= unclosed_until_[c == '"' ? 0 : 1]) {
        const char32_t close = c == '"' ? U'"' : U'”';
        const std::size_t inside = run(at + 1, [close](char32_t x) { return x != close && x != '\r' && x != '\n'; });
        if (ch(at + 1 + inside) == close) offer(inside + 2, L::STRING);
        else unclosed_until_[c == '"' ? 0 : 1] = at + 1 + inside;
    }
    // IDENT: [\p{L}_] [\p{L}_]* | [a-zA-Z_] [a-zA-Z_0-9]*
    std::size_t name = 0;
    if (is_name_char(c)) name = 1 + run(at + 1, is_name_char);
    if (ascii_name_start(c)) name = std::max(name, 1 + run(at + 1, ascii_name_char));
    if (name > 0) offer(name, L::IDENT);
    return best;
}

std::unique_ptr<antlr4::Token> Lexer::nextToken() {
    const std::pair<antlr4::TokenSource*, antlr4::CharStream*> source(this, &input_);
    for (;;) {
        const std::size_t start = at_, line = line_, column = column_;
        if (at_ >= text_.size()) {
            // As the runtime's emitEOF() makes it: from the end, to one before it.
            auto eof = std::make_unique<antlr4::CommonToken>(source, antlr4::Token::EOF, antlr4::Token::DEFAULT_CHANNEL, at_, at_ - 1);
            eof->setLine(line);
            eof->setCharPositionInLine(column);
            return eof;
        }
        const Match m = match(at_);
        at_ += m.length;
        // Only spaces hold a line break: strings, comments and names stop before one.
        if (m.type == L::WS) {
            for (std::size_t i = start; i < at_; ++i) text_[i] == '\n' ? (++line_, column_ = 0) : ++column_;
        } else {
            column_ += m.length;
        }
        const bool off_channel = m.type == L::WS || m.type == L::COMMENT;
        if (off_channel && !hidden_) continue;
        auto t = std::make_unique<antlr4::CommonToken>(
            source, m.type, off_channel ? antlr4::Token::HIDDEN_CHANNEL : antlr4::Token::DEFAULT_CHANNEL, start, at_ - 1);
        t->setLine(line);
        t->setCharPositionInLine(column);
        return t;
    }
}

namespace {
struct TokenAccess : antlr4::CommonToken {
    static const std::string& own_text(const antlr4::CommonToken& t) { return t.*(&TokenAccess::_text); }
};
struct StreamAccess : antlr4::ANTLRInputStream {
    static const std::u32string& text(const antlr4::ANTLRInputStream& s) { return s.*(&StreamAccess::_data); }
};
}  // namespace

std::optional<std::u32string_view> lexed_chars(const antlr4::Token& t) {
    if (typeid(t) != typeid(antlr4::CommonToken)) return std::nullopt;
    const auto& token = static_cast<const antlr4::CommonToken&>(t);
    if (!TokenAccess::own_text(token).empty()) return std::nullopt;
    antlr4::CharStream* input = token.getInputStream();
    if (input == nullptr) return std::nullopt;
    // Whether the input is an ANTLRInputStream, and where in it that part is, asked once for
    // each type of input a thread meets (the same for every object of a type).
    thread_local const std::type_info* last_type = nullptr;
    thread_local std::ptrdiff_t offset = -1;  // of the ANTLRInputStream in it; −1: not one
    if (&typeid(*input) != last_type) {
        last_type = &typeid(*input);
        const auto* found = dynamic_cast<antlr4::ANTLRInputStream*>(input);
        offset = found ? reinterpret_cast<const char*>(found) - reinterpret_cast<const char*>(input) : -1;
    }
    if (offset < 0) return std::nullopt;
    const auto* stream = reinterpret_cast<const antlr4::ANTLRInputStream*>(reinterpret_cast<const char*>(input) + offset);
    const std::u32string& text = StreamAccess::text(*stream);
    const size_t start = token.getStartIndex(), stop = token.getStopIndex();
    // CommonToken::getText's own bounds; outside them it is the runtime's to answer.
    if (start >= text.size() || stop >= text.size() || stop < start) return std::nullopt;
    return std::u32string_view(text).substr(start, stop - start + 1);
}

std::string dump_tokens(std::string_view text, bool hidden) {
    Utf32Input input;
    if (input.load(text) != std::string_view::npos) throw std::range_error("not UTF-8");
    Lexer lexer(input, hidden);
    std::string out;
    for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken())
        out += fmt::format("{} {}:{} {} {}\n", t->getType(), t->getLine(), t->getCharPositionInLine(), t->getChannel(), t->getText());
    return out;
}

}  // namespace pingfen::front
