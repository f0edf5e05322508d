// A host that embeds pingfen: compile a ruleset once, score one department from 8 threads at
// once on the same compiled ruleset, and check that every thread got the same sheet.
#include <pingfen/pingfen.hpp>

#include <iostream>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: embed RULESET.pf DATA.json\n";
        return 2;
    }
    pingfen::CompileResult compiled = pingfen::compile_file(argv[1]);
    for (const auto& d : compiled.diagnostics) std::cerr << pingfen::render(d);
    if (!compiled.ok()) return 1;
    pingfen::DataResult data = pingfen::load_data_file(argv[2]);
    for (const auto& d : data.diagnostics) std::cerr << pingfen::render(d);
    if (!data.ok()) return 1;

    const pingfen::Ruleset& ruleset = *compiled.ruleset;  // immutable: shared by every thread
    const std::string reference = pingfen::sheet_as_json(*pingfen::score(ruleset, *data.data).sheet);

    constexpr int kThreads = 8, kRounds = 200;
    std::vector<int> mismatches(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kRounds; ++i) {
                pingfen::ScoreResult r = pingfen::score(ruleset, *data.data);
                if (!r.sheet || pingfen::sheet_as_json(*r.sheet) != reference) ++mismatches[t];
            }
        });
    }
    for (auto& th : threads) th.join();
    int bad = 0;
    for (int m : mismatches) bad += m;
    pingfen::ScoreResult once = pingfen::score(ruleset, *data.data);
    std::cout << pingfen::ruleset_title(ruleset) << ": total " << once.sheet->total->to_fixed(2) << ", grade "
              << once.sheet->grade << "; " << kThreads << " threads × " << kRounds << " scorings: "
              << (bad == 0 ? "all identical" : std::to_string(bad) + " differ") << "\n";
    return bad == 0 ? 0 : 1;
}
