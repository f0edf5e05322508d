// pingfen::tokenize and keyword_spellings: the real lexer's view of a text, for editors. The
// keyword list is read from the grammar built into the binary (grammar_text.hpp), so a keyword
// added to PingfenLexer.g4 reaches every highlighter without a second table to keep in step.
#include <algorithm>
#include <regex>

#include "PingfenLexer.h"
#include "antlr4-runtime.h"
#include "front/grammar_text.hpp"
#include "front/wide_char_dfa.hpp"
#include "pingfen/authoring.hpp"
#include "source/source.hpp"

namespace pingfen {
namespace {

using L = PingfenLexer;

SourceToken::Kind kind_of(std::size_t type) {
    if (type >= L::RULESET && type <= L::FALSE) return SourceToken::Kind::Keyword;
    if (type >= L::LE && type <= L::SLASH) return SourceToken::Kind::Operator;
    if (type >= L::LPAREN && type <= L::DOT) return SourceToken::Kind::Punctuation;
    switch (type) {
        case L::NUMBER: return SourceToken::Kind::Number;
        case L::PERCENT_LIT: return SourceToken::Kind::Percent;
        case L::DATE_LIT: return SourceToken::Kind::Number;
        case L::STRING: return SourceToken::Kind::String;
        case L::IDENT: return SourceToken::Kind::Identifier;
        case L::COMMENT: return SourceToken::Kind::Comment;
        default: return SourceToken::Kind::Unknown;
    }
}

// Byte offset of each code point of `text`, and one past the end.
std::vector<std::size_t> code_point_offsets(std::string_view text) {
    std::vector<std::size_t> at;
    at.reserve(text.size() + 1);
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) at.push_back(i);
    at.push_back(text.size());
    return at;
}

}  // namespace

std::vector<SourceToken> tokenize(std::string_view source) {
    std::size_t bad = source.size();
    valid_utf8(source, &bad);
    const std::string_view good = source.substr(0, bad);
    const auto at = code_point_offsets(good);

    std::vector<SourceToken> out;
    antlr4::ANTLRInputStream input;
    input.load(std::string(good));
    L lexer(&input);
    front::remember_wide_chars(lexer);
    lexer.removeErrorListeners();
    for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken()) {
        if (t->getType() == L::WS) continue;
        SourceToken s;
        s.kind = kind_of(t->getType());
        s.token = std::string(lexer.getVocabulary().getSymbolicName(t->getType()));
        s.begin = at[std::min(t->getStartIndex(), at.size() - 1)];
        s.end = at[std::min(t->getStopIndex() + 1, at.size() - 1)];
        s.text = std::string(source.substr(s.begin, s.end - s.begin));
        s.line = static_cast<int>(t->getLine());
        s.column = static_cast<int>(t->getCharPositionInLine()) + 1;
        out.push_back(std::move(s));
    }
    if (bad < source.size()) {
        SourceToken s;
        s.token = "ERROR_CHAR";
        s.begin = bad;
        s.end = source.size();
        s.text = std::string(source.substr(bad));
        const std::string_view before = source.substr(0, bad);
        s.line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
        const std::size_t nl = before.rfind('\n');
        const std::string_view last = nl == std::string_view::npos ? before : before.substr(nl + 1);
        s.column = static_cast<int>(code_point_offsets(last).size());
        out.push_back(std::move(s));
    }
    return out;
}

const std::vector<KeywordSpellings>& keyword_spellings() {
    static const std::vector<KeywordSpellings> table = [] {
        std::vector<KeywordSpellings> t;
        // A rule whose whole body is quoted alternatives: NAME : 'a' | 'b' ;
        static const std::regex rule(R"(^([A-Z][A-Z0-9_]*)\s*:\s*('[^']*'(?:\s*\|\s*'[^']*')*)\s*;)");
        static const std::regex literal(R"('([^']*)')");
        antlr4::ANTLRInputStream empty;
        L lexer(&empty);
        const auto& vocabulary = lexer.getVocabulary();
        const auto type_of = [&](const std::string& name) {
            for (std::size_t i = 1; i <= vocabulary.getMaxTokenType(); ++i)
                if (vocabulary.getSymbolicName(i) == name) return i;
            return std::size_t{0};
        };
        const std::string grammar(front::kLexerGrammar);
        std::size_t start = 0;
        while (start < grammar.size()) {
            std::size_t nl = grammar.find('\n', start);
            if (nl == std::string::npos) nl = grammar.size();
            const std::string line = grammar.substr(start, nl - start);
            start = nl + 1;
            std::smatch m;
            if (!std::regex_search(line, m, rule)) continue;
            const auto kind = kind_of(type_of(m[1].str()));
            if (kind != SourceToken::Kind::Keyword && kind != SourceToken::Kind::Operator) continue;
            KeywordSpellings k;
            k.token = m[1].str();
            k.is_operator = kind == SourceToken::Kind::Operator;
            const std::string body = m[2].str();
            for (std::sregex_iterator i(body.begin(), body.end(), literal), e; i != e; ++i)
                k.spellings.push_back((*i)[1].str());
            t.push_back(std::move(k));
        }
        return t;
    }();
    return table;
}

}  // namespace pingfen
