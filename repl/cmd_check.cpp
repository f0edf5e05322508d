// pingfen check RULESET...: every check of the indicator system, without scoring anyone.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>

#include "cli.hpp"

namespace fs = std::filesystem;

namespace pingfen::cli {
namespace {

// In a folder, only rulesets (a 规则集 line) are checked: imported parts and data files are
// checked through the rulesets that use them.
bool is_ruleset(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        auto start = line.find_first_not_of(" \t\xEF\xBB\xBF");
        if (start == std::string::npos || line[start] == '#') continue;
        return line.compare(start, 9, "规则集") == 0 || line.compare(start, 8, "ruleset ") == 0;
    }
    return false;
}

}  // namespace

int cmd_check(const std::vector<std::string>& args, Common c) {
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--lang") {
            ++i;
            continue;
        }
        if (args[i] == "--help" || args[i] == "-h") {
            std::cout << (c.language == Language::English ? "usage: pingfen check RULESET... (files or folders)\n"
                                                          : "用法：pingfen check 规则集…（文件或文件夹）\n");
            return kOk;
        }
        paths.push_back(args[i]);
    }
    if (paths.empty()) {
        usage_error("用法：pingfen check 规则集…（文件或文件夹）", "usage: pingfen check RULESET... (files or folders)", c);
        return kUsage;
    }
    std::vector<fs::path> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (const auto& e : fs::recursive_directory_iterator(p, ec))
                if (e.path().extension() == ".pf" && is_ruleset(e.path())) files.push_back(e.path());
        } else {
            // A path that does not exist is reported by compile_file as E0009, as `score` does.
            files.push_back(p);
        }
    }
    std::sort(files.begin(), files.end());
    const bool en = c.language == Language::English;
    int with_errors = 0;
    Output out("");  // checked; flushed before each file's diagnostics, so the two streams interleave
    for (const auto& f : files) {
        CompileResult r = compile_file(f.generic_string());
        out.flush();
        print_diagnostics(r.diagnostics, c);
        int warnings = static_cast<int>(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                                                      [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
        if (!r.ok()) {
            ++with_errors;
            out.write(fmt::format(fmt::runtime(en ? "✗ {}: errors found\n" : "✗ {}：发现错误\n"), f.generic_string()));
        } else {
            out.write(fmt::format(fmt::runtime(en ? "✓ {}: no errors{}\n" : "✓ {}：没有错误{}\n"), f.generic_string(),
                                  warnings ? fmt::format(fmt::runtime(en ? ", {} warnings" : "，{} 条警告"), warnings) : ""));
        }
    }
    return finish_output(out, with_errors == 0 ? kOk : kRuleOrDataError, c);
}

}  // namespace pingfen::cli
