#include "front/run_together.hpp"

#include <optional>
#include <string>
#include <utility>

#include "PingfenLexer.h"
#include "antlr4-runtime.h"
#include "front/lexer.hpp"

namespace pingfen::front {
namespace {

using L = PingfenLexer;

struct Keyword {
    const char32_t* text;
    size_t type;
};

// The keywords of rules that are typed run together. Words of the file's structure (年度,
// 总分 …) are left out on purpose: 年度总分 is a plausible name.
const Keyword kKeywords[] = {
    {U"若", L::IF}, {U"如果", L::IF}, {U"则", L::THEN}, {U"否则", L::ELSE}, {U"其余", L::OTHERWISE},
    {U"得满分", L::FULL}, {U"不得分", L::ZERO}, {U"不扣分", L::NO_DEDUCT}, {U"得", L::SCORE}, {U"分", L::POINTS},
    {U"扣", L::DEDUCT}, {U"扣减", L::DEDUCT}, {U"扣分", L::DEDUCT_BLOCK}, {U"按", L::BY}, {U"分档", L::TIERS},
    {U"比例计分", L::PROPORTION}, {U"完成率计分", L::COMPLETION}, {U"封顶", L::CAP},
    {U"每增加", L::PER_INCREASE}, {U"每超过", L::PER_INCREASE}, {U"每高于", L::PER_INCREASE},
    {U"每低于", L::PER_DECREASE}, {U"每减少", L::PER_DECREASE}, {U"每下降", L::PER_DECREASE},
    {U"每项", L::EACH}, {U"每次", L::EACH}, {U"每笔", L::EACH}, {U"每例", L::EACH}, {U"每个", L::EACH},
    {U"一个百分点", L::ONE_POINT}, {U"扣完为止", L::FLOOR_ZERO}, {U"不足一档不计", L::STEP_DOWN},
    {U"不足一档按一档计", L::STEP_UP}, {U"低于", L::BELOW}, {U"高于", L::ABOVE}, {U"超过", L::BEYOND},
    {U"不低于", L::NOT_BELOW}, {U"不高于", L::NOT_ABOVE}, {U"及以上", L::OR_MORE}, {U"及以下", L::OR_LESS},
    {U"晚于", L::LATER}, {U"早于", L::EARLIER}, {U"不晚于", L::NOT_LATER}, {U"不早于", L::NOT_EARLIER},
    {U"每天", L::EACH}, {U"每日", L::EACH},
};

// kKeywords' texts as views, measured once (measuring a char32_t string walks it).
struct KeywordView {
    std::u32string_view text;
    size_t type;
};
const std::vector<KeywordView>& keyword_views() {
    static const std::vector<KeywordView> views = [] {
        std::vector<KeywordView> v;
        for (const auto& k : kKeywords) v.push_back({std::u32string_view(k.text), k.type});
        return v;
    }();
    return views;
}

struct Piece {
    std::size_t length;  // in characters
    size_t type;         // IDENT for the name
};

// `s` as keywords only, the fewest pieces; none when it cannot be.
std::optional<std::vector<Piece>> keywords_only(std::u32string_view s) {
    const std::size_t n = s.size();
    std::vector<int> best(n + 1, -1);
    std::vector<std::pair<std::size_t, size_t>> from(n + 1);
    best[0] = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (best[i] < 0) continue;
        for (const auto& k : keyword_views()) {
            const std::u32string_view t = k.text;
            if (t[0] != s[i] || s.substr(i, t.size()) != t) continue;
            std::size_t j = i + t.size();
            if (best[j] < 0 || best[j] > best[i] + 1) best[j] = best[i] + 1, from[j] = {t.size(), k.type};
        }
    }
    if (best[n] < 0) return std::nullopt;
    std::vector<Piece> out;
    for (std::size_t j = n; j > 0; j -= from[j].first) out.insert(out.begin(), Piece{from[j].first, from[j].second});
    return out;
}

bool one_of(size_t t, std::initializer_list<size_t> set) {
    for (size_t s : set)
        if (s == t) return true;
    return false;
}

// Whether c is the first character of a keyword: most characters of a name are not.
bool starts_keyword(char32_t c) {
    static const std::vector<bool> first = [] {
        std::vector<bool> f(0x10000, false);
        for (const auto& k : keyword_views())
            if (k.text[0] < 0x10000) f[k.text[0]] = true;
        return f;
    }();
    return c < 0x10000 && first[c];
}

// covered[i]: whether word[i…] is keywords only (keywords_only gives a reading). One pass from
// the end, so that split() tries keywords_only (which allocates) only on the tails that have a
// reading: most names have none, and trying each of a name's tails was a fifth of a compile.
void keyword_tails(std::u32string_view s, std::vector<bool>& covered) {
    const std::size_t n = s.size();
    covered.assign(n + 1, false);
    covered[n] = true;
    const auto& keywords = keyword_views();
    for (std::size_t i = n; i-- > 0;) {
        if (!starts_keyword(s[i])) continue;
        for (const auto& k : keywords) {
            const std::u32string_view t = k.text;
            if (t[0] == s[i] && i + t.size() <= n && covered[i + t.size()] && s.substr(i, t.size()) == t) {
                covered[i] = true;
                break;
            }
        }
    }
}

// 若报送日期不晚于2023年4月28日: a date comparison typed onto the name before it (the date itself
// is a token of its own). 不晚于 is tried before 晚于, so the name never swallows the 不.
std::optional<std::vector<Piece>> date_comparison(std::u32string_view word) {
    static const Keyword kCompare[] = {{U"不晚于", L::NOT_LATER}, {U"不早于", L::NOT_EARLIER}, {U"晚于", L::LATER}, {U"早于", L::EARLIER}};
    for (const auto& c : kCompare) {
        const std::u32string_view k(c.text);
        if (word.size() <= k.size() || word.substr(word.size() - k.size()) != k) continue;
        std::vector<Piece> out;
        std::size_t start = 0;
        if (word.substr(0, 2) == U"如果") start = 2, out.push_back({2, L::IF});
        else if (word.substr(0, 1) == U"若" && word.substr(0, 2) != U"若干") start = 1, out.push_back({1, L::IF});
        const std::size_t name = word.size() - k.size() - start;
        if (name == 0) return std::nullopt;
        out.push_back({name, L::IDENT});
        out.push_back({k.size(), c.type});
        return out;
    }
    return std::nullopt;
}

// How `word` splits, or none. `after_by`: the token before is 按.
std::optional<std::vector<Piece>> split(std::u32string_view word, bool after_by) {
    // No tail of the word is keywords only: no reading below can succeed (each needs a tail of
    // keywords, or the whole word after 若/如果 as the name, which needs a tail of 则 …, or an
    // empty tail, which only 若/如果 accept).
    thread_local std::vector<bool> covered;
    keyword_tails(word, covered);
    bool any_tail = false;
    for (std::size_t i = 1; i < word.size() && !any_tail; ++i) any_tail = covered[i];
    const bool if_prefix = word.substr(0, 2) == U"如果" || (word.substr(0, 1) == U"若" && word.substr(0, 2) != U"若干");
    if (!covered[0] && !any_tail && !if_prefix) return std::nullopt;
    if (auto all = covered[0] ? keywords_only(word) : std::nullopt; all && all->size() >= 2) {
        bool long_piece = false;
        for (const auto& p : *all) long_piece = long_piece || p.length >= 2;
        // 则得 3 分 and 则扣 are runs too; 得分 (得 + 分) is a name.
        if (long_piece || ((*all)[0].type == L::THEN && one_of((*all)[1].type, {L::SCORE, L::DEDUCT}))) return all;
        return std::nullopt;
    }
    if (auto compared = date_comparison(word)) return compared;
    std::size_t prefix = 0;
    size_t prefix_type = 0;
    if (word.substr(0, 1) == U"按") prefix = 1, prefix_type = L::BY;
    else if (word.substr(0, 2) == U"如果") prefix = 2, prefix_type = L::IF;
    else if (word.substr(0, 1) == U"若" && word.substr(0, 2) != U"若干") prefix = 1, prefix_type = L::IF;
    // After 若: first the shortest name followed by 则 and more (若有制度则得满分否则不得分; 若有内控
    // 规则则得满分 keeps 规则, as 则则 is no reading), then the whole rest as the name (若有内控规则
    // is 若 + 有内控规则, not 若 + 有内控规 + 则). Otherwise the longest name wins.
    const std::size_t n = word.size();
    for (int pass = prefix_type == L::IF ? 0 : 1; pass < 2; ++pass)
    for (std::size_t k = prefix + 1; k <= n; ++k) {
        const std::size_t end = pass == 0 ? k : n + prefix + 1 - k;
        std::u32string_view rest = word.substr(end);
        std::vector<Piece> tail;
        if (!rest.empty()) {
            if (!covered[end]) continue;
            auto ks = keywords_only(rest);
            if (!ks) continue;
            tail = std::move(*ks);
        }
        const size_t first = tail.empty() ? 0 : tail[0].type;
        bool ok = false;
        if (prefix_type == L::BY)
            ok = one_of(first, {L::TIERS, L::PROPORTION, L::COMPLETION, L::PER_INCREASE, L::PER_DECREASE, L::BELOW, L::BEYOND});
        else if (prefix_type == L::IF)
            ok = pass == 0 ? tail.size() >= 2 && first == L::THEN && tail[1].type != L::THEN : tail.empty();
        else
            ok = one_of(first, {L::PER_INCREASE, L::PER_DECREASE, L::EACH}) ||
                 (after_by && one_of(first, {L::TIERS, L::PROPORTION, L::COMPLETION}));
        if (!ok) continue;
        std::vector<Piece> out;
        if (prefix) out.push_back({prefix, prefix_type});
        out.push_back({end - prefix, L::IDENT});
        out.insert(out.end(), tail.begin(), tail.end());
        return out;
    }
    return std::nullopt;
}

std::u32string to_u32(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
    return out;
}

std::string to_utf8(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) {
        if (c < 0x80) out += static_cast<char>(c);
        else if (c < 0x800) out += static_cast<char>(0xC0 | (c >> 6)), out += static_cast<char>(0x80 | (c & 0x3F));
        else if (c < 0x10000)
            out += static_cast<char>(0xE0 | (c >> 12)), out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                out += static_cast<char>(0x80 | (c & 0x3F));
        else
            out += static_cast<char>(0xF0 | (c >> 18)), out += static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
                out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)), out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

// The longest name split into keywords: far beyond any typed (按预算执行率分档 is 8).
constexpr std::size_t kLongestRun = 200;

}  // namespace

bool split_run_together(const std::vector<antlr4::Token*>& in, std::vector<std::unique_ptr<antlr4::Token>>& out) {
    out.clear();
    // First the names that split; the tokens are copied only when there is one (almost no file
    // has one, and copying every token was a tenth of a compile).
    struct Split {
        std::size_t index;
        std::u32string word;
        std::vector<Piece> pieces;
    };
    std::vector<Split> splits;
    size_t previous = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const antlr4::Token* t = in[i];
        if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
        if (t->getType() == L::IDENT) {
            // The name's characters as the lexer read them (no string made for each name), or
            // from its text when it has one of its own.
            std::optional<std::u32string_view> chars = lexed_chars(*t);
            std::u32string decoded;
            if (!chars) chars = decoded = to_u32(t->getText());
            // A name of hundreds of characters is no keywords typed together, and reading one
            // as such tries each of its tails (若若若… as long as the file took hours).
            if (!chars->empty() && chars->front() >= 0x80 && chars->size() <= kLongestRun) {
                bool any_keyword_char = false;
                for (char32_t c : *chars) any_keyword_char = any_keyword_char || starts_keyword(c);
                if (!any_keyword_char) {  // every reading needs a keyword (若, 按, a tail): none
                    previous = t->getType();
                    continue;
                }
                std::u32string word(*chars);
                if (auto pieces = split(word, previous == L::BY)) {
                    if (!pieces->empty()) previous = pieces->back().type;
                    splits.push_back({i, std::move(word), std::move(*pieces)});
                    continue;
                }
            }
        }
        previous = t->getType();
    }
    if (splits.empty()) return false;
    std::size_t next = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        antlr4::Token* t = in[i];
        if (next == splits.size() || splits[next].index != i) {
            out.push_back(std::make_unique<antlr4::CommonToken>(t));
            continue;
        }
        const Split& s = splits[next++];
        std::size_t at = 0;
        for (const Piece& p : s.pieces) {
            auto piece = std::make_unique<antlr4::CommonToken>(t);
            piece->setType(p.type);
            piece->setText(to_utf8(std::u32string_view(s.word).substr(at, p.length)));
            piece->setStartIndex(t->getStartIndex() + at);
            piece->setStopIndex(t->getStartIndex() + at + p.length - 1);
            piece->setCharPositionInLine(t->getCharPositionInLine() + at);
            at += p.length;
            out.push_back(std::move(piece));
        }
    }
    return true;
}

}  // namespace pingfen::front
