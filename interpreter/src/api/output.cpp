// Output: the one place where pingfen writes results. A score is only published when it reached
// the disk: a full disk or a missing folder is error E0011 with exit status 1, never a sheet
// that silently stops half way, and `-o FILE` is replaced only by a complete file.
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pingfen/pingfen.hpp"
#include "system/temp_files.hpp"

namespace pingfen {
namespace {

constexpr std::size_t kBufferBytes = 1 << 16;

// The system's reason in Chinese for the errors a writer meets; others keep the system's text.
std::string reason_zh(int err) {
    switch (err) {
        case 0: return "部分输出未能写入";
        case ENOSPC: return "磁盘空间不足";
        case EDQUOT: return "超出磁盘配额";
        case EFBIG: return "文件超出允许的大小";
        case EACCES: return "没有写入权限";
        case EPERM: return "不允许写入";
        case EROFS: return "所在位置只读";
        case ENOENT: return "文件夹不存在";
        case ENOTDIR: return "路径中有一段不是文件夹";
        case EISDIR: return "这是一个文件夹";
        case EIO: return "读写设备出错";
        case EPIPE: return "读取输出的一方已关闭";
        case ENAMETOOLONG: return "文件名太长";
        default: return std::strerror(err);
    }
}

std::string reason_en(int err) { return err == 0 ? "some output could not be written" : std::strerror(err); }

std::string folder_of(const std::string& path) {
    auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

Output::Output(std::string path) : path_(std::move(path)) {
    if (path_.empty() || path_ == "-") {
        fd_ = STDOUT_FILENO;
        in_place_ = true;
        // Whatever the host printed through stdio goes first, so the order is kept; and if
        // stdio already failed to write it, that output is lost and this says so.
        errno = 0;
        if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
            fail(errno);  // 0 when stdio failed earlier and kept no reason
            std::clearerr(stdout);
        }
        return;
    }
    target_ = path_;
    struct stat st {};
    bool exists = ::stat(path_.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        fail(EISDIR);
        return;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        // A device or a pipe (/dev/null, /dev/stdout, a FIFO): written as it is, never renamed over.
        in_place_ = true;
        fd_ = ::open(path_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd_ < 0) fail(errno);
        return;
    }
    struct stat lst {};
    if (exists && ::lstat(path_.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        // Replace the file the link points to, not the link.
        if (char* real = ::realpath(path_.c_str(), nullptr)) {
            target_ = real;
            std::free(real);
        }
    }
    // Beside the target, so that the rename stays on one file system and is atomic.
    static std::atomic<unsigned> counter{0};
    for (int attempt = 0; attempt < 100; ++attempt) {
        temp_ = fmt::format("{}.tmp-{}-{}", target_, ::getpid(), counter++);
        fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ >= 0 || errno != EEXIST) break;
    }
    if (fd_ < 0) {
        int err = errno;
        temp_.clear();
        fail(err);
        return;
    }
    unfinished_ = system::remember_temporary(temp_);
    // A replaced file keeps its permissions.
    if (exists) ::fchmod(fd_, st.st_mode & 07777);
}

Output::~Output() {
    if (fd_ >= 0 && fd_ != STDOUT_FILENO) ::close(fd_);
    if (!temp_.empty()) ::unlink(temp_.c_str());
    system::forget_temporary(unfinished_);
}

void Output::fail(int err) {
    if (problem_) return;
    Diagnostic d;
    d.code = "E0011";
    if (path_.empty() || path_ == "-") {
        d.message_zh = fmt::format("无法写入标准输出：{}", reason_zh(err));
        d.message_en = fmt::format("cannot write to standard output: {}", reason_en(err));
    } else {
        d.message_zh = fmt::format("无法写入文件 `{}`：{}", path_, reason_zh(err));
        d.message_en = fmt::format("cannot write the file `{}`: {}", path_, reason_en(err));
    }
    problem_ = std::move(d);
    buffer_.clear();
}

void Output::write(std::string_view bytes) {
    if (problem_ || done_) return;
    buffer_.append(bytes);
    if (buffer_.size() >= kBufferBytes) drain();
}

bool Output::drain() {
    if (problem_) return false;
    std::size_t at = 0;
    while (at < buffer_.size()) {
        ssize_t n = ::write(fd_, buffer_.data() + at, buffer_.size() - at);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(errno);
            return false;
        }
        at += static_cast<std::size_t>(n);
    }
    buffer_.clear();
    return true;
}

bool Output::flush() { return !done_ && drain(); }

bool Output::finish() {
    if (done_) return ok();
    done_ = true;
    if (!drain()) return false;
    if (fd_ == STDOUT_FILENO) {
        // Redirected to a file: make sure it reached the disk (an error can surface only here).
        struct stat st {};
        if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && ::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) {
            fail(errno);
            return false;
        }
        return true;
    }
    if (!in_place_ && ::fsync(fd_) != 0) {
        fail(errno);
        return false;
    }
    int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0) {
        fail(errno);
        return false;
    }
    if (in_place_) return true;
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        fail(errno);
        return false;
    }
    // After the rename: a signal in between unlinks a name that no longer exists, which is harmless.
    system::forget_temporary(unfinished_);
    temp_.clear();
    // The rename itself is durable once the folder is synced; a failure here loses nothing written.
    int dir = ::open(folder_of(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return true;
}

std::optional<Diagnostic> write_output(const std::string& path, std::string_view bytes) {
    Output out(path);
    out.write(bytes);
    out.finish();
    return out.problem();
}

}  // namespace pingfen
