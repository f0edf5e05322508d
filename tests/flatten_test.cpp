// pingfen flatten: every bundled ruleset as one standalone file that passes check and scores
// every bundled department exactly as the ruleset does (the whole sheet, texts and basis too).
#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

#include "pingfen/authoring.hpp"
#include "pingfen/pingfen.hpp"
#include "repl_engine.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using pingfen::test::run_pingfen;
using pingfen::test::slurp;

namespace {

const std::string kSource = PINGFEN_SOURCE_DIR;
const char* kRulesets[] = {"guangzhou/2022", "huadu/2023", "haizhu/2023", "conghua/2024"};

// The sheet with its diagnostics' places left out: they point into the files the rules were
// read from, which differ by design; codes and messages must not.
pingfen::ScoreSheet placeless(pingfen::ScoreSheet s) {
    for (auto& d : s.diagnostics) {
        d.path.clear();
        d.line = d.column = 0;
        d.source_line.clear();
        for (auto& n : d.notes) {
            n.path.clear();
            n.line = n.column = 0;
            n.source_line.clear();
        }
    }
    // They are sorted by place, so their order may differ too.
    std::sort(s.diagnostics.begin(), s.diagnostics.end(), [](const auto& a, const auto& b) {
        return std::tie(a.code, a.message_zh) < std::tie(b.code, b.message_zh);
    });
    return s;
}

bool starts_a_line(const std::string& text, const std::string& word) {
    return text.rfind(word, 0) == 0 || text.find("\n" + word) != std::string::npos;
}

}  // namespace

TEST_CASE("flatten: each bundled ruleset scores every bundled department identically", "[flatten]") {
    for (const char* name : kRulesets) {
        INFO(name);
        const std::string path = kSource + "/rulesets/" + name + ".pf";
        auto original = pingfen::compile_file(path);
        REQUIRE(original.ok());
        auto flat = pingfen::flatten_ruleset(*original.ruleset, "flat.pf");
        for (const auto& d : flat.diagnostics) UNSCOPED_INFO(pingfen::render(d));
        REQUIRE(flat.text);
        for (const char* statement : {"引用", "替换", "修改", "删除", "增加", "排序"}) CHECK_FALSE(starts_a_line(*flat.text, statement));
        CHECK(flat.text->find("沿用标准") == std::string::npos);
        CHECK(flat.text->find("沿用解释") == std::string::npos);
        auto again = pingfen::compile_source(path + ".flat.pf", *flat.text);
        REQUIRE(again.ok());
        CHECK_FALSE(pingfen::has_errors(again.diagnostics));
        for (const char* dept : kRulesets) {
            INFO("department of " << dept);
            auto data = pingfen::load_data_file(kSource + "/rulesets/" + dept + ".example.json");
            REQUIRE(data.ok());
            auto a = pingfen::score(*original.ruleset, *data.data);
            auto b = pingfen::score(*again.ruleset, *data.data);
            REQUIRE(a.sheet);
            REQUIRE(b.sheet);
            const auto sa = placeless(*a.sheet), sb = placeless(*b.sheet);
            CHECK(pingfen::sheet_as_json(sa) == pingfen::sheet_as_json(sb));
            CHECK(pingfen::sheet_as_table(sa, {true, false}) == pingfen::sheet_as_table(sb, {true, false}));
            CHECK(a.diagnostics.size() == b.diagnostics.size());
        }
    }
}

TEST_CASE("flatten: comments and 标准 are kept, a replaced 沿用标准 is written out", "[flatten]") {
    auto c = pingfen::compile_file(kSource + "/rulesets/conghua/2024.pf");
    REQUIRE(c.ok());
    auto flat = pingfen::flatten_ruleset(*c.ruleset);
    REQUIRE(flat.text);
    // A comment inside the replacement, and one inside an imported leaf.
    CHECK(flat.text->find("# 指标本身没有变") != std::string::npos);
    CHECK(flat.text->find("标准 \"按完成率计分：60%以下不得分") != std::string::npos);
    CHECK(flat.text->find("规则集 \"从化区部门整体支出绩效自评\" 年度 2024 总分 100") != std::string::npos);
}

TEST_CASE("flatten: the command writes a file that passes check", "[flatten]") {
    const fs::path out = fs::temp_directory_path() / ("pingfen_flat_" + std::to_string(::getpid()) + ".pf");
    auto r = run_pingfen("flatten rulesets/huadu/2023.pf -o '" + out.string() + "'");
    CHECK(r.status == 0);
    CHECK(run_pingfen("check '" + out.string() + "'").status == 0);
    auto s = run_pingfen("score '" + out.string() + "' rulesets/huadu/2023.example.json");
    CHECK(s.out.find("96.50") != std::string::npos);
    CHECK(run_pingfen("flatten rulesets/huadu/2023.example.json").status == 2);
    fs::remove(out);
}

TEST_CASE("flatten: :save --flat writes the session as one file", "[flatten]") {
    const fs::path dir = fs::temp_directory_path() / ("pingfen_flat_repl_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    pingfen::repl::ReplEngine e;
    e.start(kSource + "/rulesets/huadu/2023.pf", kSource + "/rulesets/huadu/2023.example.json");
    e.submit("三级指标 结转结余率 2 { 沿用解释 标准 \"≤2% 得2分，其余得1分\" 按 结余结转率 分档 { ≤ 2% 得 2 分  其余 得 1 分 } }");
    auto r = e.submit(":save --flat " + (dir / "flat.pf").string());
    CHECK_FALSE(r.error);
    auto c = pingfen::compile_file((dir / "flat.pf").string());
    REQUIRE(c.ok());
    auto d = pingfen::load_data_file(kSource + "/rulesets/huadu/2023.example.json");
    auto s = pingfen::score(*c.ruleset, *d.data);
    CHECK(s.sheet->total->to_fixed(2) == "95.50");  // the session's total, not the file's 96.50
    // The kept named value is written into the leaf.
    CHECK(slurp(dir / "flat.pf").find("结余结转率 = 年末结转和结余 / (年初结转和结余 + 一般公共预算拨款 + 政府性基金预算拨款)") != std::string::npos);
    fs::remove_all(dir);
}
