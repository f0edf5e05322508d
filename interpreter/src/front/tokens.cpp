// pingfen::tokenize and keyword_spellings: the real lexer's view of a text, for editors. The
// keyword list is the lexer's own, read from the grammar built into the binary (lexer_rules),
// so a keyword added to PingfenLexer.g4 reaches every highlighter without a second table.
#include <algorithm>

#include "PingfenLexer.h"
#include "antlr4-runtime.h"
#include "front/lexer.hpp"
#include "front/lexer_rules.hpp"
#include "front/utf32_input.hpp"
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
    front::Utf32Input input;
    std::size_t bad = input.load(source);
    if (bad != std::string_view::npos) input.load(source.substr(0, bad));
    else bad = source.size();
    // The input leaves out a leading byte-order mark: the lexer's first character is after it.
    const std::size_t bom = source.substr(0, 3) == "\xEF\xBB\xBF" && bad >= 3 ? 3 : 0;
    auto at = code_point_offsets(source.substr(bom, bad - bom));
    for (std::size_t& offset : at) offset += bom;

    std::vector<SourceToken> out;
    front::Lexer lexer(input, true);
    const auto& names = front::lexer_rules().names;
    for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken()) {
        if (t->getType() == L::WS) continue;
        SourceToken s;
        s.kind = kind_of(t->getType());
        s.token = names[t->getType()];
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
        const auto& rules = front::lexer_rules();
        for (std::size_t type = 1; type < rules.names.size(); ++type) {
            const auto kind = kind_of(type);
            if (kind != SourceToken::Kind::Keyword && kind != SourceToken::Kind::Operator) continue;
            if (rules.spellings[type].empty()) continue;
            t.push_back({rules.names[type], rules.spellings[type], kind == SourceToken::Kind::Operator});
        }
        return t;
    }();
    return table;
}

}  // namespace pingfen
