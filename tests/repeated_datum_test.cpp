// A datum given twice — a JSON key written again further down, a CSV column repeated — is an
// error (E0410), as in a data block: which value was meant cannot be known, and it used to be
// the first one, silently (most JSON tools keep the last). The indicators that need it are not
// scored; the others are, and a batch keeps every other record.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "pingfen/pingfen.hpp"
#include "support.hpp"

namespace {

const std::string kRules = std::string(PINGFEN_SOURCE_DIR) + "/tests/errors/data.pf";

std::string codes(const std::vector<pingfen::Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) out += d.code + " ";
    return out;
}

}  // namespace

TEST_CASE("a JSON key given twice is E0410 at the second, noting the first, and its indicators are not scored") {
    auto compiled = pingfen::compile_file(kRules);
    REQUIRE(compiled.ruleset);
    for (const char* again : {"\"50%\"", "\"98%\""}) {  // a different value, and the same one
        INFO(again);
        auto data = pingfen::parse_data("d.json", std::string(R"({"部门": "甲", "数据": {
  "年末结转和结余": 1, "预算总额": 100, "支出率": "98%", "问题数": 0,
  "支出率": )") + again + "}}");
        REQUIRE(data.data);
        auto r = pingfen::score(*compiled.ruleset, *data.data);
        REQUIRE(codes(r.diagnostics) == "E0410 ");
        const auto& d = r.diagnostics.front();
        CHECK(d.severity == pingfen::Severity::Error);
        CHECK(d.line == 3);
        CHECK(d.column == 3);
        CHECK(d.message_zh == "数据 `支出率` 重复给出，无法确定用哪一个；需要它的指标：支出率指标");
        REQUIRE(d.notes.size() == 1);
        CHECK(d.notes[0].line == 2);
        REQUIRE(r.sheet);
        CHECK_FALSE(r.sheet->total);
        CHECK_FALSE(r.sheet->indicators()[1].score());  // 支出率指标
        CHECK(r.sheet->indicators()[0].score()->to_string() == "2");
        CHECK(r.sheet->indicators()[2].score()->to_string() == "1");
    }
}

TEST_CASE("batch: a CSV column given twice fails each record with E0410, and a JSON Lines record with a key twice fails alone") {
    const std::string dir = std::filesystem::temp_directory_path() / ("pingfen_repeated_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/d.csv") << "部门,年末结转和结余,预算总额,支出率,问题数,支出率\n甲,1,100,98%,0,50%\n";
    std::ofstream(dir + "/d.jsonl")
        << R"({"部门":"甲","数据":{"年末结转和结余":1,"预算总额":100,"支出率":"50%","问题数":0,"支出率":"98%"}})" "\n"
        << R"({"部门":"乙","数据":{"年末结转和结余":1,"预算总额":100,"支出率":"98%","问题数":0}})" "\n";
    auto csv = pingfen::test::run_pingfen("batch tests/errors/data.pf " + dir + "/d.csv");
    CHECK(csv.status == 1);
    CHECK(csv.out.find("2,甲,失败,,,2.00,,1.00,E0410：数据 `支出率` 重复给出") != std::string::npos);

    auto jsonl = pingfen::test::run_pingfen("batch tests/errors/data.pf " + dir + "/d.jsonl");
    std::filesystem::remove_all(dir);
    CHECK(jsonl.status == 1);
    CHECK(jsonl.out.find("1,甲,失败,,,2.00,,1.00,E0410：数据 `支出率` 重复给出") != std::string::npos);
    CHECK(jsonl.out.find("2,乙,评分,3.98,,2.00,0.98,1.00,") != std::string::npos);
}

TEST_CASE("a goal-table row with a column twice is E0411, and a 测试 that gives a datum twice fails") {
    auto compiled = pingfen::compile_file(std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/2023.pf");
    REQUIRE(compiled.ruleset);
    std::string json = pingfen::test::slurp(std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/2023.example.json");
    const std::string target = "\"目标\": 785,";
    REQUIRE(json.find(target) != std::string::npos);
    json.replace(json.find(target), target.size(), "\"目标\": 785, \"目标\": 1,");
    auto data = pingfen::parse_data("d.json", json);
    REQUIRE(data.data);
    auto r = pingfen::score(*compiled.ruleset, *data.data);
    REQUIRE(codes(r.diagnostics).find("E0411") != std::string::npos);
    CHECK(r.diagnostics.front().message_zh.find("目标表 `产出目标` 第 1 行：`目标` 重复给出，无法确定用哪一个") == 0);
    CHECK_FALSE(r.sheet->total);

    const std::string dir = std::filesystem::temp_directory_path() / ("pingfen_given_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/t.pf") << "规则集 \"示例\" 年度 2023 总分 1\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 支出率 百分比 [0, 100%] }\n"
                                    "指标 支出率指标 1 { 按 支出率 比例计分，封顶 100% }\n"
                                    "测试 \"重复\" {\n  给定 { 支出率 = 50%  支出率 = 98% }\n  期望 支出率指标 = 0.98\n}\n";
    auto t = pingfen::test::run_pingfen("test " + dir + "/t.pf");
    std::filesystem::remove_all(dir);
    CHECK(t.status == 1);
    CHECK(t.out.find("评分出错：数据 `支出率` 重复给出") != std::string::npos);
}

TEST_CASE("an amount written with its declared unit is read, another unit is refused, a count with a unit word too") {
    auto compiled = pingfen::compile_file(std::string(PINGFEN_SOURCE_DIR) + "/tests/golden/data/number_forms.pf");
    REQUIRE(compiled.ruleset);
    auto data = pingfen::load_data_file(std::string(PINGFEN_SOURCE_DIR) + "/tests/golden/data/number_forms.json");
    REQUIRE(data.data);
    auto r = pingfen::score(*compiled.ruleset, *data.data);
    REQUIRE(r.sheet);
    auto leaf = [&](const std::string& name) -> const pingfen::ScoreNode& {
        for (const auto& n : r.sheet->indicators())
            if (n.name() == name) return n;
        FAIL("no indicator " << name);
        return r.sheet->indicators().front();
    };
    CHECK(leaf("壬").score()->to_string() == "1");  // "1,222.61 万元" for 金额(万元): 1222.61
    CHECK_FALSE(leaf("癸").score());                // "1222.61元" for 金额(万元)
    CHECK_FALSE(leaf("子").score());                // "3个" for 计数
}
