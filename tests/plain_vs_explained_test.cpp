// One department, every way of scoring it, one answer. score() without and with an explanation
// (in Chinese and English, with and without the sheet's texts), score_leaves() on the data and
// into a reused LeafScores, score()/score_leaves() of the data bound once (bind_data; scored
// twice, and with a second compile of the same ruleset, which binds again), compare_department()
// of the ruleset against itself (pingfen diff's scoring, which records what each rule decided),
// and score() on another thread or two threads at once must agree exactly:
// each leaf's score (present or not, the same Decimal to the last digit and scale), each parent's
// score, weight and not-applicable mark, the total, the grade, every diagnostic (severity, code,
// place, both messages, notes), the steps counted, and between ways that explain alike the basis
// word for word. Under a step limit (ScoreOptions::max_steps) below and around a department's
// full count, every way stops at the same place with the same diagnostics and the same leaves
// scored before it.
//
// The fast path (score_leaves, plain score) and the explained path may be built differently;
// this is the guard that they never score differently. The departments: every bundled ruleset's
// (rulesets/**/*.pf) own tests, example, generated boundary cases (pingfen test --generate) and
// its example with each input changed to values that stress a rule; the bench's varied huadu
// records; the language tests, error examples and golden rulesets with their data; and small
// rulesets written here for the constructs a fast path gets wrong.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "department_corpus.hpp"
#include "fast_path_rulesets.hpp"
#include "generate.hpp"  // bench/: the varied huadu records the benchmark scores
#include "pingfen/authoring.hpp"
#include "pingfen/pingfen.hpp"
#include "pingfen/testing.hpp"
#include "scoring_ways.hpp"

namespace {

namespace fs = std::filesystem;
using pingfen::test::Department;
using pingfen::test::Outcome;

const fs::path kRoot = PINGFEN_SOURCE_DIR;

// A ruleset compiled twice (the second compile is another Ruleset: data bound to the first is
// bound again for it) with the departments to score on it.
struct Subject {
    std::string name;
    std::shared_ptr<const pingfen::Ruleset> ruleset, again;
    std::shared_ptr<const pingfen::RulesetDiff> self_diff;  // diff_rulesets(ruleset, again): nothing
    std::vector<Department> departments;
};

struct Tally {
    int departments = 0, scorings = 0, limits = 0;
    int with_total = 0, with_errors = 0;  // departments scored in full; with an error
};

// Scores `d` every way and checks each against the first (score(explain=false)), and the ways
// that explain alike against each other word for word. Returns the outcomes.
std::vector<Outcome> check_agreement(const Subject& s, const Department& d, Tally& tally,
                                     const pingfen::test::WayOptions& w = {}) {
    thread_local pingfen::LeafScores reused;  // kept across departments and rulesets, as batch keeps one
    pingfen::test::WayOptions ways_options = w;
    ways_options.self_diff = s.self_diff.get();
    std::vector<Outcome> ways = pingfen::test::score_every_way(*s.ruleset, s.again.get(), d.data, reused, ways_options);
    ++tally.departments;
    tally.scorings += static_cast<int>(ways.size());
    if (ways[0].total) ++tally.with_total;
    if (pingfen::has_errors(ways[0].result->diagnostics)) ++tally.with_errors;
    // score_leaves() gives the leaves in the order of ruleset_leaves(): the sheet's leaves, in
    // sheet order, are those (checked once a ruleset).
    thread_local std::set<const pingfen::Ruleset*> ordered;
    if (ways[0].sheet() && ordered.insert(s.ruleset.get()).second) {
        std::vector<std::vector<std::string>> sheet_leaves;
        for (const pingfen::ScoreNode* n : ways[0].leaf_nodes) sheet_leaves.push_back(n->path());
        INFO(s.name);
        CHECK(sheet_leaves == pingfen::ruleset_leaves(*s.ruleset));
    }
    for (std::size_t i = 1; i < ways.size(); ++i) {
        const std::string diff = pingfen::test::differences(ways[0], ways[i]);
        if (diff.empty()) continue;
        INFO(s.name << " · " << d.label << "\nmax_steps " << w.max_steps << ": " << ways[0].way << " vs " << ways[i].way << "\n" << diff);
        CHECK(diff.empty());
    }
    for (std::size_t i = 1; i < ways.size(); ++i)
        for (std::size_t j = i + 1; j < ways.size(); ++j) {
            if (!ways[i].sheet() || !ways[j].sheet() || ways[i].explain != ways[j].explain) continue;
            if (ways[i].language != ways[j].language) continue;
            const std::string diff = pingfen::test::differences(ways[i], ways[j]);
            if (diff.empty()) continue;
            INFO(s.name << " · " << d.label << "\nmax_steps " << w.max_steps << ": " << ways[i].way << " vs " << ways[j].way << "\n" << diff);
            CHECK(diff.empty());
        }
    return ways;
}

// The step limits to try for a department that takes `full` steps: every limit from 1 to 60,
// then `spread` more spaced up to the full count, and the full count with one either side.
std::vector<std::uint64_t> limits_for(std::uint64_t full, int spread) {
    std::vector<std::uint64_t> out;
    for (std::uint64_t k = 1; k <= std::min<std::uint64_t>(60, full + 1); ++k) out.push_back(k);
    if (full > 60)
        for (int i = 1; i <= spread; ++i) {
            const std::uint64_t k = 60 + (full - 60) * static_cast<std::uint64_t>(i) / static_cast<std::uint64_t>(spread + 1);
            if (k > out.back()) out.push_back(k);
        }
    for (std::uint64_t k : {full - 1, full, full + 1})
        if (k > out.back()) out.push_back(k);
    return out;
}

// Under each limit every way stops at the same place: the same E0502 at the same expression, the
// same leaves scored before it, the same everything else. Returns the number of limits tried.
int check_limits(const Subject& s, const Department& d, int spread, Tally& tally) {
    const std::uint64_t full = pingfen::score(*s.ruleset, *d.data, {.explain = false, .max_steps = 0}).steps;
    if (full == 0) return 0;  // nothing evaluated (the data could not be bound at all)
    // Explained, the same steps (writing the basis evaluates nothing).
    const pingfen::ScoreOptions explained{.explain = true, .max_steps = 0};
    CHECK(pingfen::score(*s.ruleset, *d.data, explained).steps == full);
    int tried = 0;
    for (std::uint64_t k : limits_for(full, spread)) {
        pingfen::test::WayOptions w;
        w.max_steps = k;
        w.rotation = tried;
        auto ways = check_agreement(s, d, tally, w);
        ++tally.limits;
        ++tried;
        // A limit below the full count stops scoring with E0502; at or above it, nothing stops.
        bool stopped = false;
        for (const auto& diag : ways[0].diagnostics) stopped = stopped || diag.find(" E0502 ") != std::string::npos;
        INFO(s.name << " · " << d.label << ": max_steps " << k << " of " << full);
        CHECK(stopped == (k < full));
    }
    return tried;
}

// Each ruleset file compiled twice, once for all the test cases here (compiling is most of the
// cost of a small corpus).
Subject compile_subject(const std::string& path) {
    static std::map<std::string, Subject> compiled;
    auto it = compiled.find(path);
    if (it == compiled.end()) {
        Subject s;
        s.name = fs::relative(path, kRoot).generic_string();
        s.ruleset = pingfen::compile_file(path).ruleset;
        s.again = pingfen::compile_file(path).ruleset;
        if (s.ruleset && s.again)
            s.self_diff = std::make_shared<const pingfen::RulesetDiff>(pingfen::diff_rulesets(*s.ruleset, *s.again));
        it = compiled.emplace(path, std::move(s)).first;
    }
    return it->second;
}

Subject compile_text(const std::string& name, const std::string& text) {
    Subject s;
    s.name = name;
    auto a = pingfen::compile_source(name, text);
    for (const auto& d : a.diagnostics) UNSCOPED_INFO(pingfen::render(d));
    REQUIRE(a.ok());
    CHECK(a.diagnostics.empty());
    s.ruleset = a.ruleset;
    s.again = pingfen::compile_source(name, text).ruleset;
    s.self_diff = std::make_shared<const pingfen::RulesetDiff>(pingfen::diff_rulesets(*s.ruleset, *s.again));
    return s;
}

// Every .pf under rulesets/ (patterns included), sorted.
std::vector<std::string> bundled_ruleset_files() {
    std::vector<std::string> out;
    for (const auto& f : fs::recursive_directory_iterator(kRoot / "rulesets"))
        if (f.path().extension() == ".pf") out.push_back(f.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

// 2023.pf and 2023.boundaries.pf → 2023.example.json beside them, when there is one.
std::string example_of(const std::string& path) {
    std::string stem = fs::path(path).filename().string();
    stem = stem.substr(0, stem.find('.'));
    const fs::path ex = fs::path(path).parent_path() / (stem + ".example.json");
    return fs::exists(ex) ? ex.string() : "";
}

struct Gathering {
    bool generated = true;     // add the cases `pingfen test --generate all` writes
    std::size_t trials = 1;    // constants of the ruleset tried per input, each with the values beside it
    std::size_t mixed = 25;    // departments with several inputs changed at once
};

// The departments of one ruleset file: its example, its tests, the generated cases, and its
// example (or its first test's data) changed input by input.
void gather(Subject& s, const std::string& path, pingfen::test::FileCache& files, int& unreadable, const Gathering& g) {
    const std::string text = pingfen::test::slurp(path);
    std::shared_ptr<const pingfen::DepartmentData> base;
    if (const std::string ex = example_of(path); !ex.empty()) {
        base = files.load(ex);
        if (base) s.departments.push_back(Department{fs::path(ex).filename().string(), base});
    }
    const std::size_t first_test = s.departments.size();
    pingfen::test::add_tests(s.departments, path, text, "", files, &unreadable);
    if (!base && s.departments.size() > first_test) base = s.departments[first_test].data;
    if (g.generated) {
        pingfen::GeneratedTests gen = pingfen::generate_tests(path, "all");
        pingfen::test::add_tests(s.departments, path, gen.text, "generated", files, &unreadable);
    }
    if (base && (g.trials || g.mixed))
        pingfen::test::add_changed(s.departments, *s.ruleset, *base, "changed", g.trials, g.mixed,
                                   std::hash<std::string>{}(s.name), &unreadable);
}

// Every bundled ruleset that compiles on its own, but the *.boundaries.pf files (their cases are
// the generated ones), with the departments gather() finds as `how` says for its path, those at
// the indices `keep` picks (all when it is empty).
std::vector<Subject> bundled_subjects(pingfen::test::FileCache& files, int& unreadable,
                                      const std::function<Gathering(const std::string& path)>& how,
                                      const std::function<bool(const std::string& path, std::size_t i)>& keep = {}) {
    std::vector<Subject> out;
    for (const std::string& path : bundled_ruleset_files()) {
        if (path.find(".boundaries.") != std::string::npos) continue;
        Subject s = compile_subject(path);
        if (!s.ruleset) continue;
        gather(s, path, files, unreadable, how(path));
        if (keep) {
            std::vector<Department> some;
            for (std::size_t i = 0; i < s.departments.size(); ++i)
                if (keep(path, i)) some.push_back(s.departments[i]);
            s.departments = std::move(some);
        }
        out.push_back(std::move(s));
    }
    return out;
}

// The records the benchmark scores: the same seed gives the same records everywhere.
std::vector<Department> bench_records(std::size_t count) {
    std::vector<Department> out;
    for (const bench::Record& r : bench::generate_records(count, 20231231)) {
        pingfen::DataResult d = pingfen::parse_data(r.name + ".json", r.json);
        if (d.ok()) out.push_back(Department{"bench record " + r.name, d.data});
    }
    return out;
}

}  // namespace

TEST_CASE("Every way of scoring agrees on the data of every bundled ruleset", "[plain_vs_explained]") {
    pingfen::test::FileCache files;
    Tally tally;
    int rulesets = 0, unreadable = 0;
    std::vector<std::string> not_alone;
    for (const std::string& path : bundled_ruleset_files()) {
        Subject s = compile_subject(path);
        if (!s.ruleset) {  // a fragment other files import, with no header of its own
            not_alone.push_back(s.name);
            continue;
        }
        ++rulesets;
        // A *.boundaries.pf holds cases generated for the ruleset it imports, checked and kept as
        // tests: generating for it again, or changing its example, would repeat the ruleset's.
        const bool boundaries = path.find(".boundaries.") != std::string::npos;
        Gathering g;
        g.generated = !boundaries;
        if (boundaries) g.trials = g.mixed = 0;
        gather(s, path, files, unreadable, g);
        REQUIRE(!s.departments.empty());
        // Under AddressSanitizer, every third department (CI's sanitizer step: a minute saved).
        const std::size_t stride = pingfen::test::kAddressSanitizer ? 3 : 1;
        for (std::size_t i = 0; i < s.departments.size(); i += stride)
            check_agreement(s, s.departments[i], tally, {.rotation = static_cast<int>(i)});
    }
    WARN("bundled rulesets: " << rulesets << " compiled, " << tally.departments << " departments (" << tally.with_total
                              << " with a total, " << tally.with_errors << " with an error), " << tally.scorings
                              << " scorings; test or changed data not readable on its own: " << unreadable);
    // rulesets/common/management.pf is the part the city's and the districts' rulesets import.
    CHECK(not_alone == std::vector<std::string>{"rulesets/common/management.pf"});
    CHECK(rulesets >= 20);
    CHECK(tally.departments > (pingfen::test::kAddressSanitizer ? 1000 : 2000));
}

TEST_CASE("Every way of scoring agrees on the bench's varied huadu records", "[plain_vs_explained]") {
    Subject s = compile_subject((kRoot / "rulesets/huadu/2023.pf").string());
    REQUIRE(s.ruleset);
    const std::size_t count = pingfen::test::kAddressSanitizer ? 150 : 600;
    s.departments = bench_records(count);
    REQUIRE(s.departments.size() == count);
    Tally tally;
    std::vector<Outcome> alone;  // score(explain=false) of each record, scored on this thread
    for (std::size_t i = 0; i < s.departments.size(); ++i) {
        pingfen::test::WayOptions w;
        w.fresh_thread = i % 40 == 0;  // now and then on a thread of its own: fresh thread-local buffers
        alone.push_back(std::move(check_agreement(s, s.departments[i], tally, w)[0]));
    }
    // Two threads at once, each scoring every other record with score() and score_leaves() (a
    // compiled ruleset may be used from many threads): the same as scored alone.
    std::vector<Outcome> sheets(s.departments.size()), leaves(s.departments.size());
    auto half = [&](std::size_t first) {
        pingfen::LeafScores out;
        const pingfen::ScoreOptions plain{.explain = false};
        for (std::size_t i = first; i < s.departments.size(); i += 2) {
            sheets[i] = pingfen::test::from_result("score(explain=false) on two threads", pingfen::score(*s.ruleset, *s.departments[i].data, plain), plain);
            pingfen::score_leaves(*s.ruleset, *s.departments[i].data, out, plain);
            leaves[i] = pingfen::test::from_leaves("score_leaves(data, reused) on two threads", out);
        }
    };
    std::thread other(half, 1);
    half(0);
    other.join();
    for (std::size_t i = 0; i < s.departments.size(); ++i)
        for (const Outcome* o : {&sheets[i], &leaves[i]}) {
            const std::string diff = pingfen::test::differences(alone[i], *o);
            INFO(s.departments[i].label << ": " << o->way << "\n" << diff);
            CHECK(diff.empty());
        }
    WARN("bench records: " << tally.departments << " departments, " << tally.scorings << " scorings, and "
                           << 2 * s.departments.size() << " on two threads at once");
}

TEST_CASE("Every way of scoring agrees on the language tests and the error and golden examples", "[plain_vs_explained]") {
    pingfen::test::FileCache files;
    Tally tally;
    int rulesets = 0, unreadable = 0;
    // tests/lang: rulesets with their own tests (context_values.pf: 分值 in named values).
    for (const auto& f : fs::directory_iterator(kRoot / "tests/lang")) {
        const std::string name = f.path().filename().string();
        if (f.path().extension() != ".pf" || name.find(".data.") != std::string::npos) continue;
        Subject s = compile_subject(f.path().string());
        if (!s.ruleset) continue;
        ++rulesets;
        Gathering g;
        g.generated = false;
        g.trials = 2;
        g.mixed = 20;
        gather(s, f.path().string(), files, unreadable, g);
        for (std::size_t i = 0; i < s.departments.size(); ++i)
            check_agreement(s, s.departments[i], tally, {.rotation = static_cast<int>(i)});
    }
    // tests/errors and tests/golden: each ruleset with the data beside it (X.json, X.data.pf,
    // X.xlsx), and the data examples of tests/errors with the ruleset they share (data.pf).
    for (const fs::path folder : {kRoot / "tests/errors", kRoot / "tests/golden"}) {
        std::map<std::string, std::vector<std::string>> by_ruleset;
        for (const auto& f : fs::recursive_directory_iterator(folder)) {
            const fs::path p = f.path();
            const std::string file = p.filename().string();
            if (!f.is_regular_file() || file.find('.') == std::string::npos) continue;
            const std::string stem = file.substr(0, file.find('.'));
            const std::string ext = file.substr(file.find('.'));
            if (ext != ".json" && ext != ".data.pf" && ext != ".xlsx") continue;
            fs::path ruleset = p.parent_path() / (stem + ".pf");
            if (!fs::exists(ruleset)) ruleset = p.parent_path() / "data.pf";
            if (fs::exists(ruleset)) by_ruleset[ruleset.string()].push_back(p.string());
        }
        for (auto& [path, data] : by_ruleset) {
            Subject s = compile_subject(path);
            if (!s.ruleset) continue;
            ++rulesets;
            std::sort(data.begin(), data.end());
            for (const auto& p : data)
                if (auto d = files.load(p)) s.departments.push_back(Department{fs::path(p).filename().string(), d});
            for (const Department& d : s.departments) check_agreement(s, d, tally);
        }
    }
    WARN("language tests and examples: " << rulesets << " rulesets, " << tally.departments << " departments, "
                                          << tally.scorings << " scorings");
    CHECK(rulesets >= 20);
}

TEST_CASE("Every way of scoring agrees on the constructs a fast path can get wrong", "[plain_vs_explained]") {
    Tally tally;
    int unreadable = 0;
    const std::vector<std::pair<const char*, const std::vector<std::string>*>> cases = {
        {pingfen::test::kNamedValuesAndLogic, &pingfen::test::kNamedValuesAndLogicData},
        {pingfen::test::kRulesAndParts, &pingfen::test::kRulesAndPartsData}};
    for (const auto& [text, data] : cases) {
        Subject s = compile_text("fast_path.pf", text);
        for (const std::string& block : *data) {
            pingfen::DataResult d = pingfen::parse_data("fast_path.data.pf", block);
            REQUIRE(d.ok());
            s.departments.push_back(Department{"given", d.data});
            // Changed input by input from the departments that score without an error (a change
            // of one that does not mostly repeats its error).
            if (pingfen::score(*s.ruleset, *d.data).ok())
                pingfen::test::add_changed(s.departments, *s.ruleset, *d.data, "changed", 10, 150, s.departments.size(), &unreadable);
        }
        for (std::size_t i = 0; i < s.departments.size(); ++i)
            check_agreement(s, s.departments[i], tally, {.rotation = static_cast<int>(i)});
    }
    WARN("constructs: " << tally.departments << " departments (" << tally.with_total << " with a total, "
                        << tally.with_errors << " with an error), " << tally.scorings << " scorings");
    CHECK(tally.departments > 500);
}

TEST_CASE("Under a step limit every way of scoring stops at the same place", "[plain_vs_explained]") {
    pingfen::test::FileCache files;
    Tally tally;
    int departments = 0, unreadable = 0;
    // Each bundled ruleset's example (or first test) and some of its tests; the first bench
    // records; the small rulesets above with their data. The patterns take a few dozen steps a
    // department: half their tests and generated cases. The city's and districts' take hundreds:
    // the example, the first test and a spread.
    auto pattern = [](const std::string& path) { return path.find("/patterns/") != std::string::npos; };
    std::vector<Subject> subjects = bundled_subjects(
        files, unreadable, [&](const std::string& path) { return Gathering{.generated = pattern(path), .trials = 0, .mixed = 0}; },
        [&](const std::string& path, std::size_t i) { return i < 2 || (pattern(path) ? i % 2 == 0 : i % 7 == 3); });
    Subject huadu = compile_subject((kRoot / "rulesets/huadu/2023.pf").string());
    huadu.name += " (bench records)";
    huadu.departments = bench_records(3);
    subjects.push_back(std::move(huadu));
    for (const auto& [text, data] : {std::pair{pingfen::test::kNamedValuesAndLogic, &pingfen::test::kNamedValuesAndLogicData},
                                     std::pair{pingfen::test::kRulesAndParts, &pingfen::test::kRulesAndPartsData}}) {
        Subject s = compile_text("fast_path.pf", text);
        for (const std::string& block : *data) s.departments.push_back(Department{"given", pingfen::parse_data("d.pf", block).data});
        subjects.push_back(std::move(s));
    }
    std::uint64_t most = 0;
    for (const Subject& s : subjects)
        for (const Department& d : s.departments) {
            ++departments;
            most = std::max<std::uint64_t>(most, static_cast<std::uint64_t>(check_limits(s, d, 12, tally)));
        }
    WARN("step limits: " << departments << " departments, " << tally.limits << " limits, " << tally.scorings
                         << " scorings, up to " << most << " limits for one department");
    CHECK(tally.limits > 2000);
}

// The comparison itself: a leaf one cent off in one way, a missing leaf, another grade, another
// diagnostic message or step count must each be found.
TEST_CASE("The comparison of the ways notices one cent in one leaf", "[plain_vs_explained]") {
    Subject s = compile_subject((kRoot / "rulesets/huadu/2023.pf").string());
    REQUIRE(s.ruleset);
    auto d = pingfen::load_data_file((kRoot / "rulesets/huadu/2023.example.json").string());
    REQUIRE(d.ok());
    pingfen::LeafScores reused;
    auto ways = pingfen::test::score_every_way(*s.ruleset, s.again.get(), d.data, reused, {.self_diff = s.self_diff.get()});
    REQUIRE(ways.size() >= 14);
    REQUIRE(ways.back().comparison);
    for (std::size_t i = 1; i < ways.size(); ++i) CHECK(pingfen::test::differences(ways[0], ways[i]).empty());

    const pingfen::Decimal cent = *pingfen::Decimal::parse("0.01");
    for (std::size_t i = 1; i < ways.size(); ++i) {
        for (std::size_t leaf = 0; leaf < ways[i].leaves.size(); leaf += 5) {
            Outcome off = ways[i];
            REQUIRE(off.leaves[leaf]);
            off.leaves[leaf] = *off.leaves[leaf] + cent;
            CHECK_FALSE(pingfen::test::differences(ways[0], off).empty());
            off.leaves[leaf].reset();
            CHECK_FALSE(pingfen::test::differences(ways[0], off).empty());
        }
        Outcome off = ways[i];
        off.grade = "良";
        CHECK_FALSE(pingfen::test::differences(ways[0], off).empty());
        off = ways[i];
        off.total = *off.total - cent;
        CHECK_FALSE(pingfen::test::differences(ways[0], off).empty());
        off = ways[i];
        off.diagnostics.push_back(pingfen::test::diagnostic_text(pingfen::Diagnostic{.code = "W0402"}));
        CHECK_FALSE(pingfen::test::differences(ways[0], off).empty());
        if (off.sheet()) {
            off = ways[i];
            off.result->steps += 1;
            CHECK_FALSE(pingfen::test::differences(ways[0], off).empty());
        }
    }
    // A parent's score alone: the sheet's nodes of a department one leaf of which scored less,
    // under the leaves of this one.
    auto fewer = pingfen::test::score_every_way(
        *s.ruleset, nullptr,
        pingfen::with_datum(*d.data, "年末结转和结余", pingfen::Datum::number("8958.41")).data, reused);
    REQUIRE(!pingfen::test::differences(ways[0], fewer[0]).empty());
    Outcome parents = ways[0];
    parents.result = fewer[0].result;
    parents.nodes = fewer[0].nodes;
    parents.leaf_nodes = fewer[0].leaf_nodes;
    const std::string parent_diff = pingfen::test::differences(ways[0], parents);
    INFO(parent_diff);
    CHECK(parent_diff.find("管理效率: score 50.00 vs 48.50") != std::string::npos);
    // The same number written with another scale (2 and 2.00) is a difference too: sheets print it.
    Outcome scale = ways[4];
    for (auto& l : scale.leaves)
        if (l) l = *l + *pingfen::Decimal::parse("0.00");
    bool rescaled = false;
    for (std::size_t k = 0; k < scale.leaves.size(); ++k)
        rescaled = rescaled || (scale.leaves[k] && scale.leaves[k]->to_plain() != ways[4].leaves[k]->to_plain());
    if (rescaled) CHECK_FALSE(pingfen::test::differences(ways[0], scale).empty());
}

// Found by the tests above: explaining a tier row inside 扣分 evaluated the row's subject again to
// write "x 1.5，属于“1至2（含）”一档" (deduction_row.cpp), a step or more that a plain score does not
// take, so a step budget between the two stopped only the explained scoring.
TEST_CASE("Explaining a tier of a deduction takes no extra step", "[plain_vs_explained]") {
    auto c = pingfen::compile_source("t.pf", R"(规则集 "t" 年度 2023 总分 10
舍入 叶指标 四舍五入 保留 2 位
输入 { x 数值  y 数值 }
指标 X 10 {
  扣分 {
    按 x + y 分档 {
      1至2（含） 扣 1 分
      高于 2 扣 2 分
    }
  } 扣完为止
}
)");
    REQUIRE(c.ok());
    for (const char* values : {"x = 0  y = 0", "x = 1  y = 0.5", "x = 3  y = 0"}) {
        auto d = pingfen::parse_data("d.pf", std::string("数据 \"部门\" 年度 2023 { ") + values + " }");
        REQUIRE(d.ok());
        auto plain = pingfen::score(*c.ruleset, *d.data, {.explain = false});
        auto explained = pingfen::score(*c.ruleset, *d.data, {.explain = true});
        INFO(values << ": " << explained.sheet->indicators()[0].basis());
        CHECK(plain.sheet->total == explained.sheet->total);
        CHECK(plain.steps == explained.steps);
        // With the limit at the plain count, both must score in full.
        auto limited = pingfen::score(*c.ruleset, *d.data, {.explain = true, .max_steps = plain.steps});
        CHECK(limited.ok());
    }
}

// Found by the tests above: a named value whose evaluation failed (the mean of an empty list) was
// left marked as being computed, and a second leaf reading it was told "`月均` 的定义引用了它自己".
TEST_CASE("A named value that fails gives its own error in every leaf that reads it", "[plain_vs_explained]") {
    auto c = pingfen::compile_source("t.pf", R"(规则集 "t" 年度 2023 总分 4
舍入 叶指标 四舍五入 保留 2 位
输入 { 月度执行率 列表(百分比) [0, 150%] }
月均 = 平均(月度执行率)
一级指标 组 4 {
  二级指标 甲 2 { 若 月均 ≥ 90% 则 得满分 否则 不得分 }
  二级指标 乙 2 { 按 月均 比例计分，封顶 100% }
}
)");
    REQUIRE(c.ok());
    auto d = pingfen::parse_data("d.pf", "数据 \"部门\" 年度 2023 { 月度执行率 = [] }");
    REQUIRE(d.ok());
    for (bool explain : {false, true}) {
        auto r = pingfen::score(*c.ruleset, *d.data, {.explain = explain});
        REQUIRE(r.diagnostics.size() == 2);
        for (const auto& diag : r.diagnostics) {
            INFO(pingfen::render(diag));
            CHECK(diag.code == "E0501");
            CHECK(diag.message_zh.find("列表为空") != std::string::npos);
            CHECK(diag.message_zh.find("引用了它自己") == std::string::npos);
        }
    }
}

// The batch path: each department written as a JSON Lines record (data_as_text), read back by
// DepartmentReader one record at a time into one reused DataResult, and scored into one reused
// LeafScores, as `pingfen batch` does, gives the leaves, total and grade it gave read from its own
// file, and the same diagnostics by code and severity (their places are in another file).
TEST_CASE("A department read back from JSON Lines by the batch reader scores as it did", "[plain_vs_explained]") {
    pingfen::test::FileCache files;
    int unreadable = 0, compared = 0;
    std::vector<Subject> subjects =
        bundled_subjects(files, unreadable, [](const std::string&) {
            return Gathering{.generated = false, .mixed = pingfen::test::kAddressSanitizer ? 3u : 10u};
        });
    Subject huadu = compile_subject((kRoot / "rulesets/huadu/2023.pf").string());
    huadu.name += " (bench records)";
    huadu.departments = bench_records(200);
    subjects.push_back(std::move(huadu));
    const fs::path file = fs::temp_directory_path() / ("pingfen_plain_vs_explained_" + std::to_string(::getpid()) + ".jsonl");
    for (const Subject& s : subjects) {
        {
            std::ofstream out(file, std::ios::binary);
            for (const Department& d : s.departments) {
                std::string json = pingfen::data_as_text(*d.data, pingfen::DataSyntax::Json);
                std::erase(json, '\n');  // JSON's own line breaks are outside its strings
                out << json << "\n";
            }
        }
        std::vector<pingfen::Diagnostic> problems;
        auto reader = pingfen::DepartmentReader::open(file.string(), "", problems);
        REQUIRE(reader);
        pingfen::DepartmentReader::Record raw;
        pingfen::DataResult data;
        pingfen::LeafScores scores;
        for (const Department& d : s.departments) {
            REQUIRE(reader->next_record(raw));
            reader->parse_into(raw, data);
            const pingfen::LeafScores direct = pingfen::score_leaves(*s.ruleset, *d.data);
            // by code and severity, sorted: diagnostics are ordered by their place, in another file
            std::vector<std::string> codes_direct, codes_read;
            for (const auto& diag : direct.diagnostics) codes_direct.push_back(std::to_string(static_cast<int>(diag.severity)) + diag.code);
            if (data.ok()) {
                pingfen::score_leaves(*s.ruleset, *data.data, scores);
            } else {
                scores = pingfen::LeafScores{};
                scores.diagnostics = data.diagnostics;
            }
            for (const auto& diag : scores.diagnostics) codes_read.push_back(std::to_string(static_cast<int>(diag.severity)) + diag.code);
            std::sort(codes_direct.begin(), codes_direct.end());
            std::sort(codes_read.begin(), codes_read.end());
            Outcome a = pingfen::test::from_leaves("score_leaves(its own file)", direct);
            Outcome b = pingfen::test::from_leaves("score_leaves(read back by the batch reader)", scores);
            a.diagnostics.clear();
            b.diagnostics.clear();
            const std::string diff = pingfen::test::differences(a, b);
            INFO(s.name << " · " << d.label << "\n" << raw.text << "\n" << diff);
            CHECK(diff.empty());
            CHECK(codes_direct == codes_read);
            ++compared;
        }
        CHECK_FALSE(reader->next_record(raw));
    }
    fs::remove(file);
    WARN("batch reader: " << compared << " departments read back from JSON Lines");
}
