// pingfen repl [RULESET] [--data FILE]: the interactive REPL. The engine (repl/engine/) does
// the work; this file is the terminal: libedit line editing, history, Ctrl-C and Ctrl-D.
#include "cmd_repl.hpp"

#include <boost/program_options.hpp>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "line_editor.hpp"
#include "repl_engine.hpp"

namespace po = boost::program_options;

namespace pingfen::cli {

int cmd_repl(const std::vector<std::string>& args, Common c) {
    std::string ruleset, data_path;
    const bool en0 = c.language == Language::English;
    po::options_description opts(en0 ? "pingfen repl [RULESET] [options]" : "pingfen repl [规则集] [选项]", kHelpWidth, kHelpWidth / 2);
    opts.add_options()
        ("data,d", po::value(&data_path), say(c, "部门数据文件", "department data file"));
    po::options_description hidden;
    hidden.add_options()("ruleset", po::value(&ruleset));
    if (auto done = read_args(args, opts, hidden, {"ruleset"}, c)) return *done;
    if (!ruleset.empty() && !is_ruleset_path(ruleset, c)) return kUsage;
    if (data_path == "-") {
        // Standard input is the session's commands: the data would be read as commands, line
        // by line, after a file named `-` was not found.
        usage_error("交互式环境从标准输入读取命令，数据不能也从标准输入（-）读取：请给出数据文件，或在环境中用 :data 加载",
                    "the REPL reads its commands from standard input, so the data cannot come from it (-): give the data "
                    "file, or load it in the session with :data",
                    c);
        return kUsage;
    }

    const bool utf8 = use_utf8_locale();
    const bool interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    repl::ReplEngine engine(repl::Options{c.language, c.color_out, true});
    const bool en = c.language == Language::English;
    std::cout << engine.start(ruleset, data_path).text << std::flush;

    if (!interactive) {
        // Lines from a pipe or a file: no prompts, no editing; the end of input ends the session.
        std::string line;
        while (std::getline(std::cin, line)) {
            repl::Reply r = engine.submit(line);
            std::cout << r.text << std::flush;
            if (r.quit) return kOk;
        }
        repl::Reply r = engine.end_of_input();
        if (!r.quit) r = engine.end_of_input();
        std::cout << r.text << std::flush;
        return kOk;
    }

    // A terminal that is closed or killed hangs up: leave at once, keeping the session's journal
    // (reading on would see the end of input, which a person types to confirm leaving).
    std::signal(SIGHUP, [](int) { std::_Exit(129); });
    if (!utf8)
        std::cerr << (en ? "pingfen: warning: no UTF-8 locale; Chinese input may not display correctly\n"
                         : "pingfen：警告：没有可用的 UTF-8 区域设置，中文输入可能显示不正确\n");
    std::string history_file;
    if (const char* home = std::getenv("HOME"); home && *home) history_file = std::string(home) + "/.pingfen_history";
    LineEditor editor(history_file, [&engine](const std::string& line, const std::string& word, bool& filenames) {
        repl::Completion comp = engine.complete(line, word);
        filenames = comp.filenames;
        return comp.candidates;
    });
    for (;;) {
        std::string line;
        LineEditor::Status st = editor.read(engine.prompt(), line);
        if (st == LineEditor::Status::Interrupted) {
            std::cout << "^C\n" << std::flush;
            engine.interrupt();
            continue;
        }
        if (st == LineEditor::Status::EndOfInput) {
            std::cout << "\n";
            repl::Reply r = engine.end_of_input();
            std::cout << r.text << std::flush;
            if (r.quit) break;
            continue;
        }
        editor.remember(line);
        repl::Reply r = engine.submit(line);
        std::cout << r.text << std::flush;
        if (r.quit) break;
    }
    return kOk;
}

}  // namespace pingfen::cli
