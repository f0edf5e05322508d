// The checker's corpus (issue 15): realistic indicator systems in tests/golden/check/corpus/,
// `ok_*.pf` correct (tricky constructs included) and `fault_*.pf` with one mistake each of the
// kind finance bureaus make, whose first line names the code that must catch it
// (`# 期望 E0801：…`). A false alarm on a correct system blocks scoring a usable rule; a miss
// lets a wrong score through. The golden driver holds each file's exact diagnostics; this test
// keeps the figure that README reports: every fault caught, no diagnostic on a correct system.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>
#include <regex>

#include "pingfen/pingfen.hpp"

namespace fs = std::filesystem;
using namespace pingfen;

TEST_CASE("check corpus: every fault caught and no false alarm on the correct systems", "[check][issue15]") {
    const fs::path root = PINGFEN_SOURCE_DIR;
    const fs::path dir = root / "tests" / "golden" / "check" / "corpus";
    int correct = 0, faulty = 0, caught = 0, false_alarms = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        const fs::path& p = e.path();
        const std::string name = p.filename().string();
        if (p.extension() != ".pf") continue;
        const std::string text = test::slurp(p);
        CompileResult c = compile_file(fs::relative(p, root).generic_string());
        INFO(name);
        if (name.rfind("ok_", 0) == 0) {
            ++correct;
            if (!c.diagnostics.empty()) ++false_alarms;
            for (const auto& d : c.diagnostics) INFO(render(d, Language::Chinese, false));
            CHECK(c.diagnostics.empty());
        } else if (name.rfind("fault_", 0) == 0) {
            ++faulty;
            std::smatch m;
            static const std::regex expected("^# 期望 ([EW][0-9]{4})");
            REQUIRE(std::regex_search(text, m, expected));
            const std::string code = m[1].str();
            bool found = false;
            for (const auto& d : c.diagnostics) found = found || d.code == code;
            if (found) ++caught;
            INFO("expected " << code);
            CHECK(found);
        }
    }
    INFO("faults caught " << caught << "/" << faulty << ", false alarms " << false_alarms << "/" << correct);
    CHECK(correct >= 30);
    CHECK(faulty >= 30);
    CHECK(caught == faulty);
    CHECK(false_alarms == 0);
}
