#include "cli.hpp"

#include <cstdio>
#include <cstdlib>
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
    if (auto problem = pingfen::write_output(path, text)) {
        print_diagnostics({*problem}, c);
        return false;
    }
    return true;
}

int finish_output(Output& out, int status, const Common& c) {
    if (out.finish()) return status;
    print_diagnostics({*out.problem()}, c);
    return kRuleOrDataError;
}

int finish_stdout(int status, const Common& c) {
    // No std::cout.flush() first: it flushes stdio and the system's reason would be lost.
    Output out("");  // flushes stdio and reports a write to standard output that failed
    return finish_output(out, status, c);
}

void usage_error(const std::string& zh, const std::string& en, const Common& c) {
    bool english = c.language == Language::English;
    std::cerr << (english ? "pingfen: error: " : "pingfen：错误：") << (english ? en : zh) << "\n";
}

}  // namespace pingfen::cli
