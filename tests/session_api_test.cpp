// The session API of pingfen/authoring.hpp: named values, expressions in an indicator's scope,
// data field by field, the items of a text, and another file's tests.
#include <catch2/catch.hpp>

#include <map>

#include "pingfen/authoring.hpp"
#include "pingfen/pingfen.hpp"
#include "support.hpp"

namespace {

const std::string kSource = PINGFEN_SOURCE_DIR;

// Two indicators with a named value of the same name and different definitions: a REPL that
// took the first one it found gave the second indicator's value from the first one's formula.
const char* kTwoRates = R"(规则集 "两个率" 总分 4
舍入 叶指标 四舍五入 保留 2 位
输入 { 甲 数值  乙 数值  总数 数值 > 0 }
一级指标 A 2 {
  率 = 甲 / 总数
  按 率 分档 { ≥ 50% 得 2 分  其余 不得分 }
}
一级指标 B 2 {
  率 = 乙 / 总数
  半 = 分值 × 50%
  按 率 分档 { ≥ 50% 得 分值 分  其余 得 半 分 }
}
)";

std::shared_ptr<const pingfen::DepartmentData> data_of(const std::string& text) {
    auto d = pingfen::parse_data("d.data.pf", text);
    REQUIRE(d.ok());
    return d.data;
}

}  // namespace

TEST_CASE("session api: a named value is evaluated in its own indicator", "[session-api]") {
    auto c = pingfen::compile_source("two.pf", kTwoRates);
    REQUIRE(c.ok());
    auto d = data_of("数据 { 甲 = 1  乙 = 3  总数 = 4 }");

    auto named = pingfen::ruleset_named_values(*c.ruleset);
    REQUIRE(named.size() == 3);
    CHECK(named[0].name == "率");
    CHECK(named[0].indicator == std::vector<std::string>{"A"});
    CHECK(named[0].formula == "甲 / 总数");
    CHECK(named[0].line == 5);
    CHECK(named[1].indicator == std::vector<std::string>{"B"});

    auto a = pingfen::evaluate_in_indicator(*c.ruleset, {"A"}, "率", d.get());
    auto b = pingfen::evaluate_in_indicator(*c.ruleset, {"B"}, "率", d.get());
    REQUIRE(a.value);
    REQUIRE(b.value);
    CHECK(*a.value == "0.25");
    CHECK(*b.value == "0.75");
    // 分值 is the indicator's points, and a named value that reads it is computed with them.
    auto half = pingfen::evaluate_in_indicator(*c.ruleset, {"B"}, "半 + 分值", d.get());
    REQUIRE(half.value);
    CHECK(*half.value == "3.00");  // 2 × 50% + 2, exactly
    // Outside every indicator the name is unknown, and so is 分值.
    auto top = pingfen::evaluate_in_indicator(*c.ruleset, {}, "率", d.get());
    CHECK_FALSE(top.value);
    REQUIRE_FALSE(top.diagnostics.empty());
    CHECK(top.diagnostics[0].code == "E0201");
    CHECK(top.unknown_names == std::vector<std::string>{"率"});
    auto two = pingfen::evaluate_in_indicator(*c.ruleset, {}, "率 + 甲 + 无此名 + 率", d.get());
    CHECK(two.unknown_names == std::vector<std::string>{"率", "无此名"});
    CHECK(a.unknown_names.empty());
    auto points = pingfen::evaluate_in_indicator(*c.ruleset, {}, "分值", d.get());
    REQUIRE_FALSE(points.diagnostics.empty());
    CHECK(points.diagnostics[0].code == "E0203");
    auto nowhere = pingfen::evaluate_in_indicator(*c.ruleset, {"C"}, "1", d.get());
    REQUIRE(nowhere.diagnostics.size() == 1);
    CHECK(nowhere.diagnostics[0].code == "E0016");
    // Inputs are read as scoring reads them; a field the ruleset does not declare as it is.
    auto extra = pingfen::evaluate_in_indicator(*c.ruleset, {}, "甲 + 另", data_of("数据 { 甲 = 1  另 = 2.5 }").get());
    REQUIRE(extra.value);
    CHECK(*extra.value == "3.5");
    // Without data a datum is missing, said as an error.
    auto missing = pingfen::evaluate_in_indicator(*c.ruleset, {"A"}, "率", nullptr);
    CHECK_FALSE(missing.value);
}

TEST_CASE("session api: the bundled ruleset's named value, lists and files", "[session-api]") {
    auto c = pingfen::compile_file(kSource + "/rulesets/huadu/2023.pf");
    REQUIRE(c.ok());
    auto d = pingfen::load_data_file(kSource + "/rulesets/huadu/2023.example.json");
    REQUIRE(d.ok());
    const std::vector<std::string> leaf{"管理效率", "预算执行", "结转结余率"};
    auto r = pingfen::evaluate_in_indicator(*c.ruleset, leaf, "结余结转率", d.data.get());
    REQUIRE(r.value);
    // (1222.61 + 2343.83 − … ) as the rule computes it: a percentage, shown with its sign.
    CHECK(r.value->rfind("2.7295", 0) == 0);
    CHECK(r.value->back() == '%');
    auto mean = pingfen::evaluate_in_indicator(*c.ruleset, {}, "平均(月度执行率)", d.data.get());
    REQUIRE(mean.value);
    CHECK(mean.value->rfind("100.298333", 0) == 0);  // the example's twelve monthly rates
    CHECK(mean.value->back() == '%');
    auto files = pingfen::ruleset_files(*c.ruleset);
    REQUIRE(files.size() >= 3);
    CHECK(files[0].find("huadu/2023.pf") != std::string::npos);
    bool management = false;
    for (const auto& f : files) management = management || f.find("common/management.pf") != std::string::npos;
    CHECK(management);
    bool found = false;
    for (const auto& n : pingfen::ruleset_named_values(*c.ruleset))
        if (n.name == "结余结转率") {
            found = true;
            CHECK(n.indicator == leaf);
            CHECK(n.file.find("common/management.pf") != std::string::npos);
        }
    CHECK(found);
}

TEST_CASE("session api: data field by field", "[session-api]") {
    auto d = data_of("数据 \"某局\" 年度 2023 {\n  结余 = 1222.61\n  率 = 2.73%\n  涉密 = 否\n  说明 = \"无\"\n  月度 = [98%, 99%]\n}\n");
    auto fields = pingfen::data_fields(*d);
    REQUIRE(fields.size() == 5);
    CHECK(pingfen::data_department(*d) == "某局");
    CHECK(pingfen::data_year(*d) == 2023);
    CHECK(fields[0].text == "1222.61");
    CHECK(fields[0].line == 2);
    CHECK(fields[1].kind == pingfen::Datum::Kind::Percent);
    CHECK(fields[1].text == "2.73%");
    CHECK(fields[2].text == "否");
    CHECK(fields[3].text == "\"无\"");
    CHECK(fields[4].kind == pingfen::Datum::Kind::List);
    CHECK(fields[4].items == 2);
    CHECK(fields[4].text == "[98%, 99%]");

    auto changed = pingfen::with_datum(*d, "结余", pingfen::Datum::number("5000"));
    REQUIRE(changed.ok());
    CHECK(pingfen::data_fields(*changed.data)[0].text == "5000");
    CHECK(pingfen::data_fields(*d)[0].text == "1222.61");  // the original is untouched
    auto added = pingfen::with_datum(*d, "新", pingfen::Datum::yes_no(true));
    REQUIRE(added.ok());
    CHECK(pingfen::data_fields(*added.data).size() == 6);
    auto merged = pingfen::merge_data(*d, *data_of("数据 { 率 = 3% }"));
    REQUIRE(merged.ok());
    CHECK(pingfen::data_fields(*merged.data)[1].text == "3%");
    CHECK(pingfen::data_department(*merged.data) == "某局");
}

TEST_CASE("session api: a data file written back keeps its comments", "[session-api]") {
    const std::string block = "# 2023 年的数据\n数据 \"某局\" 年度 2023 {\n  结余 = 1222.61  # 万元\n  率 = 2.73%\n}\n";
    auto d = data_of(block);
    auto changed = pingfen::with_datum(*d, "结余", pingfen::Datum::number("5000"));
    REQUIRE(changed.ok());
    CHECK(pingfen::data_file_text("d.data.pf", block, *changed.data) ==
          "# 2023 年的数据\n数据 \"某局\" 年度 2023 {\n  结余 = 5000  # 万元\n  率 = 2.73%\n}\n");

    const std::string json = "{\n  \"_说明\": \"示例\",\n  \"部门\": \"某局\",\n  \"数据\": {\n    \"结余\": 1222.61,\n    \"率\": \"2.73%\",\n    \"涉密\": false\n  }\n}\n";
    auto j = pingfen::parse_data("d.json", json);
    REQUIRE(j.ok());
    auto j2 = pingfen::merge_data(*j.data, *data_of("数据 { 率 = 3.5%  涉密 = 是 }"));
    REQUIRE(j2.ok());
    std::string out = pingfen::data_file_text("d.json", json, *j2.data);
    CHECK(out == "{\n  \"_说明\": \"示例\",\n  \"部门\": \"某局\",\n  \"数据\": {\n    \"结余\": 1222.61,\n    \"率\": \"3.5%\",\n    \"涉密\": true\n  }\n}\n");
    // A field added goes after the last one, and the rest of the file stays.
    auto j3 = pingfen::with_datum(*j.data, "新", pingfen::Datum::number("1"));
    REQUIRE(j3.ok());
    const std::string with_new = pingfen::data_file_text("d.json", json, *j3.data);
    CHECK(with_new == "{\n  \"_说明\": \"示例\",\n  \"部门\": \"某局\",\n  \"数据\": {\n    \"结余\": 1222.61,\n    \"率\": \"2.73%\",\n    \"涉密\": false,\n    \"新\": 1\n  }\n}\n");
    auto back = pingfen::parse_data("d.json", with_new);
    REQUIRE(back.ok());
    auto fields = pingfen::data_fields(*back.data);
    REQUIRE(fields.size() == 4);
    CHECK(fields[1].text == "\"2.73%\"");  // JSON without a ruleset: a text until a 百分比 input reads it
    CHECK(fields[3].name == "新");
    auto b2 = pingfen::with_datum(*d, "新", pingfen::Datum::yes_no(true));
    REQUIRE(b2.ok());
    CHECK(pingfen::data_file_text("d.data.pf", block, *b2.data) ==
          "# 2023 年的数据\n数据 \"某局\" 年度 2023 {\n  结余 = 1222.61  # 万元\n  率 = 2.73%\n  新 = 是\n}\n");
}

TEST_CASE("session api: the items of a text, from the parser", "[session-api]") {
    const std::string text =
        "引用 \"../a.pf\"\n"
        "# 一条注释 { 不算\n"
        "三级指标 \"结转（结余）率\" 2 分 {\n  得满分\n  标准 \"x\"\n}\n"
        "修改 管理效率.\"预算 执行\" 分值 3\n"
        "删除 甲.乙\n";
    auto o = pingfen::outline_source("t.pf", text);
    REQUIRE(o.ok());
    REQUIRE(o.items.size() == 4);
    CHECK(o.items[0].kind == pingfen::SourceItem::Kind::Import);
    CHECK(o.items[0].path == std::vector<std::string>{"../a.pf"});
    const auto& ind = o.items[1];
    CHECK(ind.kind == pingfen::SourceItem::Kind::Indicator);
    CHECK(ind.keyword == "LEVEL3");
    CHECK(ind.path == std::vector<std::string>{"结转（结余）率"});
    CHECK(ind.weight == "2");
    CHECK(ind.line == 3);
    CHECK(text.substr(ind.name_begin, ind.name_end - ind.name_begin) == "\"结转（结余）率\"");
    CHECK(text.substr(ind.body_begin, ind.body_end - ind.body_begin) == "\n  得满分\n  标准 \"x\"\n");
    CHECK(text.substr(ind.body_end, ind.close_end - ind.body_end) == "}");
    CHECK(o.items[2].kind == pingfen::SourceItem::Kind::Modify);
    CHECK(o.items[2].path == std::vector<std::string>{"管理效率", "预算 执行"});
    CHECK(text.substr(o.items[2].begin, o.items[2].end - o.items[2].begin) == "修改 管理效率.\"预算 执行\" 分值 3");
    CHECK(o.items[3].kind == pingfen::SourceItem::Kind::Remove);
    auto bad = pingfen::outline_source("t.pf", "三级指标 x 2 {");
    CHECK_FALSE(bad.ok());
    CHECK(bad.items.empty());
}

TEST_CASE("session api: a file's tests run on another ruleset", "[session-api]") {
    const std::string path = kSource + "/rulesets/huadu/2023.pf";
    auto c = pingfen::compile_file(path);
    REQUIRE(c.ok());
    auto report = pingfen::run_tests_of(*c.ruleset, path);
    CHECK(report.tests.size() > 10);
    CHECK(report.failed() == 0);
    // The same tests on a ruleset whose 结转结余率 always gives 0: the tests that expect 2 fail.
    auto changed = pingfen::compile_source(kSource + "/rulesets/huadu/s.pf",
                                           "规则集 \"s\" 年度 2023 总分 100\n引用 \"2023.pf\"\n替换 管理效率.预算执行.结转结余率 { 不得分  沿用标准  沿用解释 }\n");
    REQUIRE(changed.ok());
    auto report2 = pingfen::run_tests_of(*changed.ruleset, path);
    CHECK(report2.failed() > 0);
    auto none = pingfen::run_tests_of(*c.ruleset, kSource + "/rulesets/common/management.pf");
    CHECK(none.tests.empty());
    CHECK(none.diagnostics.empty());
}

TEST_CASE("session api: an input's kind is an enum", "[session-api]") {
    auto c = pingfen::compile_file(kSource + "/rulesets/huadu/2023.pf");
    REQUIRE(c.ok());
    std::map<std::string, pingfen::InputType> kinds;
    for (const auto& in : pingfen::ruleset_inputs(*c.ruleset)) kinds[in.name] = in.kind;
    CHECK(kinds.at("年末结转和结余") == pingfen::InputType::Amount);
    CHECK(kinds.at("月度执行率") == pingfen::InputType::List);
    CHECK(kinds.at("产出目标") == pingfen::InputType::GoalTable);
    CHECK(kinds.at("涉密部门") == pingfen::InputType::YesNo);
    CHECK(kinds.at("应评估项目数") == pingfen::InputType::Count);
}
