// A CSV record that cannot be read by its header is E0426, never a quiet result: a value beyond
// the last column (a comma without quotes shifted the row), or a quote never closed (which
// took every later record into one field, so they vanished from the output and its count).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "support.hpp"

namespace {

namespace fs = std::filesystem;
using pingfen::test::run_pingfen;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kHeader = "部门,年末结转和结余,预算总额,支出率,问题数\n";

}  // namespace

TEST_CASE("batch: an unclosed quote fails its record alone, a quoted line break is kept, and every record is counted") {
    pingfen::test::TempFolder f("csv_shape");
    const std::string csv = f.write("d.csv", kHeader + "\"甲\n局\",1,100,98%,0\n乙,\"1,100,98%,0\n丙,1,100,98%,0\n丁,1,100,50%,0\n");
    auto r = run_pingfen("batch tests/errors/data.pf " + csv);
    CHECK(r.status == 1);
    CHECK(has(r.out, "2,\"甲\n局\",评分,3.98,"));
    CHECK(has(r.out, "4,,失败,,,,,,\"E0426：第 4 行的引号没有闭合"));
    CHECK(has(r.out, "5,丙,评分,3.98,"));
    CHECK(has(r.out, "6,丁,评分,3.50,"));
    CHECK(has(r.err, "d.csv:4: 错误[E0426]"));
    CHECK(has(r.err, "共 4 条：评分 3 条，失败 1 条"));
}

TEST_CASE("batch: a value beyond the header fails its record, and a trailing empty field does not") {
    pingfen::test::TempFolder f("csv_shape");
    const std::string csv = f.write("d.csv", kHeader + "甲,1,222.61,100,98%,0\n乙,1,100,98%,0,\n");
    auto r = run_pingfen("batch tests/errors/data.pf " + csv);
    CHECK(r.status == 1);
    CHECK(has(r.out, "2,,失败,,,,,,\"E0426：这一条有 6 个字段，表头只有 5 列"));
    CHECK(has(r.out, "3,乙,评分,3.98,"));
}

TEST_CASE("score and diff --data read a CSV the same way: E0426 for a shifted row or an unclosed quote") {
    pingfen::test::TempFolder f("csv_shape");
    auto shifted = run_pingfen("score tests/errors/data.pf " + f.write("one.csv", kHeader + "甲,1,100,98%,0,50%\n"));
    CHECK(shifted.status == 1);
    CHECK(has(shifted.err, "one.csv:2: 错误[E0426]：这一条有 6 个字段，表头只有 5 列"));
    const std::string many = f.write("many.csv", kHeader + "甲,1,100,\"98%,0\n丙,1,100,98%,0\n");
    auto diff = run_pingfen("diff tests/errors/data.pf tests/errors/data.pf --data " + many);
    CHECK(diff.status == 1);
    CHECK(has(diff.err, "many.csv:2: 错误[E0426]：第 2 行的引号没有闭合"));
    CHECK(has(diff.out, "得分：丙"));
}

TEST_CASE("batch --tables: an unclosed quote in the table file stops before scoring") {
    pingfen::test::TempFolder f("csv_shape");
    const std::string tables = f.write("t.csv", "部门,表,名称,目标,实际\n甲局,产出目标,\"新增企业数,10,8\n甲局,产出目标,完成报告数,5,5\n");
    auto r = run_pingfen("batch tests/batch/simple.pf tests/batch/depts.csv --tables " + tables);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(has(r.err, "t.csv:2: 错误[E0426]：表文件第 2 行的引号没有闭合"));
}

TEST_CASE("batch: a JSON Lines record that is not an object is told so, not read as a data block") {
    pingfen::test::TempFolder f("csv_shape");
    const std::string jsonl = f.write("d.jsonl", "null\n[1]\n{\"部门\":\"甲\",\"数据\":{\"年末结转和结余\":1,\"预算总额\":100,\"支出率\":\"98%\",\"问题数\":0}}\n");
    auto r = run_pingfen("batch tests/errors/data.pf " + jsonl);
    CHECK(r.status == 1);
    CHECK(has(r.out, "1,,失败,,,,,,E0406：JSON 数据的最外层应为对象 {…}\r\n"));
    CHECK(has(r.out, "2,,失败,,,,,,E0406：JSON 数据的最外层应为对象 {…}\r\n"));
    CHECK(has(r.out, "3,甲,评分,3.98,"));
}
