#include "cli.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <fmt/format.h>
#include <unistd.h>

namespace pingfen::cli {

Common common_from_env() {
    Common c;
    const char* lang = std::getenv("PINGFEN_LANG");
    if (lang && std::string(lang).rfind("en", 0) == 0) c.language = Language::English;
    bool no_color = std::getenv("NO_COLOR") != nullptr;
    c.color_out = !no_color && isatty(STDOUT_FILENO);
    c.color_err = !no_color && isatty(STDERR_FILENO);
    return c;
}

Common common_from(const std::vector<std::string>& args) {
    Common c = common_from_env();
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--lang" && i + 1 < args.size()) c.language = args[i + 1] == "en" ? Language::English : Language::Chinese;
        if (args[i].rfind("--lang=", 0) == 0) c.language = args[i] == "--lang=en" ? Language::English : Language::Chinese;
    }
    return c;
}

bool print_diagnostics(const std::vector<Diagnostic>& ds, const Common& c) {
    for (const auto& d : ds) std::cerr << render(d, c.language, c.color_err);
    return has_errors(ds);
}

bool write_output(const std::string& path, const std::string& text, const Common& c) {
    if (auto problem = pingfen::write_output(path, text)) {
        print_diagnostics({*problem}, c);
        return false;
    }
    return true;
}

int finish_output(Output& out, int status, const Common& c) {
    if (out.finish()) return status;
    print_diagnostics({*out.problem()}, c);
    return kRuleOrDataError;
}

int finish_stdout(int status, const Common& c) {
    // No std::cout.flush() first: it flushes stdio and the system's reason would be lost.
    Output out("");  // flushes stdio and reports a write to standard output that failed
    return finish_output(out, status, c);
}

void usage_error(const std::string& zh, const std::string& en, const Common& c) {
    bool english = c.language == Language::English;
    std::cerr << (english ? "pingfen: error: " : "pingfen：错误：") << (english ? en : zh) << "\n";
}

bool parse_args(const std::vector<std::string>& args, const boost::program_options::options_description& visible,
                const boost::program_options::options_description& hidden, const std::vector<std::string>& positional,
                boost::program_options::variables_map& vm, const Common& c) {
    namespace po = boost::program_options;
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description pos;
    for (const auto& name : positional) pos.add(name.c_str(), 1);
    try {
        po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        usage_error(std::string("参数有误：") + e.what(), std::string("bad arguments: ") + e.what(), c);
        return false;
    }
    return true;
}

bool apply_lang(const std::string& lang, Common& c) {
    if (lang == "en") c.language = Language::English;
    else if (lang == "zh") c.language = Language::Chinese;
    else if (!lang.empty()) {
        usage_error("--lang 只能是 zh 或 en，却是 `" + lang + "`", "--lang must be zh or en, not `" + lang + "`", c);
        return false;
    }
    return true;
}

std::optional<int> read_args(const std::vector<std::string>& args, boost::program_options::options_description& visible,
                             const boost::program_options::options_description& hidden,
                             const std::vector<std::string>& positional, Common& c) {
    namespace po = boost::program_options;
    std::string lang;
    visible.add_options()("lang", po::value(&lang), "zh | en")("help,h", say(c, "帮助", "help"));
    po::variables_map vm;
    if (!parse_args(args, visible, hidden, positional, vm, c)) return kUsage;
    if (!apply_lang(lang, c)) return kUsage;
    if (vm.count("help")) {
        std::cout << visible;
        return kOk;
    }
    return std::nullopt;
}

bool is_ruleset_path(const std::string& path, const Common& c) {
    auto ends = [&](const std::string& tail) {
        return path.size() >= tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (path == "-") {
        // A ruleset is read as a file: its 引用 are found beside it.
        usage_error("规则集不能从标准输入（-）读取：请给出规则集文件（.pf），它引用的文件按它所在的位置查找",
                    "a ruleset cannot be read from standard input (-): give its file (.pf); the files it refers to are "
                    "found beside it",
                    c);
        return false;
    }
    for (const char* ext : {".json", ".jsonl", ".csv", ".xlsx", ".data.pf"}) {
        if (!ends(ext)) continue;
        usage_error("`" + path + "` 是部门数据文件，这里应为规则集（.pf）；数据文件放在规则集之后",
                    "`" + path + "` is a department data file; a ruleset (.pf) belongs here, the data after it", c);
        return false;
    }
    return true;
}

std::string format_of_output(const std::string& output,
                             std::initializer_list<std::pair<std::string_view, std::string_view>> formats,
                             std::string_view otherwise, const Common& c, bool only_listed) {
    std::string name = output;
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (const auto& [extension, format] : formats)
        if (name.size() > extension.size() && name.ends_with(extension)) return std::string(format);
    // The extension: after the last dot of the file's own name, if anything follows it.
    const std::size_t slash = name.find_last_of('/'), dot = name.find_last_of('.');
    const bool has_extension = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1) && dot + 1 < name.size();
    const std::string extension = has_extension ? name.substr(dot) : "";
    static constexpr std::string_view kOtherPrograms[] = {".xls", ".xlsm", ".xlsb", ".xltx", ".et", ".ett", ".ods",
                                                          ".numbers", ".doc", ".docx", ".wps", ".pdf"};
    const bool refused = has_extension && (only_listed || std::find(std::begin(kOtherPrograms), std::end(kOtherPrograms), extension) !=
                                                              std::end(kOtherPrograms));
    if (!refused) return std::string(otherwise);
    std::string listed;
    for (const auto& f : formats) {
        if (!listed.empty()) listed += ' ';
        listed += f.first;
    }
    usage_error(fmt::format("-o `{}` 的扩展名 `{}` 不是 pingfen 能写的格式；请用 {} 之一，或用 --format 指定格式", output, extension, listed),
                fmt::format("-o `{}`: pingfen does not write `{}` files; use one of {}, or choose a format with --format", output,
                            extension, listed),
                c);
    return "";
}

}  // namespace pingfen::cli
