// CSV that is not UTF-8 is refused with what it seems to be (issue 13: never a quiet result).
// Chinese Excel saves CSV as GB18030; read as UTF-8, a batch scored nothing and exited 0.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

namespace fs = std::filesystem;
using pingfen::test::run_pingfen;
using pingfen::test::Run;

namespace {

fs::path write(const std::string& name, const std::string& bytes) {
    fs::path p = fs::temp_directory_path() / ("pingfen_enc_" + std::to_string(::getpid()) + "_" + name);
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("batch reads a GB18030 CSV, refuses UTF-16 and what is neither, and names the encoding", "[batch][issue13][issue18]") {
    // 部门,执行率 / 甲局,85% in GB18030, as Chinese Excel saves "CSV": read, in batch, diff and score alike.
    const fs::path gbk = write("gbk.csv", "\xB2\xBF\xC3\xC5,\xD6\xB4\xD0\xD0\xC2\xCA\n\xBC\xD7\xBE\xD6,85%\n");
    Run r = run_pingfen("batch tests/errors/E0403.pf '" + gbk.string() + "'");
    CHECK(r.status == 0);
    CHECK(has(r.out, "\n2,甲局,评分,0.85,,0.85,\r\n"));
    Run d = run_pingfen("diff tests/errors/E0403.pf tests/errors/E0403.pf --data '" + gbk.string() + "'");
    CHECK(d.status == 0);
    CHECK(has(d.out, "得分：甲局"));
    Run s = run_pingfen("score tests/errors/E0403.pf '" + gbk.string() + "'");
    CHECK(s.status == 0);
    CHECK(has(s.out, "0.85"));

    // Bytes that are no GB18030 (0x80 and 0xFF stand alone in neither encoding).
    const fs::path neither = write("neither.csv", "\x80\xFF\x80,a\n");
    Run n = run_pingfen("batch tests/errors/E0403.pf '" + neither.string() + "'");
    CHECK(n.status == 1);
    CHECK(has(n.err, ":1: 错误[E0412]：CSV 文件的编码既不是 UTF-8 也不是 GB18030/GBK，无法读取"));
    // From a named pipe, read from a temporary copy: the message names the pipe, not the copy.
    pingfen::test::TempFolder dir("csv_pipe");
    const std::string fifo = dir.file("p.csv");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto piped = pingfen::test::shell("(cat '" + neither.string() + "' > '" + fifo + "' &); PINGFEN_LANG= timeout 10 '" PINGFEN_BINARY
                                            "' batch tests/errors/E0403.pf '" + fifo + "'");
    CHECK(piped.status == 1);
    CHECK(has(piped.err, fifo + ":1: 错误[E0412]：CSV 文件的编码既不是 UTF-8 也不是 GB18030/GBK"));
    CHECK_FALSE(has(piped.err, "pingfen-"));
    fs::remove(neither);

    const fs::path utf16 = write("utf16.csv", std::string("\xFF\xFE\x68\x00", 4));
    Run u = run_pingfen("batch tests/errors/E0403.pf '" + utf16.string() + "' --lang en");
    CHECK(u.status == 1);
    CHECK(has(u.err, "error[E0412]: the CSV file is UTF-16 (Excel's \"Unicode Text\")"));
    fs::remove(gbk);
    fs::remove(utf16);
}

TEST_CASE("batch fails a CSV record that is not UTF-8 and keeps the others", "[batch][issue13]") {
    const fs::path mixed = write("mixed.csv", "部门,执行率\n甲局,85%\n\xBC\xD7\xBE\xD6,85%\n丙局,90%\n");
    Run r = run_pingfen("batch tests/errors/E0403.pf '" + mixed.string() + "'");
    fs::remove(mixed);
    CHECK(r.status == 1);
    CHECK(has(r.out, "2,甲局,评分,0.85,,0.85,"));
    CHECK(has(r.out, "3,,失败,,,,E0412：CSV 文件的编码不是 UTF-8"));
    CHECK(has(r.out, "4,丙局,评分,0.90,,0.90,"));
    CHECK(has(r.err, ":3: 错误[E0412]"));
}

TEST_CASE("a bundled department through a GB18030 CSV scores its published total", "[batch][issue18]") {
    const std::vector<std::pair<std::string, std::string>> published = {
        {"huadu/2023", "96.50"}, {"guangzhou/2022", "94.31"}, {"haizhu/2023", "94.00"}, {"conghua/2024", "80.29"}};
    for (const auto& [ruleset, total] : published) {
        const fs::path csv = write("gb_" + ruleset.substr(0, ruleset.find('/')) + ".csv", "");
        const fs::path tables = write("gb_" + ruleset.substr(0, ruleset.find('/')) + ".tables.csv", "");
        Run made = pingfen::test::shell("/usr/bin/python3 tests/xlsx/json_to_csv.py rulesets/" + ruleset + ".example.json '" +
                                        csv.string() + "' '" + tables.string() + "'");
        REQUIRE(made.status == 0);
        Run r = run_pingfen("batch rulesets/" + ruleset + ".pf '" + csv.string() + "' --tables '" + tables.string() + "'");
        INFO(ruleset << "\n" << r.err);
        CHECK(r.status == 0);
        CHECK(has(r.out, ",评分," + total + ","));
        fs::remove(csv);
        fs::remove(tables);
    }
}

TEST_CASE("a list in one CSV cell: items separated by semicolons, and a cell that does not parse shows the form", "[batch][issue18]") {
    const fs::path csv = write("list.csv",
                               "部门,月度执行率\n甲局,\"100%; 98.5%；99%;\"\n乙局,\"100%, 98.5%\"\n");
    const fs::path pf = write("list.pf",
                              "规则集 \"列表\" 年度 2023 总分 1\n舍入 叶指标 四舍五入 保留 2 位\n"
                              "输入 { 月度执行率 列表(百分比) [0, 200%] }\n"
                              "指标 均值 1 { 按 平均(月度执行率) 比例计分，封顶 100% }\n");
    Run r = run_pingfen("batch '" + pf.string() + "' '" + csv.string() + "'");
    CHECK(has(r.out, "\n2,甲局,评分,0.99,"));
    CHECK(has(r.out, "\n3,乙局,失败,"));
    CHECK(has(r.err, "错误[E0420]：列表 `月度执行率` 写在一个单元格中，其第 1 项 \"100%, 98.5%\" 不是数值"));
    CHECK(has(r.err, "一个单元格中的列表用分号分隔各项，如 \"100%; 98.5%; 99%\""));
    fs::remove(csv);
    fs::remove(pf);
}
