// `pingfen test`: its summary in the language asked for, and a file without tests said so.
#include <catch2/catch.hpp>

#include "support.hpp"

using pingfen::test::run_pingfen;

TEST_CASE("test command: the summary speaks the session's language and names a file without tests", "[cli]") {
    auto zh = run_pingfen("test rulesets/huadu/2023.pf");
    CHECK(zh.status == 0);
    CHECK(zh.out.find("个通过，0 个失败\n") != std::string::npos);
    auto en = run_pingfen("test rulesets/huadu/2023.pf --lang en");
    CHECK(en.status == 0);
    CHECK(en.out.find(" passed, 0 failed\n") != std::string::npos);
    CHECK(en.out.find("个通过") == std::string::npos);
}

TEST_CASE("test command: a ruleset without tests is said to have none, and passes", "[cli]") {
    namespace fs = std::filesystem;
    const fs::path f = fs::temp_directory_path() / ("pingfen_no_tests_" + std::to_string(::getpid()) + ".pf");
    std::ofstream(f) << "规则集 \"无测试\" 总分 2\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 甲 数值 }\n一级指标 A 2 { 若 甲 > 1 则 得满分 否则 不得分 }\n";
    auto r = run_pingfen("test '" + f.string() + "'");
    CHECK(r.status == 0);
    CHECK(r.out.find("（这个文件中没有测试）") != std::string::npos);
    CHECK(r.out.find("0 个通过，0 个失败") != std::string::npos);
    auto en = run_pingfen("test '" + f.string() + "' --lang en");
    CHECK(en.out.find("(no tests in this file)") != std::string::npos);
    fs::remove(f);
}

TEST_CASE("test command: a folder's file that does not parse is reported and fails, never skipped", "[cli]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("pingfen_broken_folder_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    // No 测试 block can be seen in it: a scan for the word would pass the folder as empty.
    std::ofstream(dir / "broken.pf") << "规则集 \"半截\" 总分 3\n一级指标 甲 3 分 {\n  得满分\n";
    // An imported part (no 规则集 line) without tests is still left out, as before.
    std::ofstream(dir / "part.pf") << "一级指标 乙 2 { 得满分 }\n";
    auto r = run_pingfen("test '" + dir.string() + "'");
    CHECK(r.status == 1);
    CHECK(r.out.find("broken.pf\n  ✗ 文件无法编译\n0 个通过，1 个失败\n") != std::string::npos);
    CHECK(r.out.find("part.pf") == std::string::npos);
    CHECK(r.err.find("E0001") != std::string::npos);
    fs::remove_all(dir);
}
