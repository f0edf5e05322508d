// pingfen's tests of a ruleset, beyond pass and fail: which outcomes of each rule the tests
// reached (coverage), boundary tests written for the author to confirm (generate), and which
// changes of a rule no test notices (mutate). Uses the types of pingfen.hpp.
//
//   pingfen::Coverage cov;
//   pingfen::TestReport tests = cov.run("rulesets/huadu/2023.pf");
//   pingfen::CoverageReport report = cov.report();
//   std::cout << pingfen::coverage_as_text(report);          // unreached outcomes as file:line
//   if (!report.meets(pingfen::Decimal::from_int(100))) …
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen {

// ---- coverage (pingfen test --coverage) ----
// One outcome of a rule: a tier, a branch of 若, a deduction item fired or not, 扣完为止
// reached, a goal-row band, a cap reached, an assessor's bound, not-applicable taken.
struct CoverageOutcome {
    std::string path;  // the file the outcome is written in
    int line = 0, column = 0;
    std::string words_zh, words_en;  // "档位 (20%, 30%]", "tier (20%, 30%]"
    bool reached = false;
};

struct IndicatorCoverage {
    std::vector<std::string> path;  // as in the first ruleset that reached or listed it
    std::string file;               // where the indicator is written
    int line = 0;
    std::vector<CoverageOutcome> outcomes;
    int reached() const;
    int total() const { return static_cast<int>(outcomes.size()); }
};

struct CoverageReport {
    struct Source {
        std::string path, text;
    };
    std::vector<IndicatorCoverage> indicators;
    std::vector<Source> sources;  // the ruleset files, for the HTML view
    int reached() const;
    int total() const;
    // reached ÷ total as a percentage, rounded half up to two places; 100 when there is nothing to reach.
    Decimal percent() const;
    // reached ÷ total ≥ min_percent ÷ 100, exactly (99.995% does not meet 100%).
    bool meets(const Decimal& min_percent) const;
};

// Runs tests recording what each rule decided. One Coverage may run many ruleset files: an
// outcome written in a file they share (an imported ruleset such as common/management.pf)
// counts once, and is reached when the tests of any of them reached it.
class Coverage {
public:
    Coverage();
    ~Coverage();
    Coverage(const Coverage&) = delete;
    Coverage& operator=(const Coverage&) = delete;
    // The same as run_tests(path, lang), and what the tests reached is added.
    TestReport run(const std::string& path, Language lang = Language::Chinese);
    CoverageReport report() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Per indicator its figure, the unreached outcomes as "file:line: 档位 (20%, 30%] 从未命中",
// and the total.
std::string coverage_as_text(const CoverageReport& r, Language lang = Language::Chinese);
std::string coverage_as_json(const CoverageReport& r);
// One self-contained page: each ruleset file's text, the lines with outcomes marked reached
// (green) or unreached (red), the outcomes listed beside them.
std::string coverage_as_html(const CoverageReport& r, Language lang = Language::Chinese);

// ---- generated boundary tests (pingfen test --generate) ----
struct GeneratedTests {
    std::string text;                     // 测试 blocks, each with a comment quoting the rule
    int count = 0;
    std::vector<Diagnostic> diagnostics;  // the file does not compile; no such indicator (E0901)
    bool ok() const { return !has_errors(diagnostics); }
};
// `indicator` is a path with dots (管理效率.预算执行.结转结余率), a leaf's own name, or "all".
// Each test is scored on the data of the file's first test with a 给定 file, changed in one
// input (or a goal table), and states the score pingfen computes.
GeneratedTests generate_tests(const std::string& path, const std::string& indicator, Language lang = Language::Chinese);

// ---- mutation testing (pingfen test --mutate) ----
struct Mutant {
    std::string path;  // the file changed
    int line = 0, column = 0;
    std::string indicator;           // its path, joined with " › "
    std::string from, to;            // the text replaced and its replacement: "≤ 10%" → "< 10%"
    std::string words_zh, words_en;  // "把 ≤ 10% 改成 < 10%"
    bool killed = false;             // some test failed with the change
    bool compiles = true;            // false: the change did not compile (not counted)
};
struct MutationReport {
    std::vector<Mutant> mutants;
    std::vector<Diagnostic> diagnostics;  // the file does not compile, or its tests fail as it is (E0902)
    int killed() const;
    int survived() const;
};
// Changes each tier's score, bound and open/closed end, each step and cap of the rulesets (and of
// the files they import), one at a time, and runs the tests on each. A change in a file several of
// them share (an imported file) is tried once and killed when the tests of any of them fail.
MutationReport mutate_tests(const std::vector<std::string>& paths, Language lang = Language::Chinese);
std::string mutation_as_text(const MutationReport& r, Language lang = Language::Chinese);

}  // namespace pingfen
