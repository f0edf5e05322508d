// The error catalogue, docs/errors.md, must follow the sources: every diagnostic code that the
// interpreter, the standard library or the command line can emit ("E0201", "W0401", … as string
// literals in interpreter/, stdlib/ and repl/) has a section `## E0201 …`, and the catalogue
// documents no code that the sources no longer use. Sections come in code order, once each.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

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

}  // namespace

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
