#include "batch_e2e.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

extern char** environ;

namespace bench {

std::string one_line(const std::string& json) {
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        if (json[i] != '\n') {
            out += json[i];
            continue;
        }
        while (i + 1 < json.size() && json[i + 1] == ' ') ++i;
    }
    return out;
}

namespace {

// One run of the binary; its wall time, exit status and peak resident memory.
BatchRun run_once(const std::string& binary, const std::string& ruleset, const std::string& data, unsigned jobs) {
    std::string j = std::to_string(jobs);
    std::vector<std::string> args = {binary, "batch", ruleset, data, "-j", j, "-o", "/dev/null"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);  // the summary line
    BatchRun r;
    r.jobs = jobs;
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, binary.c_str(), &fa, nullptr, argv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return r;
    }
    int st = 0;
    struct rusage ru {};
    wait4(pid, &st, 0, &ru);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    posix_spawn_file_actions_destroy(&fa);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.peak_rss_kb = ru.ru_maxrss;
    return r;
}

}  // namespace

std::vector<BatchRun> measure_batch(const std::string& binary, const std::string& ruleset, const std::vector<Record>& pool,
                                    std::size_t count, const std::vector<unsigned>& jobs, int rounds) {
    namespace fs = std::filesystem;
    const fs::path data = fs::temp_directory_path() / ("pingfen_bench_batch_" + std::to_string(::getpid()) + ".jsonl");
    {
        std::vector<std::string> lines;
        for (const auto& r : pool) lines.push_back(one_line(r.json) + "\n");
        std::ofstream f(data, std::ios::binary);
        for (std::size_t i = 0; i < count; ++i) f << lines[i % lines.size()];
    }
    std::vector<std::vector<BatchRun>> runs(jobs.size());
    for (int round = 0; round < rounds; ++round)
        for (std::size_t k = 0; k < jobs.size(); ++k) runs[k].push_back(run_once(binary, ruleset, data.string(), jobs[k]));
    fs::remove(data);
    std::vector<BatchRun> out;
    for (auto& rs : runs) {
        std::sort(rs.begin(), rs.end(), [](const BatchRun& a, const BatchRun& b) { return a.seconds < b.seconds; });
        BatchRun m = rs[rs.size() / 2];
        for (const auto& r : rs) m.peak_rss_kb = std::max(m.peak_rss_kb, r.peak_rss_kb);
        m.records_per_s = m.seconds > 0 ? static_cast<double>(count) / m.seconds : 0;
        out.push_back(m);
    }
    return out;
}

}  // namespace bench
