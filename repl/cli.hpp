// Shared pieces of the pingfen command line: options every command takes, printing
// diagnostics, exit codes. Uses only the public header, like any host.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <initializer_list>
#include <string>
#include <string_view>
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
// The same, and English when the arguments hold `--lang en` (before a command reads them, so that
// its own usage errors are in that language too).
Common common_from(const std::vector<std::string>& args);
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
// --help is not wrapped: boost would cut a Chinese phrase, even a character, at 80 bytes.
constexpr unsigned kHelpWidth = 1000;
// A help text in the command's language, one at a time (Chinese unless --lang en).
inline const char* say(const Common& c, const char* zh, const char* en) {
    return c.language == Language::English ? en : zh;
}
// --lang VALUE, the same for every command: "" keeps the language, zh or en sets it; anything
// else is a usage error (printed): false, and the command exits 2.
bool apply_lang(const std::string& lang, Common& c);
// A command's arguments read once, the same way for every command: `visible` (shown by --help)
// and `hidden` options, the positional arguments named in `positional` in order (one each).
// Bad arguments are a usage error (printed): false, and the command exits 2.
bool parse_args(const std::vector<std::string>& args, const boost::program_options::options_description& visible,
                const boost::program_options::options_description& hidden, const std::vector<std::string>& positional,
                boost::program_options::variables_map& vm, const Common& c);
// The start of every command but `check` and `test`: adds --lang and --help to `visible`, reads
// the arguments (parse_args), applies --lang and prints the help when asked. The exit status when
// the command is done (kUsage after a usage error, kOk after the help), nullopt to go on.
std::optional<int> read_args(const std::vector<std::string>& args, boost::program_options::options_description& visible,
                             const boost::program_options::options_description& hidden,
                             const std::vector<std::string>& positional, Common& c);
// A path given where a ruleset belongs that is a data file by its name (.json, .jsonl, .csv,
// .xlsx, .data.pf): said as such (printed), false, and the command exits 2.
bool is_ruleset_path(const std::string& path, const Common& c);

// A data file given as `-` is standard input, as Unix tools take it: read through /dev/stdin,
// and known by its first character (JSON by `{`, CSV by a comma, else the data block).
inline std::string data_file(const std::string& path) { return path == "-" ? "/dev/stdin" : path; }

// The format that -o's file name asks for by its extension (case ignored), from `formats`
// (extension → format, as {".xlsx", "xlsx"}); `otherwise` when it names none of them. For
// --format left out: `-o 自评表.xlsx` is a workbook, not a text table in a file of that name.
// A name whose extension is another program's kind of file (.xls, .et, .docx …), or with
// `only_listed` any extension not in `formats`, would get content its name contradicts: a usage
// error is printed and "" returned.
std::string format_of_output(const std::string& output,
                             std::initializer_list<std::pair<std::string_view, std::string_view>> formats,
                             std::string_view otherwise, const Common& c, bool only_listed = false);

int cmd_score(const std::vector<std::string>& args, Common c);
int cmd_eval(const std::vector<std::string>& args, Common c);
int cmd_test(const std::vector<std::string>& args, Common c);
int cmd_check(const std::vector<std::string>& args, Common c);
int cmd_diff(const std::vector<std::string>& args, Common c);
int cmd_batch(const std::vector<std::string>& args, Common c);
int cmd_serve(const std::vector<std::string>& args, Common c);  // the workbench (repl/serve/), in pingfen-serve
int run_serve(const std::vector<std::string>& args, Common c);  // pingfen serve: runs pingfen-serve
int cmd_flatten(const std::vector<std::string>& args, Common c);
int cmd_template(const std::vector<std::string>& args, Common c);

}  // namespace pingfen::cli
