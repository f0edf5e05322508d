// What the pingfen program loads when it starts (issue 14: a cold `pingfen score` under 30 ms).
// The libraries that only reading or writing a workbook needs are opened then
// (interpreter/src/system/loaded_library.hpp), and the workbench's HTTP server is a program of
// its own (repl/serve_main.cpp): each of them brought OpenSSL's libcrypto, whose relocation
// alone took a few milliseconds of every start.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using pingfen::test::run_pingfen;
using pingfen::test::shell;

TEST_CASE("startup: pingfen loads neither the workbook libraries nor the HTTP one when it starts", "[cli][issue14]") {
    const auto ldd = shell("ldd '" PINGFEN_BINARY "'");
    REQUIRE(ldd.status == 0);
    REQUIRE(ldd.out.find("libc.so") != std::string::npos);  // the listing is the one expected
    for (const char* library : {"libzip.so", "libxlsxwriter.so", "libcpp-httplib.so", "libssl.so", "libcrypto.so"}) {
        INFO(library << " in:\n" << ldd.out);
        CHECK(ldd.out.find(library) == std::string::npos);
    }
}

TEST_CASE("startup: a workbook is still read and written, its libraries opened when needed", "[cli][issue14]") {
    const fs::path dir = fs::temp_directory_path() / ("pingfen_startup_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string sheet = (dir / "sheet.xlsx").string();
    const auto written = run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json --format xlsx -o '" + sheet + "'");
    CHECK(written.status == 0);
    CHECK(written.err.empty());
    CHECK(fs::file_size(sheet) > 1000);
    // The data form, written and read back: a form left empty names every datum it lacks.
    const std::string form = (dir / "form.xlsx").string();
    CHECK(run_pingfen("template rulesets/huadu/2023.pf -o '" + form + "'").status == 0);
    const auto read = run_pingfen("score rulesets/huadu/2023.pf '" + form + "'");
    CHECK(read.status == 1);
    CHECK(read.err.find("错误[E0401]") != std::string::npos);
    CHECK(read.err.find("缺少数据 `应评估项目数`（计数）") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("startup: a workbook library that cannot be loaded is an error with the loader's words, not a crash", "[cli][issue14]") {
    // Files of the libraries' names that are not libraries, first in the loader's path.
    const fs::path dir = fs::temp_directory_path() / ("pingfen_broken_libs_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const char* soname : {PINGFEN_XLSXWRITER_SONAME, PINGFEN_LIBZIP_SONAME}) std::ofstream(dir / soname) << "not a library\n";
    const std::string env = "LD_LIBRARY_PATH='" + dir.string() + "' NO_COLOR=1 PINGFEN_LANG= '" PINGFEN_BINARY "' ";
    const std::string sheet = (dir / "sheet.xlsx").string();
    const auto written = shell(env + "score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json -o '" + sheet + "'");
    CHECK(written.status == 1);
    CHECK(written.err.find("无法生成工作簿：") != std::string::npos);
    CHECK(written.err.find(PINGFEN_XLSXWRITER_SONAME) != std::string::npos);
    CHECK(!fs::exists(sheet));
    // Reading a workbook: the data form (written without the broken folder), then read with it.
    const std::string form = (dir / "form.xlsx").string();
    REQUIRE(run_pingfen("template rulesets/huadu/2023.pf -o '" + form + "'").status == 0);
    const auto read = shell(env + "score rulesets/huadu/2023.pf '" + form + "'");
    CHECK(read.status == 1);
    CHECK(read.err.find("无法读取工作簿 `" + form + "`：") != std::string::npos);
    CHECK(read.err.find(PINGFEN_LIBZIP_SONAME) != std::string::npos);
    // JSON data needs neither: scored as ever.
    const auto json = shell(env + "score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json");
    CHECK(json.status == 0);
    CHECK(json.out.find("96.50") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("startup: pingfen serve runs pingfen-serve beside it, and says so when it is missing", "[cli][issue14]") {
    // Through pingfen-serve: its own diagnostics, with the arguments passed on.
    const auto no_folder = run_pingfen("serve no/such/folder");
    CHECK(no_folder.status == 1);
    CHECK(no_folder.err == "no/such/folder: 错误[E1001]：`no/such/folder` 不是文件夹：pingfen serve 要一个放规则集和部门数据的文件夹\n");
    const auto en = run_pingfen("serve no/such/folder --lang en");
    CHECK(en.err == "no/such/folder: error[E1001]: `no/such/folder` is not a folder: pingfen serve needs a folder of rulesets and department data\n");
    // pingfen copied somewhere on its own.
    const fs::path alone = fs::temp_directory_path() / ("pingfen_alone_" + std::to_string(::getpid()));
    fs::create_directories(alone);
    fs::copy_file(PINGFEN_BINARY, alone / "pingfen", fs::copy_options::overwrite_existing);
    const auto missing = shell("NO_COLOR=1 PINGFEN_LANG= '" + (alone / "pingfen").string() + "' serve rulesets");
    CHECK(missing.status == 1);
    CHECK(missing.err == "错误[E1010]：无法启动工作台程序 " + (alone / "pingfen-serve").string() +
                             "（No such file or directory）：它应与 pingfen 在同一文件夹中\n");
    fs::remove_all(alone);
}
