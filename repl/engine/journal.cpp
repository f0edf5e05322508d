// The session's journal: its changes (rules and data), written beside the loaded file as they
// are made, so that a session survives a terminal that was closed or killed. Opening the file
// again offers them back (:restore, :discard). The workbench reads and writes the same file.
//
// The journal is `.<file name>.journal` in the loaded file's folder, UTF-8 text:
//   # pingfen 会话日志 …                 (comments)
//   @data /abs/path/2023.example.json    the data file the :set lines change
//   @rules 3                             a change to the rules: the next 3 lines, as typed
//   三级指标 结转结余率 2 {
//   …
//   @set :set 年末结转和结余 = 5000       a :set, as typed
// in the order the changes were made. Replaying the records through the session remakes it.
#include <fstream>
#include <sstream>

#include "engine_impl.hpp"

namespace pingfen::repl {

namespace fs = std::filesystem;

std::string ReplEngine::Impl::journal_path() const {
    if (base_path.empty() || !journal) return "";
    fs::path p(base_path);
    return (p.parent_path() / ("." + p.filename().string() + ".journal")).generic_string();
}

std::string ReplEngine::Impl::journal_text() const {
    std::string out = "# pingfen 会话日志：" + base_path + " 上还没有保存的改动（pingfen repl 打开该文件时提出恢复）\n";
    out += "# pingfen session journal: unsaved changes on " + base_path + "\n";
    if (!data_path.empty()) out += "@data " + data_path + "\n";
    std::size_t chunk = 0, edit = 0;
    for (bool is_data : steps) {
        if (is_data && edit < data_edits.size()) {
            out += "@set " + data_edits[edit++].typed + "\n";
        } else if (!is_data && chunk < chunks.size()) {
            auto lines = split_lines(chunks[chunk++].typed);
            out += "@rules " + std::to_string(lines.size()) + "\n";
            for (const auto& l : lines) out += l + "\n";
        }
    }
    return out;
}

// After each input: the journal holds the unsaved changes, or is gone when there are none. An
// offer to restore an older journal keeps it until it is answered or a change replaces it.
void ReplEngine::Impl::write_journal() {
    const std::string path = journal_path();
    if (path.empty()) return;
    std::error_code ec;
    if (!dirty()) {
        if (!journal_offered) fs::remove(path, ec);
        journal_written.clear();
        return;
    }
    journal_offered = false;
    std::string text = journal_text();
    if (text == journal_written) return;
    // Through the API's Output: a journal is whole or is the previous one, never half written.
    if (!write_output(path, text)) journal_written = text;
}

std::string ReplEngine::Impl::offer_journal() {
    journal_offered = false;
    const std::string path = journal_path();
    std::error_code ec;
    if (path.empty() || !fs::is_regular_file(path, ec)) return "";
    std::ifstream in(path, std::ios::binary);
    std::string line;
    int rules = 0, sets = 0;
    while (std::getline(in, line)) {
        if (starts_with(line, "@rules ")) ++rules;
        if (starts_with(line, "@set ")) ++sets;
    }
    if (rules + sets == 0) return "";
    journal_offered = true;
    return t("上次在这个文件上的会话没有保存就结束了（规则改动 " + std::to_string(rules) + " 条，数据改动 " +
                 std::to_string(sets) + " 条）。输入 :restore 恢复，:discard 丢弃（不恢复就做新的改动会替换它）。\n",
             "the last session on this file ended without saving (" + std::to_string(rules) + " changes to the rules, " +
                 std::to_string(sets) + " to the data). Type :restore to bring them back, :discard to drop them (a new change replaces them).\n");
}

Reply ReplEngine::Impl::cmd_restore(bool restore) {
    Reply r;
    const std::string path = journal_path();
    std::error_code ec;
    if (path.empty() || !fs::is_regular_file(path, ec)) {
        r.text = t("没有可恢复的会话\n", "no session to restore\n");
        return r;
    }
    if (!restore) {
        fs::remove(path, ec);
        journal_offered = false;
        r.text = t("已丢弃上次会话的改动\n", "the last session's changes were dropped\n");
        return r;
    }
    if (dirty()) {
        r.error = true;
        r.text = t("会话已有改动；先 :save 或 :undo 它们，再 :restore\n", "the session has changes; :save or :undo them before :restore\n");
        return r;
    }
    std::ifstream in(path, std::ios::binary);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    journal_offered = false;
    auto before = scored;
    int restored = 0, failed = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (starts_with(l, "@data ")) {
            std::string d = l.substr(6);
            if (d != data_path) r.text += load_data(d);
        } else if (starts_with(l, "@set ")) {
            Reply x = command(l.substr(5));
            (x.error ? failed : restored) += 1;
            if (x.error) r.text += x.text;
        } else if (starts_with(l, "@rules ")) {
            std::size_t n = static_cast<std::size_t>(std::stoul(l.substr(7)));
            std::string typed;
            for (std::size_t k = 0; k < n && i + 1 < lines.size(); ++k) typed += (k ? "\n" : "") + lines[++i];
            Reply x = handle_input(typed);
            const bool ok = !x.error && !x.continuation_needed;
            (ok ? restored : failed) += 1;
            if (!ok) r.text += t("未能恢复：", "not restored: ") + split_lines(typed).front() + "\n";
        }
    }
    r.text += t("已恢复 " + std::to_string(restored) + " 条改动", "restored " + std::to_string(restored) + " changes") +
              (failed ? t("，" + std::to_string(failed) + " 条未能恢复", ", " + std::to_string(failed) + " not") : "") + "\n";
    r.text += feedback(before, scored, {});
    write_journal();
    return r;
}

}  // namespace pingfen::repl
