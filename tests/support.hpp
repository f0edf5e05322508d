// What the end-to-end tests share: reading a file whole, and running a shell command or the
// real `pingfen` binary from the source folder with its standard output and error apart.
#pragma once

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace pingfen::test {

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// `actual` compared with the golden file `expected`; with PINGFEN_UPDATE_GOLDEN set in the
// environment, the file is written instead (to accept a change, then review it with git diff).
inline void check_golden(const std::filesystem::path& expected, const std::string& actual) {
    if (std::getenv("PINGFEN_UPDATE_GOLDEN")) {
        std::ofstream(expected, std::ios::binary) << actual;
        return;
    }
    INFO("golden file: " << expected.generic_string());
    REQUIRE(std::filesystem::exists(expected));
    CHECK(actual == slurp(expected));
}

struct Run {
    int status = -1;  // the exit status; -1 when the command did not exit normally
    std::string out, err;
};

// `command` runs under sh in the source folder. Each test process has its own stderr file.
inline Run shell(const std::string& command) {
    namespace fs = std::filesystem;
    const fs::path err = fs::temp_directory_path() / ("pingfen_test_err_" + std::to_string(::getpid()));
    const std::string cmd = "cd '" PINGFEN_SOURCE_DIR "' && " + command + " 2>'" + err.string() + "'";
    Run r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 65536> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.err = slurp(err);
    fs::remove(err);
    return r;
}

// `pingfen ARGS` (already shell-quoted), without colour and in Chinese unless ARGS say otherwise.
inline Run run_pingfen(const std::string& args) { return shell("NO_COLOR=1 PINGFEN_LANG= '" PINGFEN_BINARY "' " + args); }

// The tests run in the Release build and again under AddressSanitizer, whose shadow memory is
// terabytes of address space reserved at start: no `ulimit -v` there.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

// `ulimit -v` of `megabytes` as a command's prefix, or nothing under AddressSanitizer.
inline std::string memory_limit(int megabytes) {
    return kAddressSanitizer ? std::string() : "ulimit -v " + std::to_string(megabytes * 1024) + "; ";
}

// A folder of the test process's own for the files a test writes, removed with everything in it.
struct TempFolder {
    std::filesystem::path path;
    explicit TempFolder(const std::string& tag)
        : path(std::filesystem::temp_directory_path() / ("pingfen_" + tag + "_" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(path);
    }
    ~TempFolder() { std::filesystem::remove_all(path); }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    std::string file(const std::string& name) const { return (path / name).string(); }
    // Writes `text` to `name` and returns its path.
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return file(name);
    }
    // The same, quoted for a command line.
    std::string write_quoted(const std::string& name, const std::string& text) const { return "'" + write(name, text) + "'"; }
};

}  // namespace pingfen::test
