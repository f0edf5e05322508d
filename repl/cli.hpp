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
// Writes `text` whole to the -o file, or stdout when empty, through the API's Output (checked,
// and a file replaced only when complete). False, with error E0011 printed, when it cannot.
bool write_output(const std::string& path, const std::string& text, const Common& c);
// Finishes `out` (flush, sync, rename); when it failed, prints its E0011 and returns exit
// status 1, else `status`.
int finish_output(Output& out, int status, const Common& c);
// For what went to standard output through std::cout (help texts, the REPL): flushed and
// checked at the end of every command, so that no command reports success for lost output.
int finish_stdout(int status, const Common& c);
void usage_error(const std::string& zh, const std::string& en, const Common& c);

int cmd_score(const std::vector<std::string>& args, Common c);
int cmd_eval(const std::vector<std::string>& args, Common c);
int cmd_test(const std::vector<std::string>& args, Common c);
int cmd_check(const std::vector<std::string>& args, Common c);
int cmd_diff(const std::vector<std::string>& args, Common c);
int cmd_batch(const std::vector<std::string>& args, Common c);
int cmd_template(const std::vector<std::string>& args, Common c);

}  // namespace pingfen::cli
