// The REPL engine of `pingfen repl`: everything but the terminal, so it is tested without one.
// It uses only the public header pingfen/pingfen.hpp.
//
// The session is itself a ruleset: when a file is loaded, the session text is the file's header
// and `引用 "<the file>"`, and what the user types is appended in the language itself (a whole
// indicator whose name exists becomes `替换 路径 { … }`). Each change is compiled with the
// session; a change that does not compile is shown with its diagnostics and dropped.
//
//   pingfen::repl::ReplEngine e;
//   std::cout << e.start("rulesets/huadu/2023.pf", "rulesets/huadu/2023.example.json").text;
//   auto r = e.submit("四舍五入(0.535 × 5, 2)");   // r.text == "2.68\n"
//   r = e.submit("三级指标 结转结余率 2 {");         // r.continuation_needed
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen::repl {

struct Options {
    Language language = Language::Chinese;
    bool color = false;  // ANSI colour in diagnostics and the sheet
    // Keep the unsaved changes in a journal beside the loaded file as they are made, and offer
    // an old one back on start (`pingfen repl` does; tests that do not look at it do not).
    bool journal = false;
};

struct Reply {
    std::string text;                  // what to show, ending with a newline (or empty)
    bool continuation_needed = false;  // the input is unfinished: show "... " and read more
    bool quit = false;                 // leave the REPL
    bool error = false;                // the input was refused (shown in text)
};

struct Completion {
    std::vector<std::string> candidates;  // full words that start with the word being completed
    bool filenames = false;               // complete a file name instead (after :load, :data, :save)
};

// Candidates laid out in columns for a terminal `width` columns wide, each padded by its display
// width (a Chinese character takes two columns), one line per row, ending with a newline.
std::string completion_columns(const std::vector<std::string>& candidates, int width);

class ReplEngine {
public:
    explicit ReplEngine(Options opts = {});
    ~ReplEngine();
    ReplEngine(const ReplEngine&) = delete;
    ReplEngine& operator=(const ReplEngine&) = delete;

    // Loads the ruleset and the data given on the command line (either may be empty; without
    // data, `<stem>.example.json` beside the ruleset is used when it exists) and greets.
    Reply start(const std::string& ruleset, const std::string& data);
    // One line as typed. Lines are gathered until the input is complete.
    Reply submit(const std::string& line);
    // Ctrl-D: drops unfinished input, or asks to leave (twice when there are unsaved changes).
    Reply end_of_input();
    // Ctrl-C: drops unfinished input.
    Reply interrupt();

    std::string prompt() const;  // "评分> " or "... " while an input is unfinished
    bool input_pending() const;
    bool unsaved_changes() const;
    const std::vector<std::string>& history() const;  // every line submitted, failed ones too
    std::string session_text() const;                 // the session as a ruleset source
    // Candidates to complete `word`, the word before the cursor in `line`.
    Completion complete(const std::string& line, const std::string& word) const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace pingfen::repl
