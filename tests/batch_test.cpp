// pingfen batch through the real binary: input order kept on many threads, bad records
// reported with their line and skipped, CSV with a BOM and quoted fields, JSON Lines, tables.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <array>
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
    REQUIRE(ls.size() == 4);
    CHECK(ls[0] == "\xEF\xBB\xBF行号,部门,总分,等级,县级.支出,县级.合规,县级.盘点,县级.产出");
    // 甲局: 99.99% × 4 = 3.9996 → 4.00; goal rows 8/10 = 80% → 0.8, and 5/5 → 1: 产出 1.80.
    CHECK(ls[1] == "2,甲局,9.80,优,4.00,2.00,2.00,1.80");
    CHECK(ls[2] == "3,\"乙局, 含逗号\",4.70,差,3.20,1.50,0.00,0.00");
    // 丁局's name spans two lines, so 戊局 starts on line 7.
    CHECK(ls[3] == "7,戊局,8.00,良,4.00,2.00,2.00,0.00");
    CHECK(has(o.err, "tests/batch/depts.csv:4: 错误[E0402]：数据 `支出率` 应为百分比，却是 \"abc\""));
    CHECK(has(o.err, "tests/batch/depts.csv:5: 错误[E0402]：数据 `问题数` 应为计数"));
    CHECK(has(o.err, "共 5 条：评分 3 条，失败 2 条"));
}

TEST_CASE("batch: JSON Lines in, JSON Lines out; a broken line is skipped", "[batch]") {
    Out o = batch("tests/batch/simple.pf tests/batch/depts.jsonl --format jsonl -j 3");
    CHECK(o.status == 1);
    auto ls = lines(o.out);
    REQUIRE(ls.size() == 3);
    CHECK(has(ls[0], "\"line\": 1, \"department\": \"甲局\", \"total\": 8.00"));
    CHECK(has(ls[2], "\"line\": 4, \"department\": \"丁局\""));
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
        std::string expect = std::to_string(i + 2) + ",单位" + std::to_string(i) + "," + total + ",";
        if (ls[static_cast<std::size_t>(i + 1)].rfind(expect, 0) != 0) {
            FAIL("row " << i << ": " << ls[static_cast<std::size_t>(i + 1)] << " expected to start with " << expect);
        }
    }
    CHECK(has(o.err, "共 5000 条：评分 5000 条，失败 0 条"));
    CHECK(!has(o.err, "\r"));  // no progress bar when stderr is not a terminal
}

TEST_CASE("batch: -o writes the file whole; usage errors exit 2", "[batch]") {
    fs::path out = fs::temp_directory_path() / ("pingfen_batch_out_" + std::to_string(::getpid()) + ".csv");
    Out o = batch("tests/batch/simple.pf tests/batch/depts.csv -o '" + out.string() + "'");
    CHECK(o.status == 1);
    CHECK(o.out.empty());
    CHECK(lines(slurp(out)).size() == 4);
    CHECK(!fs::exists(out.string() + ".tmp"));
    fs::remove(out);
    CHECK(batch("tests/batch/simple.pf").status == 2);
    CHECK(batch("tests/batch/simple.pf tests/batch/depts.csv --format xml").status == 2);
    CHECK(batch("tests/batch/simple.pf no/such.csv").status == 1);
}
