// Issue 16, item 6: a part of a leaf's 分项 not applicable, its points moved to another leaf or
// part (“如被评价部门没有主管的转移支付资金或无需批复下属单位预算，则相应指标分值调整至‘支出完成率’”).
// Every expected score is worked out by hand from the standard; the total stays what it would
// be were the moved points scored where they went.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "pingfen/authoring.hpp"
#include "pingfen/pingfen.hpp"
#include "pingfen/testing.hpp"
#include "support.hpp"

using namespace pingfen;
using pingfen::test::run_pingfen;
using pingfen::test::slurp;

namespace {

const char* kPattern = "rulesets/patterns/part_not_applicable.pf";

std::shared_ptr<const Ruleset> pattern() {
    static auto r = [] {
        auto c = compile_source(kPattern, slurp(std::string(PINGFEN_SOURCE_DIR) + "/" + kPattern));
        for (const auto& d : c.diagnostics) INFO(render(d));
        REQUIRE(c.ok());
        return c.ruleset;
    }();
    return r;
}

// 支出完成率 80%, both parts of 预算批复下达 scored (批复 on time, 下达 not), unless `no_units` or
// `no_transfers` makes that part not applicable.
ScoreSheet sheet(bool no_units, bool no_transfers, Language lang = Language::Chinese, bool no_pilot = false) {
    std::string yes_no[] = {"否", "是"};
    std::string data = "数据 \"甲局\" {\n 支出完成率 = 80%\n 无需批复下属单位预算 = " + yes_no[no_units] +
                       "\n 下属单位预算按时批复 = 是\n 无主管转移支付 = " + yes_no[no_transfers] +
                       "\n 转移支付按时下达 = 否\n 目标编报完整 = 是\n 未开展监控试点 = " + yes_no[no_pilot] + "\n 监控按时完成 = 否\n}\n";
    DataResult d = parse_data("甲局.data.pf", data);
    REQUIRE(d.ok());
    ScoreOptions o;
    o.language = lang;
    ScoreResult s = score(*pattern(), *d.data, o);
    for (const auto& x : s.diagnostics) INFO(render(x));
    REQUIRE(s.diagnostics.empty());
    return *s.sheet;
}

const ScoreNode& node(const ScoreSheet& s, const std::string& name) {
    for (const auto& c : s.indicators().front().children())
        if (c.name() == name) return c;
    FAIL("no " << name);
    return s.indicators().front();
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::string codes(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds)
        if (d.severity == Severity::Error) out += (out.empty() ? "" : " ") + d.code;
    return out;
}

std::string two_leaves(const std::string& inputs, const std::string& first, const std::string& second) {
    return "规则集 \"t\" 年度 2024 总分 10\n舍入 叶指标 四舍五入 保留 2 位\n输入 { " + inputs + " }\n一级指标 甲 10 {\n" + first + "\n" +
           second + "\n}\n";
}

// A ruleset of one parent (two_leaves), scored on `data` ({ x = 是 } and the like).
ScoreSheet scored(const std::string& rules, const std::string& data) {
    auto c = compile_source("t.pf", rules);
    for (const auto& x : c.diagnostics) INFO(render(x));
    REQUIRE(c.ok());
    auto d = parse_data("d.data.pf", "数据 \"d\" " + data);
    REQUIRE(d.ok());
    ScoreResult r = score(*c.ruleset, *d.data);
    REQUIRE(r.sheet);
    return *r.sheet;
}

}  // namespace

TEST_CASE("part not applicable: everything applies, every part scored on its own points", "[part_na]") {
    ScoreSheet s = sheet(false, false);
    CHECK(node(s, "支出完成率").weight() == Decimal::from_int(5));
    CHECK(node(s, "支出完成率").score()->to_string() == "4");
    CHECK(node(s, "预算批复下达").weight() == Decimal::from_int(3));
    CHECK(node(s, "预算批复下达").score()->to_string() == "2");
    CHECK(s.total->to_string() == "7");
}

TEST_CASE("part not applicable: one part's 2 points go to 支出完成率, the other part is scored as usual", "[part_na]") {
    ScoreSheet s = sheet(true, false);
    const ScoreNode& rate = node(s, "支出完成率");
    const ScoreNode& approval = node(s, "预算批复下达");
    // 支出完成率 on 5 + 2 = 7 points: 80% × 7 = 5.6; the leaf keeps its 1-point part, scored 0.
    CHECK(rate.weight().to_string() == "7");
    CHECK(rate.score()->to_string() == "5.6");
    CHECK(approval.weight().to_string() == "1");
    CHECK(approval.score()->to_string() == "0");
    CHECK_FALSE(approval.not_applicable());
    CHECK(has(approval.basis(), "分项“批复下属单位预算”不适用，2分调整至“预算管理 › 支出完成率”"));
    CHECK(has(approval.basis(), "转移支付下达（1 分）"));
    CHECK(has(rate.basis(), "含自 预算管理 › 预算批复下达 › 批复下属单位预算 移入的 2 分"));
    // The parent's weight and the total are as declared: the points moved, none were lost.
    CHECK(s.indicators().front().weight().to_string() == "10");
    CHECK(s.total->to_string() == "6.6");  // 5.6 + 0 + 目标管理 1 + 监控 0

    ScoreSheet en = sheet(true, false, Language::English);
    CHECK(has(node(en, "预算批复下达").basis(), "part “批复下属单位预算” not applicable: its 2 points moved to “预算管理 › 支出完成率”"));
    CHECK(has(node(en, "支出完成率").basis(), "includes 2 points moved from 预算管理 › 预算批复下达 › 批复下属单位预算"));
}

TEST_CASE("part not applicable: the other part's 1 point alone", "[part_na]") {
    ScoreSheet s = sheet(false, true);
    CHECK(node(s, "支出完成率").weight().to_string() == "6");
    CHECK(node(s, "支出完成率").score()->to_string() == "4.8");
    CHECK(node(s, "预算批复下达").weight().to_string() == "2");
    CHECK(node(s, "预算批复下达").score()->to_string() == "2");
    CHECK(has(node(s, "预算批复下达").basis(), "分项“转移支付下达”不适用，1分调整至“预算管理 › 支出完成率”"));
}

TEST_CASE("part not applicable: both parts, and the whole leaf's 3 points move, shown as such", "[part_na]") {
    ScoreSheet s = sheet(true, true);
    const ScoreNode& approval = node(s, "预算批复下达");
    CHECK(approval.not_applicable());
    CHECK(approval.weight().is_zero());
    CHECK(approval.score()->is_zero());
    CHECK(approval.basis() == "不适用（各分项均不适用），分值 3 分移至 预算管理 › 支出完成率");
    CHECK(node(s, "支出完成率").weight().to_string() == "8");
    CHECK(node(s, "支出完成率").score()->to_string() == "6.4");
    CHECK(s.total->to_string() == "7.4");  // 6.4 + 目标管理 1
    CHECK(has(sheet_as_json(s), "\"not_applicable\": true"));
    ScoreSheet en = sheet(true, true, Language::English);
    CHECK(node(en, "预算批复下达").basis() == "not applicable (no part applies): its 3 points move to 预算管理 › 支出完成率");
}

TEST_CASE("part not applicable: points moved to a part of another leaf", "[part_na]") {
    ScoreSheet s = sheet(false, false, Language::Chinese, true);
    const ScoreNode& perf = node(s, "绩效管理");
    CHECK(perf.weight().to_string() == "2");
    CHECK(perf.score()->to_string() == "2");  // 目标管理 on 1 + 1 points, complete
    CHECK(has(perf.basis(), "目标管理（2 分，含自 预算管理 › 绩效管理 › 绩效监控 移入的 1 分）"));
    CHECK(has(perf.basis(), "分项“绩效监控”不适用，1分调整至“预算管理 › 绩效管理 › 目标管理”"));
}

TEST_CASE("part not applicable: the sheet in every format says so", "[part_na]") {
    ScoreSheet s = sheet(true, false);
    const std::string said = "分项“批复下属单位预算”不适用，2分调整至“预算管理 › 支出完成率”";
    SheetFormat f;
    f.explain = true;
    CHECK(has(sheet_as_table(s, f), said));
    CHECK(has(sheet_as_json(s), said));
    CHECK(has(sheet_as_csv(s), said));
    CHECK(has(sheet_as_markdown(s), said));
    CHECK(has(sheet_as_html(s), said));
    // The 自评表 (CSV and xlsx): the leaf's weight on the sheet is the one it was scored on.
    CHECK(has(sheet_as_csv(s), "预算管理,10.00,预算批复下达,1.00,"));
    CHECK(has(sheet_as_csv(s), "预算管理,10.00,支出完成率,7.00,"));
    const std::string file = (std::filesystem::temp_directory_path() / ("pingfen_part_na_" + std::to_string(::getpid()) + ".xlsx")).string();
    std::string error;
    REQUIRE(write_sheet_xlsx(s, file, Language::Chinese, &error));
    auto xml = pingfen::test::shell("python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
                                    "print(''.join(z.read(n).decode() for n in z.namelist() if n.endswith('.xml')))\" '" + file + "'");
    std::filesystem::remove(file);
    CHECK(has(xml.out, said));
}

TEST_CASE("part not applicable: a chain lands where the last target applies, the total unchanged", "[part_na]") {
    // 甲.A's part moves to 甲.B, which does not apply either and moves to 甲.C: the 1 point goes on.
    ScoreSheet sheet = scored(two_leaves("x 是否  y 是否",
        "二级指标 A 3 { 分项 { a1 2 分 { 得满分 }  a2 1 分 { 不适用 若 x，分值移至 甲.B\n 不得分 } } }\n"
        "二级指标 B 2 { 不适用 若 y，分值移至 甲.C\n 不得分 }",
        "二级指标 C 5 { 得满分 }"), "{ x = 是  y = 是 }");
    const auto& kids = sheet.indicators().front().children();
    CHECK(kids[0].weight().to_string() == "2");
    CHECK(kids[1].not_applicable());
    CHECK(kids[1].basis() == "不适用，分值 3 分移至 甲 › C，含自 甲 › A › a2 移入的 1 分");
    CHECK(kids[2].weight().to_string() == "8");
    CHECK(kids[2].score()->to_string() == "8");
    CHECK(sheet.total->to_string() == "10");  // a1 2 + C 8: every point scored somewhere
}

TEST_CASE("part not applicable: percentage parts of a leaf that took points, one part moving on", "[part_na]") {
    // B (2) moves to A as a whole: A's 50%/50% parts are on 2.5 each; a2 does not apply and
    // moves its 2.5 to C. A is left with 2.5, C has 5 + 2.5: 10 in all.
    ScoreSheet sheet = scored(two_leaves("x 是否",
        "二级指标 A 3 { 分项 { a1 50% { 得满分 }  a2 50% { 不适用 若 x，分值移至 甲.C\n 不得分 } } }\n"
        "二级指标 B 2 { 不适用 若 x，分值移至 甲.A\n 不得分 }",
        "二级指标 C 5 { 得满分 }"), "{ x = 是 }");
    const auto& kids = sheet.indicators().front().children();
    CHECK(kids[0].weight().to_string() == "2.5");
    CHECK(kids[0].score()->to_string() == "2.5");
    CHECK(kids[2].weight().to_string() == "7.5");
    CHECK(sheet.total->to_string() == "10");
}

TEST_CASE("part not applicable: a part granted full points with a reason", "[part_na]") {
    ScoreSheet sheet = scored(two_leaves("x 是否",
        "二级指标 A 5 { 分项 { a1 2 分 { 不得分 }  a2 3 分 { 不适用 若 x，得满分，理由 \"涉密单位免于公开\"\n 不得分 } } }",
        "二级指标 C 5 { 得满分 }"), "{ x = 是 }");
    const auto& a = sheet.indicators().front().children()[0];
    CHECK(a.score()->to_string() == "3");
    CHECK(has(a.basis(), "分项“a2”不适用，得满分 3 分（涉密单位免于公开）"));
}

TEST_CASE("part not applicable: what cannot be written", "[part_na]") {
    // Points that would move in a circle: an error at both moves.
    auto circle = compile_source("t.pf", two_leaves("x 是否",
        "二级指标 A 5 { 分项 { a1 2 分 { 得满分 }  a2 3 分 { 不适用 若 x，分值移至 甲.C\n 不得分 } } }",
        "二级指标 C 5 { 不适用 若 x，分值移至 甲.A.a2\n 得满分 }"));
    CHECK(codes(circle.diagnostics) == "E0229");
    for (const auto& x : circle.diagnostics)
        if (x.code == "E0229") {
            CHECK(x.line == 5);
            REQUIRE(x.notes.size() == 1);
            CHECK(x.notes[0].line == 7);
        }
    // A circle beside a leaf that only takes points from it: the circle is found, not the leaf.
    auto beside = compile_source("t.pf", two_leaves("x 是否  y 是否",
        "二级指标 P 2 { 得满分 }\n二级指标 Q 4 { 不适用 若 x，分值移至 甲.R\n 得满分 }",
        "二级指标 R 4 { 不适用 若 x，分值移至 甲.Q\n 不适用 若 y，分值移至 甲.P\n 得满分 }"));
    CHECK(codes(beside.diagnostics) == "E0229");
    for (const auto& x : beside.diagnostics)
        if (x.code == "E0229") CHECK(has(x.message_zh, "甲.R → 甲.Q → 甲.R"));
    // To the leaf it is a part of.
    auto own = compile_source("t.pf", two_leaves("x 是否",
        "二级指标 A 5 { 分项 { a1 2 分 { 得满分 }  a2 3 分 { 不适用 若 x，分值移至 甲.A\n 不得分 } } }", "二级指标 C 5 { 得满分 }"));
    CHECK(codes(own.diagnostics) == "E0219");
    // To a leaf of parts with points, naming no part: nothing would take them.
    auto whole = compile_source("t.pf", two_leaves("x 是否",
        "二级指标 A 5 { 分项 { a1 2 分 { 得满分 }  a2 3 分 { 得满分 } } }", "二级指标 C 5 { 不适用 若 x，分值移至 甲.A\n 得满分 }"));
    CHECK(codes(whole.diagnostics) == "E0230");
    // A part under 若: nothing would move it.
    auto nested = compile_source("t.pf", two_leaves("x 是否",
        "二级指标 A 5 { 若 x 则 （分项 { a1 2 分 { 得满分 }  a2 3 分 { 不适用 若 x，分值移至 甲.C\n 不得分 } }） 否则 不得分 }",
        "二级指标 C 5 { 得满分 }"));
    CHECK(codes(nested.diagnostics) == "E0119");
}

TEST_CASE("part not applicable: the pattern's tests pass and reach every outcome, each part's 不适用 included", "[part_na]") {
    auto r = run_pingfen(std::string("test --coverage --min 100% ") + kPattern);
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    // Without the tests where a part does not apply, those outcomes are left unreached.
    Coverage cov;
    std::string text = slurp(std::string(PINGFEN_SOURCE_DIR) + "/" + kPattern);
    text = text.substr(0, text.find("测试 \"无需批复"));
    const std::string tmp = (std::filesystem::temp_directory_path() / ("pingfen_part_na_" + std::to_string(::getpid()) + ".pf")).string();
    std::ofstream(tmp, std::ios::binary) << text;
    cov.run(tmp);
    std::filesystem::remove(tmp);
    std::string out = coverage_as_text(cov.report());
    CHECK(has(out, "分项“批复下属单位预算”不适用（无需批复下属单位预算），分值移出"));
    CHECK(has(out, "分项“转移支付下达”不适用（无主管转移支付），分值移出"));
}

TEST_CASE("part not applicable: flatten keeps each part's clause, and diff names the part", "[part_na]") {
    FlattenResult f = flatten_ruleset(*pattern());
    for (const auto& d : f.diagnostics) INFO(render(d));
    REQUIRE(f.text);
    CHECK(has(*f.text, "不适用 若 无需批复下属单位预算，分值移至 预算管理.支出完成率"));
    auto again = compile_source("flat.pf", *f.text);
    REQUIRE(again.ok());

    // The same system without the clause: the department without subordinate units scores
    // differently, and the cause names the part that no longer applies.
    std::string text = slurp(std::string(PINGFEN_SOURCE_DIR) + "/" + kPattern);
    const std::string clause = "不适用 若 无需批复下属单位预算，分值移至 预算管理.支出完成率";
    text.replace(text.find(clause), clause.size(), "");
    auto before = compile_source("before.pf", text);
    REQUIRE(before.ok());
    RulesetDiff diff = diff_rulesets(*before.ruleset, *pattern());
    auto d = parse_data("d.data.pf",
                        "数据 \"甲局\" { 支出完成率 = 80%  无需批复下属单位预算 = 是  下属单位预算按时批复 = 是  无主管转移支付 = 否"
                        "  转移支付按时下达 = 是  目标编报完整 = 是  未开展监控试点 = 否  监控按时完成 = 是 }");
    REQUIRE(d.ok());
    DepartmentComparison cmp = compare_department(*before.ruleset, *pattern(), *d.data, diff);
    CHECK(cmp.total_a->to_string() == "9");    // 4 + 3 + 2
    CHECK(cmp.total_b->to_string() == "8.6");  // 5.6 + 1 + 2
    std::string causes;
    for (const auto& x : cmp.indicators) causes += x.cause_zh + "\n";
    INFO(causes);
    CHECK(has(causes, "批复下属单位预算"));
    CHECK(has(causes, "不适用，分值移至 预算管理 › 支出完成率"));
}

TEST_CASE("part not applicable: whichever parts apply, full marks everywhere is still the system's total", "[part_na]") {
    // Every combination of the three clauses, every rule met: the weights on the sheet add up
    // to 10 and so does the score, so no moved point was lost or counted twice.
    for (int mask = 0; mask < 8; ++mask) {
        std::string yes_no[] = {"否", "是"};
        std::string data = "数据 \"甲局\" { 支出完成率 = 100%  无需批复下属单位预算 = " + yes_no[mask & 1] +
                           "  下属单位预算按时批复 = 是  无主管转移支付 = " + yes_no[(mask >> 1) & 1] +
                           "  转移支付按时下达 = 是  目标编报完整 = 是  未开展监控试点 = " + yes_no[(mask >> 2) & 1] + "  监控按时完成 = 是 }";
        DataResult d = parse_data("d.data.pf", data);
        REQUIRE(d.ok());
        ScoreResult s = score(*pattern(), *d.data);
        INFO("mask " << mask);
        REQUIRE(s.sheet);
        Decimal weights;
        for (const auto& c : s.sheet->indicators().front().children()) weights = weights + c.weight();
        CHECK(weights.to_string() == "10");
        CHECK(s.sheet->total->to_string() == "10");
    }
}

TEST_CASE("part not applicable: both parts to different leaves, each named on the sheet", "[part_na]") {
    ScoreSheet sheet = scored(two_leaves("x 是否",
        "二级指标 A 3 { 分项 { a1 2 分 { 不适用 若 x，分值移至 甲.B\n 得满分 }  a2 1 分 { 不适用 若 x，分值移至 甲.C\n 得满分 } } }\n"
        "二级指标 B 2 { 得满分 }",
        "二级指标 C 5 { 得满分 }"), "{ x = 是 }");
    const auto& kids = sheet.indicators().front().children();
    CHECK(kids[0].not_applicable());
    CHECK(kids[0].basis() == "不适用（各分项均不适用）：分项“a1”2分调整至“甲 › B”，分项“a2”1分调整至“甲 › C”");
    CHECK(kids[1].weight().to_string() == "4");
    CHECK(kids[2].weight().to_string() == "6");
    CHECK(sheet.total->to_string() == "10");
}

TEST_CASE("part not applicable: points moved to a part of a leaf that does not apply go where the leaf's go", "[part_na]") {
    // C's 2 points go to A.a1; A does not apply as a whole and moves to B: B takes A's 3 and C's 2.
    ScoreSheet sheet = scored(two_leaves("x 是否",
        "二级指标 A 3 { 不适用 若 x，分值移至 甲.B\n 分项 { a1 2 分 { 得满分 }  a2 1 分 { 不适用 若 x，分值移至 甲.C\n 得满分 } } }\n"
        "二级指标 B 5 { 得满分 }",
        "二级指标 C 2 { 不适用 若 x，分值移至 甲.A.a1\n 得满分 }"), "{ x = 是 }");
    const auto& kids = sheet.indicators().front().children();
    CHECK(kids[0].not_applicable());
    CHECK(kids[0].basis() == "不适用，分值 5 分移至 甲 › B，含自 甲 › C 移入的 2 分");
    CHECK(kids[1].weight().to_string() == "10");
    CHECK(sheet.total->to_string() == "10");
}

TEST_CASE("part not applicable: a part's condition that cannot be evaluated is reported with the part's path", "[part_na]") {
    ScoreSheet sheet = scored(two_leaves("甲数 数值  乙数 数值",
        "二级指标 A 5 { 分项 { a1 2 分 { 得满分 }  a2 3 分 { 不适用 若 甲数 / 乙数 > 1，分值移至 甲.C\n 得满分 } } }",
        "二级指标 C 5 { 得满分 }"), "{ 甲数 = 1  乙数 = 0 }");
    bool said = false;
    for (const auto& x : sheet.diagnostics) said = said || (x.code == "E0501" && has(x.message_zh, "判断 `甲 › A › a2` 是否适用时出错"));
    CHECK(said);
}
