#include "data/department.hpp"

#include <fmt/format.h>

namespace pingfen::data {

namespace {

Diagnostic too_large(const std::string& path, int line) {
    Diagnostic d;
    d.code = "E0428";
    d.path = path;
    d.line = line;
    d.column = 0;  // the whole record: no excerpt to show
    return d;
}

}  // namespace

Diagnostic department_too_large(const std::string& path, int line, std::uint64_t bytes) {
    Diagnostic d = too_large(path, line);
    const std::uint64_t mb = (bytes + (1u << 20) - 1) >> 20;
    d.message_zh = fmt::format("一个部门的数据超过 {} MB（这里至少 {} MB），过大，不像是一个部门的数据（多个部门连成了一行？），这一条不评分",
                               kMaxDepartmentBytes >> 20, mb);
    d.message_en = fmt::format("one department's data is over {} MB (at least {} MB here), too large to be one department's "
                               "(several departments run into one line?); it is not scored",
                               kMaxDepartmentBytes >> 20, mb);
    return d;
}

Diagnostic table_row_too_large(const std::string& path, int line) {
    Diagnostic d = too_large(path, line);
    d.message_zh = fmt::format("表文件第 {} 行超过 {} MB，过大，不像是一行表格（多行连成了一行？）：批量评分不开始", line,
                               kMaxDepartmentBytes >> 20);
    d.message_en = fmt::format("line {} of the table file is over {} MB, too large to be a table row (several rows run "
                               "into one?): batch scoring does not start",
                               line, kMaxDepartmentBytes >> 20);
    return d;
}

}  // namespace pingfen::data
