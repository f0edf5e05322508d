// A sheet passed on alone must say what was wrong with the data (issue 13): the errors and
// warnings of a scoring travel on ScoreSheet::diagnostics and every format shows them, and a
// percentage written as a plain number is an error wherever a department is scored.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>

#include "pingfen/pingfen.hpp"

namespace fs = std::filesystem;
using namespace pingfen;
using pingfen::test::run_pingfen;
using pingfen::test::shell;
using pingfen::test::Run;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* kRules = "tests/errors/W0402.pf";  // 支出率 百分比 ≥ 0; 1 point, 按比例计分封顶 100%
const char* kWarned = "tests/errors/W0402.json";  // 支出率 1.5: 150%, a warning and full points

}  // namespace

TEST_CASE("sheet: the data's warnings are on the sheet in every format", "[sheet][issue13]") {
    const std::string warning_zh = "警告[W0402] tests/errors/W0402.json:1:36：百分比 `支出率` 的值 1.5 按 150% 计";
    const std::string warning_en = "warning[W0402] tests/errors/W0402.json:1:36: percentage `支出率` is 1.5, read as 150%";
    for (const char* format : {"table", "csv", "md", "html"}) {
        INFO(format);
        Run r = run_pingfen(std::string("score ") + kRules + " " + kWarned + " --format " + format);
        CHECK(r.status == 0);
        CHECK(has(r.out, "1.00"));
        CHECK(has(r.out, "评分时的错误与警告"));
        // Markdown escapes the brackets and backticks of the message; the others show it as it is.
        CHECK(has(r.out, std::string(format) == "md" ? "按 150% 计；若是指 1.5%" : warning_zh));
        Run en = run_pingfen(std::string("score ") + kRules + " " + kWarned + " --format " + format + " --lang en");
        CHECK(has(en.out, "Errors and warnings while scoring"));
        CHECK(has(en.out, std::string(format) == "md" ? "is 1.5, read as 150%" : warning_en));
    }
    Run json = run_pingfen(std::string("score ") + kRules + " " + kWarned + " --format json");
    CHECK(has(json.out, "\"diagnostics\": [\n    {\"severity\": \"warning\", \"code\": \"W0402\", \"path\": \"tests/errors/W0402.json\", "
                        "\"line\": 1, \"column\": 36, \"message_zh\": \"百分比 `支出率` 的值 1.5 按 150% 计；"));
    // A clean sheet has no such section: the bundled examples' outputs are unchanged.
    Run clean = run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json --format json");
    CHECK(!has(clean.out, "diagnostics"));
}

TEST_CASE("sheet: the xlsx workbook lists the warning under the total", "[sheet][issue13]") {
    const fs::path out = fs::temp_directory_path() / ("pingfen_diag_" + std::to_string(::getpid()) + ".xlsx");
    Run r = run_pingfen(std::string("score ") + kRules + " " + kWarned + " --format xlsx -o '" + out.string() + "'");
    REQUIRE(r.status == 0);
    Run read = shell("/usr/bin/python3 -c 'import sys, openpyxl\n"
                     "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
                     "for row in ws.iter_rows(values_only=True):\n"
                     "    print(\"|\".join(\"\" if v is None else str(v) for v in row))' '" +
                     out.string() + "'");
    fs::remove(out);
    REQUIRE(read.status == 0);
    // A heading row, then the message across the sheet's width on a row of its own.
    CHECK(has(read.out, "\n评分时的错误与警告|||||||||\n警告[W0402] tests/errors/W0402.json:1:36：百分比 `支出率` 的值 1.5 按 150% 计"));
}

TEST_CASE("sheet: a percentage written as 85 leaves its indicator unscored, the total unknown, exit 1", "[sheet][issue13]") {
    Run r = run_pingfen("score tests/errors/E0403.pf tests/errors/E0403.json");
    CHECK(r.status == 1);
    CHECK(has(r.out, "执行率指标     1.00        —"));
    CHECK(has(r.out, "总分           1.00        —"));
    CHECK(has(r.out, "错误[E0403] tests/errors/E0403.json:1:36：百分比 `执行率` 写成了普通数 85，会按 8500% 计；是否应写 85%？"));
    CHECK(has(r.err, "错误[E0403]"));

    // The same department in a batch: that record fails.
    const fs::path csv = fs::temp_directory_path() / ("pingfen_pct_" + std::to_string(::getpid()) + ".csv");
    std::ofstream(csv, std::ios::binary) << "部门,执行率\n甲局,85%\n乙局,85\n丙局,0.85\n";
    Run b = run_pingfen("batch tests/errors/E0403.pf '" + csv.string() + "'");
    fs::remove(csv);
    CHECK(b.status == 1);
    CHECK(has(b.err, "E0403"));
    CHECK(has(b.out, "甲局"));
    CHECK(has(b.out, "丙局"));

    // Through the API, with data built in code.
    auto compiled = compile_file(std::string(PINGFEN_SOURCE_DIR) + "/tests/errors/E0403.pf");
    REQUIRE(compiled.ok());
    DataResult d = make_data("丁局", 2023, {{"执行率", Datum::number("85")}});
    REQUIRE(d.ok());
    ScoreResult s = score(*compiled.ruleset, *d.data);
    REQUIRE(s.sheet);
    CHECK(!s.ok());
    CHECK(!s.sheet->total);
    REQUIRE(!s.sheet->diagnostics.empty());
    CHECK(s.sheet->diagnostics[0].code == "E0403");
    DataResult fine = make_data("丁局", 2023, {{"执行率", Datum::percent("85%")}});
    ScoreResult ok = score(*compiled.ruleset, *fine.data);
    REQUIRE(ok.sheet->total);
    CHECK(ok.sheet->total->to_fixed(2) == "0.85");
}

TEST_CASE("sheet: data of another year is scored with a warning on the sheet", "[sheet][issue13]") {
    Run r = run_pingfen("score tests/errors/W0403.pf tests/errors/W0403.json");
    CHECK(r.status == 0);
    CHECK(has(r.out, "总分           1.00     0.98"));
    CHECK(has(r.out, "警告[W0403] tests/errors/W0403.json：数据是 2023 年度的，规则集是 2024 年度的"));
    // Comparing this year's rules with last year's is what diff is for: no warning there.
    Run d = run_pingfen("diff tests/errors/W0403.pf tests/errors/data.pf --data tests/errors/W0403.json");
    CHECK(!has(d.err, "年度的，规则集是"));
}
