#include "batch_e2e.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdint>
#include <filesystem>
#include <fstream>

namespace bench {

// A generated department file on one line: its line breaks and indentation are JSON whitespace.
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

// The launcher's side: read a command (argument count, then each argument's length and bytes),
// run it, answer with its exit status, peak memory and wall time.
struct Answer {
    int status;
    long peak_rss_kb;
    double seconds, cpu_seconds;
};

bool read_all(int fd, void* buf, std::size_t n) {
    char* p = static_cast<char*>(buf);
    while (n > 0) {
        ssize_t got = ::read(fd, p, n);
        if (got <= 0) return false;
        p += got, n -= static_cast<std::size_t>(got);
    }
    return true;
}

bool write_all(int fd, const void* buf, std::size_t n) {
    const char* p = static_cast<const char*>(buf);
    while (n > 0) {
        ssize_t put = ::write(fd, p, n);
        if (put <= 0) return false;
        p += put, n -= static_cast<std::size_t>(put);
    }
    return true;
}

[[noreturn]] void serve(int in, int out) {
    for (;;) {
        std::uint32_t argc = 0;
        if (!read_all(in, &argc, sizeof argc)) _exit(0);
        std::vector<std::string> args(argc);
        for (auto& a : args) {
            std::uint32_t n = 0;
            if (!read_all(in, &n, sizeof n)) _exit(0);
            a.resize(n);
            if (n && !read_all(in, a.data(), n)) _exit(0);
        }
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        auto t0 = std::chrono::steady_clock::now();
        pid_t pid = fork();
        if (pid == 0) {
            int devnull = ::open("/dev/null", O_WRONLY);
            ::dup2(devnull, STDERR_FILENO);  // the summary line
            ::execv(argv[0], argv.data());
            _exit(127);
        }
        int st = 0;
        struct rusage ru {};
        ::wait4(pid, &st, 0, &ru);
        auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
        Answer a{WIFEXITED(st) ? WEXITSTATUS(st) : -1, ru.ru_maxrss,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                 secs(ru.ru_utime) + secs(ru.ru_stime)};
        if (!write_all(out, &a, sizeof a)) _exit(0);
    }
}

int to_launcher = -1, from_launcher = -1;
pid_t launcher = -1;

// At exit the launcher is told to stop (its pipe closes) and reaped, leaving no zombie.
struct StopLauncher {
    ~StopLauncher() {
        if (launcher <= 0) return;
        ::close(to_launcher);
        ::close(from_launcher);
        ::waitpid(launcher, nullptr, 0);
    }
} stop_launcher;

// One run of the binary, through the launcher: its wall time, exit status and peak memory.
BatchRun run_once(const std::string& binary, const std::string& ruleset, const std::string& data, unsigned jobs) {
    BatchRun r;
    r.jobs = jobs;
    if (to_launcher < 0) return r;
    std::vector<std::string> args = {binary, "batch", ruleset, data, "-j", std::to_string(jobs), "-o", "/dev/null"};
    std::uint32_t argc = static_cast<std::uint32_t>(args.size());
    write_all(to_launcher, &argc, sizeof argc);
    for (const auto& a : args) {
        std::uint32_t n = static_cast<std::uint32_t>(a.size());
        write_all(to_launcher, &n, sizeof n);
        write_all(to_launcher, a.data(), n);
    }
    Answer a{};
    if (!read_all(from_launcher, &a, sizeof a)) return r;
    r.status = a.status;
    r.peak_rss_kb = a.peak_rss_kb;
    r.seconds = a.seconds;
    r.cpu_seconds = a.cpu_seconds;
    return r;
}

}  // namespace

void start_launcher() {
    int down[2], up[2];
    if (::pipe(down) != 0 || ::pipe(up) != 0) return;
    pid_t pid = fork();
    if (pid == 0) {
        ::close(down[1]);
        ::close(up[0]);
        serve(down[0], up[1]);
    }
    ::close(down[0]);
    ::close(up[1]);
    if (pid > 0) to_launcher = down[1], from_launcher = up[0], launcher = pid;
}

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
