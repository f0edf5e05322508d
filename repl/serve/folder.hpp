// The served folder: every path the workbench reads or writes goes through here, so that the
// page can reach nothing outside FOLDER. A path from a request is relative, has no `..`, no
// absolute or drive prefix, no NUL or backslash, and after symlinks are followed it still lies
// inside the folder; anything else is refused (HTTP 403, error E1003).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pingfen::serve {

class Folder {
public:
    // `root` must exist and be a folder (checked by the caller); it is made canonical here.
    explicit Folder(const std::filesystem::path& root);

    const std::filesystem::path& root() const { return root_; }

    // The file a request names, when it is inside the folder. `for_writing`: the file may not
    // exist yet (its folder must), and it must not be a symlink.
    std::optional<std::filesystem::path> resolve(const std::string& relative, bool for_writing = false) const;
    // A path inside the folder as the page names it ("huadu/2023.pf").
    std::string relative(const std::filesystem::path& p) const;

    // The rulesets (*.pf that are not *.data.pf) and data files (*.json, *.data.pf), relative,
    // sorted; hidden files and folders (journals) left out; symlinks leaving the folder skipped.
    struct Listing {
        std::vector<std::string> rulesets, data;
    };
    Listing list() const;

private:
    std::filesystem::path root_;
};

// Reads a whole file; nullopt when it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& p);
// A tag for a file's bytes, to notice that someone else changed it: FNV-1a 64 in hex.
std::string content_tag(const std::string& bytes);

}  // namespace pingfen::serve
