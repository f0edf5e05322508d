// Without --format, the file that -o names says the format by its extension: `-o 自评表.xlsx` is
// a workbook and `-o 结果.json` JSON, not a text table in a file of that name (which Excel or a
// JSON reader would refuse, or worse, read as something else). An explicit --format still wins.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using pingfen::test::run_pingfen;
using pingfen::test::slurp;

namespace {

const std::string kHuadu = "rulesets/huadu/2023.pf rulesets/huadu/2023.example.json";

}  // namespace

TEST_CASE("output: score takes the format from -o's extension when --format is left out", "[cli][formats]") {
    pingfen::test::TempFolder dir("extension");
    for (const auto& [name, format] : std::initializer_list<std::pair<const char*, const char*>>{
             {"评分表.json", "json"}, {"评分表.CSV", "csv"}, {"评分表.md", "md"}, {"评分表.html", "html"}, {"评分表.htm", "html"}, {"评分表.txt", "table"}}) {
        INFO(name);
        const std::string out = dir.file(name);
        REQUIRE(run_pingfen("score " + kHuadu + " -o '" + out + "'").status == 0);
        CHECK(slurp(out) == run_pingfen("score " + kHuadu + " --format " + format).out);
    }
    // A workbook: a zip, as Excel and WPS open it.
    const std::string book = dir.file("自评表.xlsx");
    REQUIRE(run_pingfen("score " + kHuadu + " -o '" + book + "'").status == 0);
    CHECK(slurp(book).rfind("PK\x03\x04", 0) == 0);
    // --format given: as asked, whatever the name.
    const std::string asked = dir.file("表.json");
    REQUIRE(run_pingfen("score " + kHuadu + " --format csv -o '" + asked + "'").status == 0);
    CHECK(slurp(asked) == run_pingfen("score " + kHuadu + " --format csv").out);
}

TEST_CASE("output: batch, diff and template take the format from -o's extension too", "[cli][formats]") {
    pingfen::test::TempFolder dir("extension");
    const std::string jsonl = dir.file("结果.jsonl");
    run_pingfen("batch tests/batch/simple.pf tests/batch/depts.csv -o '" + jsonl + "'");
    CHECK(slurp(jsonl) == run_pingfen("batch tests/batch/simple.pf tests/batch/depts.csv --format jsonl").out);
    const std::string csv = dir.file("结果.txt");
    run_pingfen("batch tests/batch/simple.pf tests/batch/depts.csv -o '" + csv + "'");
    CHECK(slurp(csv) == run_pingfen("batch tests/batch/simple.pf tests/batch/depts.csv").out);
    const std::string book = dir.file("结果.xlsx");
    run_pingfen("batch tests/batch/simple.pf tests/batch/depts.csv -o '" + book + "'");
    CHECK(slurp(book).rfind("PK\x03\x04", 0) == 0);

    const std::string html = dir.file("比较.HTML");
    REQUIRE(run_pingfen("diff rulesets/guangzhou/2022.pf rulesets/huadu/2023.pf -o '" + html + "'").status == 0);
    CHECK(slurp(html) == run_pingfen("diff rulesets/guangzhou/2022.pf rulesets/huadu/2023.pf --format html").out);

    const std::string form = dir.file("数据表.JSON");
    REQUIRE(run_pingfen("template rulesets/huadu/2023.pf -o '" + form + "'").status == 0);
    const std::string expected = dir.file("数据表2.json");
    REQUIRE(run_pingfen("template rulesets/huadu/2023.pf --format json -o '" + expected + "'").status == 0);
    CHECK(slurp(form) == slurp(expected));
}

TEST_CASE("output: an extension of another program's file is refused, not filled with text", "[cli][formats]") {
    pingfen::test::TempFolder dir("extension");
    // An .xls or a WPS .et named by -o would get a text table or CSV that Excel then refuses or
    // misreads: a usage error (exit 2) naming the extensions that are written, and no file.
    const std::string xls = dir.file("自评表.xls");
    const auto score = run_pingfen("score " + kHuadu + " -o '" + xls + "'");
    CHECK(score.status == 2);
    CHECK(score.err.find("扩展名 `.xls` 不是 pingfen 能写的格式；请用 .json .csv .md .html .htm .xlsx 之一，或用 --format 指定格式") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(xls));
    const std::string et = dir.file("结果.ET");
    const auto batch = run_pingfen("batch tests/batch/simple.pf tests/batch/depts.csv -o '" + et + "' --lang en");
    CHECK(batch.status == 2);
    CHECK(batch.err.find("pingfen does not write `.et` files; use one of .csv .jsonl .ndjson .json .xlsx, or choose a format with --format") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(et));
    CHECK(run_pingfen("diff rulesets/guangzhou/2022.pf rulesets/huadu/2023.pf -o '" + dir.file("比较.docx") + "'").status == 2);
    // template writes a workbook by default: any extension it does not list is refused, .txt too.
    const auto form = run_pingfen("template rulesets/huadu/2023.pf -o '" + dir.file("数据表.txt") + "'");
    CHECK(form.status == 2);
    CHECK(form.err.find("扩展名 `.txt`") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.file("数据表.txt")));
    // With --format, as asked; without an extension, the default.
    REQUIRE(run_pingfen("score " + kHuadu + " --format csv -o '" + xls + "'").status == 0);
    CHECK(slurp(xls) == run_pingfen("score " + kHuadu + " --format csv").out);
    REQUIRE(run_pingfen("template rulesets/huadu/2023.pf -o '" + dir.file("数据表") + "'").status == 0);
    CHECK(slurp(dir.file("数据表")).rfind("PK\x03\x04", 0) == 0);
}
