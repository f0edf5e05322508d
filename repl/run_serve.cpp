// `pingfen serve …` runs pingfen-serve, the program beside this one (serve_main.cpp says why),
// with the same arguments, environment and standard streams.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "cli.hpp"

namespace pingfen::cli {

int run_serve(const std::vector<std::string>& args, Common c) {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::string program = (ec ? std::filesystem::path() : self.parent_path() / "pingfen-serve").string();
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!ec) ::execv(program.c_str(), argv.data());  // returns only when it failed
    const std::string why = ec ? ec.message() : std::strerror(errno);
    Diagnostic d;
    d.code = "E1010";
    d.message_zh = "无法启动工作台程序 " + program + "（" + why + "）：它应与 pingfen 在同一文件夹中";
    d.message_en = "cannot start the workbench program " + program + " (" + why + "): it belongs in the same folder as pingfen";
    print_diagnostics({d}, c);
    return kRuleOrDataError;
}

}  // namespace pingfen::cli
