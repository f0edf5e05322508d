// Line editing for `pingfen repl`: BSD libedit through its readline-compatible header (never GNU
// readline, whose GPL would bind the project). Wide characters (CJK, two columns each) are
// handled by libedit once the locale is a UTF-8 one; history is kept in a file across sessions;
// Ctrl-C cancels the line being typed; Tab completes through a callback.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace pingfen::cli {

class LineEditor {
public:
    // (line before the cursor, word being completed) → candidates; `filenames` asks for file
    // name completion instead.
    using Completer = std::function<std::vector<std::string>(const std::string& line, const std::string& word, bool& filenames)>;

    // `history_file` may be empty (no history kept across sessions).
    LineEditor(std::string history_file, Completer completer);
    ~LineEditor();
    LineEditor(const LineEditor&) = delete;
    LineEditor& operator=(const LineEditor&) = delete;

    enum class Status { Line, Interrupted, EndOfInput };
    Status read(const std::string& prompt, std::string& line);
    void remember(const std::string& line);  // adds to the history (and its file)

private:
    std::string history_file_;
};

// Makes the process's locale a UTF-8 one (the environment's, or C.UTF-8), so that libedit
// reads and displays wide characters. Returns false when none could be set.
bool use_utf8_locale();

}  // namespace pingfen::cli
