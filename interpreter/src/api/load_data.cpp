// load_data_file and parse_data of the public API: a department's data from a file or a text,
// the format told by the name (.json, .jsonl, .csv, .xlsx) or, for a text, by its first character.
#include <filesystem>
#include <fmt/format.h>

#include "api/guard.hpp"
#include "api/read_file.hpp"
#include "data/csv_record.hpp"
#include "data/department.hpp"
#include "data/read_xlsx.hpp"
#include "data/sniff.hpp"
#include "data/spool.hpp"
#include "data/xlsx_book.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen {

namespace {

// A JSON file, or a record of a JSON Lines file ("d.jsonl", or "d.jsonl:3" for its third line):
// read as JSON whatever it holds, so that a line `null` or `[1]` is told it is not an object,
// rather than being read as a data block.
bool json_name(std::string_view name) {
    const std::size_t colon = name.rfind(':');
    if (colon != std::string_view::npos && colon + 1 < name.size() &&
        name.find_first_not_of("0123456789", colon + 1) == std::string_view::npos)
        name = name.substr(0, colon);
    return name.ends_with(".json") || name.ends_with(".jsonl");
}

DataResult parse(const std::string& name, std::string text) {
    DataResult result;
    DiagnosticSink sink;
    // Not const: DepartmentReader::parse_into reads a later record into it when nothing else holds it.
    auto src = std::make_shared<SourceFile>(name, std::move(text));
    const bool json = json_name(name) || data::sniff(src->text) == data::TextKind::Json;
    auto data = json ? data::read_json(src, sink) : data::read_data_block(src, sink);
    if (data && !sink.has_errors()) result.data = std::move(data);
    result.diagnostics = sink.take();
    return result;
}

// E0419: a file of several departments where one is read, rather than its first scored.
DataResult several_departments(const std::string& path, std::string_view kind, std::size_t count) {
    Diagnostic d;
    d.code = "E0419";
    d.path = path;
    d.message_zh = fmt::format("{} 文件 `{}` 每行一个部门，共 {} 行；评一个部门请给出它自己的数据，多个部门请用 pingfen batch", kind, path, count);
    d.message_en = fmt::format("{} file `{}` holds one department per row, {} rows; give one department's own data, or score them all "
                               "with pingfen batch",
                               kind, path, count);
    return DataResult{nullptr, {std::move(d)}};
}

// A CSV of one department (a header and one row), read as batch reads it, so that `score` and
// `batch` agree on the same file; a CSV of many is refused rather than its first row scored.
DataResult one_department(const std::string& path, std::vector<DataResult> all) {
    if (all.size() == 1) return std::move(all.front());
    return several_departments(path, "CSV", all.size());
}

// The departments of JSON Lines text, when it is that: a whole object on its first line and
// every other line that is not blank starting another. 0 otherwise (one JSON document, or text
// whose errors the JSON reader reports).
std::size_t json_lines(std::string_view text) {
    if (data::sniff(text) != data::TextKind::Json || data::json_document(text)) return 0;
    std::size_t records = 0;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        const std::size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string_view::npos) continue;
        if (line[first] != '{' && !(records == 0 && line.substr(first).starts_with("\xEF\xBB\xBF"))) return 0;
        ++records;
    }
    return records;
}

}  // namespace

DataResult parse_data(const std::string& name, std::string text) {
    return api::guarded<DataResult>(name, [&] { return parse(name, std::move(text)); });
}

DataResult load_data_file(const std::string& path) {
    return api::guarded<DataResult>(path, [&] {
        if (data::is_xlsx_file(path)) return data::read_xlsx_department(path);
        DiagnosticSink sink;
        std::string text;
        if (!detail::read_file(path, text, sink, data::kMaxDepartmentBytes)) {
            DataResult r;
            r.diagnostics = sink.take();
            return r;
        }
        if (text.size() > data::kMaxDepartmentBytes) {
            std::error_code ec;
            const auto size = std::filesystem::file_size(path, ec);
            return DataResult{nullptr, {data::department_too_large(path, 0, ec ? text.size() : size)}};
        }
        // A workbook through a pipe (`score -` < 自评表.xlsx): read from a copy. Its bytes were read
        // as text, E0005 "not UTF-8".
        if (text.starts_with("PK\x03\x04")) {
            data::Spool copy;
            if (auto bad = copy.hold(path, text, ".xlsx")) return DataResult{nullptr, {std::move(*bad)}};
            return data::read_xlsx_department(path, copy.path());
        }
        // A name that tells nothing (/dev/stdin, `<(…)`) is CSV by its first line: it was read as a
        // data block, with a syntax error for each CSV line.
        const bool csv = path.ends_with(".csv") ||
                         (!path.ends_with(".pf") && !json_name(path) && data::sniff(text) == data::TextKind::Csv);
        if (csv) return one_department(path, data::csv_departments(path, std::move(text)));
        // JSON Lines of several departments: their number said, where the JSON reader said only
        // "unexpected `{`" at the second.
        if (const std::size_t records = json_lines(text); records > 1) return several_departments(path, "JSON Lines", records);
        return parse(path, std::move(text));
    });
}

}  // namespace pingfen
