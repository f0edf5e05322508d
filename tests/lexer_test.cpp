// The hand-written lexer (front/lexer) against the lexer ANTLR generates from the same grammar:
// every ruleset, test input and fuzz finding in the repository, every fixed spelling of the
// grammar with what may follow it, and thousands of generated texts lex to the same tokens
// (type, line:column, channel, text), with and without the hidden channel; and its table of
// name characters is the generated lexer's [\p{L}_].
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <random>
#include <set>
#include <sstream>

#include "PingfenLexer.h"
#include "antlr4-runtime.h"
#include "front/lexer.hpp"
#include "front/lexer_rules.hpp"
#include "front/name_chars.hpp"
#include "source/source.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;

using pingfen::test::slurp;

// The generated lexer's tokens, as dump_tokens() lists the hand-written one's.
std::string generated_tokens(const std::string& text) {
    antlr4::ANTLRInputStream input;
    input.load(text);
    PingfenLexer lexer(&input);
    lexer.removeErrorListeners();
    std::string out;
    for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken())
        out += fmt::format("{} {}:{} {} {}\n", t->getType(), t->getLine(), t->getCharPositionInLine(), t->getChannel(), t->getText());
    return out;
}

// The lines of a listing whose token is on the default channel (the third field, 0).
std::string default_channel(const std::string& dump) {
    std::istringstream in(dump);
    std::string out, line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string type, at, channel;
        fields >> type >> at >> channel;
        if (channel == "0") out += line + "\n";
    }
    return out;
}

// Both lexers on `text`, with and without the hidden channel.
void same_tokens(const std::string& text) {
    INFO("text: " << text);
    const std::string generated = generated_tokens(text);
    CHECK(pingfen::front::dump_tokens(text, true) == generated);
    CHECK(pingfen::front::dump_tokens(text, false) == default_channel(generated));
}

// [\p{L}_] as the generated lexer's ATN holds it: the largest set on the way through IDENT.
antlr4::misc::IntervalSet generated_name_chars() {
    antlr4::ANTLRInputStream input;
    PingfenLexer lexer(&input);
    const antlr4::atn::ATN& atn = lexer.getATN();
    std::vector<antlr4::atn::ATNState*> todo{atn.ruleToStartState[lexer.getRuleIndexMap().at("IDENT")]};
    std::set<antlr4::atn::ATNState*> seen;
    antlr4::misc::IntervalSet largest;
    while (!todo.empty()) {
        antlr4::atn::ATNState* s = todo.back();
        todo.pop_back();
        if (!seen.insert(s).second) continue;
        for (antlr4::atn::Transition* t : s->transitions) {
            if (auto* set = dynamic_cast<antlr4::atn::SetTransition*>(t); set && set->set.size() > largest.size())
                largest = set->set;
            if (!dynamic_cast<antlr4::atn::RuleTransition*>(t)) todo.push_back(t->target);
        }
    }
    return largest;
}

}  // namespace

TEST_CASE("The lexer makes the generated lexer's tokens on every file in the repository", "[front]") {
    const fs::path root = PINGFEN_SOURCE_DIR;
    int files = 0;
    for (const char* dir : {"rulesets", "tests", "examples"}) {
        if (!fs::exists(root / dir)) continue;
        for (const auto& f : fs::recursive_directory_iterator(root / dir)) {
            if (!f.is_regular_file() || f.file_size() > 2'000'000) continue;
            const auto ext = f.path().extension();
            if (ext != ".pf" && f.path().parent_path().filename() != "fuzz_regressions") continue;
            const std::string text = slurp(f.path());
            INFO(f.path().string());
            std::string generated;
            try {
                generated = generated_tokens(text);
            } catch (const std::exception&) {  // not UTF-8: the front end refuses it before lexing
                continue;
            }
            CHECK(pingfen::front::dump_tokens(text, true) == generated);
            CHECK(pingfen::front::dump_tokens(text, false) == default_channel(generated));
            ++files;
        }
    }
    INFO(files << " files");
    CHECK(files > 150);
}

TEST_CASE("Keywords inside longer names, full-width signs, dates, percentages and stray characters lex as generated",
          "[front]") {
    same_tokens(
        "若干 若 如果说 分值分配 分值 扣完为止扣分 扣减 每项得分 每项 （含） (含) ［1，2］ 【3、4】 ＜＝ ≦ ≧ ＞＝ ﹥ ＝ ＋ － − × ÷ ／ ＊ "
        "“引号里的 若 ” \"ascii\" 12.5％ 3% 　全角空格\xEF\xBB\xBF 减至0分为止 不足一档按一档计 不足一档不计 ☃ é ü 名字_1 abc_9 # 注释 若\n"
        "// 另一种注释\n是 否 非 且 或 规则集规则集 2023年4月28日 2023-4-8 ２０２３－０４－２８ 2023年12月1 20231-1-1 2023-123-4 "
        "5个百分点 5个 一个百分点 一个百分点数 5.%  5.5.5 ９８．５％ \"未结束\n“也未结束\n\r\n\t𠀀字 a𠀀 _ __a1 a_b2中 !x !=y <=> == "
        "=== /a/ # \r 末尾");
    same_tokens("");
    same_tokens("\xEF\xBB\xBF规则集");
    same_tokens("2023");
    same_tokens("2023年");
    same_tokens("\"");
    // Quotes left open and closed later on the line, and on the next: the lexer remembers where a
    // search for the closing quote failed, and must not carry that past a line or a closing quote.
    same_tokens("“a“b“c”d“e\n“f”“g");
    same_tokens("\"a\"b\"c\n\"d\"\"e\r\"f\"");
    same_tokens("“\"“\"”\"");
}

TEST_CASE("A line of unclosed quotes lexes in one pass, as editors lex all of it", "[front]") {
    // Each “ searched for its ” to the end of the line: 300 000 of them took a minute.
    std::string line;
    for (int i = 0; i < 300000; ++i) line += "“";
    const std::string tokens = pingfen::front::dump_tokens(line + "\n“x”");
    // 300 000 stray characters, the line break (whose text is a line break too), the string.
    CHECK(std::count(tokens.begin(), tokens.end(), '\n') == 300003);
    CHECK(tokens.ends_with(" 2:0 0 “x”\n"));
}

TEST_CASE("Every fixed spelling of the grammar lexes as generated, alone and with what may follow it", "[front]") {
    const auto& rules = pingfen::front::lexer_rules();
    int spellings = 0;
    for (std::size_t type = 1; type < rules.spellings.size(); ++type)
        for (const std::string& s : rules.spellings[type]) {
            for (const char* after : {"", "了", "2", "_", "a", " ", "%", "（含）", "为止", "分", "0分为止", "项"})
                same_tokens(s + after);
            same_tokens("中" + s);
            ++spellings;
        }
    CHECK(spellings > 250);
    CHECK(rules.names[PingfenLexer::IDENT] == "IDENT");
}

TEST_CASE("Generated texts of keyword pieces, digits, quotes and letters lex as generated", "[front]") {
    std::vector<std::string> pieces = {"0", "7", "５", ".", "．", "%", "％", "个百分点", "个", "年", "月", "日", "-", "－", "\"",
                                       "“", "”", "\n", "\r", " ", "\t", "　", "#", "/", "中", "a", "Z", "_", "9", "é", "𠀀",
                                       "☃", "(", "含", "）", "！", "=", "<", ">", "≥", "\xEF\xBB\xBF", "\x01"};
    const auto& rules = pingfen::front::lexer_rules();
    for (std::size_t type = 1; type < rules.spellings.size(); ++type)
        for (const std::string& s : rules.spellings[type]) {
            pieces.push_back(s);
            const auto cut = pingfen::utf8_decode(s);
            if (cut.size() > 1) pieces.push_back(pingfen::utf8_encode(cut[0]) + pingfen::utf8_encode(cut[1]));
        }
    std::mt19937 random(20261202);
    for (int i = 0; i < 4000; ++i) {
        std::string text;
        const int n = 1 + static_cast<int>(random() % 24);
        for (int k = 0; k < n; ++k) text += pieces[random() % pieces.size()];
        same_tokens(text);
    }
}

TEST_CASE("The lexer's name characters are the generated lexer's letters and underscore", "[front]") {
    const antlr4::misc::IntervalSet generated = generated_name_chars();
    CHECK(generated.size() > 100'000);
    auto intervals = generated.getIntervals();
    std::size_t next = 0, wrong = 0;
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
        while (next < intervals.size() && static_cast<char32_t>(intervals[next].b) < c) ++next;
        const bool in = next < intervals.size() && static_cast<char32_t>(intervals[next].a) <= c;
        if (in != pingfen::front::is_name_char(c)) ++wrong;
    }
    if (wrong > 0) {  // the table to put in interpreter/src/front/name_chars.inc
        std::string table;
        for (std::size_t i = 0; i < intervals.size(); ++i)
            table += fmt::format("{{0x{:X}, 0x{:X}}},{}", intervals[i].a, intervals[i].b, i % 6 == 5 ? "\n" : " ");
        WARN("name_chars.inc should be:\n" << table);
    }
    CHECK(wrong == 0);
}
