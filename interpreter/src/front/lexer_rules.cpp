#include "front/lexer_rules.hpp"

#include <algorithm>
#include <stdexcept>

#include "PingfenLexer.h"
#include "front/grammar_text.hpp"
#include "source/source.hpp"

namespace pingfen::front {
namespace {

bool grammar_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view grammar_trim(std::string_view s) {
    while (!s.empty() && grammar_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && grammar_space(s.back())) s.remove_suffix(1);
    return s;
}

// A rule's name if `line` starts one (NAME : …), else empty.
std::string_view rule_name(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && ((line[n] >= 'A' && line[n] <= 'Z') || (n > 0 && ((line[n] >= '0' && line[n] <= '9') || line[n] == '_'))))
        ++n;
    if (n == 0) return {};
    if (grammar_trim(line.substr(n)).substr(0, 1) != ":") return {};
    return line.substr(0, n);
}

// The spellings of a body written only as quoted alternatives ('a' | 'b' ;), or nothing when the
// body is anything else (a set, a fragment, an action) or goes on to the next line.
std::vector<std::string> fixed_spellings(std::string_view body) {
    std::vector<std::string> out;
    body = grammar_trim(body);
    for (;;) {
        if (body.empty() || body.front() != '\'') return {};
        const std::size_t close = body.find('\'', 1);
        if (close == std::string_view::npos) return {};
        const std::string_view text = body.substr(1, close - 1);
        if (text.empty() || text.find('\\') != std::string_view::npos) return {};  // no escapes in our keywords
        out.emplace_back(text);
        body = grammar_trim(body.substr(close + 1));
        if (body == ";") return out;
        if (body.empty() || body.front() != '|') return {};
        body = grammar_trim(body.substr(1));
    }
}

LexerRules read_rules() {
    LexerRules r;
    r.names.emplace_back();
    r.spellings.emplace_back();
    const std::string_view grammar(kLexerGrammar);
    std::size_t start = 0;
    while (start < grammar.size()) {
        std::size_t nl = grammar.find('\n', start);
        if (nl == std::string_view::npos) nl = grammar.size();
        const std::string_view line = grammar.substr(start, nl - start);
        start = nl + 1;
        const std::string_view name = rule_name(line);
        if (name.empty()) continue;  // comments, fragments, a rule's further lines
        r.names.emplace_back(name);
        r.spellings.push_back(fixed_spellings(line.substr(line.find(':') + 1)));
    }
    // The rules the lexer matches by hand must be where the generated lexer numbers them.
    using L = PingfenLexer;
    const std::pair<std::size_t, const char*> kByHand[] = {
        {L::RULESET, "RULESET"}, {L::FALSE, "FALSE"}, {L::DOT, "DOT"}, {L::DATE_LIT, "DATE_LIT"},
        {L::PERCENT_LIT, "PERCENT_LIT"}, {L::ONE_POINT, "ONE_POINT"}, {L::NUMBER, "NUMBER"},
        {L::STRING, "STRING"}, {L::IDENT, "IDENT"}, {L::COMMENT, "COMMENT"}, {L::WS, "WS"},
        {L::ERROR_CHAR, "ERROR_CHAR"}};
    for (const auto& [type, name] : kByHand)
        if (type >= r.names.size() || r.names[type] != name)
            throw std::logic_error(std::string("the lexer grammar does not number ") + name + " as the generated lexer does");
    if (r.names.size() != L::ERROR_CHAR + 1) throw std::logic_error("the lexer grammar has rules after ERROR_CHAR");

    for (std::size_t type = 1; type < r.spellings.size(); ++type)
        for (const std::string& s : r.spellings[type]) r.by_first.push_back({utf8_decode(s), type});
    std::stable_sort(r.by_first.begin(), r.by_first.end(), [](const auto& a, const auto& b) {
        if (a.text[0] != b.text[0]) return a.text[0] < b.text[0];
        return a.text.size() > b.text.size();  // stable: equal lengths keep the grammar's order
    });
    for (std::size_t i = 0; i < r.by_first.size();) {
        std::size_t j = i;
        while (j < r.by_first.size() && r.by_first[j].text[0] == r.by_first[i].text[0]) ++j;
        r.first_index.push_back({r.by_first[i].text[0], {i, j}});
        i = j;
    }
    return r;
}

}  // namespace

std::pair<const LexerRules::Spelling*, const LexerRules::Spelling*> LexerRules::starting_with(char32_t c) const {
    const auto it = std::lower_bound(first_index.begin(), first_index.end(), c,
                                     [](const auto& entry, char32_t key) { return entry.first < key; });
    if (it == first_index.end() || it->first != c) return {nullptr, nullptr};
    return {by_first.data() + it->second.first, by_first.data() + it->second.second};
}

const LexerRules& lexer_rules() {
    static const LexerRules rules = read_rules();
    return rules;
}

}  // namespace pingfen::front
