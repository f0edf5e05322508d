// The REPL engine without a terminal: a scripted session on the 花都区 2023 ruleset and its
// example data, as a rule author would type it.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

#include "pingfen/pingfen.hpp"
#include "lex.hpp"
#include "repl_engine.hpp"

namespace fs = std::filesystem;
using pingfen::repl::ReplEngine;
using pingfen::repl::Reply;

namespace {

const std::string kSource = PINGFEN_SOURCE_DIR;
const std::string kRuleset = kSource + "/rulesets/huadu/2023.pf";
const std::string kData = kSource + "/rulesets/huadu/2023.example.json";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Types the lines one by one, as the terminal would; returns the last reply.
Reply type(ReplEngine& e, std::initializer_list<std::string> lines) {
    Reply r;
    for (const auto& l : lines) r = e.submit(l);
    return r;
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("pingfen_repl_test_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The tiers of the redefinition used below: 2.73% falls in (2%, 10%], 5000 / 44792.02 = 11.16%
// above 10%.
// A replacement states its 标准 (the old one names ≤10%) and keeps the 解释 on purpose (E0605).
const char* kNewTiers[] = {
    "三级指标 结转结余率 2 {",
    "  沿用解释",
    "  标准 \"结余结转率≤2%的，得2分；2%＜结余结转率≤10%的，得1分；结余结转率＞10%的，不得分。\"",
    "  按 结余结转率 分档 {",
    "    ≤ 2%         得 2 分",
    "    （2%，10%］   得 1 分",
    "    > 10%        不得分",
    "  }",
    "}",
};

// A ruleset file compiled on its own and scored on the example data.
pingfen::ScoreSheet score_on_example(const fs::path& file) {
    auto compiled = pingfen::compile_file(file.string());
    for (const auto& d : compiled.diagnostics) UNSCOPED_INFO(pingfen::render(d, pingfen::Language::Chinese, false));
    REQUIRE(compiled.ok());
    auto data = pingfen::load_data_file(kData);
    REQUIRE(data.ok());
    auto scored = pingfen::score(*compiled.ruleset, *data.data);
    REQUIRE(scored.sheet);
    REQUIRE(scored.sheet->total);
    return *scored.sheet;
}

}  // namespace

TEST_CASE("repl: a scripted session on huadu 2023", "[repl]") {
    ReplEngine e;
    Reply r = e.start(kRuleset, kData);
    CHECK(has(r.text, "总分 96.50，等级 优"));
    CHECK(e.prompt() == "评分> ");
    CHECK(has(e.session_text(), "引用 \"" + fs::path(kRuleset).lexically_normal().generic_string() + "\""));

    SECTION("the sheet") {
        r = e.submit(":score");
        CHECK(has(r.text, "96.50"));
        CHECK(has(r.text, "评价等级：优"));
        CHECK(has(r.text, "依据：结余结转率 = 1222.61 / (2343.83 + 42448.19 + 0.00) = 2.73%"));
    }

    SECTION("expressions, exact, with full-width punctuation, data names and named values") {
        CHECK(e.submit("四舍五入(0.535 × 5, 2)").text == "2.68\n");
        CHECK(e.submit("四舍五入（0.535 × 5，2）").text == "2.68\n");
        CHECK(e.submit("0.535 × 5").text == "2.675\n");
        r = e.submit("x = 年末结转和结余 * 2");
        CHECK(r.text == "x = 2445.22\n");
        CHECK(e.submit("x + 0.78").text == "2446.00\n");
        // A named value of the ruleset (defined inside 结转结余率), from the data.
        r = e.submit("结余结转率 * 100");
        CHECK(has(r.text, "2.7295263754570568"));
        CHECK(has(r.text, "管理效率.预算执行.结转结余率"));
        // Named values follow the data they read.
        e.submit(":set 年末结转和结余 = 5000");
        CHECK(e.submit("x").text == "10000\n");
    }

    SECTION("an unfinished expression asks for more") {
        r = e.submit("四舍五入(0.535 × 5,");
        CHECK(r.continuation_needed);
        CHECK(e.prompt() == "... ");
        r = e.submit("2)");
        CHECK_FALSE(r.continuation_needed);
        CHECK(r.text == "2.68\n");
        r = e.submit("1 +");
        CHECK(r.continuation_needed);
        r = e.submit("");  // an empty line ends it: the error is shown
        CHECK_FALSE(r.continuation_needed);
        CHECK(r.error);
        CHECK(has(r.text, "文件结尾"));
        CHECK(e.prompt() == "评分> ");
    }

    SECTION("redefining an indicator, changing a datum, diff, save, reload") {
        // An open block asks for more lines.
        r = e.submit(kNewTiers[0]);
        CHECK(r.continuation_needed);
        CHECK(e.prompt() == "... ");
        for (std::size_t i = 1; i + 1 < std::size(kNewTiers); ++i) CHECK(e.submit(kNewTiers[i]).continuation_needed);
        r = e.submit(kNewTiers[std::size(kNewTiers) - 1]);
        CHECK_FALSE(r.continuation_needed);
        CHECK_FALSE(r.error);
        CHECK(has(r.text, "结转结余率 2 → 1 (−1)，总分 96.50 → 95.50"));
        // The formula of 结余结转率 was not retyped: it is kept from the replaced indicator.
        CHECK(has(r.text, "沿用原定义：结余结转率 = 年末结转和结余 / (年初结转和结余 + 一般公共预算拨款 + 政府性基金预算拨款)"));
        CHECK(has(e.session_text(), "替换 管理效率.预算执行.结转结余率 {"));
        CHECK(e.unsaved_changes());

        // One datum changed: 5000 / 44792.02 = 11.16%.
        r = e.submit(":set 年末结转和结余 = 5000");
        CHECK(has(r.text, "年末结转和结余 1222.61 → 5000"));
        CHECK(has(r.text, "结转结余率 1 → 0 (−1)，总分 95.50 → 94.50"));
        r = e.submit(":explain 管理效率.预算执行.结转结余率");
        CHECK(has(r.text, "得分 0"));
        CHECK(has(r.text, "11.16%"));

        // A change that does not compile is shown with a caret and dropped.
        std::string before = e.session_text();
        r = e.submit("三级指标 结转结余率 2 { 得 分 }");
        CHECK(r.error);
        CHECK(has(r.text, "输入:1:"));
        CHECK(has(r.text, "^"));
        CHECK(has(r.text, "没有生效"));
        CHECK(e.session_text() == before);
        CHECK(e.history().back() == "三级指标 结转结余率 2 { 得 分 }");
        CHECK(has(e.submit(":explain 结转结余率").text, "得分 0"));
        // A weight that no longer adds up is refused too.
        r = e.submit("三级指标 结转结余率 3 { 得满分 }");
        CHECK(r.error);
        CHECK(has(r.text, "不等于下级指标分值之和"));
        CHECK(e.session_text() == before);

        // What the session changed, and the scores before → after (on the current data).
        r = e.submit(":diff");
        CHECK(has(r.text, "[1] 替换 管理效率.预算执行.结转结余率 {"));
        CHECK(has(r.text, "管理效率.预算执行.结转结余率  1 → 0 (−1)"));
        CHECK(has(r.text, "95.50 → 94.50 (−1)"));

        // The loaded file's tests, run on the session: the old tiers' tests now fail.
        r = e.submit(":test");
        CHECK(has(r.text, "✗ 结余结转率 2.73% 得 2 分"));
        CHECK(has(r.text, "个失败"));

        // Saved, the file compiles on its own and scores as the session does.
        TempDir dir;
        fs::path saved = dir.path / "花都2023改.pf";
        r = e.submit(":save " + saved.string());
        CHECK_FALSE(r.error);
        CHECK(has(r.text, "已保存到"));
        CHECK(has(r.text, "与会话一致"));
        CHECK_FALSE(e.unsaved_changes());
        std::string text = slurp(saved);
        std::string rel = fs::path(kRuleset).lexically_normal().lexically_relative(dir.path).generic_string();
        CHECK(has(text, "引用 \"" + rel + "\""));
        CHECK(score_on_example(saved).total->to_fixed(2) == "95.50");  // the example data, without :set
        CHECK(fs::directory_iterator(dir.path) != fs::directory_iterator());
        for (const auto& f : fs::directory_iterator(dir.path)) CHECK(f.path().filename().string().find(".tmp") == std::string::npos);

        // :reload keeps the session's changes (and the :set).
        r = e.submit(":reload");
        CHECK(has(r.text, "已加载"));
        CHECK(has(e.submit(":explain 结转结余率").text, "得分 0"));
        CHECK(has(e.session_text(), "替换 管理效率.预算执行.结转结余率 {"));

        // :undo takes the redefinition back.
        r = e.submit(":undo");
        CHECK(has(r.text, "结转结余率 0 → 1 (+1)"));
        CHECK(e.unsaved_changes());
    }

    SECTION(":quit with unsaved changes warns, and a second :quit leaves") {
        r = e.submit(":quit");
        CHECK(r.quit);  // nothing changed yet

        ReplEngine e2;
        e2.start(kRuleset, kData);
        // The weights no longer add up: the REPL asks for the rest of the change; Ctrl-C drops it.
        r = e2.submit("删除 管理效率.预算执行.结转结余率");
        CHECK(r.continuation_needed);
        CHECK(has(r.text, "分值还对不上"));
        e2.interrupt();
        CHECK_FALSE(e2.unsaved_changes());
        r = e2.submit("修改 管理效率.预算执行.结转结余率 分值 2");
        CHECK_FALSE(r.error);
        CHECK(e2.unsaved_changes());
        r = e2.submit(":quit");
        CHECK_FALSE(r.quit);
        CHECK(has(r.text, "没有保存"));
        r = e2.submit(":quit");
        CHECK(r.quit);

        ReplEngine e3;
        e3.start(kRuleset, kData);
        type(e3, {"三级指标 结转结余率 2 { 沿用解释 标准 \"≤2% 得2分，其余得1分\" 按 结余结转率 分档 { ≤ 2% 得 2 分  其余 得 1 分 } }"});
        CHECK(e3.unsaved_changes());
        r = e3.end_of_input();  // Ctrl-D
        CHECK_FALSE(r.quit);
        CHECK(has(r.text, "没有保存"));
        r = e3.end_of_input();
        CHECK(r.quit);
    }

    SECTION("Ctrl-C drops unfinished input; Ctrl-D too") {
        CHECK(e.submit("三级指标 结转结余率 2 {").continuation_needed);
        e.interrupt();
        CHECK(e.prompt() == "评分> ");
        CHECK(e.submit("1 + 1").text == "2\n");
        CHECK(e.submit("(1 +").continuation_needed);
        r = e.end_of_input();
        CHECK_FALSE(r.quit);
        CHECK(e.prompt() == "评分> ");
    }
}

TEST_CASE("repl: a new indicator, the language's statements, and errors in data", "[repl]") {
    ReplEngine e;
    e.start(kRuleset, kData);
    // A datum set to the value it has: scoring through the REPL's rewritten data gives the same.
    Reply r = e.submit(":set 年末结转和结余 = 1222.61");
    CHECK(has(r.text, "总分 96.50"));
    r = e.submit(":set 年度平均执行率 = 2.73%");
    CHECK(r.error);
    CHECK(has(r.text, "没有名为 `年度平均执行率` 的输入"));
    r = e.submit(":set 年末结转和结余 = -5");
    CHECK(r.error);
    CHECK(has(r.text, "超出声明的范围"));
    CHECK(has(r.text, "数据没有改动"));
    r = e.submit(":set 完成资产盘点 = 否");
    CHECK(has(r.text, "资产盘点情况 1 → 0 (−1)，总分 96.50 → 95.50"));

    // The language's own statements go into the session as written.
    r = e.submit("替换 管理效率.资产管理.资产盘点情况 { 沿用解释 标准 \"一律得1分\" 得满分 }");
    CHECK_FALSE(r.error);
    CHECK(has(r.text, "资产盘点情况 0 → 1 (+1)"));

    // A new indicator under a parent, and the weight that makes room for it, as one change.
    r = e.submit("增加 到 管理效率.预算执行 { 三级指标 新指标 1 { 得满分 } }");
    CHECK(r.continuation_needed);
    CHECK(has(r.text, "不等于下级指标分值之和"));
    r = e.submit("修改 管理效率.预算执行.财务管理合规性 分值 1");
    CHECK_FALSE(r.continuation_needed);
    CHECK_FALSE(r.error);
    CHECK(has(r.text, "财务管理合规性 2 → 1 (−1)，分值 2 → 1"));
    CHECK(has(r.text, "新指标 1（新增）"));
    // An indicator's name alone shows it.
    CHECK(has(e.submit("新指标").text, "管理效率.预算执行.新指标  分值 1  得分 1"));

    // Several indicators of one name must be told apart by their path.
    r = e.submit(":explain 不存在的指标");
    CHECK(has(r.text, "没有指标"));

    // A syntax error in a statement points at the typed line.
    r = e.submit("修改 管理效率.预算执行.结转结余率 分值 ×");
    CHECK(r.error);
    CHECK(has(r.text, "输入:1:"));
}

TEST_CASE("repl: completion and help", "[repl]") {
    ReplEngine e;
    e.start(kRuleset, kData);
    auto has_item = [](const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    CHECK(has_item(e.complete("三级", "三级").candidates, "三级指标"));
    CHECK(has_item(e.complete("ind", "ind").candidates, "indicator"));
    CHECK(has_item(e.complete(":ex", ":ex").candidates, ":explain"));
    CHECK(has_item(e.complete(":explain 管理效率.预算", "管理效率.预算").candidates, "管理效率.预算执行"));
    CHECK(has_item(e.complete(":set 年末", "年末").candidates, "年末结转和结余"));
    CHECK(has_item(e.complete("结余", "结余").candidates, "结余结转率"));
    CHECK(e.complete(":load rul", "rul").filenames);

    CHECK(has(e.submit(":help").text, ":explain 路径"));
    ReplEngine en(pingfen::repl::Options{pingfen::Language::English, false});
    Reply r = en.start(kRuleset, kData);
    CHECK(has(r.text, "total 96.50, grade 优"));
    CHECK(has(en.submit(":help").text, "Commands:"));
    CHECK(en.prompt() == "pingfen> ");
}

TEST_CASE("repl: a ruleset file changed on disk is reloaded before the next input", "[repl]") {
    TempDir dir;
    fs::path file = dir.path / "local.pf";
    const std::string head = "规则集 \"试验\" 年度 2023 总分 100\n引用 \"" + fs::path(kRuleset).generic_string() + "\"\n";
    std::ofstream(file) << head;
    ReplEngine e;
    Reply r = e.start(file.string(), kData);
    CHECK(has(r.text, "总分 96.50"));
    std::ofstream(file) << head << "替换 管理效率.预算执行.结转结余率 { 沿用解释 标准 \"得1分\" 得 1 分 }\n";
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(2));
    r = e.submit("1 + 1");
    CHECK(has(r.text, "重新加载"));
    CHECK(has(r.text, "总分 96.50 → 95.50"));
    CHECK(has(r.text, "2\n"));
}

// The REPL reads input with a small lexer of its own (to split statements and complete names
// as they are typed); its keywords must be exactly the grammar's, or a new statement such as
// 排序 is refused in the REPL while files accept it.
TEST_CASE("repl: the REPL's keywords are the grammar's", "[repl]") {
    std::ifstream in(PINGFEN_SOURCE_DIR "/grammar/PingfenLexer.g4");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string g = ss.str();
    std::set<std::pair<std::string, std::string>> table(pingfen::repl::keyword_table().begin(),
                                                        pingfen::repl::keyword_table().end());
    // TOKEN : 'literal' | 'literal' ;  where a literal with a letter or a CJK character is a keyword.
    const std::regex rule(R"(\n([A-Z][A-Z_0-9]*)\s*:\s*((?:'[^']*'\s*\|?\s*)+);)");
    const std::regex literal(R"('([^']*)')");
    const std::regex word(R"([A-Za-z_][A-Za-z_0-9]*|(?:[\xE4-\xE9][\x80-\xBF]{2}|[（）()0-9])*[\xE4-\xE9][\x80-\xBF]{2}(?:[\xE4-\xE9][\x80-\xBF]{2}|[（）()0-9]|\xEF\xBC[\x88\x89])*)");
    int keywords = 0;
    for (auto r = std::sregex_iterator(g.begin(), g.end(), rule); r != std::sregex_iterator(); ++r) {
        const std::string name = (*r)[1].str(), alternatives = (*r)[2].str();
        for (auto l = std::sregex_iterator(alternatives.begin(), alternatives.end(), literal); l != std::sregex_iterator(); ++l) {
            const std::string text = (*l)[1].str();
            if (!std::regex_match(text, word)) continue;
            ++keywords;
            INFO("grammar keyword " << text << " (" << name << ") is missing from repl/engine/lex.cpp");
            CHECK(table.count({text, name}) == 1);
        }
    }
    CHECK(keywords > 150);
}

namespace {

const pingfen::ScoreNode* find_leaf(const std::vector<pingfen::ScoreNode>& nodes, const std::vector<std::string>& path) {
    for (const auto& n : nodes) {
        if (n.path == path) return &n;
        if (auto* c = find_leaf(n.children, path)) return c;
    }
    return nullptr;
}

}  // namespace

// 替换 means one thing in a file and in the REPL (whose session is a file importing the loaded
// one): the named values the new text uses without defining are kept from the old indicator,
// and the sheet's 标准/解释 are stated anew or kept on purpose, never kept silently.
TEST_CASE("repl: a replacement scores the same in a file and in the REPL", "[repl]") {
    const std::string replacement =
        "替换 管理效率.预算执行.结转结余率 {\n"
        "  沿用解释\n"
        "  标准 \"结余结转率≤2%的，得2分；其余得1分。\"\n"
        "  按 结余结转率 分档 { ≤ 2% 得 2 分  其余 得 1 分 }\n"
        "}\n";
    const std::vector<std::string> leaf = {"管理效率", "预算执行", "结转结余率"};

    // In a file: 结余结转率 (2.73%) is not defined again, so the old formula is used: 1 point.
    TempDir dir;
    fs::path file = dir.path / "district.pf";
    std::ofstream(file) << "规则集 \"试验\" 年度 2023 总分 100\n引用 \"" << fs::path(kRuleset).generic_string() << "\"\n"
                        << replacement;
    const pingfen::ScoreSheet sheet = score_on_example(file);
    CHECK(sheet.total->to_fixed(2) == "95.50");
    const pingfen::ScoreNode* node = find_leaf(sheet.indicators, leaf);
    REQUIRE(node);
    REQUIRE(node->score);
    CHECK(node->score->to_string() == "1");
    CHECK(node->standard == "结余结转率≤2%的，得2分；其余得1分。");
    CHECK(node->explanation == "部门当年度结转结余额与当年度预算总额的比率，反映和考核部门对结转结余资金的实际控制程度。");

    // The same statement typed into the REPL, and the same change as a whole indicator.
    for (const std::string& typed :
         {replacement, std::string("三级指标 结转结余率 2 { 沿用解释 标准 \"结余结转率≤2%的，得2分；其余得1分。\" "
                                   "按 结余结转率 分档 { ≤ 2% 得 2 分  其余 得 1 分 } }")}) {
        ReplEngine e;
        e.start(kRuleset, kData);
        Reply r = e.submit(typed);
        INFO(r.text);
        CHECK_FALSE(r.error);
        CHECK(has(r.text, "结转结余率 2 → 1 (−1)，总分 96.50 → 95.50"));
        CHECK(has(r.text, "沿用原定义：结余结转率 = 年末结转和结余 / (年初结转和结余 + 一般公共预算拨款 + 政府性基金预算拨款)"));
        // The formula is not copied into the session: 替换 keeps it, as in the file.
        CHECK_FALSE(has(e.session_text(), "结余结转率 = "));
        // The kept named value is still there to evaluate.
        CHECK(has(e.submit("结余结转率 * 100").text, "2.7295263754570568"));
        CHECK(has(e.submit(":explain 管理效率.预算执行.结转结余率").text, "得分 1"));
    }
}

TEST_CASE("repl: a replacement that leaves the old 标准 on the sheet is refused", "[repl]") {
    ReplEngine e;
    e.start(kRuleset, kData);
    const std::string before = e.session_text();
    Reply r = e.submit("三级指标 结转结余率 2 { 按 结余结转率 分档 { ≤ 2% 得 2 分  其余 得 1 分 } }");
    CHECK(r.error);
    CHECK(has(r.text, "错误[E0605]：替换 `管理效率.预算执行.结转结余率` 没有写 `标准` 和 `解释`：原来的文字会留在评分表上，与新的评分规则可能不符"));
    CHECK(has(r.text, "注：原来的标准：“结余结转率≤10%的，得2分；10%＜结余结转率≤20%的，得1分；20%＜结余……”"));
    CHECK(has(r.text, "注：在 替换 中写新的 标准 \"…\" 和 解释 \"…\"；原文仍然适用时写 沿用标准、沿用解释"));
    CHECK(has(r.text, "没有生效"));
    CHECK(e.session_text() == before);
    // Kept on purpose, the old text stays, and the score changes.
    r = e.submit("三级指标 结转结余率 2 { 沿用解释 沿用标准 按 结余结转率 分档 { ≤ 2% 得 2 分  其余 得 1 分 } }");
    CHECK_FALSE(r.error);
    CHECK(has(r.text, "总分 96.50 → 95.50"));
}
