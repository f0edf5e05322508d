#include "report/xlsx_scratch.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "source/source.hpp"

namespace pingfen::report {

std::optional<std::string> build_xlsx(const std::function<lxw_error(lxw_workbook*)>& build, std::string& why,
                                      const std::string& title) {
    if (!xlsxwriter_api()) {
        why = xlsxwriter_api_error();
        return std::nullopt;
    }
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
    lxw_workbook* wb = lxw().workbook_new(scratch.c_str());
    if (!wb) {
        why = "out of memory";
        return std::nullopt;
    }
    lxw_error built = build(wb);
    if (!title.empty() && built == LXW_NO_ERROR) {
        std::string t = title;
        lxw_doc_properties props{};
        props.title = t.data();
        built = lxw().workbook_set_properties(wb, &props);
    }
    lxw_error closed = lxw().workbook_close(wb);  // writes the file, and frees the workbook in any case
    if (built != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
        why = lxw().lxw_strerror(built != LXW_NO_ERROR ? built : closed);
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

std::string cell_text(const std::string& s) {
    std::string o;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 && c != '\n' && c != '\t') continue;
        if ((c & 0xC0) != 0x80 && ++chars > 32766) {
            o += "…";
            break;
        }
        o += static_cast<char>(c);
    }
    return o;
}

lxw_format* CellWriter::format() {
    lxw_format* f = lxw().workbook_add_format(wb_);
    if (!f) fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
    return f;
}

lxw_format* CellWriter::bordered() {
    lxw_format* f = format();
    lxw().format_set_border(f, LXW_BORDER_THIN);
    lxw().format_set_text_wrap(f);
    lxw().format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    lxw().format_set_font_name(f, "宋体");
    lxw().format_set_font_size(f, 10);
    return f;
}

void CellWriter::text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
    if (s.empty()) return blank(ws, r, c, f);
    check(lxw().worksheet_write_string(ws, r, c, cell_text(s).c_str(), f));
}

void CellWriter::merge(lxw_worksheet* ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2, const std::string& s,
                       lxw_format* f) {
    check(lxw().worksheet_merge_range(ws, r1, c1, r2, c2, cell_text(s).c_str(), f));
}

std::size_t CellWriter::wrapped_lines(const std::string& t, double width) {
    const auto w = std::max<std::size_t>(1, static_cast<std::size_t>(width * 0.85));
    std::size_t n = 0, start = 0;
    while (start <= t.size()) {
        std::size_t end = t.find('\n', start);
        std::string_view part = std::string_view(t).substr(start, end == std::string::npos ? std::string::npos : end - start);
        n += std::max<std::size_t>(1, (static_cast<std::size_t>(display_width(part)) + w - 1) / w);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return n;
}

}  // namespace pingfen::report
