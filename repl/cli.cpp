#include "cli.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace pingfen::cli {

Common common_from_env() {
    Common c;
    const char* lang = std::getenv("PINGFEN_LANG");
    if (lang && std::string(lang).rfind("en", 0) == 0) c.language = Language::English;
    bool no_color = std::getenv("NO_COLOR") != nullptr;
    c.color_out = !no_color && isatty(STDOUT_FILENO);
    c.color_err = !no_color && isatty(STDERR_FILENO);
    return c;
}

bool print_diagnostics(const std::vector<Diagnostic>& ds, const Common& c) {
    for (const auto& d : ds) std::cerr << render(d, c.language, c.color_err);
    return has_errors(ds);
}

bool write_output(const std::string& path, const std::string& text, const Common& c) {
    if (path.empty() || path == "-") {
        std::cout << text;
        std::cout.flush();
        return true;
    }
    // Write beside the target and rename, so a failed run never leaves half a file.
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        if (!out) {
            usage_error("无法写入文件 `" + path + "`", "cannot write file `" + path + "`", c);
            std::remove(tmp.c_str());
            return false;
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        usage_error("无法写入文件 `" + path + "`", "cannot write file `" + path + "`", c);
        std::remove(tmp.c_str());
        return false;
    }
    return true;
}

void usage_error(const std::string& zh, const std::string& en, const Common& c) {
    bool english = c.language == Language::English;
    std::cerr << (english ? "pingfen: error: " : "pingfen：错误：") << (english ? en : zh) << "\n";
}

}  // namespace pingfen::cli
