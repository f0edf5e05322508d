// pingfen batch through the real binary: input order kept on many threads, bad records
// reported with their line and skipped, CSV with a BOM and quoted fields, JSON Lines, tables.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <array>
#include <fmt/format.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

using Out = pingfen::test::Run;
using pingfen::test::slurp;

Out batch(const std::string& args) { return pingfen::test::run_pingfen("batch " + args); }

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    std::string l;
    while (std::getline(in, l)) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        out.push_back(l);
    }
    return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("batch: CSV with a BOM, quoted fields, a field over two lines, and bad records", "[batch]") {
    Out o = batch("tests/batch/simple.pf tests/batch/depts.csv --tables tests/batch/tables.csv");
    CHECK(o.status == 1);  // some records failed
    auto ls = lines(o.out);
    REQUIRE(ls.size() == 7);  // the header, five records, one of them over two lines
    CHECK(ls[0] == "\xEF\xBB\xBF行号,部门,状态,总分,等级,县级.支出,县级.合规,县级.盘点,县级.产出,原因");
    // 甲局: 99.99% × 4 = 3.9996 → 4.00; goal rows 8/10 = 80% → 0.8, and 5/5 → 1: 产出 1.80.
    CHECK(ls[1] == "2,甲局,评分,9.80,优,4.00,2.00,2.00,1.80,");
    CHECK(ls[2] == "3,\"乙局, 含逗号\",评分,4.70,差,3.20,1.50,0.00,0.00,");
    // A failed record keeps its row: no total, the leaves that could be scored, the first reason.
    CHECK(ls[3] == "4,\"丙局 \"\"引号\"\"\",失败,,,,2.00,2.00,0.00,"
                   "\"E0402：数据 `支出率` 应为百分比，却是 \"\"abc\"\"；需要它的指标：县级 › 支出\"");
    CHECK(ls[4] == "5,\"丁局");
    CHECK(ls[5] == "两行名称\",失败,,,3.60,,2.00,0.00,\"E0402：数据 `问题数` 应为计数，却是 \"\"2.5\"\"（计数应为非负整数）；需要它的指标：县级 › 合规\"");
    // 丁局's name spans two lines, so 戊局 starts on line 7.
    CHECK(ls[6] == "7,戊局,评分,8.00,良,4.00,2.00,2.00,0.00,");
    CHECK(has(o.err, "tests/batch/depts.csv:4: 错误[E0402]：数据 `支出率` 应为百分比，却是 \"abc\""));
    CHECK(has(o.err, "tests/batch/depts.csv:5: 错误[E0402]：数据 `问题数` 应为计数"));
    CHECK(has(o.err, "共 5 条：评分 3 条，失败 2 条"));
}

TEST_CASE("batch: JSON Lines in, JSON Lines out, and a broken line has its row", "[batch]") {
    Out o = batch("tests/batch/simple.pf tests/batch/depts.jsonl --format jsonl -j 3");
    CHECK(o.status == 1);
    auto ls = lines(o.out);
    REQUIRE(ls.size() == 4);
    CHECK(ls[0] == R"({"line": 1, "department": "甲局", "status": "scored", "total": 8.00, "grade": "良", )"
                   R"("scores": {"县级.支出": 4.00, "县级.合规": 2.00, "县级.盘点": 2.00, "县级.产出": 0.00}, "reason": null})");
    CHECK(ls[2] == R"({"line": 3, "department": "", "status": "failed", "total": null, "grade": null, )"
                   R"("scores": {"县级.支出": null, "县级.合规": null, "县级.盘点": null, "县级.产出": null}, )"
                   R"("reason": "E0406：JSON 格式错误：读对象时出错：文件意外结束；应为 '}'"})");
    CHECK(has(ls[3], "\"line\": 4, \"department\": \"丁局\", \"status\": \"scored\""));
    CHECK(has(o.err, "tests/batch/depts.jsonl:3:55: 错误[E0406]"));
}

TEST_CASE("batch: output order equals input order on four threads over many chunks", "[batch]") {
    fs::path csv = fs::temp_directory_path() / ("pingfen_batch_many_" + std::to_string(::getpid()) + ".csv");
    {
        std::ofstream f(csv, std::ios::binary);
        f << "部门,支出率,问题数,做了盘点\n";
        for (int i = 0; i < 5000; ++i) f << "单位" << i << "," << (i % 101) << "%," << (i % 5) << "," << (i % 2 ? "是" : "否") << "\n";
    }
    Out o = batch("tests/batch/simple.pf '" + csv.string() + "' -j 4");
    fs::remove(csv);
    CHECK(o.status == 0);
    auto ls = lines(o.out);
    REQUIRE(ls.size() == 5001);
    for (int i = 0; i < 5000; ++i) {
        // 支出 = (i % 101)% × 4, 合规 = 2 − 0.5 × (i % 5), 盘点 2 or 0, 产出 0.
        int pct = i % 101;
        int hundredths = pct * 4 + (200 - 50 * (i % 5)) + (i % 2 ? 200 : 0);
        std::string total = std::to_string(hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") + std::to_string(hundredths % 100);
        std::string expect = std::to_string(i + 2) + ",单位" + std::to_string(i) + ",评分," + total + ",";
        if (ls[static_cast<std::size_t>(i + 1)].rfind(expect, 0) != 0) {
            FAIL("row " << i << ": " << ls[static_cast<std::size_t>(i + 1)] << " expected to start with " << expect);
        }
    }
    CHECK(has(o.err, "共 5000 条：评分 5000 条，失败 0 条"));
    CHECK(!has(o.err, "\r"));  // no progress bar when stderr is not a terminal
}

TEST_CASE("batch: -o writes the file whole, and usage errors exit 2", "[batch]") {
    fs::path out = fs::temp_directory_path() / ("pingfen_batch_out_" + std::to_string(::getpid()) + ".csv");
    Out o = batch("tests/batch/simple.pf tests/batch/depts.csv -o '" + out.string() + "'");
    CHECK(o.status == 1);
    CHECK(o.out.empty());
    CHECK(lines(slurp(out)).size() == 7);
    CHECK(!fs::exists(out.string() + ".tmp"));
    fs::remove(out);
    CHECK(batch("tests/batch/simple.pf").status == 2);
    CHECK(batch("tests/batch/simple.pf tests/batch/depts.csv --format xml").status == 2);
    CHECK(batch("tests/batch/simple.pf no/such.csv").status == 1);
}

namespace {

// A data file in the temporary folder, removed at the end of the test.
struct TempFile {
    fs::path path;
    TempFile(const std::string& name, const std::string& text) {
        path = fs::temp_directory_path() / ("pingfen_batch_" + std::to_string(::getpid()) + "_" + name);
        std::ofstream f(path, std::ios::binary);
        f << text;
    }
    ~TempFile() { fs::remove(path); }
    std::string quoted() const { return "'" + path.string() + "'"; }
};

}  // namespace

TEST_CASE("batch: good, bad, good gives three rows in input order, with the status and the first reason", "[batch]") {
    TempFile csv("three.csv",
                 "部门,支出率,问题数,做了盘点\n"
                 "甲局,90%,0,是\n"
                 "乙局,120%,1,否\n"  // outside [0, 100%]
                 "丙局,50%,2,是\n");
    TempFile out("three.out.csv", "");
    for (const char* jobs : {"1", "2"}) {
        INFO("-j " << jobs);
        Out o = batch("tests/batch/simple.pf " + csv.quoted() + " -j " + jobs + " -o " + out.quoted());
        CHECK(o.status == 1);  // a record failed
        CHECK(o.out.empty());
        // The file alone tells the whole story.
        auto ls = lines(slurp(out.path));
        REQUIRE(ls.size() == 4);
        CHECK(ls[0] == "\xEF\xBB\xBF行号,部门,状态,总分,等级,县级.支出,县级.合规,县级.盘点,县级.产出,原因");
        CHECK(ls[1] == "2,甲局,评分,7.60,中,3.60,2.00,2.00,0.00,");
        CHECK(ls[2].rfind("3,乙局,失败,,,,1.50,0.00,0.00,\"E0404：数据 `支出率` 的值 120% 超出声明的范围 [0, 100%]；", 0) == 0);
        CHECK(ls[3] == "4,丙局,评分,5.00,差,2.00,1.00,2.00,0.00,");
        CHECK(has(o.err, "共 3 条：评分 2 条，失败 1 条"));
    }
    // English: headers, statuses and the reason in English.
    Out en = batch("tests/batch/simple.pf " + csv.quoted() + " --lang en");
    auto ls = lines(en.out);
    REQUIRE(ls.size() == 4);
    CHECK(ls[0] == "\xEF\xBB\xBFline,department,status,total,grade,县级.支出,县级.合规,县级.盘点,县级.产出,reason");
    CHECK(ls[1] == "2,甲局,scored,7.60,中,3.60,2.00,2.00,0.00,");
    CHECK(ls[2].rfind("3,乙局,failed,,,,1.50,0.00,0.00,\"E0404: ", 0) == 0);
    CHECK(ls[3] == "4,丙局,scored,5.00,差,2.00,1.00,2.00,0.00,");

    // JSON Lines: one object per record, in order, with "status" and "reason".
    Out j = batch("tests/batch/simple.pf " + csv.quoted() + " --format jsonl -j 2");
    CHECK(j.status == 1);
    auto js = lines(j.out);
    REQUIRE(js.size() == 3);
    CHECK(js[0] == R"({"line": 2, "department": "甲局", "status": "scored", "total": 7.60, "grade": "中", )"
                   R"("scores": {"县级.支出": 3.60, "县级.合规": 2.00, "县级.盘点": 2.00, "县级.产出": 0.00}, "reason": null})");
    CHECK(js[1].rfind(R"({"line": 3, "department": "乙局", "status": "failed", "total": null, "grade": null, )"
                      R"("scores": {"县级.支出": null, "县级.合规": 1.50, "县级.盘点": 0.00, "县级.产出": 0.00}, "reason": "E0404：)", 0) == 0);
    CHECK(has(js[2], R"("line": 4, "department": "丙局", "status": "scored", "total": 5.00)"));
}

TEST_CASE("batch: 单位名称 and 部门名称 name the department, and a header without one is W0404", "[batch]") {
    for (const char* column : {"单位名称", "部门名称"}) {
        INFO(column);
        TempFile csv("synonym.csv", std::string(column) + ",支出率,问题数,做了盘点\n甲局,90%,0,是\n");
        Out o = batch("tests/batch/simple.pf " + csv.quoted());
        CHECK(o.status == 0);
        auto ls = lines(o.out);
        REQUIRE(ls.size() == 2);
        CHECK(ls[1] == "2,甲局,评分,7.60,中,3.60,2.00,2.00,0.00,");
        CHECK(!has(o.err, "W0401"));  // not an input the ruleset lacks
        CHECK(!has(o.err, "W0404"));
    }
    // 部门 wins over a synonym, which is then an ordinary (undeclared) field.
    TempFile both("both.csv", "单位名称,部门,支出率,问题数,做了盘点\n某单位,甲局,90%,0,是\n");
    Out b = batch("tests/batch/simple.pf " + both.quoted());
    CHECK(lines(b.out).at(1).rfind("2,甲局,评分,", 0) == 0);
    CHECK(has(b.err, "警告[W0401]：数据 `单位名称` 不是规则集声明的输入"));

    TempFile none("none.csv", "名称,支出率,问题数,做了盘点\n甲局,90%,0,是\n");
    Out n = batch("tests/batch/simple.pf " + none.quoted());
    CHECK(n.status == 0);  // a warning: the scores are right, only unnamed
    CHECK(has(n.err, none.path.string() + ":1: 警告[W0404]：表头 名称,支出率,问题数,做了盘点 中没有部门名称一列（应为 `部门`、`部门名称`、`单位名称` 或 `department`），结果中的部门将为空"));
    CHECK(lines(n.out).at(1) == "2,,评分,7.60,中,3.60,2.00,2.00,0.00,");
    Out nen = batch("tests/batch/simple.pf " + none.quoted() + " --lang en");
    CHECK(has(nen.err, "warning[W0404]: the header 名称,支出率,问题数,做了盘点 has no department column (`部门`, `部门名称`, `单位名称` or `department`)"));

    // JSON Lines: the same names; a record without one is W0404, said once.
    TempFile jsonl("names.jsonl",
                   "{\"单位名称\": \"甲局\", \"数据\": {\"支出率\": \"90%\", \"问题数\": 0, \"做了盘点\": true}}\n"
                   "{\"数据\": {\"支出率\": \"90%\", \"问题数\": 0, \"做了盘点\": true}}\n"
                   "{\"数据\": {\"支出率\": \"50%\", \"问题数\": 0, \"做了盘点\": true}}\n");
    Out j = batch("tests/batch/simple.pf " + jsonl.quoted() + " --format jsonl");
    CHECK(j.status == 0);
    auto js = lines(j.out);
    REQUIRE(js.size() == 3);
    CHECK(has(js[0], R"("line": 1, "department": "甲局", "status": "scored")"));
    CHECK(has(js[1], R"("line": 2, "department": "", "status": "scored")"));
    CHECK(has(j.err, jsonl.path.string() + ":2: 警告[W0404]：记录中没有部门名称"));
    CHECK(!has(j.err, ":3: 警告[W0404]"));
}

TEST_CASE("batch: --tables is indexed on disk, and rows found across sorted runs, in file order", "[batch]") {
    // 140,000 table rows (more than one sorted run of 65,536), of which two per scored department,
    // far apart in the file; the rest belong to departments not in the data.
    std::ostringstream tables;
    tables << "部门,表,名称,目标,实际\n";
    for (int k = 0; k < 140000; ++k) {
        if (k % 70 == 0 && k / 70 < 2000) {
            int i = (k / 70) % 1000;  // department i: its first row, then 70,000 rows later its second
            tables << "部门" << i << ",产出目标," << (k < 70000 ? "甲,10,8\n" : "乙,10,10\n");
        } else {
            tables << "其他" << k << ",产出目标,丙,10,10\n";
        }
    }
    TempFile table_file("index.tables.csv", tables.str());
    std::ostringstream data;
    data << "部门,支出率,问题数,做了盘点\n无表局,100%,0,是\n";
    for (int i = 0; i < 1000; ++i) data << "部门" << i << ",100%,0,是\n";
    TempFile data_file("index.csv", data.str());
    Out o = batch("tests/batch/simple.pf " + data_file.quoted() + " --tables " + table_file.quoted() + " -j 2");
    CHECK(o.status == 0);
    auto ls = lines(o.out);
    REQUIRE(ls.size() == 1002);
    CHECK(ls[1] == "2,无表局,评分,8.00,良,4.00,2.00,2.00,0.00,");  // no rows: the table's default []
    int wrong = 0;
    for (int i = 0; i < 1000; ++i) {
        // 甲 8/10 → 0.8 of its 1 point, 乙 10/10 → 1: 产出 1.80.
        std::string expect = std::to_string(i + 3) + ",部门" + std::to_string(i) + ",评分,9.80,优,4.00,2.00,2.00,1.80,";
        if (ls[static_cast<std::size_t>(i + 2)] != expect && wrong++ < 3) CHECK(ls[static_cast<std::size_t>(i + 2)] == expect);
    }
    CHECK(wrong == 0);
}

TEST_CASE("batch: a ruleset with errors stops the run before any row, on one thread or two", "[batch]") {
    // With two threads the ruleset compiles while the first records are read: nothing of that
    // may show, and the messages are those of one thread.
    Out one = batch("tests/errors/E0201.pf tests/batch/depts.csv -j 1");
    Out two = batch("tests/errors/E0201.pf tests/batch/depts.csv -j 2");
    for (const Out* o : {&one, &two}) {
        CHECK(o->status == 1);
        CHECK(o->out.empty());
        CHECK(has(o->err, "错误[E0201]：未定义的名称 `年末结转结余`"));
        CHECK(!has(o->err, "E0402"));  // the records' own problems: never reached
        CHECK(!has(o->err, "共 "));
    }
    CHECK(one.err == two.err);
    // A missing data file is reported after the ruleset's messages, as before.
    Out missing = batch("tests/batch/simple.pf tests/batch/no_such.csv -j 2");
    CHECK(missing.status == 1);
    CHECK(missing.err == "tests/batch/no_such.csv: 错误[E0412]：无法打开文件 `tests/batch/no_such.csv`\n");
}

TEST_CASE("batch: an input with no record is E0415, exit 1, the header and the count still written", "[batch]") {
    // It printed 共 0 条 and exited 0: the wrong file, or a pipe that carried nothing, passed.
    pingfen::test::TempFolder dir("batch_empty");
    const std::string empty = dir.write("empty.jsonl", "");
    const std::string header = dir.write("header.csv", "部门,支出率,问题数,做了盘点\n");
    for (const std::string& file : {empty, header}) {
        Out o = batch("tests/batch/simple.pf '" + file + "'");
        CHECK(o.status == 1);
        CHECK(o.out == "\xEF\xBB\xBF行号,部门,状态,总分,等级,县级.支出,县级.合规,县级.盘点,县级.产出,原因\r\n");  // CSV: CRLF
        CHECK(o.err == file + ": 错误[E0415]：`" + file + "` 中没有部门数据：表头之下（CSV）或文件中（JSON Lines）没有一条记录\n共 0 条：评分 0 条，失败 0 条\n");
    }
    Out en = pingfen::test::shell("printf '' | PINGFEN_LANG= '" PINGFEN_BINARY "' batch tests/batch/simple.pf - --format jsonl --lang en");
    CHECK(en.status == 1);
    CHECK(en.out.empty());
    CHECK(has(en.err, "error[E0412]"));  // nothing at all through the pipe: not even a header
    // One record is enough.
    Out one = batch("tests/batch/simple.pf '" + dir.write("one.csv", "部门,支出率,问题数,做了盘点\n甲局,50%,1,是\n") + "'");
    CHECK(one.status == 0);
    CHECK(has(one.err, "共 1 条：评分 1 条，失败 0 条"));
}

TEST_CASE("batch: --tables rows meet their department whatever the spaces around its name", "[batch]") {
    // " 甲局" in the data and "乙局 " in the tables missed their rows: the departments were scored
    // on the goal table's default (none: 产出 0.00, total 5.50), without a word.
    pingfen::test::TempFolder dir("tables_spaces");
    const std::string data = dir.write_quoted("d.csv", "部门,支出率,问题数,做了盘点\n\" 甲局\",50%,1,是\n乙局,50%,1,是\n");
    const std::string tables = dir.write_quoted("t.csv", "部门,表,名称,目标,实际\n甲局,产出目标,道路,10,8\n\"乙局\u3000\",产出目标,道路,10,8\n");
    Out o = batch("tests/batch/simple.pf " + data + " --tables " + tables);
    CHECK(o.status == 0);
    // 产出: 8 / 10 = 80%, in [60%, 100%]: 80% of 2 = 1.60; total 2.00 + 1.50 + 2.00 + 1.60.
    CHECK(has(o.out, "\n2, 甲局,评分,7.10,中,2.00,1.50,2.00,1.60,"));
    CHECK(has(o.out, "\n3,乙局,评分,7.10,中,2.00,1.50,2.00,1.60,"));
}

TEST_CASE("batch: rows of --tables that no record takes are W0405, by the line of their first row", "[batch]") {
    // "甲 局" in the tables and "甲局" in the data: 甲局's 产出 was 0.00 on the table's default
    // and the batch said nothing of the two rows it did not use.
    pingfen::test::TempFolder dir("tables_unused");
    const std::string data = dir.write_quoted("d.csv", "部门,支出率,问题数,做了盘点\n甲局,50%,1,是\n乙局,50%,1,是\n");
    const std::string tables = dir.write("t.csv",
                                                "部门,表,名称,目标,实际\n乙局,产出目标,道路,10,8\n甲 局,产出目标,道路,10,8\n"
                                                ",产出目标,桥梁,5,5\n甲 局,产出目标,桥梁,5,5\n");
    Out o = batch("tests/batch/simple.pf " + data + " --tables '" + tables + "'");
    CHECK(o.status == 0);  // a warning: the data may be some of the departments on purpose
    CHECK(has(o.out, "\n2,甲局,评分,5.50,差,2.00,1.50,2.00,0.00,"));
    CHECK(has(o.out, "\n3,乙局,评分,7.10,中,2.00,1.50,2.00,1.60,"));
    CHECK(has(o.err, tables + ":3: 警告[W0405]：表文件第 3 行的部门“甲 局”不在数据的部门之中，它的 2 行未使用（多半是两个文件中部门名称的写法不一致）\n" +
                         tables + ":4: 警告[W0405]：表文件第 4 行没有填部门，这样的 1 行未使用\n共 2 条"));
    CHECK(!has(o.err, "“乙局”"));

    // A record without a department took the rows without one (产出 2.00 on 桥梁 5 / 5).
    const std::string nameless = dir.write_quoted("nameless.csv", "部门,支出率,问题数,做了盘点\n,50%,1,是\n");
    Out n = batch("tests/batch/simple.pf " + nameless + " --tables '" + tables + "'");
    CHECK(n.status == 0);
    CHECK(has(n.out, "\n2,,评分,5.50,差,2.00,1.50,2.00,0.00,"));
    CHECK(has(n.err, tables + ":4: 警告[W0405]：表文件第 4 行没有填部门，这样的 1 行未使用\n"));

    // A record that could not be read may have been the department the rows name: said so, not
    // that the names differ.
    const std::string unread = dir.write_quoted("unread.csv", "部门,支出率,问题数,做了盘点\n甲局,50%,1,是,多\n乙局,50%,1,是\n");
    Out u = batch("tests/batch/simple.pf " + unread + " --tables '" + tables + "'");
    CHECK(u.status == 1);
    CHECK(has(u.err, tables + ":3: 警告[W0405]：表文件第 3 行的部门“甲 局”不在数据的部门之中，它的 2 行未使用（有 1 条记录没能读出，这些行也可能是它的）\n"));

    // Many departments unused (the data a few of them): ten by line, then a count of the rest.
    std::string many = "部门,表,名称,目标,实际\n";
    for (int k = 0; k < 300; ++k) many += fmt::format("局{:03},产出目标,道路,10,8\n", 299 - k);
    many += "乙局,产出目标,道路,10,8\n";
    const std::string tables_many = dir.write("many.csv", many);
    Out m = batch("tests/batch/simple.pf " + data + " --tables '" + tables_many + "' -j2");
    CHECK(m.status == 0);
    CHECK(has(m.err, tables_many + ":2: 警告[W0405]：表文件第 2 行的部门“局299”"));
    CHECK(has(m.err, tables_many + ":11: 警告[W0405]：表文件第 11 行的部门“局290”"));
    CHECK(!has(m.err, "“局289”"));
    CHECK(has(m.err, tables_many + ": 警告[W0405]：表文件中另有 290 个部门不在数据的部门之中，它们的行也未使用\n"));
    CHECK(has(m.out, "\n3,乙局,评分,7.10,中,2.00,1.50,2.00,1.60,"));  // its rows found past the index's first blocks

    // An output that fails stops the run: the departments never read are not "not in the data"
    // (the last ten of 5,000, whose rows are the only ones, were each warned of before E0011).
    std::string rows = "部门,支出率,问题数,做了盘点\n", last = "部门,表,名称,目标,实际\n";
    for (int k = 0; k < 5000; ++k) rows += fmt::format("局{:04},50%,1,是\n", k);
    for (int k = 4990; k < 5000; ++k) last += fmt::format("局{:04},产出目标,道路,10,8\n", k);
    const std::string data_many = dir.write_quoted("many_data.csv", rows);
    const std::string tables_last = dir.write_quoted("last.csv", last);
    Out full = batch("tests/batch/simple.pf " + data_many + " --tables " + tables_last + " -o /dev/full");
    CHECK(full.status == 1);
    CHECK(has(full.err, "错误[E0011]"));
    CHECK(!has(full.err, "W0405"));
}

TEST_CASE("batch: a CSV record whose department cell is empty is W0404, as a JSON Lines record without one is", "[batch]") {
    // It was scored without a word, its row's 部门 empty: only a JSON Lines record was warned of.
    pingfen::test::TempFolder dir("empty_department");
    const std::string data = dir.write_quoted("d.csv", "部门,支出率,问题数,做了盘点\n甲局,50%,1,是\n\"\u3000 \",50%,1,是\n,50%,1,是\n");
    Out o = batch("tests/batch/simple.pf " + data);
    CHECK(o.status == 0);
    CHECK(has(o.out, "\n2,甲局,评分,5.50,"));
    CHECK(has(o.out, "\n4,,评分,5.50,"));
    CHECK(has(o.err, "d.csv:3: 警告[W0404]：这一条的部门名称一栏为空，结果中的部门将为空（同样的警告只报一次）\n共 3 条"));
    const std::string jsonl = dir.write_quoted("d.jsonl", "{\"部门\": \"  \", \"数据\": {\"支出率\": \"50%\", \"问题数\": 1, \"做了盘点\": \"是\"}}\n");
    Out j = batch("tests/batch/simple.pf " + jsonl);
    CHECK(has(j.err, "d.jsonl:1: 警告[W0404]：记录中没有部门名称"));
}
