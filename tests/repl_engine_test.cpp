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
#include "repl_engine.hpp"
#include "support.hpp"

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

using pingfen::test::slurp;

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
        // On a copy: :save writes the data file when a :set changed it.
        TempDir dir;
        fs::copy(kSource + "/rulesets", dir.path / "rulesets", fs::copy_options::recursive);
        const fs::path ruleset = dir.path / "rulesets/huadu/2023.pf", data = dir.path / "rulesets/huadu/2023.example.json";
        e.submit(":load " + ruleset.string());
        e.submit(":data " + data.string());
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
        fs::path saved = dir.path / "花都2023改.pf";
        r = e.submit(":save " + saved.string());
        CHECK_FALSE(r.error);
        CHECK(has(r.text, "已保存到"));
        CHECK(has(r.text, "与会话一致"));
        CHECK_FALSE(e.unsaved_changes());
        std::string text = slurp(saved);
        std::string rel = ruleset.lexically_normal().lexically_relative(dir.path).generic_string();
        CHECK(has(text, "引用 \"" + rel + "\""));
        CHECK(score_on_example(saved).total->to_fixed(2) == "95.50");  // the example data, without :set
        // The :set went to the data file, in place: its comment key and layout stay.
        CHECK(has(r.text, "已把 1 条数据改动写入"));
        const std::string data_text = slurp(data);
        CHECK(has(data_text, "\"年末结转和结余\": 5000,"));
        CHECK(has(data_text, "\"_说明\": "));
        CHECK(data_text.size() == slurp(kData).size() - std::string("1222.61").size() + 4);
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
        // Complete and wrong, not unfinished: "此处应为 文件结尾，却遇到 `2`" mentions the end of
        // the input, and the REPL waited for a second line after `1 2` and `合计([1, 2])`.
        r = e.submit("1 2");
        CHECK_FALSE(r.continuation_needed);
        CHECK(r.error);
        CHECK(e.prompt() == "评分> ");
        r = e.submit("合计([1, 2])");
        CHECK_FALSE(r.continuation_needed);
        CHECK(has(r.text, "输入:1:4: 错误[E0001]：表达式中不能写列表：列表只能来自数据（如 月度执行率）；要对几个数计算，把它们直接写作参数，如 合计(1, 2)"));
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

namespace {

const pingfen::ScoreNode* find_leaf(std::span<const pingfen::ScoreNode> nodes, const std::vector<std::string>& path) {
    for (const auto& n : nodes) {
        if (n.path() == path) return &n;
        if (auto* c = find_leaf(n.children(), path)) return c;
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
    const pingfen::ScoreNode* node = find_leaf(sheet.indicators(), leaf);
    REQUIRE(node);
    REQUIRE(node->score());
    CHECK(node->score()->to_string() == "1");
    CHECK(node->standard() == "结余结转率≤2%的，得2分；其余得1分。");
    CHECK(node->explanation() == "部门当年度结转结余额与当年度预算总额的比率，反映和考核部门对结转结余资金的实际控制程度。");

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

// A :set is a change of the session like a change to the rules: undone, diffed, saved to the
// data file, and warned about on :quit.
TEST_CASE("repl: data edits are session changes", "[repl]") {
    TempDir dir;
    fs::copy(kSource + "/rulesets", dir.path / "rulesets", fs::copy_options::recursive);
    const fs::path ruleset = dir.path / "rulesets/huadu/2023.pf", data = dir.path / "rulesets/huadu/2023.example.json";
    const std::string original = slurp(data);
    ReplEngine e;
    e.start(ruleset.string(), data.string());
    CHECK_FALSE(e.unsaved_changes());

    Reply r = e.submit(":set 年末结转和结余 = 5000");
    CHECK(has(r.text, "总分 96.50 → 95.50"));
    CHECK(e.unsaved_changes());
    // :diff shows the data change and what it does to the total (it said 会话没有改动).
    r = e.submit(":diff");
    CHECK_FALSE(has(r.text, "会话没有改动"));
    CHECK(has(r.text, "年末结转和结余  1222.61 → 5000"));
    CHECK(has(r.text, "96.50 → 95.50 (−1)"));
    // :quit names the unsaved data.
    r = e.submit(":quit");
    CHECK_FALSE(r.quit);
    CHECK(has(r.text, "数据有 1 条改动"));
    // :undo takes the :set back, and then there is nothing to save.
    r = e.submit(":undo");
    CHECK(has(r.text, "已撤销：:set 年末结转和结余 = 5000"));
    CHECK(has(r.text, "总分 95.50 → 96.50"));
    CHECK_FALSE(e.unsaved_changes());
    CHECK(has(e.submit(":diff").text, "会话没有改动"));
    CHECK(e.submit(":quit").quit);

    // Rules and data in one session: undone last first.
    ReplEngine f;
    f.start(ruleset.string(), data.string());
    f.submit(":set 年末结转和结余 = 5000");
    r = f.submit("修改 管理效率.预算执行.结转结余率 分值 2");
    CHECK_FALSE(r.error);
    r = f.submit(":quit");
    CHECK(has(r.text, "规则有 1 条改动"));
    CHECK(has(r.text, "数据有 1 条改动"));
    r = f.submit(":undo");
    CHECK(has(r.text, "已撤销：修改"));
    CHECK(has(f.submit(":explain 结转结余率").text, "得分 1"));  // the :set still holds
    // :save with no name and only data changed: the data file, in place.
    r = f.submit(":save");
    CHECK_FALSE(r.error);
    CHECK(has(r.text, "已把 1 条数据改动写入"));
    CHECK_FALSE(f.unsaved_changes());
    CHECK(slurp(data) != original);
    CHECK(has(slurp(data), "\"年末结转和结余\": 5000,"));
    CHECK(has(slurp(data), "\"_说明\""));
    CHECK(has(f.submit(":undo").text, "没有可撤销的改动"));
    CHECK(f.submit(":quit").quit);
}

TEST_CASE("repl: :save asks before overwriting, and takes no name", "[repl]") {
    TempDir dir;
    fs::copy(kSource + "/rulesets", dir.path / "rulesets", fs::copy_options::recursive);
    const fs::path ruleset = dir.path / "rulesets/huadu/2023.pf";
    ReplEngine e;
    e.start(ruleset.string(), "");
    e.submit("修改 管理效率.预算执行.结转结余率 分值 2");
    const fs::path other = dir.path / "其他.pf";
    { std::ofstream(other) << "# 别人的文件\n"; }
    Reply r = e.submit(":save " + other.string());
    CHECK(has(r.text, "已存在"));
    CHECK(slurp(other) == "# 别人的文件\n");
    r = e.submit(":save " + other.string());
    CHECK(has(r.text, "已保存到"));
    CHECK(has(slurp(other), "修改 管理效率.预算执行.结转结余率 分值 2"));
    // No name: the last one, or beside the loaded file.
    ReplEngine f;
    f.start(ruleset.string(), "");
    f.submit("修改 管理效率.预算执行.结转结余率 分值 2");
    r = f.submit(":save");
    CHECK_FALSE(r.error);
    CHECK(fs::exists(dir.path / "rulesets/huadu/2023.session.pf"));
}

// A named value is computed in the indicator that defines it; :in chooses the indicator.
TEST_CASE("repl: named values are evaluated in their indicator", "[repl]") {
    TempDir dir;
    const fs::path file = dir.path / "两个率.pf";
    std::ofstream(file) << "规则集 \"两个率\" 总分 4\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 甲 数值  乙 数值  总数 数值 > 0 }\n"
                           "一级指标 A 2 {\n  率 = 甲 / 总数\n  按 率 分档 { ≥ 50% 得 2 分  其余 不得分 }\n}\n"
                           "一级指标 B 2 {\n  率 = 乙 / 总数\n  按 率 分档 { ≥ 50% 得 2 分  其余 不得分 }\n}\n";
    const fs::path data = dir.path / "d.data.pf";
    std::ofstream(data) << "数据 { 甲 = 1  乙 = 3  总数 = 4 }\n";
    ReplEngine e;
    e.start(file.string(), data.string());
    // Two indicators define 率: the REPL used to take the first one's.
    Reply r = e.submit("率");
    CHECK(r.error);
    CHECK(has(r.text, "2 个指标中的命名值：A、B"));
    r = e.submit(":in B");
    CHECK(has(r.text, "表达式在 B 之内计算"));
    CHECK(e.submit("率").text == "0.75\n");
    CHECK(e.submit("分值").text == "2\n");
    e.submit(":in A");
    CHECK(e.submit("率").text == "0.25\n");
    e.submit(":in");
    CHECK(e.submit("甲 + 乙").text == "4\n");
    CHECK(has(e.submit(":in C").text, "没有指标 `C`"));
    // A file without tests says so.
    CHECK(has(e.submit(":test").text, "没有测试"));
}

TEST_CASE("repl: a value of the whole ruleset read by two indicators is one value", "[repl]") {
    TempDir dir;
    const fs::path file = dir.path / "共用.pf";
    std::ofstream(file) << "规则集 \"共用\" 总分 4\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 甲 数值  总数 数值 > 0 }\n"
                           "率 = 甲 / 总数\n"
                           "一级指标 A 2 { 按 率 分档 { ≥ 50% 得 2 分  其余 不得分 } }\n"
                           "一级指标 B 2 { 按 率 比例计分，封顶 100% }\n";
    const fs::path data = dir.path / "d.data.pf";
    std::ofstream(data) << "数据 { 甲 = 1  总数 = 4 }\n";
    ReplEngine e;
    e.start(file.string(), data.string());
    // Not "a named value of 2 indicators, choose one with :in": it is written once, outside them.
    Reply r = e.submit("率");
    CHECK_FALSE(r.error);
    CHECK(r.text == "0.25\n  （整个规则集的命名值）\n");
    CHECK(e.submit("率 * 4").text == "1.00\n  率 = 0.25（整个规则集的命名值）\n");
}

TEST_CASE("repl: a named value typed alone is shown once, with the indicator it is computed in", "[repl]") {
    TempDir dir;
    const fs::path file = dir.path / "一个率.pf";
    std::ofstream(file) << "规则集 \"一个率\" 总分 2\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 甲 数值  总数 数值 > 0 }\n"
                           "一级指标 A 2 {\n  率 = 甲 / 总数\n  按 率 分档 { ≥ 50% 得 2 分  其余 不得分 }\n}\n";
    const fs::path data = dir.path / "d.data.pf";
    std::ofstream(data) << "数据 { 甲 = 1  总数 = 4 }\n";
    ReplEngine e;
    e.start(file.string(), data.string());
    CHECK(e.submit("率").text == "0.25\n  （A 中的命名值，在该指标中计算）\n");
    // In a larger expression the named value's own value is worth saying.
    CHECK(e.submit("率 * 2").text == "0.50\n  率 = 0.25（A 中的命名值，在该指标中计算）\n");
}

// A session that ends without :quit (its terminal killed) is kept in a journal beside the file
// and offered back when the file is opened again.
TEST_CASE("repl: a session survives its end in a journal", "[repl]") {
    TempDir dir;
    fs::copy(kSource + "/rulesets", dir.path / "rulesets", fs::copy_options::recursive);
    const fs::path ruleset = dir.path / "rulesets/huadu/2023.pf", data = dir.path / "rulesets/huadu/2023.example.json";
    const fs::path journal = dir.path / "rulesets/huadu/.2023.pf.journal";
    const pingfen::repl::Options opts{pingfen::Language::Chinese, false, true};
    {
        ReplEngine e(opts);
        e.start(ruleset.string(), data.string());
        type(e, {"三级指标 结转结余率 2 {", "  沿用解释", "  标准 \"≤2% 得2分，其余得1分\"",
                 "  按 结余结转率 分档 { ≤ 2% 得 2 分  其余 得 1 分 }", "}"});
        e.submit(":set 年末结转和结余 = 5000");
        CHECK(fs::exists(journal));
        CHECK(has(slurp(journal), "@rules 5\n三级指标 结转结余率 2 {\n"));
        CHECK(has(slurp(journal), "@set :set 年末结转和结余 = 5000\n"));
    }  // gone without :quit
    ReplEngine e(opts);
    Reply r = e.start(ruleset.string(), data.string());
    CHECK(has(r.text, "规则改动 1 条，数据改动 1 条"));
    CHECK_FALSE(e.unsaved_changes());
    r = e.submit(":restore");
    CHECK(has(r.text, "已恢复 2 条改动"));
    CHECK(has(r.text, "总分 96.50 → 95.50"));  // 11.16% falls in 其余: 1 point
    CHECK(e.unsaved_changes());
    CHECK(has(e.session_text(), "替换 管理效率.预算执行.结转结余率 {"));
    // Undone to nothing, the journal goes; a deliberate :quit with changes removes it too.
    e.submit(":undo");
    e.submit(":undo");
    CHECK_FALSE(fs::exists(journal));
    e.submit(":set 年末结转和结余 = 5000");
    CHECK(fs::exists(journal));
    e.submit(":quit");
    CHECK(e.submit(":quit").quit);
    CHECK_FALSE(fs::exists(journal));
    // :discard drops an offered journal.
    {
        ReplEngine a(opts);
        a.start(ruleset.string(), data.string());
        a.submit(":set 年末结转和结余 = 5000");
    }
    ReplEngine b(opts);
    CHECK(has(b.start(ruleset.string(), data.string()).text, "数据改动 1 条"));
    CHECK(has(b.submit(":discard").text, "已丢弃"));
    CHECK_FALSE(fs::exists(journal));
}

TEST_CASE("repl: what people see: percentages, completion columns", "[repl]") {
    ReplEngine e;
    e.start(kRuleset, kData);
    // A percentage to two places, with its exact value when rounding changed it.
    Reply r = e.submit(":in 管理效率.预算执行.结转结余率");
    r = e.submit("结余结转率");
    CHECK(r.text == "2.73%（精确值 2.729526375457056859681702231781465%）\n");
    CHECK(e.submit("5% + 1%").text == "6%\n");
    // Columns line up by display width: a Chinese character is two columns, three bytes.
    std::string cols = pingfen::repl::completion_columns({"结转结余率", "ab", "年末结转和结余", "x"}, 40);
    CHECK(cols == "结转结余率      年末结转和结余\nab              x\n");
}

TEST_CASE("repl: without data, :score and :set say how to get some", "[repl]") {
    ReplEngine e;
    type(e, {":load " + kRuleset});
    for (const char* command : {":score", ":set 年末结转和结余 = 5000"}) {
        Reply r = e.submit(command);
        CHECK(has(r.text, "没有加载数据：用 :data 文件 加载一个部门的数据（还没有数据文件时，pingfen template "));
        CHECK(has(r.text, "2023.pf -o 数据.json 生成一张待填的数据表）"));
    }
}

TEST_CASE("repl: :data - says that the session's standard input is its commands", "[repl]") {
    // It was "cannot open `/current/folder/-`".
    ReplEngine e;
    type(e, {":load " + kRuleset});
    CHECK(e.submit(":data -").text == "错误：交互式环境从标准输入读取命令，数据不能也从标准输入（-）读取，请给出数据文件\n（数据未加载）\n"
                                      "（未加载数据，不评分；用 :data 文件 加载）\n");
}
