// A host that embeds pingfen: compile a ruleset once, score one department from 8 threads at
// once on the same compiled ruleset, and check that every thread got the same sheet. Before
// that, 8 threads compile the ruleset at once, as a server compiling per request would: these
// are the process's first compiles, so the lexer's tables shared between threads (what it has
// learnt about Chinese characters) fill up while they are read. CI runs this program under
// ThreadSanitizer (scripts/ci_extra.sh tsan). Each thread also keeps one indicator of its last
// sheet, read after the sheets and the ruleset are gone: a node copied out is a value of its own
// (the names and texts every sheet shares stay alive with it).
#include <pingfen/pingfen.hpp>

#include <iostream>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: embed RULESET.pf DATA.json\n";
        return 2;
    }
    pingfen::DataResult data = pingfen::load_data_file(argv[2]);
    for (const auto& d : data.diagnostics) std::cerr << pingfen::render(d);
    if (!data.ok()) return 1;

    constexpr int kThreads = 8, kRounds = 200;
    std::vector<std::string> own_sheets(kThreads);  // each thread's own compile, scored once
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            pingfen::CompileResult own = pingfen::compile_file(argv[1]);
            if (own.ok()) own_sheets[t] = pingfen::sheet_as_json(*pingfen::score(*own.ruleset, *data.data).sheet);
        });
    }
    for (auto& th : threads) th.join();
    threads.clear();

    pingfen::CompileResult compiled = pingfen::compile_file(argv[1]);
    for (const auto& d : compiled.diagnostics) std::cerr << pingfen::render(d);
    if (!compiled.ok()) return 1;
    const pingfen::Ruleset& ruleset = *compiled.ruleset;  // immutable: shared by every thread
    const std::string reference = pingfen::sheet_as_json(*pingfen::score(ruleset, *data.data).sheet);

    std::vector<int> mismatches(kThreads, 0);
    std::vector<pingfen::ScoreNode> kept(kThreads);  // each thread's first indicator of its last sheet
    for (int t = 0; t < kThreads; ++t) mismatches[t] += own_sheets[t] != reference;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kRounds; ++i) {
                pingfen::ScoreResult r = pingfen::score(ruleset, *data.data);
                if (!r.sheet || pingfen::sheet_as_json(*r.sheet) != reference) ++mismatches[t];
                else if (i + 1 == kRounds) kept[t] = r.sheet->indicators().front();
            }
        });
    }
    for (auto& th : threads) th.join();
    int bad = 0;
    for (int m : mismatches) bad += m;
    pingfen::ScoreResult once = pingfen::score(ruleset, *data.data);
    const std::string title = pingfen::ruleset_title(ruleset);
    const pingfen::ScoreNode first = once.sheet->indicators().front();
    std::cout << title << ": total " << once.sheet->total->to_fixed(2) << ", grade " << once.sheet->grade << "; "
              << kThreads << " threads × (1 compile, " << kRounds << " scorings): "
              << (bad == 0 ? "all identical" : std::to_string(bad) + " differ") << "\n";

    // The ruleset and every sheet gone: the nodes kept are still whole.
    compiled = {};
    once = {};
    for (const pingfen::ScoreNode& n : kept) {
        std::string path;
        for (const pingfen::ScoreNode& c : n.children()) path += c.name();
        bool same = n.name() == first.name() && n.score() == first.score() && n.children().size() == first.children().size();
        for (std::size_t k = 0; same && k < n.children().size(); ++k)
            same = n.children()[k].name() == first.children()[k].name() && n.children()[k].score() == first.children()[k].score();
        if (!same || path.empty()) ++bad;
    }
    std::cout << first.name() << " " << first.score()->to_fixed(2) << " / " << first.weight().to_fixed(2) << ", kept by "
              << kept.size() << " threads after the ruleset was freed: " << (bad == 0 ? "intact" : "broken") << "\n";
    return bad == 0 ? 0 : 1;
}
