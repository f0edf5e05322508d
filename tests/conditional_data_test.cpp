// Data only where it is used (issue 16, item 17): a datum the department's evaluation reads and
// the data leaves out is E0401, naming the datum and the indicators that needed it; a datum read
// only on a branch not taken, by an indicator that does not apply, or on a tier row the value
// does not fall in, is not demanded. The API, the data form and `check` say which are conditional.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "pingfen/pingfen.hpp"
#include <nlohmann/json.hpp>

#include "repl_engine.hpp"
#include "support.hpp"
#include "workbench.hpp"

using namespace pingfen;

namespace {

// 采购: a ratio read only when 发生采购; 结转: an indicator that does not apply without 结转;
// 执行: read always.
const char* kRules =
    "规则集 \"条件数据\" 年度 2024 总分 9\n"
    "舍入 叶指标 四舍五入 保留 2 位\n"
    "输入 {\n"
    "  发生采购 是否\n"
    "  采购预算 金额(万元) > 0\n"
    "  实际采购 金额(万元) ≥ 0\n"
    "  有结转   是否\n"
    "  结转资金 金额(万元) ≥ 0\n"
    "  执行率   百分比 [0, 100%]\n"
    "}\n"
    "指标 执行 3 { 按 执行率 比例计分，封顶 100% }\n"
    "指标 采购 3 { 若 发生采购 则 按 实际采购 / 采购预算 比例计分，封顶 100% 否则 得满分 }\n"
    "指标 结转 3 {\n"
    "  不适用 若 非 有结转，分值移至 执行\n"
    "  若 结转资金 ≤ 100 则 得满分 否则 不得分\n"
    "}\n";

struct Scored {
    CompileResult compiled;
    ScoreResult result;
    const ScoreNode* node(const std::string& name) const {
        for (const auto& n : result.sheet->indicators())
            if (n.name() == name) return &n;
        return nullptr;
    }
    std::vector<const Diagnostic*> codes(const std::string& code) const {
        std::vector<const Diagnostic*> out;
        for (const auto& d : result.diagnostics)
            if (d.code == code) out.push_back(&d);
        return out;
    }
};

Scored run(const char* rules, const std::string& fields) {
    Scored s;
    s.compiled = compile_source("条件数据.pf", rules);
    REQUIRE(s.compiled.ok());
    DataResult d = parse_data("部门.pf", "数据 \"甲局\" 年度 2024 {\n" + fields + "\n}\n");
    REQUIRE(d.ok());
    s.result = score(*s.compiled.ruleset, *d.data, ScoreOptions{true});
    REQUIRE(s.result.sheet);
    return s;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("conditional data: a datum read only on a branch not taken or by an indicator that does not apply is not demanded",
          "[conditional]") {
    Scored s = run(kRules, "发生采购 = 否  有结转 = 否  执行率 = 90%");
    INFO(s.result.diagnostics.size());
    CHECK(s.result.diagnostics.empty());
    CHECK(s.result.ok());
    // 执行 on its own 3 points and the 3 moved from 结转: 90% × 6 = 5.4; 采购 full; total 8.4.
    REQUIRE(s.node("执行")->score());
    CHECK(s.node("执行")->score()->to_string() == "5.4");
    CHECK(s.node("采购")->score()->to_string() == "3");
    CHECK(s.node("结转")->not_applicable());
    REQUIRE(s.result.sheet->total);
    CHECK(s.result.sheet->total->to_string() == "8.4");
}

TEST_CASE("conditional data: a datum the taken branch reads is E0401 naming it and the indicator so that leaf is unscored and "
          "the others score",
          "[conditional]") {
    Scored s = run(kRules, "发生采购 = 是  有结转 = 否  执行率 = 90%");
    CHECK_FALSE(s.result.ok());
    auto missing = s.codes("E0401");
    // Both halves of the ratio, each once, each naming 采购 and why it is read.
    REQUIRE(missing.size() == 2);
    CHECK(missing[0]->message_zh ==
          "缺少数据 `采购预算`（金额（万元）），需要它的指标：采购（该指标仅当 `发生采购` 为是 时读取它）");
    CHECK(missing[1]->message_zh ==
          "缺少数据 `实际采购`（金额（万元）），需要它的指标：采购（该指标仅当 `发生采购` 为是 时读取它）");
    CHECK(missing[0]->message_en ==
          "missing datum `采购预算` (an amount (万元)), needed by: 采购 (which reads it only when `发生采购` is yes)");
    CHECK(missing[0]->severity == Severity::Error);
    // No second error for the same datum (no E0501 "while scoring").
    CHECK(s.codes("E0501").empty());
    CHECK_FALSE(s.node("采购")->score());
    CHECK(has(s.node("采购")->basis(), "未评分：缺少数据 采购预算、实际采购"));
    REQUIRE(s.node("执行")->score());
    CHECK(s.node("执行")->score()->to_string() == "5.4");
    CHECK_FALSE(s.result.sheet->total);
}

TEST_CASE("conditional data: a datum read on every scoring is still demanded as before with all missing ones at once",
          "[conditional]") {
    Scored s = run(kRules, "发生采购 = 否  有结转 = 否");
    auto missing = s.codes("E0401");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0]->message_zh == "缺少数据 `执行率`（百分比），需要它的指标：执行");
    REQUIRE(missing[0]->notes.size() == 1);
    CHECK(missing[0]->notes[0].line == 9);
    CHECK_FALSE(s.node("执行")->score());
    CHECK(has(s.node("执行")->basis(), "执行率"));
    CHECK(s.node("采购")->score()->to_string() == "3");
}

TEST_CASE("conditional data: the datum that decides whether an indicator applies is demanded by it", "[conditional]") {
    Scored s = run(kRules, "发生采购 = 否  执行率 = 100%");
    auto missing = s.codes("E0401");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0]->message_zh == "缺少数据 `有结转`（是否），需要它的指标：结转");
    CHECK_FALSE(s.node("结转")->score());
    CHECK(has(s.node("结转")->basis(), "判断是否适用需要数据 有结转"));
    CHECK(s.node("采购")->score()->to_string() == "3");
}

TEST_CASE("conditional data: an indicator that applies reads its data and says so when it is missing", "[conditional]") {
    Scored s = run(kRules, "发生采购 = 否  有结转 = 是  执行率 = 100%");
    auto missing = s.codes("E0401");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0]->message_zh == "缺少数据 `结转资金`（金额（万元）），需要它的指标：结转（该指标仅当 `有结转` 为是 时读取它）");
    CHECK(s.node("执行")->score()->to_string() == "3");
}

TEST_CASE("conditional data: data bound once (bind_data) and score_leaves report the same", "[conditional]") {
    CompileResult c = compile_source("条件数据.pf", kRules);
    REQUIRE(c.ok());
    DataResult d = parse_data("部门.pf", "数据 \"甲局\" { 发生采购 = 是  有结转 = 否  执行率 = 90% }");
    REQUIRE(d.ok());
    auto bound = bind_data(*c.ruleset, d.data);
    REQUIRE(bound);
    ScoreResult once = score(*c.ruleset, *bound);
    LeafScores leaves = score_leaves(*c.ruleset, *d.data);
    auto count = [](const std::vector<Diagnostic>& ds) {
        return std::count_if(ds.begin(), ds.end(), [](const Diagnostic& x) { return x.code == "E0401"; });
    };
    CHECK(count(once.diagnostics) == 2);
    CHECK(count(leaves.diagnostics) == 2);
    REQUIRE(leaves.leaves.size() == 3);
    CHECK(leaves.leaves[0]->to_string() == "5.4");
    CHECK_FALSE(leaves.leaves[1]);
    CHECK(leaves.leaves[2]->to_string() == "0");
}

TEST_CASE("conditional data: a 默认 still stands in where the datum is read", "[conditional]") {
    const char* rules =
        "规则集 \"默认\" 总分 2\n"
        "舍入 叶指标 四舍五入 保留 2 位\n"
        "输入 {\n  有问题 是否\n  问题数 计数 默认 0\n}\n"
        "指标 合规 2 { 若 有问题 则 （扣分 { 问题数 每项 扣 0.5 分 }，扣完为止） 否则 得满分 }\n";
    Scored s = run(rules, "有问题 = 是");
    CHECK(s.result.diagnostics.empty());
    CHECK(s.node("合规")->score()->to_string() == "2");
}

TEST_CASE("conditional data: what both branches read and what 且 reads before its right side is read always",
          "[conditional]") {
    const char* rules =
        "规则集 \"两支\" 总分 2\n"
        "舍入 叶指标 四舍五入 保留 2 位\n"
        "输入 {\n  甲 是否\n  乙 是否\n  率 百分比\n  数 计数\n}\n"
        "指标 两支 1 { 若 甲 则 按 率 比例计分，封顶 100% 否则 按 率 / 2 比例计分，封顶 100% }\n"
        "指标 并且 1 { 若 乙 且 数 > 0 则 得满分 否则 不得分 }\n";
    CompileResult c = compile_source("两支.pf", rules);
    REQUIRE(c.ok());
    std::map<std::string, InputInfo> info;
    for (auto& in : ruleset_inputs(*c.ruleset)) info[in.name] = in;
    CHECK_FALSE(info["甲"].conditional);
    CHECK_FALSE(info["率"].conditional);  // read on both branches
    CHECK_FALSE(info["乙"].conditional);
    REQUIRE(info["数"].conditional);
    REQUIRE(info["数"].needed_when.size() == 1);
    CHECK(info["数"].needed_when[0].indicator == "并且");
    CHECK(info["数"].needed_when[0].when_zh == "`乙` 为是");
    CHECK(input_condition_text(info["数"], Language::Chinese) == "仅当 `乙` 为是 时需要（用于 并且）");
    CHECK(input_condition_text(info["数"], Language::English) == "needed only when `乙` is yes (for 并且)");
    CHECK(input_condition_text(info["率"], Language::Chinese).empty());

    // With 乙 no, 数 is never read: no datum needed.
    Scored s = run(rules, "甲 = 是  乙 = 否  率 = 50%");
    CHECK(s.result.diagnostics.empty());
    CHECK(s.node("并且")->score()->to_string() == "0");
}

TEST_CASE("conditional data: ruleset_inputs says when each conditional input is needed", "[conditional]") {
    CompileResult c = compile_source("条件数据.pf", kRules);
    REQUIRE(c.ok());
    std::map<std::string, InputInfo> info;
    for (auto& in : ruleset_inputs(*c.ruleset)) info[in.name] = in;
    CHECK_FALSE(info["执行率"].conditional);
    CHECK_FALSE(info["发生采购"].conditional);
    CHECK_FALSE(info["有结转"].conditional);  // decides whether 结转 applies: read for every department
    REQUIRE(info["采购预算"].conditional);
    CHECK(input_condition_text(info["采购预算"], Language::Chinese) == "仅当 `发生采购` 为是 时需要（用于 采购）");
    REQUIRE(info["结转资金"].conditional);
    CHECK(input_condition_text(info["结转资金"], Language::Chinese) == "仅当 `有结转` 为是 时需要（用于 结转）");
}

TEST_CASE("conditional data: a tier row's own rule reads its data only when the value falls in that row", "[conditional]") {
    const char* rules =
        "规则集 \"档\" 总分 2\n"
        "舍入 叶指标 四舍五入 保留 2 位\n"
        "输入 {\n  及时率 百分比 [0, 100%]\n  扣分值 数值 [0, 2]\n  扣分说明 文本\n}\n"
        "指标 入账 2 { 按 及时率 分档 { ≥ 90% 得满分  其余 酌情扣 扣分值 分 [0, 2]，理由 扣分说明 } }\n";
    Scored full = run(rules, "及时率 = 90%");
    CHECK(full.result.diagnostics.empty());
    CHECK(full.node("入账")->score()->to_string() == "2");
    Scored low = run(rules, "及时率 = 89.99%");
    auto missing = low.codes("E0401");
    REQUIRE(missing.size() == 1);
    CHECK(has(missing[0]->message_zh, "缺少数据 `扣分值`"));
    CHECK(has(missing[0]->message_zh, "需要它的指标：入账（该指标仅当 `及时率` < 90% 时读取它）"));
    CHECK_FALSE(low.node("入账")->score());
}

TEST_CASE("conditional data: the data form asks for a conditional input only in its case", "[conditional]") {
    CompileResult c = compile_source("条件数据.pf", kRules);
    REQUIRE(c.ok());
    FormResult json = data_form(*c.ruleset, FormFormat::Json);
    REQUIRE(json.bytes);
    CHECK(has(*json.bytes, "\"采购预算\": null"));
    CHECK(has(*json.bytes, "\"执行率\": \"\""));
    CHECK(has(*json.bytes, "仅当 `发生采购` 为是 时需要（用于 采购），否则不填"));
    // The JSON form as given, null left in place, scores without E0401 for a department that
    // made no purchase and has no 结转.
    std::string filled = *json.bytes;
    auto set = [&](const std::string& key, const std::string& value) {
        const std::string from = "\"" + key + "\": \"\"";
        filled.replace(filled.find(from), from.size(), "\"" + key + "\": " + value);
    };
    set("部门", "\"甲局\"");
    set("发生采购", "false");
    set("有结转", "false");
    set("执行率", "\"100%\"");
    DataResult d = parse_data("form.json", filled);
    REQUIRE(d.ok());
    ScoreResult s = score(*c.ruleset, *d.data);
    CHECK(s.diagnostics.empty());
    REQUIRE(s.sheet->total);
    CHECK(s.sheet->total->to_string() == "9");

    FormResult block = data_form(*c.ruleset, FormFormat::Block);
    REQUIRE(block.bytes);
    CHECK(has(*block.bytes, "  #  采购预算 = ？\n"));
    CHECK(has(*block.bytes, "\n  执行率 = ？\n"));
}

TEST_CASE("conditional data: check lists the conditional inputs and the pattern ruleset's tests pass", "[conditional]") {
    test::Run r = test::run_pingfen("check rulesets/patterns/conditional_data.pf");
    CHECK(r.status == 0);
    CHECK(has(r.out, "✓ rulesets/patterns/conditional_data.pf：没有错误\n"));
    CHECK(has(r.out, "    采购预算金额：仅当 `发生政府采购` 为是 时需要（用于 预算管理.政府采购执行）\n"));
    CHECK(has(r.out, "    结转结余资金：仅当 `有结转结余` 为是 时需要（用于 预算管理.结转结余控制）\n"));
    CHECK_FALSE(has(r.out, "    预算执行率："));
    test::Run en = test::run_pingfen("check --lang en rulesets/patterns/conditional_data.pf");
    CHECK(has(en.out, "    采购预算金额: needed only when `发生政府采购` is yes (for 预算管理.政府采购执行)\n"));
    test::Run t = test::run_pingfen("test rulesets/patterns/conditional_data.pf");
    CHECK(t.status == 0);
    CHECK(has(t.out, "14 个通过，0 个失败"));
}

TEST_CASE("conditional data: the REPL's input list says when a conditional input is needed", "[conditional]") {
    repl::ReplEngine e;
    e.start(std::string(PINGFEN_SOURCE_DIR) + "/rulesets/patterns/conditional_data.pf", "");
    const std::string text = e.submit(":inputs").text;
    CHECK(has(text, "政府采购执行，仅当 `发生政府采购` 为是 时需要"));
    CHECK(has(text, "资产入账，仅当 `新增资产入账及时率` < 90% 时需要"));
    CHECK_FALSE(has(text, "预算执行率，仅当"));
}

TEST_CASE("conditional data: batch scores a department that leaves out data it does not need and fails one that needs it",
          "[conditional]") {
    test::Run r = test::run_pingfen("batch rulesets/patterns/conditional_data.pf tests/batch/conditional_data.csv");
    CHECK(r.status == 1);
    // 甲局 made no purchase and has no 结转: blank cells, scored (95% × 7 = 6.65 with the 3 moved points).
    CHECK(has(r.out, "2,甲局,评分,11.65,,6.65,3.00,0.00,2.00,\r\n"));
    // 乙局 made purchases and left their amounts blank: that indicator unscored, the rest scored.
    CHECK(has(r.out, "3,乙局,失败,,,7.00,,0.00,2.00,E0401：缺少数据 `采购预算金额`"));
    // 丙局 gave everything: 4 + 1800 ÷ 2000 × 3 + 3 (10% ≤ 10%) + 2.
    CHECK(has(r.out, "4,丙局,评分,11.70,,4.00,2.70,3.00,2.00,\r\n"));
    CHECK(has(r.err, "tests/batch/conditional_data.csv:3: 错误[E0401]：缺少数据 `实际采购金额`"));
}

TEST_CASE("conditional data: the workbench's check lists the conditional inputs as pingfen check does", "[conditional]") {
    serve::Workbench bench(std::filesystem::path(PINGFEN_SOURCE_DIR) / "rulesets", {});
    serve::Edit e;
    e.path = "patterns/conditional_data.pf";
    e.text = test::slurp(std::filesystem::path(PINGFEN_SOURCE_DIR) / "rulesets" / e.path);
    auto reply = nlohmann::json::parse(bench.check(e).body);
    REQUIRE(reply.contains("conditional_inputs"));
    const auto& list = reply["conditional_inputs"];
    REQUIRE(list.size() == 6);
    CHECK(list[0]["name"] == "采购预算金额");
    CHECK(list[0]["when"] == "仅当 `发生政府采购` 为是 时需要（用于 预算管理.政府采购执行）");
}

TEST_CASE("conditional data: the 其余 row's condition is the other side of the rows before it, when they join",
          "[conditional]") {
    const char* rules =
        "规则集 \"其余\" 总分 3\n"
        "舍入 叶指标 四舍五入 保留 2 位\n"
        "输入 {\n  率 百分比\n  甲 数值 [0, 1]\n  乙 数值 [0, 1]\n  丙 数值 [0, 1]\n}\n"
        // ≥ 90%, [80%, 90%), [60%, 80%) join into ≥ 60%: 其余 is < 60%.
        "指标 连续 1 { 按 率 分档 { ≥ 90% 得 1 分  [80%, 90%) 得 0.5 分  [60%, 80%) 得 0.2 分  其余 得 甲 分 } }\n"
        // ≤ 10% and (10%, 20%]: 其余 is > 20%.
        "指标 向下 1 { 按 率 分档 { ≤ 10% 得 1 分  (10%, 20%] 得 0.5 分  其余 得 乙 分 } }\n"
        // A gap between the rows: said as the rows, not as a half-line.
        "指标 有缺 1 { 按 率 分档 { ≥ 90% 得 1 分  [60%, 80%) 得 0.5 分  其余 得 丙 分 } }\n";
    CompileResult c = compile_source("其余.pf", rules);
    REQUIRE(c.ok());
    std::map<std::string, InputInfo> info;
    for (auto& in : ruleset_inputs(*c.ruleset)) info[in.name] = in;
    REQUIRE(info["甲"].needed_when.size() == 1);
    CHECK(info["甲"].needed_when[0].when_zh == "`率` < 60%");
    REQUIRE(info["乙"].needed_when.size() == 1);
    CHECK(info["乙"].needed_when[0].when_zh == "`率` > 20%");
    CHECK(input_condition_text(info["乙"], Language::English) == "needed only when `率` > 20% (for 向下)");
    REQUIRE(info["丙"].needed_when.size() == 1);
    CHECK(info["丙"].needed_when[0].when_zh == "`率` 不在 ≥ 90%、[60%, 80%)");
}
