// pingfen_bench_workbench: the server-side cost of one keystroke in the workbench (pingfen
// serve, issue 19): the page posts the ruleset's whole text after each pause in typing, and the
// server compiles it, reads the department's data, scores it with the basis of every score, and
// answers with the sheet and what changed since the last save. Target: under 20 ms for
// huadu/2023 on one department.
//
//   ./build/pingfen_bench_workbench [--rounds N]
//
// Measures Workbench::check() itself, the same through HTTP on loopback (the page's request and
// the whole answer: JSON in, JSON out, the routes and their access checks), and, apart, its two
// main parts through the public API: compile_source and score.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <thread>

#include "access.hpp"
#include "pingfen/pingfen.hpp"
#include "routes.hpp"
#include "workbench.hpp"

using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

template <class F>
std::vector<double> timed(int rounds, F f) {
    std::vector<double> ms;
    for (int i = 0; i < rounds; ++i) {
        auto t0 = Clock::now();
        f(i);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    return ms;
}

}  // namespace

int main(int argc, char** argv) {
    int rounds = 200;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(3, std::atoi(argv[i + 1]));
    const std::string root = PINGFEN_SOURCE_DIR "/rulesets";
    std::ifstream in(root + "/huadu/2023.pf", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();

    pingfen::serve::Workbench bench(root, {});
    pingfen::serve::Edit e;
    e.path = "huadu/2023.pf";
    e.data = "huadu/2023.example.json";
    // Each round's text differs from the last (a keystroke), as the page sends it.
    auto typed = [&](int i) { return text + "# " + std::to_string(i) + "\n"; };

    e.text = typed(-1);
    pingfen::serve::Reply first = bench.check(e);  // fills the saved file's cache, as the page's first check does
    if (first.status != 200 || first.body.find("\"total\":\"96.50\"") == std::string::npos) {
        std::fprintf(stderr, "the workbench did not score huadu 2023 as 96.50:\n%s\n", first.body.substr(0, 400).c_str());
        return 1;
    }
    auto keystroke = timed(rounds, [&](int i) {
        e.text = typed(i);
        pingfen::serve::Reply r = bench.check(e);
        if (r.status != 200) std::abort();
    });

    // Through HTTP, as the page sends it: the routes and access checks of `pingfen serve`.
    httplib::Server server;
    pingfen::serve::Access access;
    pingfen::serve::install_routes(server, bench, access);
    access.port = server.bind_to_any_port("127.0.0.1");
    std::thread serving([&] { server.listen_after_bind(); });
    httplib::Client client("127.0.0.1", access.port);
    auto http = timed(rounds, [&](int i) {
        nlohmann::json body = {{"path", e.path}, {"text", typed(i)}, {"data", e.data}};
        auto r = client.Post("/api/check", body.dump(), "application/json");
        if (!r || r->status != 200) std::abort();
    });
    server.stop();
    serving.join();

    auto data = pingfen::load_data_file(root + "/huadu/2023.example.json");
    pingfen::CompileOptions co;
    co.read_import = [&](const std::string& p) -> std::optional<std::string> {
        std::ifstream f(root + "/" + p, std::ios::binary);
        if (!f) return std::nullopt;
        std::stringstream s;
        s << f.rdbuf();
        return s.str();
    };
    auto compile = timed(rounds, [&](int i) {
        auto c = pingfen::compile_source("huadu/2023.pf", typed(i), co);
        if (!c.ok()) std::abort();
    });
    auto compiled = pingfen::compile_source("huadu/2023.pf", text, co);
    auto scoring = timed(rounds, [&](int) {
        auto s = pingfen::score(*compiled.ruleset, *data.data, {.explain = true});
        if (!s.sheet) std::abort();
    });

    std::printf("workbench keystroke on huadu/2023, one department (%d rounds, median):\n", rounds);
    std::printf("  Workbench::check (compile + data + score with basis + sheet JSON): %.2f ms  (target < 20 ms: %s)\n",
                median(keystroke), median(keystroke) < 20 ? "met" : "NOT met");
    std::printf("  the same through HTTP on loopback (request, routes, answer):      %.2f ms\n", median(http));
    std::printf("    of which compile_source of the typed text:                     %.2f ms\n", median(compile));
    std::printf("    of which score() with explain:                                 %.2f ms\n", median(scoring));
    return median(keystroke) < 20 ? 0 : 2;
}
