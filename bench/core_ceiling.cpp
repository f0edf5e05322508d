#include "core_ceiling.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "native_decimal.hpp"

namespace bench {

namespace {

using Clock = std::chrono::steady_clock;

// Records of the pool scored by (a) until `stop`, from `first` on (each thread its own place
// in the pool, so that they share no record's cache lines).
std::size_t run_until(const std::vector<Record>& pool, std::size_t first, const std::atomic<bool>& stop) {
    DecimalScores out;
    std::size_t done = 0;
    for (std::size_t i = first; !stop.load(std::memory_order_relaxed); ++i, ++done) score_decimal(pool[i % pool.size()], out);
    return done;
}

// Records/s of `threads` threads of (a) at once over `seconds`, together.
double rate(const std::vector<Record>& pool, unsigned threads, double seconds) {
    std::atomic<bool> stop{false};
    std::vector<std::size_t> done(threads, 0);
    std::vector<std::thread> running;
    const auto t0 = Clock::now();
    for (unsigned t = 0; t < threads; ++t)
        running.emplace_back([&, t] { done[t] = run_until(pool, t * pool.size() / threads, stop); });
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& t : running) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    std::size_t total = 0;
    for (std::size_t d : done) total += d;
    return static_cast<double>(total) / elapsed;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

CoreCeiling measure_core_ceiling(const std::vector<Record>& pool, int rounds, double seconds) {
    std::vector<double> one, two;
    for (int r = 0; r < std::max(1, rounds); ++r) {
        one.push_back(rate(pool, 1, seconds));
        two.push_back(rate(pool, 2, seconds));
    }
    return CoreCeiling{median(one), median(two)};
}

}  // namespace bench
