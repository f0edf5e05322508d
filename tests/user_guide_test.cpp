// docs/用户手册.md, the user guide for finance staff: every `$ pingfen …` command in it runs, in
// order, in a folder of its own (with rulesets/ and examples/ beside it), and succeeds; a plain
// block right after a command's block is what the command prints. Where the guide has the
// reader fill in a form, the test fills it as a person would (tests/xlsx/fill_form.py,
// tests/xlsx/json_to_csv.py: GB18030, as Chinese Excel saves CSV).
#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using pingfen::test::Run;
using pingfen::test::shell;

namespace {

struct Step {
    std::string command;   // after "$ pingfen "
    std::string expected;  // the plain block that follows, if any
};

std::vector<Step> steps_in(const fs::path& doc) {
    std::vector<std::string> lines;
    std::ifstream in(doc, std::ios::binary);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::vector<Step> out;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        if (lines[i] != "```console") continue;
        for (++i; i < lines.size() && lines[i] != "```"; ++i)
            if (lines[i].rfind("$ pingfen ", 0) == 0) out.push_back({lines[i].substr(10), ""});
        std::size_t j = i + 1;
        while (j < lines.size() && lines[j].empty()) ++j;
        if (j < lines.size() && lines[j] == "```" && !out.empty()) {
            for (++j; j < lines.size() && lines[j] != "```"; ++j) out.back().expected += lines[j] + "\n";
            i = j;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("every command of docs/用户手册.md runs and prints what the guide shows", "[guide]") {
    const fs::path root = PINGFEN_SOURCE_DIR;
    const auto steps = steps_in(root / "docs" / "用户手册.md");
    REQUIRE(steps.size() >= 9);
    const fs::path dir = fs::temp_directory_path() / ("pingfen_guide_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::create_directory_symlink(root / "rulesets", dir / "rulesets");
    fs::create_directory_symlink(root / "examples", dir / "examples");
    const std::string here = "cd '" + dir.string() + "' && ";
    for (const auto& step : steps) {
        INFO("$ pingfen " << step.command);
        Run r = shell(here + "NO_COLOR=1 PINGFEN_LANG= '" PINGFEN_BINARY "' " + step.command);
        INFO(r.err);
        CHECK(r.status == 0);
        if (!step.expected.empty()) CHECK((r.out + r.err).find(step.expected) != std::string::npos);
        // What the reader does next in Excel or WPS.
        if (step.command.find("-o 数据表.xlsx") != std::string::npos)
            REQUIRE(shell(here + "/usr/bin/python3 '" + (root / "tests/xlsx/fill_form.py").string() +
                          "' 数据表.xlsx rulesets/huadu/2023.example.json 花都区数据.xlsx")
                        .status == 0);
        if (step.command.find("-o 各部门.csv") != std::string::npos)
            REQUIRE(shell(here + "/usr/bin/python3 '" + (root / "tests/xlsx/json_to_csv.py").string() +
                          "' rulesets/huadu/2023.example.json 各部门.csv 目标表.csv gb18030")
                        .status == 0);
    }
    CHECK(fs::exists(dir / "自评表.xlsx"));
    CHECK(fs::exists(dir / "评分结果.xlsx"));
    CHECK(fs::exists(dir / "比较.html"));
    fs::remove_all(dir);
}
