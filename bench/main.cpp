// pingfen_bench: pingfen against native baselines of the same ruleset, in one run (issue 8).
//
//   1. records for huadu 2023 from a fixed seed (generate.cpp), as JSON and as native structs;
//   2. (I) pingfen::score on pre-parsed data, (a) hand-written C++ with pingfen::Decimal,
//      (b) the same with double, (c) the same in Lua 5.4; interleaved rounds, medians, ratios;
//      (I) and (a) must agree on every leaf and total of every record (exit 1 otherwise);
//   3. compile cost, cold (a fresh process) and warm, of the bundled and of generated rulesets;
//   4. evaluation time for 1k, 100k (and with --full 1M) records;
//   5. `pingfen batch` end to end (the real binary, JSON Lines of generated records), -j1 and -j2.
//
// Only the public header of pingfen is used, like any host program.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

extern "C" {
#include <lua.h>
}

#include "batch_e2e.hpp"
#include "core_ceiling.hpp"
#include "gate.hpp"
#include "generate.hpp"
#include "lua_contender.hpp"
#include "native_decimal.hpp"
#include "native_double.hpp"
#include "pingfen/pingfen.hpp"

namespace fs = std::filesystem;
using pingfen::Decimal;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    bool full = false;
    std::size_t pool = 4096;
    int rounds = 7;
    double round_seconds = 0.5;   // each contender's share of one round, at least
    std::uint64_t seed = 0x5049'4E47'4645'4E00ULL;  // "PINGFEN\0"
    std::string root = PINGFEN_SOURCE_DIR;
    std::string lua_file = PINGFEN_BENCH_LUA_FILE;
    long profile = 0;  // --profile N: only N pingfen evaluations (for valgrind --tool=callgrind)
    long dump = -1;    // --dump I: print record I's JSON and stop
    long jsonl = -1;   // --jsonl N: print N records as JSON Lines and stop
    bool check = false;
    bool contenders_only = false;  // --contenders: sections 1 and 2 alone (timed), no compile, scaling or batch
    std::size_t batch_records = 20000;  // --batch-records N: records in section 5's JSON Lines file
    bool batch_only = false;            // --batch: section 5 alone
    bool gate = false;                  // --gate: exit 1 when a target of issue 14 is missed
    bool profile_leaves = false;  // --profile-leaves N: the same with score_leaves
    bool profile_native = false;  // --profile-native N: the same with (a), the hand-written C++ on Decimal
    int profile_generated = 0;    // --profile-generated LEAVES N: score() on a generated ruleset (section 3's)
    std::string profile_compile;  // --profile-compile FILE N: N warm compile_file() of FILE (after one not counted)
    int scaling = 0;              // --scaling ROUNDS: section 3's score() slope alone, beside score_leaves()'s
};

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string grouped(double v, int decimals = 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    const std::string s = buf;
    const std::size_t start = s[0] == '-' ? 1 : 0;
    const std::size_t end = std::min(s.find('.'), s.size());
    std::string out = s.substr(0, start);
    for (std::size_t i = start; i < end; ++i) {
        out += s[i];
        std::size_t left = end - i - 1;
        if (left > 0 && left % 3 == 0) out += ',';
    }
    return out + s.substr(end);
}

std::string fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char* f, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

double slope(double n1, double t1, double n2, double t2) { return std::log(t2 / t1) / std::log(n2 / n1); }

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "unknown CPU";
}

// ---- section 3: compile cost ----

struct CompileCase {
    std::string label;
    std::string path;  // a bundled file, or empty
    std::string text;  // a generated ruleset
    int leaves = 0;
    std::string data;  // a department file for a generated ruleset
};

struct CompileTiming {
    double ms = 0;
    bool ok = false;
    int errors = 0;
    char first_error[16] = {};
    long peak_rss_kb = 0;  // of the process that compiled it cold
};

CompileTiming compile_once(const CompileCase& c) {
    CompileTiming t;
    auto t0 = Clock::now();
    pingfen::CompileResult r = c.path.empty() ? pingfen::compile_source(c.label, c.text) : pingfen::compile_file(c.path);
    t.ms = seconds_since(t0) * 1e3;
    t.ok = r.ok();
    for (const auto& d : r.diagnostics)
        if (d.severity == pingfen::Severity::Error) {
            if (t.errors++ == 0) std::snprintf(t.first_error, sizeof t.first_error, "%s", d.code.c_str());
        }
    return t;
}

// The first compile in a fresh process: fork before this process has compiled anything, so the
// child starts as cold as a new process (nothing of the parser warmed up).
CompileTiming compile_cold(const CompileCase& c) {
    int fds[2];
    if (pipe(fds) != 0) return compile_once(c);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return compile_once(c);
    }
    if (pid == 0) {
        close(fds[0]);
        CompileTiming t = compile_once(c);
        struct rusage ru {};
        if (getrusage(RUSAGE_SELF, &ru) == 0) t.peak_rss_kb = ru.ru_maxrss;
        ssize_t w = write(fds[1], &t, sizeof t);
        (void)w;
        close(fds[1]);
        _exit(0);
    }
    close(fds[1]);
    CompileTiming t;
    ssize_t got = 0;
    while (got < static_cast<ssize_t>(sizeof t)) {
        ssize_t n = read(fds[0], reinterpret_cast<char*>(&t) + got, sizeof t - static_cast<std::size_t>(got));
        if (n <= 0) break;
        got += n;
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (got != static_cast<ssize_t>(sizeof t)) t.ms = -1;
    return t;
}

// ---- pingfen's sheet as leaves ----

struct SheetLeaves {
    std::vector<std::string> paths;
    std::vector<std::optional<Decimal>> scores;
    std::optional<Decimal> total;
};

void collect(const pingfen::ScoreNode& n, SheetLeaves& out) {
    if (n.children().empty()) {
        std::string p;
        for (const auto& s : n.path()) p += (p.empty() ? "" : ".") + s;
        out.paths.push_back(p);
        out.scores.push_back(n.score());
        return;
    }
    for (const auto& c : n.children()) collect(c, out);
}

SheetLeaves leaves_of(const pingfen::ScoreResult& r) {
    SheetLeaves out;
    if (!r.sheet) return out;
    for (const auto& n : r.sheet->indicators()) collect(n, out);
    out.total = r.sheet->total;
    return out;
}

std::string show(const std::optional<Decimal>& d) { return d ? d->to_fixed(2) : "(not scored)"; }
std::string show_raw(const std::optional<Decimal>& d) { return d ? d->to_string() : "none"; }

// Cents of a score rounded to 2 places (a decimal with at most 2 places, or a double).
long long cents(const Decimal& d) { return *(d * Decimal::from_int(100)).round_half_up(0).to_int64(); }
long long cents(double d) { return std::llround(d * 100); }

// ---- section 2: contenders ----

struct Contender {
    Contender(std::string n, std::function<double(std::size_t, std::size_t)> f) : name(std::move(n)), run(std::move(f)) {}
    std::string name;
    std::function<double(std::size_t begin, std::size_t count)> run;  // returns a checksum
    std::vector<double> rates;  // evaluations per second, one per round
    long passes = 1;
};

void usage() {
    std::puts(
        "usage: pingfen_bench [--full] [--pool N] [--rounds N] [--seed N] [--root DIR] [--lua FILE]\n"
        "                     [--profile N] [--dump I]\n"
        "  --full       also evaluate 1,000,000 records in the scaling section (about 1 minute more)\n"
        "  --pool N     distinct generated records (default 4096), reused cyclically\n"
        "  --rounds N   interleaved timing rounds (default 7); medians are reported\n"
        "  --profile N  only N pingfen::score calls on the pool, for valgrind --tool=callgrind\n"
        "  --profile-leaves N  the same with pingfen::score_leaves\n"
        "  --profile-native N  the same with (a), the hand-written C++ on pingfen's Decimal (bench::score_decimal)\n"
        "  --profile-generated LEAVES N  N pingfen::score calls of one department on the generated ruleset of\n"
        "               LEAVES leaves (section 3's scaling of score(), for callgrind)\n"
        "  --profile-compile FILE N  one compile_file(FILE), then N more: the warm compile of section 3, for\n"
        "               valgrind --tool=callgrind --toggle-collect='pingfen::compile_file*'\n"
        "  --scaling R  only the slope of one department's score() and score_leaves() over ruleset size (300 and\n"
        "               3,000 generated leaves), R interleaved rounds, median and fastest (about 1 s a round)\n"
        "  --dump I     print generated record I (from 0) as JSON and stop\n"
        "  --jsonl N    print N generated records as JSON Lines (one department a line) and stop\n"
        "  --batch      only section 5: `pingfen batch` end to end, -j1 and -j2\n"
        "  --batch-records N  records in section 5's JSON Lines file (default 20000)\n"
        "  --contenders only sections 1 and 2 (the contenders' throughput), without compile, scaling or batch\n"
        "  --check      only check that pingfen and the exact C++ baseline agree on every record (no timing)\n"
        "  --gate       exit 1 when a target of issue 14 is missed (the targets are printed at the end either way)");
}

}  // namespace

// ---- section 5: pingfen batch end to end ----
// `ceiling` receives what two threads of the hand-written baseline give over one on this machine.
std::vector<bench::BatchRun> batch_section(const Options& o, const std::string& huadu_path, const std::vector<bench::Record>& pool,
                                           double* ceiling = nullptr) {
    std::printf("\n== 5. pingfen batch end to end (%s JSON Lines records of the pool, -o /dev/null, median of %d runs) ==\n",
                grouped(static_cast<double>(o.batch_records)).c_str(), std::max(3, o.rounds / 2));
    std::printf("  %-6s %10s %14s %10s %12s %10s %8s\n", "jobs", "s", "records/s", "CPU s", "cores busy", "peak MB", "status");
    auto runs = bench::measure_batch(PINGFEN_BINARY, huadu_path, pool, o.batch_records, {1, 2}, std::max(3, o.rounds / 2));
    for (const auto& r : runs)
        std::printf("  -j%-4u %10.3f %14s %10.3f %12.2f %10.1f %8d\n", r.jobs, r.seconds, grouped(r.records_per_s).c_str(),
                    r.cpu_seconds, r.seconds > 0 ? r.cpu_seconds / r.seconds : 0.0, static_cast<double>(r.peak_rss_kb) / 1024.0,
                    r.status);
    double speedup = runs[0].seconds > 0 && runs[1].seconds > 0 ? runs[0].seconds / runs[1].seconds : 0;
    std::printf("  -j2 / -j1 = %.2f×; records per CPU-second: -j1 %s, -j2 %s (\"cores busy\" below 2 at -j2 means the\n"
                "  second core was not free: see the load average)\n",
                speedup, grouped(static_cast<double>(o.batch_records) / std::max(1e-9, runs[0].cpu_seconds)).c_str(),
                grouped(static_cast<double>(o.batch_records) / std::max(1e-9, runs[1].cpu_seconds)).c_str());
    const bench::CoreCeiling cores = bench::measure_core_ceiling(pool, std::max(3, o.rounds / 2));
    std::printf("  this machine's ceiling: the hand-written baseline (a) on two threads at once, sharing nothing, scores\n"
                "  %.2f× the records of one thread (%s and %s records/s): the most -j2 / -j1 can be here\n",
                cores.ratio(), grouped(cores.two).c_str(), grouped(cores.one).c_str());
    if (ceiling) *ceiling = cores.ratio();
    std::printf("targets: ≥ 50,000 records/s on one core: %s; -j2 ≥ 1.8× -j1: %s (%ld cores online)\n",
                runs[0].records_per_s >= 50000 ? "met" : "NOT met", speedup >= 1.8 ? "met" : "NOT met",
                sysconf(_SC_NPROCESSORS_ONLN));
    std::fflush(stdout);
    return runs;
}

int main(int argc, char** argv) {
    bench::start_launcher();  // first, while this process is small (section 5's peak memory)
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage();
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--full") o.full = true;
        else if (a == "--pool") o.pool = std::stoul(next());
        else if (a == "--rounds") o.rounds = std::stoi(next());
        else if (a == "--seed") o.seed = std::stoull(next(), nullptr, 0);
        else if (a == "--root") o.root = next();
        else if (a == "--lua") o.lua_file = next();
        else if (a == "--profile") o.profile = std::stol(next());
        else if (a == "--dump") o.dump = std::stol(next());
        else if (a == "--jsonl") o.jsonl = std::stol(next());
        else if (a == "--check") o.check = true;
        else if (a == "--contenders") o.contenders_only = true;
        else if (a == "--gate") o.gate = true;
        else if (a == "--batch") o.batch_only = true;
        else if (a == "--batch-records") o.batch_records = std::stoul(next());
        else if (a == "--profile-leaves") o.profile = std::stol(next()), o.profile_leaves = true;
        else if (a == "--profile-native") o.profile = std::stol(next()), o.profile_native = true;
        else if (a == "--profile-generated") o.profile_generated = std::stoi(next()), o.profile = std::stol(next());
        else if (a == "--profile-compile") o.profile_compile = next(), o.profile = std::stol(next());
        else if (a == "--scaling") o.scaling = std::stoi(next());
        else if (a == "--help" || a == "-h") {
            usage();
            return 0;
        } else {
            usage();
            return 2;
        }
    }
    if (o.pool == 0 || o.rounds <= 0) {
        usage();
        return 2;
    }
    const std::string huadu_path = o.root + "/rulesets/huadu/2023.pf";
    pingfen::ScoreOptions quiet;
    quiet.explain = false;

    // ---- --dump: one generated department file, to score it with `pingfen score … --explain` ----
    if (o.dump >= 0) {
        auto records = bench::generate_records(static_cast<std::size_t>(o.dump) + 1, o.seed);
        std::fputs(records.back().json.c_str(), stdout);
        return 0;
    }

    // ---- --jsonl: input for `pingfen batch` (scripts/ci_extra.sh runs batch on it under TSan) ----
    if (o.jsonl >= 0) {
        for (const auto& r : bench::generate_records(static_cast<std::size_t>(o.jsonl), o.seed))
            std::fputs((bench::one_line(r.json) + "\n").c_str(), stdout);
        return 0;
    }

    // ---- --batch: section 5 alone ----
    if (o.batch_only) {
        std::printf("load average at start: %s\n", load_average().c_str());
        batch_section(o, huadu_path, bench::generate_records(o.pool, o.seed));
        std::printf("load average at end: %s\n", load_average().c_str());
        return 0;
    }

    // ---- --profile-compile: warm compiles of one ruleset, as section 3 times them ----
    if (o.profile > 0 && !o.profile_compile.empty()) {
        (void)pingfen::compile_file(o.profile_compile);  // the first (cold) compile, which --toggle-collect can leave out by count
        long ok = 0;
        for (long i = 0; i < o.profile; ++i) ok += pingfen::compile_file(o.profile_compile).ok() ? 1 : 0;
        std::printf("%ld compiles, %ld without errors\n", o.profile, ok);
        return ok == o.profile ? 0 : 1;
    }

    // ---- --profile-generated: one department's score() on a generated ruleset, as section 3 times it ----
    if (o.profile > 0 && o.profile_generated > 0) {
        std::string data;
        auto compiled = pingfen::compile_source("generated", bench::generate_ruleset(o.profile_generated, &data));
        auto d = pingfen::parse_data("generated.json", data);
        if (!compiled.ok() || !d.ok()) return 1;
        long ok = 0;
        for (long i = 0; i < o.profile; ++i) ok += pingfen::score(*compiled.ruleset, *d.data, quiet).ok() ? 1 : 0;
        std::printf("%ld evaluations, %ld without errors\n", o.profile, ok);
        return 0;
    }

    // ---- --scaling: section 3's slope of score(), and score_leaves()'s beside it ----
    // Where the sheet's share of the slope shows: both run the same evaluation, score() builds
    // the sheet on top. Rounds interleave the sizes and the two calls, so that other work on the
    // machine falls on all alike; the fastest round is the least disturbed.
    if (o.scaling > 0) {
        struct Size {
            int leaves;
            pingfen::CompileResult ruleset;
            pingfen::DataResult data;
            std::vector<double> score_us, leaves_us;
        };
        std::vector<Size> sizes;
        for (int n : {300, 3000}) {
            std::string data;
            auto compiled = pingfen::compile_source("generated", bench::generate_ruleset(n, &data));
            sizes.push_back({n, std::move(compiled), pingfen::parse_data("generated.json", data), {}, {}});
            if (!sizes.back().ruleset.ok() || !sizes.back().data.ok()) return 1;
        }
        auto sample = [&](Size& z, bool sheet) {
            const int calls = std::max(1, 6000 / z.leaves);  // about 20 ms a sample
            auto t0 = Clock::now();
            for (int c = 0; c < calls; ++c) {
                if (sheet) (void)pingfen::score(*z.ruleset.ruleset, *z.data.data, quiet);
                else (void)pingfen::score_leaves(*z.ruleset.ruleset, *z.data.data, quiet);
            }
            return seconds_since(t0) * 1e6 / calls;
        };
        std::printf("load average at start: %s\n", load_average().c_str());
        for (int round = 0; round < o.scaling; ++round)
            for (auto& z : sizes) {
                z.score_us.push_back(sample(z, true));
                z.leaves_us.push_back(sample(z, false));
            }
        auto fastest = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
        for (const auto& z : sizes)
            std::printf("  %5d leaves: score() %8.1f us (fastest %8.1f), score_leaves() %8.1f us (fastest %8.1f)\n", z.leaves,
                        median(z.score_us), fastest(z.score_us), median(z.leaves_us), fastest(z.leaves_us));
        const Size &a = sizes[0], &b = sizes[1];
        std::printf("  log-log slope 300→3,000: score() %.3f (fastest %.3f), score_leaves() %.3f (fastest %.3f)\n",
                    slope(300, median(a.score_us), 3000, median(b.score_us)), slope(300, fastest(a.score_us), 3000, fastest(b.score_us)),
                    slope(300, median(a.leaves_us), 3000, median(b.leaves_us)),
                    slope(300, fastest(a.leaves_us), 3000, fastest(b.leaves_us)));
        std::printf("load average at end: %s\n", load_average().c_str());
        return 0;
    }

    // ---- --profile: the scoring loop of pingfen alone ----
    if (o.profile > 0) {
        auto compiled = pingfen::compile_file(huadu_path);
        if (!compiled.ok()) return 1;
        auto records = bench::generate_records(o.pool, o.seed);
        std::vector<std::shared_ptr<const pingfen::BoundData>> data;
        for (const auto& r : records) data.push_back(pingfen::bind_data(*compiled.ruleset, pingfen::parse_data(r.name + ".json", r.json).data));
        long complete = 0;
        pingfen::LeafScores leaves;  // reused, as section 2's (I') loop does
        bench::DecimalScores native;  // likewise, as section 2's (a) loop does
        for (long i = 0; i < o.profile; ++i) {
            if (o.profile_native) {
                bench::score_decimal(records[static_cast<std::size_t>(i) % records.size()], native);
                complete += native.total ? 1 : 0;
                continue;
            }
            const auto& d = *data[static_cast<std::size_t>(i) % data.size()];
            if (o.profile_leaves) {
                pingfen::score_leaves(*compiled.ruleset, d, leaves, quiet);
                complete += leaves.total ? 1 : 0;
                continue;
            }
            auto res = pingfen::score(*compiled.ruleset, d, quiet);
            complete += res.sheet && res.sheet->total ? 1 : 0;
        }
        std::printf("%ld evaluations, %ld complete\n", o.profile, complete);
        return 0;
    }

    std::printf("pingfen benchmark: huadu 2023 (rulesets/huadu/2023.pf + guangzhou/2022.pf + common/management.pf)\n");
    std::printf("machine: %s, %ld cores online; one thread; compiler %s%s; %s\n", cpu_model().c_str(),
                sysconf(_SC_NPROCESSORS_ONLN), __VERSION__,
#ifdef NDEBUG
                " (NDEBUG)",
#else
                " (assertions on: not a Release build)",
#endif
                LUA_RELEASE);
    std::printf("load average at start: %s (other work on the machine skews the timings)\n", load_average().c_str());
    std::fflush(stdout);

    // ---- 3 (measured first, while the process is cold): compile cost ----
    std::vector<CompileCase> cases;
    {
        std::vector<std::string> files;
        for (const auto& dir : fs::directory_iterator(o.root + "/rulesets"))
            if (dir.is_directory())
                for (const auto& f : fs::directory_iterator(dir.path()))
                    if (f.path().extension() == ".pf") files.push_back(f.path().string());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) cases.push_back({fs::relative(f, o.root).string(), f, "", 0, ""});
        for (int n : {300, 3000, 30000}) {
            CompileCase c{"generated, " + grouped(n) + " leaves", "", "", n, ""};
            c.text = bench::generate_ruleset(n, &c.data);
            cases.push_back(std::move(c));
        }
    }
    if (o.check || o.contenders_only) cases.clear();  // --check times nothing; --contenders only section 2
    std::vector<CompileTiming> cold, warm;
    for (const auto& c : cases) cold.push_back(compile_cold(c));
    // Warm: this process has compiled every case once; then the median of a few repeats.
    for (const auto& c : cases) (void)compile_once(c);
    for (const auto& c : cases) {
        int repeats = c.leaves >= 30000 ? 2 : c.leaves >= 3000 ? 3 : 7;
        std::vector<double> ms;
        CompileTiming last;
        for (int k = 0; k < repeats; ++k) {
            last = compile_once(c);
            ms.push_back(last.ms);
        }
        last.ms = median(ms);
        warm.push_back(last);
    }

    // Scoring one department on the generated rulesets: how score() grows with the ruleset.
    std::vector<double> gen_score_ms(cases.size(), -1);
    for (std::size_t k = 0; k < cases.size(); ++k) {
        const CompileCase& c = cases[k];
        if (!c.leaves || (c.leaves >= 30000 && !o.full)) continue;
        auto r = pingfen::compile_source(c.label, c.text);
        auto d = pingfen::parse_data("generated.json", c.data);
        if (!r.ok() || !d.ok()) continue;
        std::vector<double> ms;
        // One call takes well under a millisecond on the smaller rulesets: each sample times
        // enough calls to last about 20 ms, so that the slope compares costs, not timer noise.
        auto first = Clock::now();
        if (!pingfen::score(*r.ruleset, *d.data, quiet).ok()) continue;
        const double one_ms = seconds_since(first) * 1e3;
        const int calls = c.leaves >= 30000 ? 1 : std::max(1, static_cast<int>(20.0 / std::max(one_ms, 1e-3)));
        for (int rep = 0; rep < (c.leaves >= 30000 ? 1 : 7); ++rep) {
            auto t0 = Clock::now();
            for (int call = 0; call < calls; ++call) (void)pingfen::score(*r.ruleset, *d.data, quiet);
            ms.push_back(seconds_since(t0) * 1e3 / calls);
        }
        gen_score_ms[k] = median(ms);
    }

    // ---- 1: records ----
    auto t_gen = Clock::now();
    bench::GenerateStats stats;
    std::vector<bench::Record> records = bench::generate_records(o.pool, o.seed, &stats);
    double gen_s = seconds_since(t_gen);

    auto compiled = pingfen::compile_file(huadu_path);
    if (!compiled.ok()) {
        for (const auto& d : compiled.diagnostics) std::cerr << pingfen::render(d);
        return 1;
    }
    const pingfen::Ruleset& huadu = *compiled.ruleset;

    auto t_parse = Clock::now();
    std::vector<std::shared_ptr<const pingfen::DepartmentData>> data;
    data.reserve(records.size());
    std::size_t json_bytes = 0;
    for (const auto& r : records) {
        auto d = pingfen::parse_data(r.name + ".json", r.json);
        if (!d.ok()) {
            std::printf("generated JSON that pingfen cannot read (%s):\n", r.name.c_str());
            for (const auto& x : d.diagnostics) std::cout << pingfen::render(x);
            return 1;
        }
        json_bytes += r.json.size();
        data.push_back(d.data);
    }
    double parse_s = seconds_since(t_parse);
    // Each record bound to the ruleset once (bind_data), as parse_data reads it once: the timed
    // loops of (I) and (I') score bound data; (I'') binds on every call, as score_leaves(data) does.
    auto t_bind = Clock::now();
    std::vector<std::shared_ptr<const pingfen::BoundData>> bound;
    bound.reserve(data.size());
    for (const auto& d : data) bound.push_back(pingfen::bind_data(huadu, d));
    double bind_s = seconds_since(t_bind);

    std::printf("\n== 1. Records ==\n");
    std::printf("%zu distinct department records, seed %#llx (std::mt19937_64, digits from the raw engine output)\n",
                records.size(), static_cast<unsigned long long>(o.seed));
    int expected_failures = 0;
    for (const auto& r : records) expected_failures += r.expect_failure.empty() ? 0 : 1;
    std::printf("  with a value exactly on a tier threshold (结余结转率 10/20/30%%, 利用率 90/75/60%%, 签订及时率 100/90/80%%, 控制率 5/10%%): %d records\n",
                stats.threshold_records);
    std::printf("  built to hit a .xx5 rounding edge (goal row, monthly mean, 采购比例): %d records\n", stats.rounding_edges);
    std::printf("  zero denominators the ranges allow (结余结转率 ÷ 0, no months, goal target 0): %d; data errors (rate outside its band): %d\n",
                stats.zero_denominators, stats.data_errors);
    std::printf("  → %d records expected to leave some indicator unscored (counted as expected failures)\n", expected_failures);
    std::printf("generation %.2f s; parse_data of all %zu (%.1f KB JSON on average) %.3f s = %s records/s (outside the timed loops)\n",
                gen_s, records.size(), json_bytes / 1024.0 / static_cast<double>(records.size()), parse_s,
                grouped(static_cast<double>(records.size()) / parse_s).c_str());
    std::printf("bind_data of all %zu %.3f s = %s records/s (outside the timed loops of I and I'; I'' binds on every call)\n",
                records.size(), bind_s, grouped(static_cast<double>(records.size()) / bind_s).c_str());

    // ---- 2a: correctness ----
    std::printf("\n== 2. Contenders ==\n");
    bench::LuaContender lua(o.lua_file);
    lua.load(records);

    int mismatched_records = 0, unexpected = 0, pingfen_unscored = 0, ties = 0;
    int double_records = 0, double_leaves = 0, double_totals = 0;
    int lua_records = 0, lua_leaves = 0, lua_totals = 0;
    std::map<std::string, int> double_by_leaf;
    std::vector<std::string> double_examples;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const bench::Record& rec = records[i];
        pingfen::ScoreResult res = pingfen::score(huadu, *data[i], quiet);
        SheetLeaves p = leaves_of(res);
        if (i == 0) {
            bool same = p.paths.size() == static_cast<std::size_t>(bench::kLeaves);
            for (int k = 0; same && k < bench::kLeaves; ++k) same = p.paths[static_cast<std::size_t>(k)] == bench::kLeafPaths[k];
            if (!same) {
                std::printf("the ruleset's leaves are not those the baselines implement:\n");
                for (const auto& path : p.paths) std::printf("  %s\n", path.c_str());
                return 1;
            }
        }
        bench::DecimalScores a;
        std::array<std::optional<Decimal>, bench::kLeaves> raw;
        bench::score_decimal(rec, a, &raw);
        for (const auto& v : raw) {
            if (!v) continue;
            auto thousandths = (*v * Decimal::from_int(1000)).to_int64();  // only when a whole number
            if (thousandths && *thousandths % 10 == 5) ++ties;
        }
        bool mismatch = !(p.total.has_value() == a.total.has_value() && (!p.total || *p.total == *a.total));
        // score_leaves, the batch path, must give the same numbers.
        pingfen::LeafScores lean = pingfen::score_leaves(huadu, *data[i], quiet);
        {
            // Bound once or bound on each call: the same numbers and the same diagnostics.
            pingfen::LeafScores lb = pingfen::score_leaves(huadu, *bound[i], quiet);
            SheetLeaves pb = leaves_of(pingfen::score(huadu, *bound[i], quiet));
            auto same_diags = [](const std::vector<pingfen::Diagnostic>& x, const std::vector<pingfen::Diagnostic>& y) {
                if (x.size() != y.size()) return false;
                for (std::size_t k = 0; k < x.size(); ++k)
                    if (x[k].code != y[k].code || x[k].line != y[k].line || x[k].message_zh != y[k].message_zh) return false;
                return true;
            };
            if (lb.leaves != lean.leaves || lb.total != lean.total || lb.grade != lean.grade || !same_diags(lb.diagnostics, lean.diagnostics) ||
                pb.scores != p.scores || pb.total != p.total || !same_diags(lean.diagnostics, res.diagnostics)) {
                if (mismatched_records < 10) std::printf("  MISMATCH %s: bound data scores differently\n", rec.name.c_str());
                ++mismatched_records;
            }
        }
        if (lean.leaves.size() != static_cast<std::size_t>(bench::kLeaves) || lean.total.has_value() != a.total.has_value() ||
            (lean.total && *lean.total != *a.total)) {
            if (mismatched_records < 10)
                std::printf("  MISMATCH %s score_leaves total: %s, C++ Decimal %s\n", rec.name.c_str(), show(lean.total).c_str(),
                            show(a.total).c_str());
            mismatch = true;
        } else {
            for (int k = 0; k < bench::kLeaves; ++k) {
                const auto& x = lean.leaves[static_cast<std::size_t>(k)];
                const auto& y = a.leaf[static_cast<std::size_t>(k)];
                if (!(x.has_value() == y.has_value() && (!x || *x == *y))) mismatch = true;
            }
        }
        for (int k = 0; k < bench::kLeaves; ++k) {
            const auto& x = p.scores[static_cast<std::size_t>(k)];
            const auto& y = a.leaf[static_cast<std::size_t>(k)];
            if (!(x.has_value() == y.has_value() && (!x || *x == *y))) {
                if (mismatched_records < 10)
                    std::printf("  MISMATCH %s %s: pingfen %s, C++ Decimal %s\n", rec.name.c_str(), bench::kLeafPaths[k],
                                show(x).c_str(), show(y).c_str());
                mismatch = true;
            }
        }
        if (mismatch) {
            if (mismatched_records < 10)
                std::printf("  MISMATCH %s total: pingfen %s, C++ Decimal %s\n", rec.name.c_str(), show(p.total).c_str(),
                            show(a.total).c_str());
            ++mismatched_records;
        }
        if (!p.total) ++pingfen_unscored;
        if (p.total.has_value() != rec.expect_failure.empty()) {
            if (unexpected < 5) {
                std::printf("  UNEXPECTED %s: expected %s, pingfen %s\n", rec.name.c_str(),
                            rec.expect_failure.empty() ? "a total" : rec.expect_failure.c_str(), show(p.total).c_str());
                for (const auto& d : res.diagnostics) std::cout << pingfen::render(d);
            }
            ++unexpected;
        }

        // (b) and (c) against (a), after rounding to 2 places.
        auto compare = [&](const bench::DoubleScores& b, int& recs, int& leaves, int& totals, bool is_double) {
            bool any = false;
            for (int k = 0; k < bench::kLeaves; ++k) {
                const auto& y = a.leaf[static_cast<std::size_t>(k)];
                bool ok = b.ok[static_cast<std::size_t>(k)];
                if (ok != y.has_value() || (ok && cents(b.leaf[static_cast<std::size_t>(k)]) != cents(*y))) {
                    ++leaves;
                    any = true;
                    if (is_double) {
                        ++double_by_leaf[bench::kLeafPaths[k]];
                        if (double_examples.size() < 6)
                            double_examples.push_back(fmt("%s %s: exact %s (raw %s), double %.2f", rec.name.c_str(),
                                                          bench::kLeafPaths[k], show(y).c_str(),
                                                          show_raw(raw[static_cast<std::size_t>(k)]).c_str(),
                                                          b.leaf[static_cast<std::size_t>(k)]));
                    }
                }
            }
            if (b.total_ok != a.total.has_value() || (b.total_ok && cents(b.total) != cents(*a.total))) {
                ++totals;
                any = true;
            }
            if (any) ++recs;
        };
        bench::DoubleScores b;
        bench::score_double(rec, b);
        compare(b, double_records, double_leaves, double_totals, true);
        bench::DoubleScores c;
        double lua_total = 0;
        lua.score(i, lua_total, &c);
        compare(c, lua_records, lua_leaves, lua_totals, false);
    }
    std::printf("correctness over all %zu records (%s leaf scores and totals compared):\n", records.size(),
                grouped(static_cast<double>(records.size()) * (bench::kLeaves + 1)).c_str());
    std::printf("  (I) pingfen vs (a) C++ Decimal: %d records differ%s\n", mismatched_records,
                mismatched_records ? "  <-- FAILURE" : " (identical totals and leaf scores)");
    std::printf("  unscored totals: %d in pingfen, %d expected; unexpected outcomes: %d%s\n", pingfen_unscored,
                expected_failures, unexpected, unexpected ? "  <-- FAILURE" : "");
    std::printf("  leaves whose exact raw score is a .xx5 tie: %d\n", ties);
    std::printf("  (b) C++ double vs (a): %d records differ after rounding to 2 places (%d leaf scores, %d totals)\n",
                double_records, double_leaves, double_totals);
    for (const auto& [leaf, n] : double_by_leaf) std::printf("      %5d  %s\n", n, leaf.c_str());
    for (const auto& e : double_examples) std::printf("      e.g. %s\n", e.c_str());
    std::printf("  (c) Lua 5.4 vs (a): %d records differ after rounding to 2 places (%d leaf scores, %d totals)\n",
                lua_records, lua_leaves, lua_totals);
    std::fflush(stdout);
    if (o.check) return mismatched_records || unexpected ? 1 : 0;

    // ---- 2b: throughput, interleaved rounds ----
    const std::size_t n = records.size();
    std::vector<Contender> contenders;
    contenders.emplace_back("(I) pingfen score()", [&](std::size_t begin, std::size_t count) {
                              double s = 0;
                              for (std::size_t k = 0; k < count; ++k) {
                                  auto res = pingfen::score(huadu, *bound[(begin + k) % n], quiet);
                                  s += res.sheet && res.sheet->total ? 1 : 0;
                              }
                              return s;
                          });
    contenders.emplace_back("(a) C++ Decimal", [&](std::size_t begin, std::size_t count) {
                              double s = 0;
                              bench::DecimalScores out;
                              for (std::size_t k = 0; k < count; ++k) {
                                  bench::score_decimal(records[(begin + k) % n], out);
                                  s += out.total ? 1 : 0;
                              }
                              return s;
                          });
    contenders.emplace_back("(b) C++ double", [&](std::size_t begin, std::size_t count) {
                              double s = 0;
                              bench::DoubleScores out;
                              for (std::size_t k = 0; k < count; ++k) {
                                  bench::score_double(records[(begin + k) % n], out);
                                  s += out.total;
                              }
                              return s;
                          });
    contenders.emplace_back("(c) Lua 5.4", [&](std::size_t begin, std::size_t count) {
                              double s = 0, t = 0;
                              for (std::size_t k = 0; k < count; ++k) s += lua.score((begin + k) % n, t) ? t : 0;
                              return s;
                          });
    contenders.emplace_back("(I') pingfen score_leaves()", [&](std::size_t begin, std::size_t count) {
                              double s = 0;
                              pingfen::LeafScores res;  // one record's buffers, reused as pingfen batch does
                              for (std::size_t k = 0; k < count; ++k) {
                                  pingfen::score_leaves(huadu, *bound[(begin + k) % n], res, quiet);
                                  s += res.total ? 1 : 0;
                              }
                              return s;
                          });
    contenders.emplace_back("(I'') score_leaves() unbound", [&](std::size_t begin, std::size_t count) {
                              double s = 0;
                              for (std::size_t k = 0; k < count; ++k) {
                                  auto res = pingfen::score_leaves(huadu, *data[(begin + k) % n], quiet);
                                  s += res.total ? 1 : 0;
                              }
                              return s;
                          });
    volatile double sink = 0;
    // Calibrate: enough passes over the pool that each contender's share of a round lasts at
    // least round_seconds (and warm up caches, the allocator and the Lua state).
    for (auto& c : contenders) {
        auto t0 = Clock::now();
        sink = sink + c.run(0, n);
        double s = seconds_since(t0);
        c.passes = std::max(1L, static_cast<long>(std::ceil(o.round_seconds / std::max(s, 1e-9))));
    }
    for (int round = 0; round < o.rounds; ++round) {
        for (std::size_t j = 0; j < contenders.size(); ++j) {
            Contender& c = contenders[(j + static_cast<std::size_t>(round)) % contenders.size()];
            std::size_t count = n * static_cast<std::size_t>(c.passes);
            auto t0 = Clock::now();
            sink = sink + c.run(0, count);
            c.rates.push_back(static_cast<double>(count) / seconds_since(t0));
        }
    }
    std::printf("\nthroughput: %d interleaved rounds (order rotated each round), each contender ≥ %.2f s per round over the %zu records;\n",
                o.rounds, o.round_seconds, n);
    std::printf("pingfen: one compile, parse_data and bind_data outside the loop, score(explain=false) per record (I: the full\n"
                "  sheet; I': the leaf scores, total and grade only, as pingfen batch uses; I'': the same on unbound data, binding\n"
                "  it on every call); baselines read native structs\n");
    std::printf("  %-29s %14s %12s %22s %8s\n", "contender", "median eval/s", "µs per eval", "range over rounds", "passes");
    std::vector<double> med;
    for (auto& c : contenders) {
        double m = median(c.rates);
        med.push_back(m);
        auto [lo, hi] = std::minmax_element(c.rates.begin(), c.rates.end());
        std::printf("  %-29s %14s %12.3f %10s … %-10s %6ld\n", c.name.c_str(), grouped(m).c_str(), 1e6 / m,
                    grouped(*lo).c_str(), grouped(*hi).c_str(), c.passes);
    }
    std::printf("ratios (time per evaluation, how many times slower pingfen is):\n");
    std::printf("  I/(a) = %.2f   I/(b) = %.2f   I/(c) = %.2f\n", med[1] / med[0], med[2] / med[0], med[3] / med[0]);
    std::printf("  I'/(a) = %.2f  I'/(b) = %.2f  I'/(c) = %.2f\n", med[1] / med[4], med[2] / med[4], med[3] / med[4]);
    std::printf("  I''/(a) = %.2f I''/(b) = %.2f I''/(c) = %.2f  (binding the data on every call)\n", med[1] / med[5], med[2] / med[5],
                med[3] / med[5]);
    for (int k : {0, 4})
        std::printf("targets for %s: I/(a) ≤ 1.5: %s; faster than Lua: %s; ≥ 100,000 departments/s per core: %s\n",
                    k == 0 ? "I " : "I'", med[1] / med[k] <= 1.5 ? "met" : "NOT met", med[k] > med[3] ? "met" : "NOT met",
                    med[k] >= 1e5 ? "met" : "NOT met");
    std::fflush(stdout);
    if (o.contenders_only) return mismatched_records || unexpected ? 1 : 0;
    bench::Gate gate;
    gate.check("score_leaves within 1.25x of hand-written C++ (I'/(a))", med[1] / med[4] <= 1.25, fmt("%.2fx", med[1] / med[4]), "<= 1.25x");
    gate.check("score_leaves faster than Lua 5.4 (I'/(c))", med[4] > med[3], fmt("%.2fx", med[3] / med[4]), "< 1x");
    gate.check("score with the sheet within 2x of hand-written C++ (I/(a))", med[1] / med[0] <= 2.0, fmt("%.2fx", med[1] / med[0]), "<= 2x");

    for (std::size_t k = 0; k < cases.size(); ++k)
        if (!cases[k].leaves && warm[k].ok)
            gate.check("warm compile of " + cases[k].label, warm[k].ms < 5.0, fmt("%.2f ms", warm[k].ms), "< 5 ms");
    {
        const std::string example = o.root + "/rulesets/huadu/2023.example.json";
        const auto t = bench::process_ms(PINGFEN_BINARY, {"score", huadu_path, example}, 9);
        std::printf("\ncold `pingfen score` of huadu 2023 (a fresh process, 9 runs): fastest %.1f ms, median %.1f ms, median CPU %.1f ms\n",
                    t.fastest_ms, t.median_ms, t.median_cpu_ms);
        gate.check("cold `pingfen score` of huadu 2023 (fastest of 9)", t.fastest_ms >= 0 && t.fastest_ms < 30.0,
                   fmt("%.1f ms", t.fastest_ms), "< 30 ms");
    }

    // ---- 3: print the compile cost measured at start ----
    std::printf("\n== 3. Compile cost (compile_file / compile_source) ==\n");
    std::printf("cold: the first compile in a fresh process (forked before anything was compiled); warm: median of repeats;\n"
                "peak MB: peak resident memory of the cold process; score() ms: one department, explain=false\n");
    // The first column as wide as the longest name, so that the figures stay in their columns.
    int label_width = 34;
    for (const auto& c : cases) label_width = std::max(label_width, static_cast<int>(c.label.size()));
    std::printf("  %-*s %8s %11s %11s %9s %12s  %s\n", label_width, "ruleset", "leaves", "cold ms", "warm ms", "peak MB", "score() ms", "");
    for (std::size_t k = 0; k < cases.size(); ++k) {
        std::string note;
        if (!warm[k].ok)
            note = fmt("does not compile alone (%d errors, first %s)%s", warm[k].errors, warm[k].first_error,
                       cases[k].label.find("common/") != std::string::npos ? ": a module others import" : "");
        std::string leaves = cases[k].leaves ? grouped(cases[k].leaves) : "";
        std::string scored = !cases[k].leaves ? "" : gen_score_ms[k] >= 0 ? fmt("%.3f", gen_score_ms[k]) : "(--full)";
        std::printf("  %-*s %8s %11.2f %11.2f %9.0f %12s  %s\n", label_width, cases[k].label.c_str(), leaves.c_str(), cold[k].ms, warm[k].ms,
                    static_cast<double>(cold[k].peak_rss_kb) / 1024.0, scored.c_str(), note.c_str());
    }
    {
        std::size_t g = cases.size() - 3;
        std::printf("  log-log slope of compile time over leaves: 300→3,000: cold %.2f, warm %.2f; 3,000→30,000: cold %.2f, warm %.2f\n",
                    slope(300, cold[g].ms, 3000, cold[g + 1].ms), slope(300, warm[g].ms, 3000, warm[g + 1].ms),
                    slope(3000, cold[g + 1].ms, 30000, cold[g + 2].ms), slope(3000, warm[g + 1].ms, 30000, warm[g + 2].ms));
        if (gen_score_ms[g] > 0 && gen_score_ms[g + 1] > 0) {
            const double s = slope(300, gen_score_ms[g], 3000, gen_score_ms[g + 1]);
            gate.check("score() of one department linear in ruleset size", s <= 1.05, fmt("slope %.2f", s), "<= 1.05");
            std::printf("  log-log slope of score() time of one department over leaves: 300→3,000: %.2f%s\n",
                        slope(300, gen_score_ms[g], 3000, gen_score_ms[g + 1]),
                        gen_score_ms[g + 2] > 0 ? fmt("; 3,000→30,000: %.2f", slope(3000, gen_score_ms[g + 1], 30000, gen_score_ms[g + 2])).c_str() : "");
        }
        std::printf("  (source sizes: %s, %s, %s bytes)\n", grouped(static_cast<double>(cases[g].text.size())).c_str(),
                    grouped(static_cast<double>(cases[g + 1].text.size())).c_str(),
                    grouped(static_cast<double>(cases[g + 2].text.size())).c_str());
    }
    std::fflush(stdout);

    // ---- 4: evaluation time against the number of records ----
    std::printf("\n== 4. Evaluation time against the number of records (pool of %zu reused cyclically) ==\n", n);
    std::vector<std::size_t> sizes = {1000, 100000};
    if (o.full) sizes.push_back(1000000);
    std::printf("  %-10s %12s %14s %12s %14s\n", "records", "(I) s", "(I) eval/s", "(a) s", "(a) eval/s");
    std::vector<double> ti, ta;
    for (std::size_t count : sizes) {
        // A thousand records take milliseconds: the median of several runs.
        int reps = count <= 1000 ? 9 : 1;
        std::vector<double> si, sa;
        for (int r = 0; r < reps; ++r) {
            auto t0 = Clock::now();
            sink = sink + contenders[0].run(0, count);
            si.push_back(seconds_since(t0));
            t0 = Clock::now();
            sink = sink + contenders[1].run(0, count);
            sa.push_back(seconds_since(t0));
        }
        ti.push_back(median(si));
        ta.push_back(median(sa));
        std::printf("  %-10s %12.4f %14s %12.4f %14s\n", grouped(static_cast<double>(count)).c_str(), ti.back(),
                    grouped(static_cast<double>(count) / ti.back()).c_str(), ta.back(),
                    grouped(static_cast<double>(count) / ta.back()).c_str());
        std::fflush(stdout);
    }
    std::printf("  log-log slope of time over records: 1k→100k: (I) %.3f, (a) %.3f", slope(1e3, ti[0], 1e5, ti[1]),
                slope(1e3, ta[0], 1e5, ta[1]));
    if (o.full) std::printf("; 100k→1M: (I) %.3f, (a) %.3f", slope(1e5, ti[1], 1e6, ti[2]), slope(1e5, ta[1], 1e6, ta[2]));
    std::printf("%s\n", o.full ? "" : "  (1M with --full)");

    double ceiling = 0;
    auto batch = batch_section(o, huadu_path, records, &ceiling);
    if (batch.size() == 2) {
        gate.check("pingfen batch on one core (-j1)", batch[0].records_per_s >= 50000,
                   fmt("%s records/s", grouped(batch[0].records_per_s).c_str()), ">= 50,000 records/s");
        const double up = batch[0].seconds > 0 && batch[1].seconds > 0 ? batch[0].seconds / batch[1].seconds : 0;
        gate.check("pingfen batch -j2 / -j1", up >= 1.8, fmt("%.2fx (machine ceiling %.2fx)", up, ceiling), ">= 1.8x");
    }

    (void)sink;
    std::printf("load average at end: %s\n", load_average().c_str());
    const int missed = gate.report();
    bool failed = mismatched_records > 0 || unexpected > 0;
    std::printf("\n%s\n", failed ? "FAILED: pingfen and the exact baseline disagree (see above)"
                                  : "OK: pingfen and the exact C++ baseline agree on every record");
    if (failed) return 1;
    if (o.gate && missed) std::printf("gate: %d target(s) missed\n", missed);
    return o.gate && missed ? 1 : 0;
}
