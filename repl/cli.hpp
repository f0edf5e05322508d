// Shared pieces of the pingfen command line: options every command takes, printing
// diagnostics, exit codes. Uses only the public header, like any host.
#pragma once

#include <string>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen::cli {

enum Exit { kOk = 0, kRuleOrDataError = 1, kUsage = 2 };

struct Common {
    Language language = Language::Chinese;
    bool color_out = false;  // stdout is a terminal and NO_COLOR is unset
    bool color_err = false;
};

Common common_from_env();
// Prints diagnostics to stderr; returns true when any is an error.
bool print_diagnostics(const std::vector<Diagnostic>& ds, const Common& c);
// Writes to the -o file, or stdout when empty. False (with a message) when it cannot.
bool write_output(const std::string& path, const std::string& text, const Common& c);
void usage_error(const std::string& zh, const std::string& en, const Common& c);

int cmd_score(const std::vector<std::string>& args, Common c);
int cmd_eval(const std::vector<std::string>& args, Common c);
int cmd_test(const std::vector<std::string>& args, Common c);
int cmd_check(const std::vector<std::string>& args, Common c);
int cmd_diff(const std::vector<std::string>& args, Common c);
int cmd_batch(const std::vector<std::string>& args, Common c);

}  // namespace pingfen::cli
