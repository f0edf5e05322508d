// What the workbench page asks of pingfen, without HTTP: open, check (compile and score as the
// author types), save, journal, upload, compare and download. Each answer is a Reply the routes
// send as they are; everything goes through the public API (pingfen.hpp, authoring.hpp) and
// through Folder, so nothing outside the served folder is read or written.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "folder.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::serve {

struct Limits {
    std::size_t max_request_bytes = 8u << 20;              // HTTP bodies (E1005); as a ruleset file's limit
    std::uint64_t max_steps = ScoreOptions{}.max_steps;     // per score() (E0502)
};

struct Reply {
    int status = 200;
    std::string body;
    std::string type = "application/json; charset=utf-8";
    std::string filename;  // set: sent as an attachment (a download)
};

// One error of the workbench itself (E1003 …) as the page receives it.
Reply error_reply(int status, const std::string& code, const std::string& zh, const std::string& en);

// The author's current state: the ruleset's text as typed (maybe unsaved), the department's
// data file and the data changed in place (name → value in the data syntax: 5000, 2.73%, 是).
struct Edit {
    std::string path;  // the ruleset, relative to the folder
    std::string text;
    std::string data;  // a data file, relative to the folder; may be empty
    std::vector<std::pair<std::string, std::string>> overrides;
    Language lang = Language::Chinese;
};

class Workbench {
public:
    Workbench(const std::filesystem::path& folder, Limits limits);
    const Folder& folder() const { return folder_; }
    const Limits& limits() const { return limits_; }

    Reply language() const;  // keyword spellings, for highlighting and completion
    Reply files() const;
    Reply open(const std::string& path) const;
    Reply check(const Edit& e) const;
    // Names for completion: every name the real lexer finds in the text, and the saved file's
    // inputs. Asked when the author completes, not on every keystroke.
    Reply names(const Edit& e) const;
    // The text's tokens as the real lexer reads them (kind, line, column in characters): what
    // the page's highlighting must agree with (checked by the browser test).
    Reply tokens(const Edit& e) const;
    Reply save(const Edit& e, const std::string& base_tag, bool force);
    Reply journal(const std::string& path, const std::string& text);
    Reply upload(const std::string& name, const std::string& text);
    Reply compare(const std::string& a, const std::string& b, Language lang) const;
    Reply download(const Edit& e, const std::string& format) const;

private:
    CompileResult compile(const std::string& path, const std::string& text) const;
    std::shared_ptr<const Ruleset> saved_ruleset(const std::string& path) const;
    DataResult department(const Edit& e, const Ruleset* r, std::string* fields_json) const;

    Folder folder_;
    Limits limits_;
    std::mutex save_mutex_;  // one save at a time: the tag check and the rename stay together
    mutable std::mutex cache_mutex_;
    // The saved file's compiled ruleset, by path, with the tag of the text it was compiled from.
    mutable std::map<std::string, std::pair<std::string, std::shared_ptr<const Ruleset>>> saved_;
    // What a keystroke need not redo: a department's data as read (by file, its tag, the
    // changes made in place and the ruleset's percentage inputs), and the saved file's sheet on
    // the file's data (by ruleset and data and both tags).
    struct ReadData {
        DataResult data;
        std::string fields_json;
    };
    mutable std::map<std::string, std::shared_ptr<const ReadData>> data_cache_;
    mutable std::map<std::string, std::shared_ptr<const ScoreSheet>> baseline_cache_;
};

}  // namespace pingfen::serve
