// Every file in tests/fuzz_regressions/ once crashed or hung pingfen: found by the fuzzers
// (fuzz/, run by scripts/ci_extra.sh) or by hand while reading their findings. Each goes through
// the same entry points the fuzzers use (fuzz/fuzz_targets.hpp): as a ruleset and an expression,
// as department data scored by huadu 2023, and as a ruleset scored on made-up data and run
// through its own tests. None may crash, hang or break a promise of the API; where the input is
// wrong, compiling it must say so with the expected error.
//
// To add one: copy the fuzzer's crash-… file here under a name that says what it is (a leading
// `# …` comment may explain it), fix the interpreter, and list the expected error code below.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "../fuzz/fuzz_targets.hpp"

namespace fs = std::filesystem;
using namespace pingfen;

namespace {

using pingfen::test::slurp;

// The first error code compile_source must report for the file; files not listed must only
// pass without a crash.
const std::map<std::string, std::string> kExpectedError = {
    {"overlong_utf8.pf", "E0005"},         // E0 88 8D: ANTLR's decoder threw std::range_error
    {"not_comparison_chain.pf", "E0006"},  // 非 a = 非 a = …: the parser overflowed the stack
    {"not_sum_chain.pf", "E0006"},         // 非 1 + 非 1 + …: the same through +
    {"comparison_chain.pf", "E0006"},      // 1 < 1 < … < 2: quadratic prediction, 15 s
    {"named_value_chain.pf", "E0006"},     // x1 = x0 … x3000: the checker overflowed the stack
    {"named_value_branches.pf", "E0006"},  // x1 = 若 … 则 x0 否则 x0 …: 2^30 steps in the checker
    {"import_device.pf", "E0602"},         // 引用 "/dev/zero": read until memory ran out
};

}  // namespace

TEST_CASE("fuzz regressions: inputs that once crashed or hung pingfen", "[fuzz]") {
    const fs::path dir = fs::path(PINGFEN_SOURCE_DIR) / "tests" / "fuzz_regressions";
    // Named as the fuzzers name their inputs: beside huadu 2023, so that imports resolve.
    const std::string name = std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/fuzz.pf";
    CompileResult huadu = compile_file(std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/2023.pf");
    REQUIRE(huadu.ok());

    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= kExpectedError.size());

    for (const fs::path& file : files) {
        const std::string file_name = file.filename().string();
        SECTION(file_name) {
            const std::string bytes = slurp(file);
            const auto start = std::chrono::steady_clock::now();
            CHECK(fuzz::parse_input(bytes, name) == fuzz::Problems{});
            CHECK(fuzz::data_input(bytes, *huadu.ruleset) == fuzz::Problems{});
            CHECK(fuzz::ruleset_eval_input(bytes, name) == fuzz::Problems{});
            // The hangs took minutes; now each input takes milliseconds (a sanitizer build, a
            // busy machine: the bound is generous).
            CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));

            if (auto it = kExpectedError.find(file_name); it != kExpectedError.end()) {
                CompileResult c = compile_source(name, bytes);
                CHECK_FALSE(c.ok());
                auto first = std::find_if(c.diagnostics.begin(), c.diagnostics.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::Error; });
                REQUIRE(first != c.diagnostics.end());
                CHECK(first->code == it->second);
                CHECK(first->line > 0);  // it points into the file
            }
        }
    }
}

TEST_CASE("fuzz regressions: the bundled examples pass through the fuzzers' entry points", "[fuzz]") {
    // The seeds the fuzzers start from must themselves be clean, or every run would stop at once.
    const fs::path root = PINGFEN_SOURCE_DIR;
    CompileResult huadu = compile_file((root / "rulesets/huadu/2023.pf").string());
    REQUIRE(huadu.ok());
    CHECK(fuzz::parse_input(slurp(root / "rulesets/huadu/2023.pf"), (root / "rulesets/huadu/fuzz.pf").string()).empty());
    CHECK(fuzz::ruleset_eval_input(slurp(root / "rulesets/huadu/2023.pf"), (root / "rulesets/huadu/fuzz.pf").string()).empty());
    CHECK(fuzz::data_input(slurp(root / "rulesets/huadu/2023.example.json"), *huadu.ruleset).empty());
    CHECK(fuzz::data_input(slurp(root / "tests/lang/patterns.data.pf"), *huadu.ruleset).empty());
}
