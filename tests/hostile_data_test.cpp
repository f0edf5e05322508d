// Department data that cannot mean what it seems, found by feeding every reader hostile input:
// each must be an error naming the place, never a score from part of the data.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>

#include "data/department.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using pingfen::test::run_pingfen;

namespace {

const std::string kSimple = "tests/batch/simple.pf ";
const std::string kRecord = R"({"部门":"a","数据":{"支出率":0.5,"问题数":1,"做了盘点":true}})";

}  // namespace

TEST_CASE("hostile data: a NUL byte after the JSON is an error, not the end of the data", "[data]") {
    // nlohmann's reader stopped at the NUL as a C string ends, and the rest was never read.
    pingfen::test::TempFolder dir("hostile");
    const std::string nul = kRecord + std::string(1, '\0') + R"({"数据":{"支出率":0.1}})";
    const auto score = run_pingfen("score " + kSimple + dir.write_quoted("n.json", nul));
    CHECK(score.status == 1);
    CHECK(score.err.find("n.json:1:47: 错误[E0406]：JSON 格式错误：此处有一个空字符（NUL 字节），JSON 中不能有") != std::string::npos);
    const auto batch = run_pingfen("batch " + kSimple + dir.write_quoted("n.jsonl", kRecord + "\n" + nul + "\n") + " --lang en");
    CHECK(batch.status == 1);
    CHECK(batch.out.find("2,,failed,,,,,,,\"E0406: invalid JSON: a NUL byte here, which JSON cannot hold\"") != std::string::npos);
    CHECK(batch.out.find("1,a,scored,5.50") != std::string::npos);
}

TEST_CASE("hostile data: 数据, 部门 or 年度 given twice is an error, not the last or the first one", "[data]") {
    pingfen::test::TempFolder dir("hostile");
    const auto values = run_pingfen("score " + kSimple + dir.write_quoted("d.json", R"({"部门":"a","数据":{"支出率":0.5,"问题数":1,"做了盘点":true},"数据":{"支出率":0.9,"问题数":0,"做了盘点":true}})"));
    CHECK(values.status == 1);
    CHECK(values.err.find("d.json:1:48: 错误[E0410]：`数据` 重复给出：一个部门的数据只能写一个") != std::string::npos);
    CHECK(values.err.find("W0408") == std::string::npos);
    const auto department = run_pingfen("score " + kSimple + dir.write_quoted("p.json", R"({"部门":"a","部门":"b","支出率":0.5,"问题数":1,"做了盘点":true})") + " --lang en");
    CHECK(department.status == 1);
    CHECK(department.err.find("p.json:1:11: error[E0410]: `部门` is given twice; a department's data has one") != std::string::npos);
    const auto year = run_pingfen("batch " + kSimple + dir.write_quoted("y.jsonl", R"({"部门":"a","年度":2023,"year":2024,"数据":{"支出率":0.5,"问题数":1,"做了盘点":true}})" "\n"));
    CHECK(year.status == 1);
    CHECK(year.out.find("E0410：`year` 重复给出") != std::string::npos);
}

TEST_CASE("hostile data: a table row with values beyond its header stops the batch before it starts", "[data]") {
    pingfen::test::TempFolder dir("hostile");
    const auto r = run_pingfen("batch " + kSimple + "tests/batch/depts.csv --tables " +
                               dir.write_quoted("t.csv", "部门,表,名称,目标,实际\n甲局,产出目标,x,10,8,999,abc\n"));
    CHECK(r.status == 1);
    CHECK(r.err.find("t.csv:2: 错误[E0426]：表文件第 2 行有 7 个字段，表头只有 5 列") != std::string::npos);
    CHECK(r.out.empty());
    // Past the empty fields kept, the count is said as the data's is, not the fields kept.
    const auto wide = run_pingfen("batch " + kSimple + "tests/batch/depts.csv --tables " +
                                  dir.write_quoted("w.csv", "部门,表,名称,目标,实际\n甲局,产出目标,x,10,8" + std::string(70000, ',') + "9\n"));
    CHECK(wide.err.find("w.csv:2: 错误[E0426]：表文件第 2 行有超过 65536 个字段，表头只有 5 列") != std::string::npos);
    // Empty fields past the header (as Excel leaves them) are no values.
    CHECK(run_pingfen("batch " + kSimple + "tests/batch/depts.csv --tables " +
                      dir.write_quoted("u.csv", "部门,表,名称,目标,实际\n甲局,产出目标,x,10,8,,\n"))
              .err.find("E0426") == std::string::npos);
}

TEST_CASE("hostile data: a folder or a device where a file belongs is said to be one", "[data]") {
    pingfen::test::TempFolder dir("hostile");
    fs::create_directories(dir.path / "folder.jsonl");
    const std::string folder = "'" + (dir.path / "folder.jsonl").string() + "'";
    const auto score = run_pingfen("score " + kSimple + folder);
    CHECK(score.status == 1);
    CHECK(score.err.find("错误[E0009]：无法打开文件：`" + (dir.path / "folder.jsonl").string() + "` 是文件夹，这里应为文件") != std::string::npos);
    CHECK(score.err.find("E0010") == std::string::npos);  // not an internal error
    const auto batch = run_pingfen("batch " + kSimple + folder + " --lang en");
    CHECK(batch.status == 1);
    CHECK(batch.err.find("is a folder; a file belongs here") != std::string::npos);
    const auto tables = run_pingfen("batch " + kSimple + "tests/batch/depts.csv --tables " + folder);
    CHECK(tables.status == 1);
    CHECK(tables.err.find("无法打开表文件：") != std::string::npos);
    // /dev/zero would be read until memory ran out.
    const auto zero = run_pingfen("score " + kSimple + "/dev/zero");
    CHECK(zero.status == 1);
    CHECK(zero.err.find("`/dev/zero` 是设备而不是文件") != std::string::npos);
    CHECK(run_pingfen("batch " + kSimple + "/dev/zero").err.find("`/dev/zero` 是设备而不是文件") != std::string::npos);
}

TEST_CASE("hostile data: thousands of unknown or repeated keys on one line give a few messages, not one each", "[data]") {
    // Each message shows its line: 10,000 unknown keys on one line made 10,000 copies of it
    // (2.5 GB, 13 s), and one datum repeated 10,000 times 10,000 errors (6.3 GB, 31 s).
    pingfen::test::TempFolder dir("hostile");
    std::string unknown = R"({"数据":{"支出率":0.5,"问题数":1,"做了盘点":true)";
    for (int i = 0; i < 2000; ++i) unknown += ",\"f" + std::to_string(i) + "\":" + std::to_string(i);
    const auto many = run_pingfen("score " + kSimple + dir.write_quoted("k.json", unknown + "}}"));
    CHECK(many.status == 0);
    std::size_t warnings = 0;
    for (std::size_t at = many.err.find("警告[W0401]"); at != std::string::npos; at = many.err.find("警告[W0401]", at + 1)) ++warnings;
    CHECK(warnings == 21);
    CHECK(many.err.find("数据 `f19` 不是规则集声明的输入，已忽略") != std::string::npos);
    CHECK(many.err.find("`f20`") == std::string::npos);
    CHECK(many.err.find("另有 1980 项数据不是规则集声明的输入，已忽略（只列出前 20 项）") != std::string::npos);
    std::string repeated = R"({"数据":{"问题数":1,"做了盘点":true)";
    for (int i = 0; i < 1000; ++i) repeated += R"(,"支出率":0.5)";
    const auto again = run_pingfen("score " + kSimple + dir.write_quoted("r.json", repeated + "}}") + " --lang en");
    CHECK(again.status == 1);
    std::size_t errors = 0;
    for (std::size_t at = again.err.find("error[E0410]"); at != std::string::npos; at = again.err.find("error[E0410]", at + 1)) ++errors;
    CHECK(errors == 1);
}

TEST_CASE("hostile data: a value or a key of a million characters is quoted cut short", "[data]") {
    // Messages quoted what was written whole: a 50 MB value made 50 MB of messages, and a key's
    // underline ran its whole length.
    pingfen::test::TempFolder dir("hostile");
    const auto value = run_pingfen("score " + kSimple +
                                   dir.write_quoted("v.json", R"({"数据":{"支出率":")" + std::string(1000000, 'x') + R"(","问题数":1,"做了盘点":true}})"));
    CHECK(value.status == 1);
    CHECK(value.err.find("数据 `支出率` 应为百分比，却是 \"" + std::string(60, 'x') + "…\"；需要它的指标：县级 › 支出") != std::string::npos);
    CHECK(value.err.size() < 2000);
    const auto key = run_pingfen("score " + kSimple +
                                 dir.write_quoted("k.json", R"({"数据":{"支出率":0.5,"问题数":1,"做了盘点":true,")" + std::string(1000000, 'k') + R"(":1}})"));
    CHECK(key.status == 0);
    CHECK(key.err.find("警告[W0401]：数据 `" + std::string(60, 'k') + "…` 不是规则集声明的输入，已忽略") != std::string::npos);
    CHECK(key.err.size() < 2000);
    // A text compared in a condition: the basis quotes it cut short too.
    const std::string rules = dir.write_quoted("t.pf", "规则集 \"长文本\" 年度 2024 总分 1\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 类别 文本 }\n"
                                                "指标 甲 1 { 若 类别 = \"行政\" 则 得满分 否则 不得分 }\n");
    const auto basis = run_pingfen("score " + rules + " " + dir.write_quoted("t.json", R"({"部门":"a","数据":{"类别":")" + std::string(1000000, 't') + R"("}})") + " --explain");
    CHECK(basis.status == 0);
    CHECK(basis.out.find("依据：类别 = “行政”（“" + std::string(60, 't') + "…” = “行政”），不成立，不得分") != std::string::npos);
    CHECK(basis.out.size() < 2000);
}

TEST_CASE("hostile data: 年度 that is no year is an error, in every reader, and never sticks to the next record", "[data]") {
    // It was ignored: "2O23" or 2024.5 skipped the check that the data is the ruleset's year.
    CHECK(pingfen::data::year_of("2024") == 2024);
    CHECK(pingfen::data::year_of(" 2024年 ") == 2024);
    CHECK(pingfen::data::year_of("2024年度") == 2024);
    CHECK(pingfen::data::year_of("2024.00") == 2024);
    for (const char* no : {"2O24", "2024.5", "1e20", "20240", "0999", "-2024", "二〇二四", "年", "2024年年", ""})
        CHECK_FALSE(pingfen::data::year_of(no));
    pingfen::test::TempFolder dir("hostile");
    const auto with_year = [&](const std::string& name, const std::string& year) {
        return dir.write_quoted(name, R"({"部门":"a","年度":)" + year + R"(,"数据":{"支出率":0.5,"问题数":1,"做了盘点":true}})");
    };
    const auto letter = run_pingfen("score " + kSimple + with_year("o.json", R"("2O24")"));
    CHECK(letter.status == 1);
    CHECK(letter.err.find("o.json:1:11: 错误[E0427]：年度 \"2O24\" 不是年份，应写四位数的年份，如 2023") != std::string::npos);
    CHECK(letter.out.find("5.50") != std::string::npos);  // scored all the same: the year changes no score
    const auto half = run_pingfen("score " + kSimple + with_year("h.json", "2024.5") + " --lang en");
    CHECK(half.status == 1);
    CHECK(half.err.find("error[E0427]: year \"2024.5\" is not a year; write one of four digits, such as 2023") != std::string::npos);
    for (const char* list : {"true", "[2024]"}) CHECK(run_pingfen("score " + kSimple + with_year("l.json", list)).status == 1);
    // As staff write it: taken, and compared with the ruleset's year.
    const auto written = run_pingfen("score " + kSimple + with_year("w.json", R"("2023年度")"));
    CHECK(written.status == 0);
    CHECK(written.err.find("警告[W0403]：数据是 2023 年度的，规则集是 2024 年度的") != std::string::npos);
    CHECK(run_pingfen("score " + kSimple + with_year("n.json", "null")).status == 0);
    // JSON Lines: the fast reader reuses a record, and the bad year of the first must not carry over.
    const auto lines = run_pingfen("batch " + kSimple + dir.write_quoted("y.jsonl", R"({"部门":"a","年度":"2O24","数据":{"支出率":0.5,"问题数":1,"做了盘点":true}})" "\n" R"({"部门":"b","年度":2024,"数据":{"支出率":0.5,"问题数":1,"做了盘点":true}})" "\n"));
    CHECK(lines.status == 1);
    CHECK(lines.out.find("1,a,失败,") != std::string::npos);
    CHECK(lines.out.find("2,b,评分,5.50") != std::string::npos);
    const auto csv = run_pingfen("batch " + kSimple + dir.write_quoted("y.csv", "部门,年度,支出率,问题数,做了盘点\n甲局,二〇二四,50%,1,是\n乙局,2024,50%,1,是\n"));
    CHECK(csv.status == 1);
    CHECK(csv.out.find("2,甲局,失败,") != std::string::npos);
    CHECK(csv.out.find("E0427：年度 \"\"二〇二四\"\" 不是年份") != std::string::npos);
    CHECK(csv.out.find("3,乙局,评分,5.50") != std::string::npos);
}

TEST_CASE("hostile data: `-` is standard input, and score knows CSV there by its commas", "[data]") {
    // `-` was a file that could not be opened; a CSV through /dev/stdin was read as a data
    // block, a syntax error for each of its lines.
    const std::string bin = "PINGFEN_LANG= '" PINGFEN_BINARY "' ";
    const auto one = pingfen::test::shell("head -2 tests/batch/depts.csv | " + bin + "score " + kSimple + "-");
    CHECK(one.status == 0);
    CHECK(one.out.find("部门：甲局") != std::string::npos);
    CHECK(one.out.find("总分      10.00     8.00") != std::string::npos);
    CHECK(pingfen::test::shell("head -2 tests/batch/depts.csv | " + bin + "score " + kSimple + "/dev/stdin").out == one.out);
    const auto many = pingfen::test::shell(bin + "score " + kSimple + "- < tests/batch/depts.csv");
    CHECK(many.status == 1);
    CHECK(many.err.find("/dev/stdin: 错误[E0419]：CSV 文件 `/dev/stdin` 每行一个部门，共 5 行") != std::string::npos);
    const auto header_only = pingfen::test::shell("printf '部门,支出率\\n' | " + bin + "score " + kSimple + "-");
    CHECK(header_only.status == 1);
    CHECK(header_only.err.find("错误[E0415]") != std::string::npos);
    // A header whose first name starts with the data block's keyword is still CSV: `数据日期`
    // and `data_date` are names, not 数据/data (they were read as a data block, E0003 per line).
    for (const char* first : {"数据日期", "data_date"}) {
        const auto named = pingfen::test::shell("printf '" + std::string(first) + ",部门,支出率,问题数,做了盘点\\n2024-01-05,甲局,50%%,1,是\\n' | " +
                                                bin + "score " + kSimple + "-");
        CHECK(named.out.find("部门：甲局") != std::string::npos);
        CHECK(named.err.find("E0003") == std::string::npos);
    }
    // JSON and the data block still by their first character.
    const auto json = pingfen::test::shell("echo '" + kRecord + "' | " + bin + "score " + kSimple + "-");
    CHECK(json.status == 0);
    CHECK(json.out.find("总分      10.00     5.50") != std::string::npos);
    const auto block = pingfen::test::shell(bin + "score tests/lang/patterns.pf - < tests/lang/patterns.data.pf");
    CHECK(block.status == 0);
    CHECK(block.out == run_pingfen("score tests/lang/patterns.pf tests/lang/patterns.data.pf").out);
    // batch: the records' lines are the input's; data and tables cannot both be standard input.
    const auto batch = pingfen::test::shell(bin + "batch " + kSimple + "- < tests/batch/depts.csv");
    CHECK(batch.out == run_pingfen("batch " + kSimple + "tests/batch/depts.csv").out);
    CHECK(batch.err.find("/dev/stdin:4: 错误[E0402]") != std::string::npos);
    // JSON Lines of several departments for score: E0419 with their number (it was E0406,
    // "unexpected `{`" at the second line), named or through a pipe; one line is one department.
    const auto lines_score = pingfen::test::shell("printf '%s\\n\\n%s\\n' '" + kRecord + "' '" + kRecord + "' | " + bin + "score " + kSimple + "-");
    CHECK(lines_score.status == 1);
    CHECK(lines_score.err == "/dev/stdin: 错误[E0419]：JSON Lines 文件 `/dev/stdin` 每行一个部门，共 2 行；评一个部门请给出它自己的数据，多个部门请用 pingfen batch\n");
    CHECK(pingfen::test::shell("echo '" + kRecord + "' | " + bin + "score " + kSimple + "-").status == 0);
    // diff --data: many departments through standard input, as CSV or JSON Lines (a CSV was
    // E0419, one department expected); one department's JSON stays one.
    const auto diff_csv = pingfen::test::shell("cat tests/batch/depts.csv | " + bin + "diff " + kSimple + kSimple + "--data -");
    CHECK(diff_csv.out == run_pingfen("diff " + kSimple + kSimple + "--data tests/batch/depts.csv").out);
    CHECK(diff_csv.out.find("5 个部门（按变化排序）") != std::string::npos);
    const auto diff_lines = pingfen::test::shell("printf '%s\\n%s\\n' '" + kRecord + "' '" + kRecord + "' | " + bin + "diff " + kSimple + kSimple + "--data -");
    CHECK(diff_lines.out.find("2 个部门中 0 个等级改变") != std::string::npos);
    const auto diff_one = pingfen::test::shell("cat rulesets/huadu/2023.example.json | " + bin + "diff rulesets/huadu/2023.pf rulesets/huadu/2023.pf --data -");
    CHECK(diff_one.status == 0);
    CHECK(diff_one.out.find("总分    96.50    96.50     0.00") != std::string::npos);
    const auto both = pingfen::test::shell(bin + "batch " + kSimple + "- --tables - < tests/batch/depts.csv");
    CHECK(both.status == 2);
    CHECK(both.err.find("数据和 --tables 不能都从标准输入（-）读取") != std::string::npos);
}

TEST_CASE("hostile data: one department's data over 32 MB is E0428, read without being held", "[data]") {
    // A record of gigabytes was read whole, and took 18 times that in memory.
    pingfen::test::TempFolder dir("too_large");
    const std::string huge = R"({"部门":"x","数据":{"说明":")" + std::string(33u << 20, 'a') + "\"}}";
    const std::string lines = dir.write("big.jsonl", huge + "\n" + kRecord + "\n");
    const auto batch = pingfen::test::shell(pingfen::test::memory_limit(300) + "PINGFEN_LANG= '" PINGFEN_BINARY "' batch " + kSimple + "'" + lines + "'");
    CHECK(batch.status == 1);
    CHECK(batch.out.find("1,,失败,") != std::string::npos);
    CHECK(batch.out.find("2,a,评分,5.50") != std::string::npos);
    CHECK(batch.err.find("big.jsonl:1: 错误[E0428]：一个部门的数据超过 32 MB（这里至少 34 MB）") != std::string::npos);
    const std::string file = dir.write("big.json", huge);
    const auto score = pingfen::test::shell(pingfen::test::memory_limit(300) + "PINGFEN_LANG= '" PINGFEN_BINARY "' score " + kSimple + "'" + file + "' --lang en");
    CHECK(score.status == 1);
    CHECK(score.err.find("big.json: error[E0428]: one department's data is over 32 MB (at least 34 MB here)") != std::string::npos);
    const auto piped = pingfen::test::shell("cat '" + file + "' | PINGFEN_LANG= '" PINGFEN_BINARY "' score " + kSimple + "-");
    CHECK(piped.status == 1);
    CHECK(piped.err.find("/dev/stdin: 错误[E0428]") != std::string::npos);
    // A CSV record with a field of 33 MB, and a table row: the same, the other records scored.
    const std::string csv = dir.write("big.csv", "部门,支出率,问题数,做了盘点\n甲局,\"" + std::string(33u << 20, 'x') + "\",0,是\n乙局,50%,1,是\n");
    const auto score_csv = pingfen::test::shell(pingfen::test::memory_limit(300) + "PINGFEN_LANG= '" PINGFEN_BINARY "' score " + kSimple + "'" + csv + "'");
    CHECK(score_csv.status == 1);
    CHECK(score_csv.err.find("big.csv: 错误[E0428]：一个部门的数据超过 32 MB（这里至少 34 MB）") != std::string::npos);
    const auto rows = pingfen::test::shell(pingfen::test::memory_limit(300) + "PINGFEN_LANG= '" PINGFEN_BINARY "' batch " + kSimple + "'" + csv + "'");
    CHECK(rows.status == 1);
    CHECK(rows.out.find("2,,失败,,,,,,,E0428：一个部门的数据超过 32 MB") != std::string::npos);
    CHECK(rows.out.find("3,乙局,评分,5.50") != std::string::npos);
    const std::string table = dir.write("t.csv", "部门,表,名称,目标,实际\n甲局,产出目标,\"" + std::string(33u << 20, 'x') + "\",10,8\n");
    const auto tables = run_pingfen("batch " + kSimple + "tests/batch/depts.csv --tables '" + table + "'");
    CHECK(tables.status == 1);
    CHECK(tables.err.find("t.csv:2: 错误[E0428]：表文件第 2 行超过 32 MB") != std::string::npos);
    CHECK(tables.out.empty());
    // A quote never closed, on a line of 100 MB: that line was read again whole (and copied)
    // to end the record there; under 300 MB the batch failed with E0010 and lost 乙局.
    if (!pingfen::test::kAddressSanitizer) {
        const std::string quote = dir.write("quote.csv", "部门,支出率,问题数,做了盘点\n甲局,\"50%,1,是" + std::string(100u << 20, 'x') + "\n乙局,50%,1,是\n");
        const auto unclosed = pingfen::test::shell(pingfen::test::memory_limit(300) + "PINGFEN_LANG= '" PINGFEN_BINARY "' batch " + kSimple + "'" + quote + "' -j1");
        CHECK(unclosed.status == 1);
        CHECK(unclosed.out.find("2,,失败,,,,,,,E0428：一个部门的数据超过 32 MB（这里至少 101 MB）") != std::string::npos);
        CHECK(unclosed.out.find("3,乙局,评分,5.50") != std::string::npos);
        // Memory running out while a record is read ends the batch there: its row says that the
        // records after it were not read (it said only 内存不足, beside a count that looked whole).
        const std::string tight = dir.write("tight.csv", "部门,支出率,问题数,做了盘点\n乙局,50%,1,是\n甲局,50%,1,是" + std::string(40u << 20, 'x') + "\n丙局,50%,1,是\n");
        const auto oom = pingfen::test::shell(pingfen::test::memory_limit(60) + "PINGFEN_LANG= '" PINGFEN_BINARY "' batch " + kSimple + "'" + tight + "' -j1");
        CHECK(oom.status == 1);
        CHECK(oom.out.find("2,乙局,评分,5.50") != std::string::npos);
        CHECK(oom.out.find("0,,失败,,,,,,,E0010：内存不足，无法完成；读取在此停止（已读 ") != std::string::npos);
        CHECK(oom.out.find(" 字节，共 41943131 字节），其后的记录没有评分") != std::string::npos);
    }
}

TEST_CASE("hostile data: batch reads a .json file as one department, however many its lines", "[data]") {
    // Each line of a pretty-printed .json was a record of its own, failed.
    const auto r = run_pingfen("batch rulesets/huadu/2023.pf rulesets/huadu/2023.example.json");
    CHECK(r.status == 0);
    CHECK(r.out.find("\n1,广州市花都区科技工业商务和信息化局,评分,96.50,优,") != std::string::npos);
    CHECK(r.err.find("共 1 条：评分 1 条，失败 0 条") != std::string::npos);
    // The same file through a pipe, or named .jsonl, is known by its first line (`{` alone, not
    // a whole object): it was 75 failed records. JSON Lines through a pipe stay records.
    const auto piped = pingfen::test::shell("cat rulesets/huadu/2023.example.json | PINGFEN_LANG= '" PINGFEN_BINARY "' batch rulesets/huadu/2023.pf -");
    CHECK(piped.out == r.out);
    CHECK(piped.err == r.err);
    pingfen::test::TempFolder dir("pretty_jsonl");
    const auto misnamed = run_pingfen("batch rulesets/huadu/2023.pf " + dir.write_quoted("d.jsonl", pingfen::test::slurp("rulesets/huadu/2023.example.json")));
    CHECK(misnamed.out == r.out);
    const auto lines = pingfen::test::shell("printf '%s\\n%s\\n' '" + kRecord + "' '" + kRecord + "' | PINGFEN_LANG= '" PINGFEN_BINARY "' batch " + kSimple + "-");
    CHECK(lines.err.find("共 2 条：评分 2 条，失败 0 条") != std::string::npos);
}

TEST_CASE("hostile data: JSON Lines whose lines end with CR alone are read line by line", "[data]") {
    // Classic Mac line ends: the whole file was one failed record, and its good departments lost.
    pingfen::test::TempFolder dir("cr_lines");
    const std::string b = R"({"部门":"b","数据":{"支出率":"abc","问题数":0,"做了盘点":true}})";
    const auto r = run_pingfen("batch " + kSimple + dir.write_quoted("cr.jsonl", kRecord + "\r" + b + "\r" + kRecord + "\r"));
    CHECK(r.status == 1);
    CHECK(r.out.find("1,a,评分,5.50") != std::string::npos);
    CHECK(r.out.find("2,b,失败,") != std::string::npos);
    CHECK(r.out.find("3,a,评分,5.50") != std::string::npos);
    CHECK(r.err.find("cr.jsonl:2:") != std::string::npos);
    // Nor does a last line without its line end lose its last character (a `}`: an error).
    for (const std::string& end : {std::string("\n"), std::string("\r")}) {
        const auto last = run_pingfen("batch " + kSimple + dir.write_quoted("last.jsonl", kRecord + end + kRecord));
        CHECK(last.status == 0);
        CHECK(last.out.find("2,a,评分,5.50") != std::string::npos);
    }
    const std::string pretty = pingfen::test::slurp(std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/2023.example.json");
    const auto json = run_pingfen("batch rulesets/huadu/2023.pf " + dir.write_quoted("one.json", pretty.substr(0, pretty.find_last_not_of("\n") + 1)));
    CHECK(json.status == 0);
    CHECK(json.out.find("\n1,广州市花都区科技工业商务和信息化局,评分,96.50,优,") != std::string::npos);
}

TEST_CASE("hostile data: batch reads a pipe whole, named or not, and knows JSON Lines by its first character", "[data]") {
    // A pipe was opened to look at its start and then read again: a named pipe waited for ever,
    // and `<(…)` or /dev/stdin of JSON Lines lost its first bytes and scored nothing, exit 0.
    pingfen::test::TempFolder dir("pipes");
    const std::string lines = kRecord + "\n" + R"({"部门":"b","数据":{"支出率":0.9,"问题数":0,"做了盘点":true}})" + "\n";
    const std::string file = dir.write("d.jsonl", lines);
    const std::string fifo = dir.file("f.jsonl");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto named = pingfen::test::shell("(cat '" + file + "' > '" + fifo + "' &); PINGFEN_LANG= timeout 10 '" PINGFEN_BINARY "' batch " + kSimple + "'" + fifo + "'");
    CHECK(named.status == 0);
    CHECK(named.out.find("1,a,评分,5.50") != std::string::npos);
    CHECK(named.out.find("2,b,评分,") != std::string::npos);
    const auto stdin_lines = pingfen::test::shell("PINGFEN_LANG= timeout 10 '" PINGFEN_BINARY "' batch " + kSimple + "/dev/stdin < '" + file + "'");
    CHECK(stdin_lines.out == named.out);
    const auto substituted = pingfen::test::shell("PINGFEN_LANG= bash -c \"timeout 10 '" PINGFEN_BINARY "' batch " + kSimple + "<(cat tests/batch/depts.csv)\"");
    CHECK(substituted.status == 1);  // two of its records are wrong on purpose
    CHECK(substituted.out == run_pingfen("batch " + kSimple + "tests/batch/depts.csv").out);
    // The tables from a pipe: they were silently empty, and 甲局 scored 8.00 for 9.80.
    const auto tables = pingfen::test::shell("PINGFEN_LANG= bash -c \"timeout 10 '" PINGFEN_BINARY "' batch " + kSimple +
                                             "tests/batch/depts.csv --tables <(cat tests/batch/tables.csv)\"");
    CHECK(tables.out.find("2,甲局,评分,9.80,优,") != std::string::npos);
    CHECK(tables.out == run_pingfen("batch " + kSimple + "tests/batch/depts.csv --tables tests/batch/tables.csv").out);
    // Ended while the pipe is copied: the copy is removed with the run (TMPDIR of its own here).
    pingfen::test::TempFolder tmp("pipes_tmp");
    const std::string slow = dir.file("slow.jsonl");
    REQUIRE(::mkfifo(slow.c_str(), 0600) == 0);
    const auto ended = pingfen::test::shell(
        "{ (cat '" + file + "'; sleep 3) > '" + slow + "' & } ; TMPDIR='" + tmp.path.string() + "' '" PINGFEN_BINARY "' batch " + kSimple + "'" +
        slow + "' -o /dev/null 2>/dev/null & P=$!; for i in $(seq 300); do ls '" + tmp.path.string() +
        "' | grep -q pingfen-pipe && break; sleep 0.01; done; ls '" + tmp.path.string() + "'; kill -TERM $P; wait $P; echo \"status $?\"; ls '" +
        tmp.path.string() + "'");
    CHECK(ended.out.find("pingfen-pipe-") != std::string::npos);  // there while it ran
    CHECK(ended.out.find("status 143") != std::string::npos);
    CHECK(std::filesystem::is_empty(tmp.path));
}

TEST_CASE("hostile data: a CSV line of millions of commas is read in little memory, and a value past them still counts", "[data]") {
    // 40 million trailing commas took 2.1 GB in batch and 2.7 GB in score: every empty field was
    // kept. 30 million (under the 32 MB of a department's data) within 600 MB now; kept, they
    // took over 1 GB (under AddressSanitizer, with no limit, fewer commas: its time).
    pingfen::test::TempFolder dir("commas");
    const std::string header = "部门,支出率,问题数,做了盘点\n";
    const std::size_t n = pingfen::test::kAddressSanitizer ? 1000000 : 30000000;
    const std::string commas = dir.write("c.csv", header + "甲局,50%,1,是" + std::string(n, ',') + "\n乙局,50%,1,是\n");
    const std::string limit = pingfen::test::memory_limit(600);
    const auto batch = pingfen::test::shell(limit + "NO_COLOR=1 PINGFEN_LANG= '" PINGFEN_BINARY "' batch " + kSimple + "'" + commas + "'");
    CHECK(batch.status == 0);  // empty fields past the header are no error
    CHECK(batch.out.find("2,甲局,评分,5.50") != std::string::npos);
    CHECK(batch.out.find("3,乙局,评分,5.50") != std::string::npos);
    const auto score = pingfen::test::shell(limit + "NO_COLOR=1 PINGFEN_LANG= '" PINGFEN_BINARY "' score " + kSimple + "'" + commas + "'");
    CHECK(score.err.find("错误[E0419]") != std::string::npos);  // two departments: one is scored by batch
    const std::string value = dir.write("v.csv", header + "甲局,50%,1,是" + std::string(100000, ',') + "x\n乙局,50%,1,是\n");
    const auto past = run_pingfen("batch " + kSimple + "'" + value + "'");
    CHECK(past.status == 1);
    CHECK(past.out.find("E0426：这一条有超过 65536 个字段，表头只有 4 列") != std::string::npos);
    CHECK(past.out.find("3,乙局,评分,5.50") != std::string::npos);
}

TEST_CASE("hostile data: a yes/no cell is read without the spaces around it, as a number's is", "[data]") {
    // "否 " (a pasted cell's trailing space) was E0402 where " 2 " was read as 2.
    pingfen::test::TempFolder dir("yes_no_spaces");
    const auto r = run_pingfen("batch " + kSimple +
                               dir.write_quoted("y.csv", "部门,支出率,问题数,做了盘点\n甲局,50%,1,\"否 \"\n乙局,50%,1,\"\u3000是\u3000\"\n丙局,50%,1,是否\n丁局,50%,1,\" \"\n"));
    CHECK(r.status == 1);
    CHECK(r.out.find("2,甲局,评分,3.50,") != std::string::npos);
    CHECK(r.out.find("3,乙局,评分,5.50,") != std::string::npos);
    CHECK(r.out.find("4,丙局,失败,") != std::string::npos);
    CHECK(r.out.find("5,丁局,失败,") != std::string::npos);
    CHECK(r.err.find("错误[E0402]：数据 `做了盘点` 应为是否，却是 \"是否\"") != std::string::npos);
}
