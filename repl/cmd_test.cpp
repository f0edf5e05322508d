// pingfen test PATH...: runs the 测试 blocks of every ruleset file given or found in the folders.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>

#include "cli.hpp"

namespace fs = std::filesystem;

namespace pingfen::cli {
namespace {

// Only files that hold a test block are run: imported parts and data files have none.
bool has_tests(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        auto start = line.find_first_not_of(" \t\xEF\xBB\xBF");
        if (start == std::string::npos) continue;
        if (line.compare(start, 6, "测试") == 0 || line.compare(start, 5, "test ") == 0) return true;
    }
    return false;
}

}  // namespace

int cmd_test(const std::vector<std::string>& args, Common c) {
    std::vector<std::string> paths;
    for (const auto& a : args) {
        if (a == "--lang" || a == "--lang=en" || a == "en" || a == "zh" || a == "--lang=zh") continue;
        if (a == "--help" || a == "-h") {
            std::cout << (c.language == Language::English ? "usage: pingfen test PATH... (files or folders)\n"
                                                          : "用法：pingfen test 路径…（文件或文件夹）\n");
            return kOk;
        }
        paths.push_back(a);
    }
    if (paths.empty()) {
        usage_error("用法：pingfen test 路径…（文件或文件夹）", "usage: pingfen test PATH... (files or folders)", c);
        return kUsage;
    }
    std::vector<fs::path> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
                std::string name = e.path().filename().string();
                if (e.path().extension() == ".pf" && name.find(".data.pf") == std::string::npos && has_tests(e.path()))
                    files.push_back(e.path());
            }
        } else if (fs::exists(p, ec)) {
            files.push_back(p);
        } else {
            usage_error(fmt::format("找不到 `{}`", p), fmt::format("`{}` does not exist", p), c);
            return kUsage;
        }
    }
    std::sort(files.begin(), files.end());
    const bool en = c.language == Language::English;
    int passed = 0, failed = 0;
    Output out("");  // checked; flushed before diagnostics, so the two streams interleave
    for (const auto& f : files) {
        TestReport r = run_tests(f.generic_string(), c.language);
        out.write(f.generic_string() + "\n");
        if (has_errors(r.diagnostics)) {
            out.flush();
            print_diagnostics(r.diagnostics, c);
            out.write((en ? "  ✗ the file does not compile\n" : "  ✗ 文件无法编译\n"));
            ++failed;
            continue;
        }
        // A file named on the command line that holds no test: said, not counted as passing.
        if (r.tests.empty()) out.write(en ? "  (no tests in this file)\n" : "  （这个文件中没有测试）\n");
        for (const auto& t : r.tests) {
            if (t.passed()) {
                ++passed;
                out.write(fmt::format("  ✓ {}\n", t.name));
                continue;
            }
            ++failed;
            out.write(fmt::format("  ✗ {}  ({}:{})\n", t.name, f.generic_string(), t.line));
            for (const auto& fl : t.failures) {
                out.write(fmt::format("      {}:{}: {}\n", f.generic_string(), fl.line, en ? fl.message_en : fl.message_zh));
                if (!fl.basis.empty()) out.write(fmt::format("      {}{}\n", en ? "basis: " : "依据：", fl.basis));
            }
        }
    }
    out.write(en ? fmt::format("{} passed, {} failed\n", passed, failed)
                 : fmt::format("{} 个通过，{} 个失败\n", passed, failed));
    return finish_output(out, failed == 0 ? kOk : kRuleOrDataError, c);
}

}  // namespace pingfen::cli
