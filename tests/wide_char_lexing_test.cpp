// The lexer's remembered edges above 127 (front/wide_char_dfa) change how fast a ruleset is
// lexed, never its tokens: every ruleset, test input and fuzz finding in the repository lexes
// to the same tokens with them as without, the first time and again from the filled table; and
// the parser's lexer, which makes no token of spaces and comments, to the same others.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "front/wide_char_dfa.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;

using pingfen::test::slurp;

// The lines of a dump_tokens() listing whose token is on the default channel (the third field, 0).
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

}  // namespace

TEST_CASE("Remembering wide characters in the lexer gives the same tokens on every file", "[front]") {
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
            std::string plain;
            try {
                plain = pingfen::front::dump_tokens(text, false);
            } catch (const std::exception&) {  // not UTF-8: the front end refuses it before lexing
                continue;
            }
            CHECK(pingfen::front::dump_tokens(text, true) == plain);
            CHECK(pingfen::front::dump_tokens(text, true) == plain);  // from the filled table
            CHECK(pingfen::front::dump_tokens(text, true, false) == default_channel(plain));
            ++files;
        }
    }
    INFO(files << " files");
    CHECK(files > 150);
}

TEST_CASE("Keywords inside longer names, full-width signs and stray characters lex alike with wide characters remembered",
          "[front]") {
    const std::string text =
        "若干 若 如果说 分值分配 分值 扣完为止扣分 扣减 每项得分 每项 （含） (含) ［1，2］ 【3、4】 ＜＝ ≦ ≧ ＞＝ ﹥ ＝ ＋ － − × ÷ ／ ＊ "
        "“引号里的 若 ” \"ascii\" 12.5％ 3% 　全角空格\xEF\xBB\xBF 减至0分为止 不足一档按一档计 不足一档不计 ☃ é ü 名字_1 abc_9 # 注释 若\n"
        "// 另一种注释\n是 否 非 且 或 规则集规则集";
    const std::string plain = pingfen::front::dump_tokens(text, false);
    CHECK(plain.find("若干") != std::string::npos);
    for (int k = 0; k < 3; ++k) CHECK(pingfen::front::dump_tokens(text, true) == plain);
    // The parser's lexer makes no token of spaces and comments; the others are the same.
    const std::string seen = pingfen::front::dump_tokens(text, true, false);
    CHECK(seen == default_channel(plain));
    CHECK(seen.find("注释") == std::string::npos);
    CHECK(plain.find("注释") != std::string::npos);
}
