// CSV that is not UTF-8 is refused with what it seems to be (issue 13: never a quiet result).
// Chinese Excel saves CSV as GB18030; read as UTF-8, a batch scored nothing and exited 0.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>
#include <fstream>

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

TEST_CASE("batch refuses a GB18030 or UTF-16 CSV and names the encoding", "[batch][issue13]") {
    // 部门,执行率 / 甲局,85% in GB18030.
    const fs::path gbk = write("gbk.csv", "\xB2\xBF\xC3\xC5,\xD6\xB4\xD0\xD0\xC2\xCA\n\xBC\xD7\xBE\xD6,85%\n");
    Run r = run_pingfen("batch tests/errors/E0403.pf '" + gbk.string() + "'");
    CHECK(r.status == 1);
    CHECK(has(r.err, ":1: 错误[E0412]：CSV 文件的编码不是 UTF-8（多半是 Excel 默认保存的 GB18030/GBK）"));
    CHECK(has(r.err, "另存为“CSV UTF-8（逗号分隔）”"));
    Run d = run_pingfen("diff tests/errors/E0403.pf tests/errors/E0403.pf --data '" + gbk.string() + "'");
    CHECK(d.status == 1);
    CHECK(has(d.err, "错误[E0412]：CSV 文件的编码不是 UTF-8"));

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
