#include "data/temp_copy.hpp"
#include "system/temp_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace pingfen::data {

TempCopy::~TempCopy() {
    if (!path_.empty()) ::unlink(path_.c_str());
    system::forget_temporary(temporary_);
}

int TempCopy::create(std::string_view tag, const std::string& ext) {
    std::string name = "pingfen-";
    name.append(tag);
    name += "-XXXXXX" + ext;
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) {
        errno = ec.value();
        return -1;
    }
    std::string scratch = (dir / name).string();
    const int fd = ::mkstemps(scratch.data(), static_cast<int>(ext.size()));
    if (fd < 0) return -1;
    path_ = std::move(scratch);
    temporary_ = system::remember_temporary(path_);
    return fd;
}

}  // namespace pingfen::data
