#include "line_editor.hpp"

#include <cerrno>
#include <clocale>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <langinfo.h>
#include <stdio.h>

#include <editline/readline.h>

#include "repl_engine.hpp"

namespace pingfen::cli {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;

void on_sigint(int) { g_interrupted = 1; }

LineEditor::Completer* g_completer = nullptr;
std::vector<std::string> g_matches;
std::size_t g_next = 0;

char* next_match(const char*, int state) {
    if (state == 0) g_next = 0;
    if (g_next >= g_matches.size()) return nullptr;
    return strdup(g_matches[g_next++].c_str());
}

char** attempt_completion(const char* text, int, int) {
    rl_attempted_completion_over = 1;  // no file names unless asked for
    if (!g_completer) return nullptr;
    std::string line = rl_line_buffer ? rl_line_buffer : "";
    bool filenames = false;
    g_matches = (*g_completer)(line, text ? text : "", filenames);
    if (filenames) {
        rl_attempted_completion_over = 0;
        return nullptr;
    }
    if (g_matches.empty()) return nullptr;
    if (g_matches.size() > 1) {
        // The common beginning of the candidates, whole characters only.
        std::string common = g_matches.front();
        for (const auto& m : g_matches) {
            std::size_t n = 0;
            while (n < common.size() && n < m.size() && common[n] == m[n]) ++n;
            while (n > 0 && n < common.size() && (static_cast<unsigned char>(common[n]) & 0xC0) == 0x80) --n;
            common.resize(n);
        }
        if (common.size() > std::strlen(text)) {
            rl_completion_append_character = '\0';
            g_matches = {common};
        } else {
            // libedit lines the list up by bytes, and a Chinese character is three bytes but two
            // columns wide: the list is laid out here, by display width, and the line redrawn.
            int rows = 0, cols = 80;
            rl_get_screen_size(&rows, &cols);
            std::fputs(("\n" + repl::completion_columns(g_matches, cols)).c_str(), stdout);
            std::fflush(stdout);
            rl_on_new_line();
            rl_forced_update_display();
            return nullptr;
        }
    } else {
        rl_completion_append_character = ' ';
    }
    return rl_completion_matches(text, next_match);
}

}  // namespace

bool use_utf8_locale() {
    if (std::setlocale(LC_ALL, "")) {
        const char* cs = nl_langinfo(CODESET);
        if (cs && (std::strcmp(cs, "UTF-8") == 0 || std::strcmp(cs, "utf8") == 0)) return true;
    }
    // The environment names no UTF-8 locale (LANG unset, or C): Chinese still needs one.
    for (const char* l : {"C.UTF-8", "C.utf8", "en_US.UTF-8", "zh_CN.UTF-8"})
        if (std::setlocale(LC_CTYPE, l)) return true;
    return false;
}

LineEditor::LineEditor(std::string history_file, Completer completer) : history_file_(std::move(history_file)) {
    static Completer stored;
    stored = std::move(completer);
    g_completer = &stored;

    // Ctrl-C: the handler only notes it; readline() returns (EINTR) and read() reports it.
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: the read inside readline must be interrupted
    sigaction(SIGINT, &sa, nullptr);

    rl_readline_name = "pingfen";
    rl_attempted_completion_function = attempt_completion;
    // Words end at spaces, operators and brackets, half- or full-width; a dot does not end a
    // word, so that indicator paths complete whole.
    static char breaks[] = " \t\n\"'`@$><=;|&{}()[]+-*/,，（）［］｛｝×÷、＝＋－";
    rl_basic_word_break_characters = breaks;
    rl_completer_word_break_characters = breaks;
    using_history();
    stifle_history(2000);
    if (!history_file_.empty()) read_history(history_file_.c_str());
}

LineEditor::~LineEditor() {
    if (!history_file_.empty()) write_history(history_file_.c_str());
    g_completer = nullptr;
    signal(SIGINT, SIG_DFL);
}

LineEditor::Status LineEditor::read(const std::string& prompt, std::string& line) {
    g_interrupted = 0;
    char* got = readline(prompt.c_str());
    if (g_interrupted) {
        if (got) std::free(got);
        g_interrupted = 0;
        return Status::Interrupted;
    }
    if (!got) return Status::EndOfInput;
    line = got;
    std::free(got);
    return Status::Line;
}

void LineEditor::remember(const std::string& line) {
    if (line.find_first_not_of(" \t") == std::string::npos) return;
    add_history(line.c_str());
    // Written at once, so a killed terminal loses nothing; an unwritable file is skipped.
    if (!history_file_.empty() && write_history(history_file_.c_str()) != 0) history_file_.clear();
}

}  // namespace pingfen::cli
