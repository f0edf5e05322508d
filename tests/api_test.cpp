// The public API's promises to a host: imports resolved the host's way, and no exception
// crossing the boundary.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "api/guard.hpp"
#include "data/department.hpp"
#include "pingfen/pingfen.hpp"

using namespace pingfen;
namespace fs = std::filesystem;

namespace {

using pingfen::test::slurp;

const Diagnostic* find_code(const std::vector<Diagnostic>& ds, const std::string& code) {
    for (const auto& d : ds)
        if (d.code == code) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("api: a host serves imports from its own store", "[api]") {
    // The city, the shared module and the district as a database would hold them, under names
    // that exist nowhere on disk.
    const fs::path root = PINGFEN_SOURCE_DIR "/rulesets";
    std::map<std::string, std::string> store = {
        {"db/guangzhou/2022.pf", slurp(root / "guangzhou/2022.pf")},
        {"db/common/management.pf", slurp(root / "common/management.pf")},
    };
    std::vector<std::string> asked;
    CompileOptions opts;
    opts.read_import = [&](const std::string& path) -> std::optional<std::string> {
        asked.push_back(path);
        auto it = store.find(path);
        if (it == store.end()) return std::nullopt;
        return it->second;
    };
    CompileResult c = compile_source("db/huadu/2023.pf", slurp(root / "huadu/2023.pf"), opts);
    REQUIRE(c.ok());
    CHECK(asked == std::vector<std::string>{"db/guangzhou/2022.pf", "db/common/management.pf"});
    DataResult d = load_data_file((root / "huadu/2023.example.json").string());
    REQUIRE(d.ok());
    ScoreResult s = score(*c.ruleset, *d.data);
    REQUIRE(s.sheet->total);
    CHECK(s.sheet->total->to_fixed(2) == "96.50");
}

TEST_CASE("api: a host that allows no imports gets E0602, not a file read", "[api]") {
    const fs::path root = PINGFEN_SOURCE_DIR "/rulesets";
    CompileOptions opts;
    opts.read_import = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
    // The real path: the file system would find the city's ruleset, the host's reader does not.
    CompileResult c = compile_file((root / "huadu/2023.pf").string(), opts);
    CHECK_FALSE(c.ok());
    const Diagnostic* d = find_code(c.diagnostics, "E0602");
    REQUIRE(d);
    CHECK(d->source_line.rfind("引用", 0) == 0);
    // The default still reads the file system.
    CHECK(compile_file((root / "huadu/2023.pf").string()).ok());
}

TEST_CASE("api: an exception inside pingfen comes back as E0010, not through the host", "[api]") {
    auto thrown = api::guarded<ScoreResult>("某部门", []() -> ScoreResult { throw std::logic_error("bad state"); });
    CHECK_FALSE(thrown.sheet);
    CHECK_FALSE(thrown.ok());
    REQUIRE(thrown.diagnostics.size() == 1);
    CHECK(thrown.diagnostics[0].code == "E0010");
    CHECK(thrown.diagnostics[0].path == "某部门");
    CHECK(thrown.diagnostics[0].message_en == "pingfen internal error (please report it): bad state");
    CHECK(render(thrown.diagnostics[0]).find("E0010") != std::string::npos);

    auto oom = api::guarded<CompileResult>("a.pf", []() -> CompileResult { throw std::bad_alloc(); });
    CHECK_FALSE(oom.ok());
    REQUIRE(oom.diagnostics.size() == 1);
    CHECK(oom.diagnostics[0].message_zh == "内存不足，无法完成");

    auto odd = api::guarded<DataResult>("d.json", []() -> DataResult { throw 42; });
    CHECK_FALSE(odd.ok());
    CHECK(odd.diagnostics.at(0).code == "E0010");

    auto fine = api::guarded<DataResult>("d.json", [] { return parse_data("d.json", R"({"数据": {}})"); });
    CHECK(fine.ok());
}

namespace {

// A datum read from a file, as a host would build it in code.
Datum as_datum(const ast::DataValue& v) {
    switch (v.kind) {
        case ast::DataValue::Kind::Number: return v.percent ? Datum::percent(v.number) : Datum::number(v.number);
        case ast::DataValue::Kind::Bool: return Datum::yes_no(v.boolean);
        case ast::DataValue::Kind::Text: return Datum::text(v.text);
        case ast::DataValue::Kind::List: {
            std::vector<Datum> items;
            for (const auto& x : v.list) items.push_back(as_datum(x));
            return Datum::list(std::move(items));
        }
        case ast::DataValue::Kind::Object: {
            std::vector<DatumField> fields;
            for (const auto& f : v.fields) fields.push_back({f.first, as_datum(f.second)});
            return Datum::row(std::move(fields));
        }
    }
    return Datum();
}

}  // namespace

TEST_CASE("api: data built in code scores like the same data read from a file", "[api]") {
    // Every bundled department, rebuilt field by field through Datum: goal tables, lists,
    // percentages, yes/no and texts all arrive as the file's do, to the same sheet.
    for (const char* year : {"guangzhou/2022", "huadu/2023", "haizhu/2023", "conghua/2024"}) {
        INFO(year);
        const std::string base = std::string(PINGFEN_SOURCE_DIR "/rulesets/") + year;
        CompileResult c = compile_file(base + ".pf");
        DataResult file = load_data_file(base + ".example.json");
        REQUIRE(c.ok());
        REQUIRE(file.ok());
        std::vector<DatumField> fields;
        for (const auto& f : file.data->fields) fields.push_back({f.name, as_datum(f.value)});
        DataResult built = make_data(file.data->department, file.data->year, std::move(fields));
        REQUIRE(built.ok());
        ScoreResult a = score(*c.ruleset, *file.data), b = score(*c.ruleset, *built.data);
        REQUIRE(b.ok());
        CHECK(sheet_as_json(*a.sheet) == sheet_as_json(*b.sheet));
    }
}

TEST_CASE("api: data built in code, by hand", "[api]") {
    CompileResult c = compile_source("hand.pf", R"(规则集 "手工数据" 年度 2024 总分 10
舍入 叶指标 四舍五入 保留 2 位
输入 { 结余 金额(万元) ≥ 0  预算 金额(万元) > 0  执行率 百分比 [0, 100%]  已公开 是否  月度 列表(百分比)  目标 目标表 }
指标 结余率 2 { 若 结余 / 预算 ≤ 10% 则 得满分 否则 不得分 }
指标 执行 2 { 按 执行率 比例计分，封顶 100% }
指标 公开 2 { 若 已公开 则 得满分 否则 不得分 }
指标 进度 2 { 按 封顶平均(月度, 100%) 比例计分，封顶 100% }
指标 目标完成 2 {
  按 目标 完成率计分 { 分值分配 平均分配  < 60% 不得分  [60%, 100%] 按 完成率 比例计分，封顶 100%  > 100% 得满分 }
}
)");
    REQUIRE(c.ok());
    DataResult d = make_data("手工局", 2024,
                             {{"结余", Datum::number("1222.61")},
                              {"预算", Datum::number(*Decimal::parse("44792.02"))},
                              {"执行率", Datum::percent("92.31%")},
                              {"已公开", Datum::yes_no(true)},
                              {"月度", Datum::list({Datum::percent("0.9"), Datum::percent("110%")})},
                              {"目标", Datum::list({Datum::row({{"名称", Datum::text("甲")},
                                                               {"目标", Datum::number("100")},
                                                               {"实际", Datum::number("80")}}),
                                                   Datum::row({{"名称", Datum::text("乙")},
                                                               {"目标", Datum::text("≥2")},
                                                               {"实际", Datum::number("3")}})})}});
    REQUIRE(d.ok());
    ScoreResult s = score(*c.ruleset, *d.data);
    REQUIRE(s.ok());
    CHECK(s.sheet->department == "手工局");
    CHECK(s.sheet->indicators()[0].score()->to_fixed(2) == "2.00");  // 2.73% ≤ 10%
    CHECK(s.sheet->indicators()[1].score()->to_fixed(2) == "1.85");  // 92.31% × 2 = 1.8462
    CHECK(s.sheet->indicators()[2].score()->to_fixed(2) == "2.00");
    CHECK(s.sheet->indicators()[3].score()->to_fixed(2) == "1.90");  // (90% + 100%) / 2 × 2
    CHECK(s.sheet->indicators()[4].score()->to_fixed(2) == "1.80");  // 80% × 1 + 1
    CHECK(s.sheet->total->to_fixed(2) == "9.55");

    // Bad text and a name given twice are reported as a file's would be; a wrong type is found
    // when scoring, naming the field.
    DataResult bad = make_data("手工局", 2024, {{"结余", Datum::number("一千")}, {"预算", Datum::number("1")},
                                                {"预算", Datum::number("2")}});
    CHECK_FALSE(bad.ok());
    REQUIRE(bad.diagnostics.size() == 2);
    CHECK(bad.diagnostics[0].code == "E0407");
    CHECK(bad.diagnostics[0].path == "手工局");
    CHECK(bad.diagnostics[1].code == "E0410");
    DataResult typed = make_data("手工局", 2024, {{"结余", Datum::text("很多")}, {"预算", Datum::number("1")},
                                                  {"执行率", Datum::percent("90%")}, {"已公开", Datum::yes_no(true)},
                                                  {"月度", Datum::list({})}, {"目标", Datum::list({})}});
    REQUIRE(typed.ok());
    ScoreResult t = score(*c.ruleset, *typed.data);
    CHECK_FALSE(t.ok());
    CHECK_FALSE(t.sheet->indicators()[0].score());
    CHECK(t.sheet->indicators()[1].score());
    bool names_field = false;
    for (const auto& diag : t.diagnostics) names_field = names_field || diag.message_zh.find("结余") != std::string::npos;
    CHECK(names_field);
}

namespace {

// Leaf scores of a sheet, in sheet order, as score_leaves() gives them.
void sheet_leaves(std::span<const ScoreNode> nodes, std::vector<std::optional<Decimal>>& out) {
    for (const auto& n : nodes) {
        if (n.children().empty()) out.push_back(n.score());
        else sheet_leaves(n.children(), out);
    }
}

std::string shown(const std::optional<Decimal>& d) { return d ? d->to_string() : "-"; }

}  // namespace

TEST_CASE("api: score_leaves gives score()'s numbers, ruleset after ruleset on one thread", "[api]") {
    struct Case {
        std::string ruleset, data;
    };
    const std::string root = PINGFEN_SOURCE_DIR;
    std::vector<Case> cases;
    for (const char* year : {"guangzhou/2022", "huadu/2023", "haizhu/2023", "conghua/2024"})
        cases.push_back({root + "/rulesets/" + year + ".pf", root + "/rulesets/" + year + ".example.json"});
    // Points moved by 不适用, bonus and penalty items, parts, goal tables, and bad data.
    cases.push_back({root + "/tests/lang/patterns.pf", root + "/tests/lang/patterns.data.pf"});
    cases.push_back({root + "/tests/golden/data/missing_and_bad_fields.pf", root + "/tests/golden/data/missing_and_bad_fields.json"});
    // Twice round, so that each ruleset also reuses a tree last built for another one.
    for (int round = 0; round < 2; ++round) {
        for (const auto& c : cases) {
            INFO(c.ruleset << " round " << round);
            CompileResult r = compile_file(c.ruleset);
            DataResult d = load_data_file(c.data);
            REQUIRE(r.ok());
            REQUIRE(d.ok());
            ScoreResult full = score(*r.ruleset, *d.data);
            LeafScores lean = score_leaves(*r.ruleset, *d.data);
            std::vector<std::optional<Decimal>> expected;
            sheet_leaves(full.sheet->indicators(), expected);
            REQUIRE(lean.leaves.size() == ruleset_leaves(*r.ruleset).size());
            REQUIRE(lean.leaves.size() == expected.size());
            for (std::size_t k = 0; k < expected.size(); ++k) CHECK(shown(lean.leaves[k]) == shown(expected[k]));
            CHECK(shown(lean.total) == shown(full.sheet->total));
            CHECK(lean.grade == full.sheet->grade);
            CHECK(lean.department == full.sheet->department);
            CHECK(lean.ok() == full.ok());
            REQUIRE(lean.diagnostics.size() == full.diagnostics.size());
            for (std::size_t k = 0; k < full.diagnostics.size(); ++k) CHECK(render(lean.diagnostics[k]) == render(full.diagnostics[k]));
        }
    }
}

// similar_names remembers each name's simplified form per thread: a warm process (the REPL, the
// workbench, a server) still finds the traditional twin on every compile, and a name's memory does
// not leak into a ruleset where its twin is absent.
TEST_CASE("api: a traditional twin of a name is found on every compile of a warm process", "[api][issue14]") {
    const std::string twins = R"(规则集 "繁简" 年度 2024 总分 2
舍入 叶指标 四舍五入 保留 2 位
输入 { 预算执行率 百分比 [0, 100%]  預算執行率 百分比 [0, 100%] }
指标 执行 1 { 按 预算执行率 比例计分，封顶 100% }
指标 執行 1 { 按 預算執行率 比例计分，封顶 100% }
)";
    const std::string alone = R"(规则集 "繁" 年度 2024 总分 1
舍入 叶指标 四舍五入 保留 2 位
输入 { 預算執行率 百分比 [0, 100%] }
指标 執行 1 { 按 預算執行率 比例计分，封顶 100% }
)";
    auto e0205 = [](const pingfen::CompileResult& c) {
        int n = 0;
        for (const auto& d : c.diagnostics) n += d.code == "E0205" ? 1 : 0;
        return n;
    };
    for (int round = 0; round < 3; ++round) {
        const auto first = pingfen::compile_source("twins.pf", twins);
        CHECK(e0205(first) == 2);  // the inputs, and the sibling indicators
        CHECK(e0205(pingfen::compile_source("alone.pf", alone)) == 0);
    }
}

// score_leaves() adds the leaves' scores straight into the total when every sum is exact (leaves
// rounded to p places, all weights below 10^(33−p)), and through each parent's sum otherwise, as
// score() does: with weights near 10^32 the grouping changes the 34th digit, and score_leaves()
// must still give score()'s total.
TEST_CASE("api: score_leaves adds the total as score() does, exact or not", "[api]") {
    auto totals = [](const std::string& src) {
        CompileResult r = compile_source("sum.pf", src);
        REQUIRE(r.ok());
        DataResult d = parse_data("d.pf", "数据 \"部门\" 年度 2023 {\n}\n");
        REQUIRE(d.ok());
        ScoreResult full = score(*r.ruleset, *d.data);
        LeafScores lean = score_leaves(*r.ruleset, *d.data);
        REQUIRE(full.sheet);
        REQUIRE(lean.leaves.size() == 3);
        CHECK(lean.ok());
        return shown(lean.total) + " " + shown(full.sheet->total);
    };
    // A + (b + c) rounds the 34th digit to …806.4; (a + b) + c would give …806.3.
    CHECK(totals(R"(规则集 "大" 年度 2023 总分 180000000000000000000000000000001
舍入 叶指标 四舍五入 保留 2 位
指标 A 80000000000000000000000000000000 {
  指标 a 80000000000000000000000000000000 { 得 74928661143420852562234388902119.29 分 }
}
指标 B 100000000000000000000000000000001 {
  指标 b 100000000000000000000000000000000 { 得 98162577151922067254065010995686.94 分 }
  指标 c 1 { 得 0.14 分 }
}
)") == "173091238295342919816299399897806.4 173091238295342919816299399897806.4");
    // Small weights: every sum exact, the leaves added straight into the total.
    CHECK(totals(R"(规则集 "小" 年度 2023 总分 18
舍入 叶指标 四舍五入 保留 2 位
指标 A 8 {
  指标 a 8 { 得 7.29 分 }
}
指标 B 10 {
  指标 b 9 { 得 8 / 3 分 }
  指标 c 1 { 得 0.145 分 }
}
)") == "10.11 10.11");
}
