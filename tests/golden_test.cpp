// Golden files for diagnostics. Every tests/golden/<kind>/<name>.pf is compiled (and, when
// <name>.json or <name>.data.pf sits beside it, that data is scored); the rendered diagnostics
// must equal <name>.expected (Chinese) and, when present, <name>.en.expected (English).
// Set PINGFEN_UPDATE_GOLDEN=1 to rewrite the expected files after checking the change by eye.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pingfen/pingfen.hpp"

namespace fs = std::filesystem;
using namespace pingfen;

namespace {

using pingfen::test::slurp;

std::string run_case(const fs::path& root, const fs::path& pf, Language lang) {
    std::string rel = fs::relative(pf, root).generic_string();
    std::vector<Diagnostic> all;
    CompileResult c = compile_source(rel, slurp(pf));
    all = c.diagnostics;
    fs::path json = pf, block = pf;
    json.replace_extension(".json");
    block.replace_extension(".data.pf");
    std::optional<fs::path> data;
    if (fs::exists(json)) data = json;
    else if (fs::exists(block)) data = block;
    if (c.ok() && data) {
        DataResult d = parse_data(fs::relative(*data, root).generic_string(), slurp(*data));
        all.insert(all.end(), d.diagnostics.begin(), d.diagnostics.end());
        if (d.ok()) {
            ScoreResult s = score(*c.ruleset, *d.data);
            all.insert(all.end(), s.diagnostics.begin(), s.diagnostics.end());
        }
    }
    std::string out;
    for (const auto& d : all) out += render(d, lang, false);
    if (all.empty()) out = "(no diagnostics)\n";
    return out;
}

using pingfen::test::check_golden;

}  // namespace

TEST_CASE("golden: diagnostics for broken rules and data", "[golden]") {
    fs::path root = PINGFEN_SOURCE_DIR;
    fs::path dir = root / "tests" / "golden";
    std::vector<fs::path> cases;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        const fs::path& p = e.path();
        std::string name = p.filename().string();
        // lib/ holds files that the cases import; they are not cases themselves.
        if (p.extension() == ".pf" && name.find(".data.pf") == std::string::npos &&
            p.generic_string().find("/lib/") == std::string::npos)
            cases.push_back(p);
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 10);
    for (const auto& pf : cases) {
        SECTION(fs::relative(pf, root).generic_string()) {
            fs::path zh = pf, en = pf;
            zh.replace_extension(".expected");
            en.replace_extension(".en.expected");
            check_golden(zh, run_case(root, pf, Language::Chinese));
            if (fs::exists(en) || std::getenv("PINGFEN_UPDATE_GOLDEN_EN"))
                check_golden(en, run_case(root, pf, Language::English));
        }
    }
}
