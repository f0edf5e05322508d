#include "folder.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace pingfen::serve {

namespace {

bool inside(const fs::path& root, const fs::path& p) {
    auto r = root.begin(), q = p.begin();
    for (; r != root.end(); ++r, ++q)
        if (q == p.end() || *r != *q) return false;
    return true;
}

}  // namespace

Folder::Folder(const fs::path& root) : root_(fs::canonical(root)) {}

std::optional<fs::path> Folder::resolve(const std::string& relative, bool for_writing) const {
    if (relative.empty() || relative.size() > 4096) return std::nullopt;
    // Refused before touching the file system: absolute paths, Windows drive and UNC forms,
    // backslashes (a Windows browser's separator, never needed here), NUL, `..` anywhere.
    if (relative.front() == '/' || relative.find('\\') != std::string::npos ||
        relative.find('\0') != std::string::npos || (relative.size() > 1 && relative[1] == ':'))
        return std::nullopt;
    fs::path rel(relative);
    for (const auto& part : rel)
        if (part == ".." || part == ".") return std::nullopt;
    fs::path full = root_ / rel;
    std::error_code ec;
    if (for_writing) {
        // The folder it goes into must be inside once symlinks are followed, and the name
        // itself must not be a symlink (writing through it would land elsewhere).
        fs::path parent = fs::canonical(full.parent_path(), ec);
        if (ec || !inside(root_, parent)) return std::nullopt;
        if (fs::is_symlink(fs::symlink_status(full, ec))) return std::nullopt;
        return parent / full.filename();
    }
    fs::path real = fs::canonical(full, ec);
    if (ec || !inside(root_, real)) return std::nullopt;
    return real;
}

std::string Folder::relative(const fs::path& p) const {
    return p.lexically_relative(root_).generic_string();
}

Folder::Listing Folder::list() const {
    Listing out;
    std::error_code ec;
    // Depth-limited so that a huge tree cannot stall the page; symlinked folders are not entered.
    fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it.depth() > 4) {
            it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec)) continue;
        if (it->is_symlink(ec)) {
            fs::path real = fs::canonical(it->path(), ec);
            if (ec || !inside(root_, real)) continue;
        }
        const std::string rel = relative(it->path());
        if (name.ends_with(".data.pf") || name.ends_with(".json") || name.ends_with(".xlsx") || name.ends_with(".csv"))
            out.data.push_back(rel);
        else if (name.ends_with(".pf")) out.rulesets.push_back(rel);
    }
    std::sort(out.rulesets.begin(), out.rulesets.end());
    std::sort(out.data.begin(), out.data.end());
    return out;
}

std::optional<std::string> read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return s.str();
}

std::string content_tag(const std::string& bytes) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace pingfen::serve
