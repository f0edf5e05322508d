#include "data/spool.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pingfen::data {

namespace {

Diagnostic spool_error(const std::string& path, int err) {
    Diagnostic d;
    d.code = "E0412";
    d.path = path;
    d.message_zh = fmt::format("无法读取管道 `{}`：复制到临时文件时出错（{}）", path, std::strerror(err));
    d.message_en = fmt::format("cannot read the pipe `{}`: copying it to a temporary file failed ({})", path, std::strerror(err));
    return d;
}

// 0, or the errno of a write that failed.
int write_all(int out, const char* bytes, std::size_t n) {
    for (std::size_t at = 0; at < n;) {
        const ssize_t w = ::write(out, bytes + at, n - at);
        if (w < 0 && errno != EINTR) return errno;
        if (w > 0) at += static_cast<std::size_t>(w);
    }
    return 0;
}

}  // namespace

std::optional<Diagnostic> Spool::open(const std::string& path) {
    readable_ = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISFIFO(st.st_mode)) return std::nullopt;  // a file, or the readers' own error
    const int in = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return std::nullopt;  // the reader's "cannot open" follows
    // The same extension, so that what is read by its name (.jsonl, .xlsx) still is.
    const int out = copy_.create("pipe", std::filesystem::path(path).extension().string());
    if (out < 0) {
        const int err = errno;
        ::close(in);
        return spool_error(path, err);
    }
    char buf[1 << 16];
    int err = 0;
    for (;;) {
        const ssize_t n = ::read(in, buf, sizeof buf);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            err = errno;
            break;
        }
        if ((err = write_all(out, buf, static_cast<std::size_t>(n)))) break;
    }
    ::close(in);
    if (::close(out) != 0 && !err) err = errno;
    if (err) return spool_error(path, err);
    readable_ = copy_.path();
    return std::nullopt;
}

std::optional<Diagnostic> Spool::hold(const std::string& path, std::string_view bytes, const std::string& ext) {
    readable_ = path;
    const int out = copy_.create("pipe", ext);
    if (out < 0) return spool_error(path, errno);
    int err = write_all(out, bytes.data(), bytes.size());
    if (::close(out) != 0 && !err) err = errno;
    if (err) return spool_error(path, err);
    readable_ = copy_.path();
    return std::nullopt;
}

}  // namespace pingfen::data
