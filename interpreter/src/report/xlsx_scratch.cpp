#include "report/xlsx_scratch.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace pingfen::report {

std::optional<std::string> build_xlsx(const std::function<lxw_error(lxw_workbook*)>& build, std::string& why,
                                      const std::string& title) {
    std::string scratch = (std::filesystem::temp_directory_path() / "pingfen-xlsx-XXXXXX").string();
    int fd = ::mkstemp(scratch.data());
    if (fd < 0) {
        why = std::strerror(errno);
        return std::nullopt;
    }
    ::close(fd);
    struct Remove {
        const std::string& path;
        ~Remove() { std::remove(path.c_str()); }
    } remove{scratch};
    lxw_workbook* wb = workbook_new(scratch.c_str());
    if (!wb) {
        why = "out of memory";
        return std::nullopt;
    }
    lxw_error built = build(wb);
    if (!title.empty() && built == LXW_NO_ERROR) {
        std::string t = title;
        lxw_doc_properties props{};
        props.title = t.data();
        built = workbook_set_properties(wb, &props);
    }
    lxw_error closed = workbook_close(wb);  // writes the file, and frees the workbook in any case
    if (built != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
        why = lxw_strerror(built != LXW_NO_ERROR ? built : closed);
        return std::nullopt;
    }
    std::ifstream in(scratch, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad() || bytes.empty()) {
        why = "the workbook could not be read back";
        return std::nullopt;
    }
    return bytes;
}

}  // namespace pingfen::report
