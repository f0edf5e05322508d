// The editor's view of a text (pingfen/authoring.hpp): the real lexer's tokens with byte
// offsets and character columns, and the keyword table read from the grammar.
#include <catch2/catch.hpp>

#include <algorithm>

#include "pingfen/authoring.hpp"

using pingfen::SourceToken;
using pingfen::tokenize;

namespace {

std::string kinds(const std::vector<SourceToken>& ts) {
    std::string out;
    for (const auto& t : ts) out += t.token + "(" + t.text + ") ";
    return out;
}

}  // namespace

TEST_CASE("tokenize reads a line as the compiler does, full-width forms included", "[authoring]") {
    const std::string text = "若 执行率 ≥ ９５％ 则 得满分 否则 得 3 分 # 注\n得分率（含）";
    const auto ts = tokenize(text);
    CHECK(kinds(ts) ==
          "IF(若) IDENT(执行率) GE(≥) PERCENT_LIT(９５％) THEN(则) FULL(得满分) ELSE(否则) SCORE(得) "
          "NUMBER(3) POINTS(分) COMMENT(# 注) IDENT(得分率) INCLUSIVE(（含）) ");
    REQUIRE(ts.size() == 13);
    CHECK(ts[1].kind == SourceToken::Kind::Identifier);
    CHECK(ts[1].begin == 4);  // 若 is three bytes, then a space
    CHECK(ts[1].end == 13);
    CHECK(ts[1].column == 3);
    CHECK(ts[2].kind == SourceToken::Kind::Operator);
    CHECK(ts[3].kind == SourceToken::Kind::Percent);
    CHECK(ts[10].kind == SourceToken::Kind::Comment);
    CHECK(ts[11].line == 2);
    CHECK(ts[11].column == 1);
    CHECK(ts[12].kind == SourceToken::Kind::Keyword);
    CHECK(text.substr(ts[12].begin, ts[12].end - ts[12].begin) == "（含）");
}

TEST_CASE("tokenize places tokens in the text as given, after a leading byte-order mark too", "[authoring]") {
    const std::string text = "\xEF\xBB\xBF若 执行率";
    const auto ts = tokenize(text);
    REQUIRE(ts.size() == 2);
    CHECK(text.substr(ts[0].begin, ts[0].end - ts[0].begin) == "若");
    CHECK(text.substr(ts[1].begin, ts[1].end - ts[1].begin) == "执行率");
    CHECK(ts[1].column == 3);
}

TEST_CASE("tokenize never fails: a bad byte ends the text as one unknown token", "[authoring]") {
    const std::string text = "得 3 分\n若 \xff\xfe 则";
    const auto ts = tokenize(text);
    REQUIRE(ts.size() == 5);
    CHECK(ts[3].token == "IF");
    CHECK(ts[4].kind == SourceToken::Kind::Unknown);
    CHECK(ts[4].begin == text.find('\xff'));
    CHECK(ts[4].end == text.size());
    CHECK(ts[4].line == 2);
    CHECK(ts[4].column == 3);
    CHECK(tokenize("").empty());
    CHECK(tokenize("@").at(0).kind == SourceToken::Kind::Unknown);
}

TEST_CASE("keyword_spellings lists every spelling from the grammar", "[authoring]") {
    const auto& table = pingfen::keyword_spellings();
    const auto find = [&](const std::string& token) {
        auto it = std::find_if(table.begin(), table.end(), [&](const auto& k) { return k.token == token; });
        REQUIRE(it != table.end());
        return *it;
    };
    CHECK(find("IF").spellings == std::vector<std::string>{"若", "如果", "if"});
    CHECK_FALSE(find("IF").is_operator);
    CHECK(find("INCLUSIVE").spellings == std::vector<std::string>{"（含）", "(含)", "inclusive"});
    CHECK(find("LE").is_operator);
    CHECK(find("LE").spellings.front() == "≤");
    // Each spelling lexes back to its own token, so the table and the lexer agree.
    for (const auto& k : table)
        for (const auto& s : k.spellings) {
            const auto ts = pingfen::tokenize(s);
            INFO(s);
            REQUIRE(ts.size() == 1);
            CHECK(ts[0].token == k.token);
        }
    CHECK(table.size() > 90);
}
