#include "gate.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

extern char** environ;

namespace bench {

void Gate::check(std::string name, bool met, std::string figure, std::string target) {
    targets_.push_back({std::move(name), std::move(figure), std::move(target), met});
}

int Gate::report() const {
    int missed = 0;
    std::printf("\n== targets of issue 14 (pingfen_bench --gate exits 1 when one is missed) ==\n");
    int width = 60;  // as wide as the longest name, so that the figures stay in one column
    for (const auto& t : targets_) width = std::max(width, static_cast<int>(t.name.size()));
    for (const auto& t : targets_) {
        std::printf("  %-8s %-*s %-20s target %s\n", t.met ? "met" : "NOT met", width, t.name.c_str(), t.figure.c_str(), t.target.c_str());
        missed += t.met ? 0 : 1;
    }
    std::printf("  %d of %zu targets met\n", static_cast<int>(targets_.size()) - missed, targets_.size());
    std::fflush(stdout);
    return missed;
}

ProcessTime process_ms(const std::string& binary, const std::vector<std::string>& args, int runs) {
    std::vector<std::string> all = {binary};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<double> ms, cpu;
    for (int k = 0; k < runs; ++k) {
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        auto t0 = std::chrono::steady_clock::now();
        pid_t pid = 0;
        const bool spawned = posix_spawn(&pid, binary.c_str(), &fa, nullptr, argv.data(), environ) == 0;
        posix_spawn_file_actions_destroy(&fa);
        if (!spawned) return {};
        int st = 0;
        struct rusage ru {};
        wait4(pid, &st, 0, &ru);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) return {};
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        cpu.push_back((ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3);
    }
    if (ms.empty()) return {};
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    return {ms.front(), ms[ms.size() / 2], cpu[cpu.size() / 2]};
}

}  // namespace bench
