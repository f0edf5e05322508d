// The error catalogue, docs/errors.md, must follow the sources: every diagnostic code that the
// interpreter, the standard library or the command line can emit ("E0201", "W0401", … as string
// literals in interpreter/, stdlib/ and repl/) has a section `## E0201 …`, and the catalogue
// documents no code that the sources no longer use. Sections come in code order, once each.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

using pingfen::test::slurp;

// Code → the first source file (relative to the repository) that uses it.
std::map<std::string, std::string> codes_in_sources(const fs::path& root) {
    static const std::regex literal(R"re("([EW][0-9]{4})")re");
    std::map<std::string, std::string> out;
    for (const char* dir : {"interpreter", "stdlib", "repl"}) {
        const fs::path base = root / dir;
        if (!fs::exists(base)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(base)) {
            if (!entry.is_regular_file()) continue;
            const std::string ext = entry.path().extension().string();
            if (ext != ".cpp" && ext != ".hpp") continue;
            const std::string text = slurp(entry.path());
            for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator(); ++it)
                out.emplace((*it)[1].str(), fs::relative(entry.path(), root).generic_string());
        }
    }
    return out;
}

// The codes of the catalogue's section headings, in the order they appear.
std::vector<std::string> headings_in_catalogue(const fs::path& doc) {
    static const std::regex heading(R"(^## ([EW][0-9]{4})\b.*)");
    std::vector<std::string> out;
    std::ifstream in(doc, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::smatch m;
        if (std::regex_match(line, m, heading)) out.push_back(m[1].str());
    }
    return out;
}

// One `$ pingfen …` example of the catalogue: the output shown in Chinese, the exit status,
// and the English output shown after it.
struct Example {
    std::string command;  // after "$ pingfen "
    std::string zh, en;
    int status = -1;
};

std::vector<Example> examples_in_catalogue(const fs::path& doc) {
    std::vector<std::string> lines;
    {
        std::ifstream in(doc, std::ios::binary);
        std::string line;
        while (std::getline(in, line)) lines.push_back(line);
    }
    // The lines of the fenced block that starts after line `i`, up to its closing fence.
    auto block = [&](std::size_t& i) {
        std::string text;
        for (++i; i < lines.size() && lines[i] != "```"; ++i) text += lines[i] + "\n";
        return text;
    };
    std::vector<Example> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i] != "```console" || i + 1 >= lines.size() || lines[i + 1].rfind("$ pingfen ", 0) != 0) continue;
        Example e;
        e.command = lines[++i].substr(std::string("$ pingfen ").size());
        e.zh = block(i);
        for (++i; i < lines.size() && lines[i].empty(); ++i) {}
        if (i < lines.size() && lines[i].rfind("退出码 / exit status: ", 0) == 0)
            e.status = std::stoi(lines[i].substr(std::string("退出码 / exit status: ").size()));
        for (++i; i < lines.size() && lines[i].empty(); ++i) {}
        if (i < lines.size() && lines[i].rfind("English (", 0) == 0) {
            for (++i; i < lines.size() && lines[i] != "```"; ++i) {}
            e.en = block(i);
        }
        out.push_back(std::move(e));
    }
    return out;
}

using pingfen::test::run_pingfen;
using pingfen::test::Run;

// What an example shows: the diagnostics, then what the command prints on standard output,
// except for the score sheet of `score` and the records of `batch`, which the catalogue leaves
// out.
std::string shown(const std::string& command, const Run& r) {
    const bool sheet = command.rfind("score ", 0) == 0 || command.rfind("batch ", 0) == 0;
    return sheet ? r.err : r.err + r.out;
}

}  // namespace

TEST_CASE("every example in docs/errors.md prints what the catalogue shows", "[errors]") {
    const fs::path root = PINGFEN_SOURCE_DIR;
    const auto examples = examples_in_catalogue(root / "docs" / "errors.md");
    REQUIRE(examples.size() >= 77);
    int run = 0;
    for (const auto& e : examples) {
        // Examples on files too large to keep in the repository are described, not run.
        std::istringstream words(e.command);
        std::string word;
        bool present = true;
        while (words >> word)
            if (word.find('.') != std::string::npos && word.find('/') == std::string::npos && !fs::exists(root / word))
                present = false;
        if (!present) continue;
        ++run;
        INFO("$ pingfen " << e.command);
        Run zh = run_pingfen(e.command);
        CHECK(shown(e.command, zh) == e.zh);
        CHECK(zh.status == e.status);
        // Under AddressSanitizer (where each run takes half a second) every fourth example in
        // English: the English text goes through the same code as the Chinese.
        if (!e.en.empty() && (!pingfen::test::kAddressSanitizer || run % 4 == 0)) {
            Run en = run_pingfen(e.command + " --lang en");
            CHECK(shown(e.command, en) == e.en);
        }
    }
    CHECK(run >= 77);
}

TEST_CASE("every diagnostic code has a section in docs/errors.md, and no other", "[errors]") {
    const fs::path root = PINGFEN_SOURCE_DIR;
    const fs::path doc = root / "docs" / "errors.md";
    REQUIRE(fs::exists(doc));

    const auto used = codes_in_sources(root);
    const auto headings = headings_in_catalogue(doc);
    REQUIRE(!used.empty());
    REQUIRE(!headings.empty());
    const std::set<std::string> documented(headings.begin(), headings.end());

    SECTION("each code the sources emit is documented") {
        for (const auto& [code, file] : used) {
            INFO(code << " is used in " << file << " but has no `## " << code << "` section in docs/errors.md");
            CHECK(documented.count(code) == 1);
        }
    }
    SECTION("the catalogue documents no code the sources no longer use") {
        for (const auto& code : documented) {
            INFO("docs/errors.md documents " << code << ", which no source file in interpreter/, stdlib/ or repl/ uses");
            CHECK(used.count(code) == 1);
        }
    }
    SECTION("sections appear once each, in code order") {
        for (std::size_t i = 1; i < headings.size(); ++i) {
            INFO("`## " << headings[i] << "` follows `## " << headings[i - 1] << "`");
            CHECK(headings[i - 1] < headings[i]);
        }
    }
}
