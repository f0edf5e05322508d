// The engine's state, shared by repl_engine.cpp (input, session, feedback) and commands.cpp.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pingfen/authoring.hpp"
#include "repl_engine.hpp"
#include "words.hpp"

namespace pingfen::repl {

// One line of generated session text and where it came from in what the user typed.
struct GenLine {
    std::string text;
    int user_line = -1;  // 0-based line of the typed input; -1: the session's own header
    int col_delta = 0;   // typed column = generated column + col_delta
    bool synthetic = false;  // written by the engine: point at syn_col/syn_len of user_line
    int syn_col = 1, syn_len = 1;
};

// One accepted change: what was typed, and the language text it became.
struct Chunk {
    std::string typed;
    std::vector<GenLine> lines;
    std::vector<std::vector<std::string>> redefined;  // indicators it replaces or adds
    std::vector<std::vector<std::string>> replaced;   // indicators it writes `替换` for
    std::string text() const;
};

// One :set: a datum changed for the session, undone and saved like a change to the rules.
struct DataEdit {
    std::string typed;                            // the :set line
    std::string name, before, after;              // the datum, its value before and after
    std::shared_ptr<const DepartmentData> field;  // the new value alone, merged over the data
};

// The session text with, for each of its lines, the chunk it belongs to (-1: header).
struct SessionText {
    std::string text;
    struct Origin {
        int chunk = -1;  // -1: the header; -2: text added for one command (tests)
        GenLine line;
    };
    std::vector<Origin> origins;
};

struct Eval {
    std::optional<std::string> value;
    std::vector<Diagnostic> diagnostics;
    std::vector<std::string> notes;  // names taken from the ruleset, with their values
};

struct ReplEngine::Impl {
    Language lang = Language::Chinese;
    bool color = false;
    bool journal = false;  // Options::journal

    // ---- the loaded ruleset ----
    std::string base_path;                  // absolute, normal; empty: nothing loaded
    CompileResult base;                     // the file alone, for :diff
    std::string header;                     // 规则集 "…" 年度 N 总分 T
    std::map<std::string, std::filesystem::file_time_type> watched;  // file → mtime

    // ---- the session ----
    std::vector<Chunk> chunks;
    std::shared_ptr<const Ruleset> session;  // the last good compile; null when none
    std::vector<Diagnostic> session_diags;
    std::vector<NamedValueInfo> named_values;  // of the session's indicators, from the compiler
    std::vector<std::string> saved_snapshot;  // chunk texts at the last :save or :load
    // The order of the session's changes, for :undo: false a rule change (a chunk), true a :set.
    std::vector<bool> steps;
    std::string save_path;

    // ---- data ----
    std::string data_path;
    DataResult data_file;                     // as load_data_file read it
    std::vector<DataEdit> data_edits;         // :set, in order
    std::vector<std::string> saved_data_edits;  // the edits (name = value) at the last :save
    std::shared_ptr<const DepartmentData> data;  // what is scored: the file with the :set edits
    std::optional<ScoreResult> scored;           // the session on `data`
    std::vector<Diagnostic> data_diags;

    // ---- REPL-local ----
    std::vector<std::pair<std::string, std::string>> named;  // 名称 = 表达式
    std::vector<std::string> scope;  // :in PATH: the indicator expressions are evaluated in
    std::vector<std::string> pending;
    std::string continuing;  // shown when an input is continued for a reason to tell (weights)
    int blank_lines = 0;
    std::vector<std::string> history;
    std::string armed;  // a command that must be repeated to confirm (":quit", ":load …")

    // repl_engine.cpp
    std::string session_name() const;
    SessionText compose(const std::vector<Chunk>& cs, const std::string& tail = "") const;
    CompileResult compile(const SessionText& st) const;
    std::vector<Diagnostic> remap(std::vector<Diagnostic> ds, const SessionText& st, int trial_chunk,
                                  const std::vector<std::string>* typed_lines) const;
    std::string render_all(const std::vector<Diagnostic>& ds, bool warnings = true) const;
    bool only_end_of_input(const std::vector<Diagnostic>& ds) const;

    Reply submit(const std::string& line);
    Reply handle_input(const std::string& text);
    Reply handle_statement(const std::string& text);
    Reply handle_definition(const std::string& text, const Typed& typed);
    Reply handle_expression(const std::string& text);
    std::optional<Chunk> build_chunk(const std::string& text, std::string& error, std::vector<std::string>& notes) const;
    Eval evaluate(const std::string& expr, const std::string& skip_named = "") const;
    std::shared_ptr<const DepartmentData> data_with_named(const std::string& skip_named) const;

    void accept(std::vector<Chunk> cs, std::shared_ptr<const Ruleset> r, std::vector<Diagnostic> diags);
    void rescan();
    void rescore();
    std::optional<ScoreResult> score_with(const Ruleset& r) const;
    std::string feedback(const std::optional<ScoreResult>& before, const std::optional<ScoreResult>& after,
                         const std::vector<std::vector<std::string>>& focus) const;
    const ScoreSheet* sheet() const { return scored && scored->sheet ? &*scored->sheet : nullptr; }
    std::vector<std::vector<std::string>> find_indicator(const std::string& name) const;
    std::vector<std::vector<std::string>> all_paths(bool leaves_only) const;

    // loading (repl_engine.cpp)
    std::string load_ruleset(const std::string& path, bool keep_chunks);
    std::string load_data(const std::string& path);
    void rebuild_data(std::string* report);
    std::string check_reload();
    void watch_files();
    bool data_dirty() const;

    // journal.cpp
    std::string journal_path() const;
    std::string journal_text() const;
    void write_journal();
    std::string offer_journal();
    Reply cmd_restore(bool restore);
    bool journal_offered = false;  // an old journal was offered and not yet answered
    std::string journal_written;   // what the journal holds now
    void forget_data_steps();
    bool rules_dirty() const;

    // commands.cpp
    Reply command(const std::string& line);
    std::string help() const;
    std::string no_session() const;
    std::string no_data() const;  // there is no data to score: how to get some
    std::string cmd_score() const;
    std::string cmd_explain(const std::string& arg) const;
    std::string cmd_inputs() const;
    std::string cmd_check() const;
    std::string cmd_test() const;
    std::string cmd_diff() const;
    Reply cmd_save(const std::string& arg);
    std::string save_data(bool& failed);
    Reply save_flat(const std::string& arg);
    Reply cmd_set(const std::string& line, std::size_t arg_offset);
    Reply cmd_undo();
    Reply cmd_in(const std::string& arg);
    std::string data_diff() const;
    Reply request_quit(const std::string& how);

    bool dirty() const;
    std::string t(const std::string& zh, const std::string& en) const { return tr(lang, zh, en); }
    std::string shown_path(const std::string& p) const;  // relative to the working folder when shorter
};

// Shared formatting.
std::string score_text(const std::optional<Decimal>& d);
std::string delta_text(const Decimal& d);  // "+0.5", "−1"
const ScoreNode* find_node(std::span<const ScoreNode> nodes, const std::vector<std::string>& path);
void flatten(std::span<const ScoreNode> nodes, std::vector<const ScoreNode*>& out, bool leaves_only);
inline std::string closest(const std::string& name, const std::vector<std::string>& names) {
    return closest_name(name, names);
}

}  // namespace pingfen::repl
