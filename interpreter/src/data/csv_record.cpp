#include "data/csv_record.hpp"

#include <fmt/format.h>

namespace pingfen::data {

namespace {

void keep(std::vector<std::string>& fields, std::string& field) {
    if (!field.empty() || fields.size() < kKeptEmptyFields) fields.push_back(std::move(field));
}

}  // namespace

// One logical CSV record (quoted fields may hold line breaks), RFC 4180.
bool read_csv_record(std::istream& in, std::vector<std::string>& fields, int& line, std::uint64_t& bytes,
                     int* unclosed_quote, std::uint64_t* too_large) {
    fields.clear();
    if (unclosed_quote) *unclosed_quote = 0;
    if (too_large) *too_large = 0;
    // Past the limit, the record is read to its end without being kept.
    std::uint64_t first_byte = bytes, limit = 0;
    auto start = [&] { first_byte = bytes, limit = too_large ? first_byte + kMaxDepartmentBytes : static_cast<std::uint64_t>(-1); };
    start();
    auto finish = [&] {
        if (bytes > limit) {
            *too_large = bytes - first_byte;
            fields.clear();
        }
        return true;
    };
    std::string field;
    bool quoted = false, any = false;
    std::streampos quote_at = -1;  // just after the last opening quote
    std::size_t field_at_quote = 0;
    int quote_line = 0;
    int c;
    while ((c = in.get()) != EOF) {
        ++bytes;
        if (quoted) {
            if (c == '"') {
                if (in.peek() == '"') {
                    in.get();
                    ++bytes;
                    field += '"';
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                if (bytes <= limit) field += static_cast<char>(c);
            }
            continue;
        }
        if (c == '"') {
            quoted = any = true;
            if (unclosed_quote) {
                quote_at = in.tellg();
                field_at_quote = field.size();
                quote_line = line;
            }
        } else if (c == ',') {
            keep(fields, field);
            field.clear();
            any = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && in.peek() == '\n') in.get(), ++bytes;
            ++line;
            if (!any && field.empty()) {  // a blank line
                start();
                continue;
            }
            keep(fields, field);
            return finish();
        } else {
            if (bytes <= limit) field += static_cast<char>(c);
            any = true;
        }
    }
    if (quoted && unclosed_quote) {
        // A quote never closed swallowed every later line into one field. The record is
        // reported (by the caller) and ends where its line ends; the records after it are read
        // again from the next line, so that none of them is lost.
        *unclosed_quote = quote_line;
        in.clear();
        if (quote_at != std::streampos(-1) && in.seekg(quote_at)) {
            // The rest of the quote's line, kept only up to the limit: a line of gigabytes
            // after the quote was held whole (and copied) before the record was refused.
            bytes = static_cast<std::uint64_t>(quote_at);
            field.resize(field_at_quote);
            for (int ch; (ch = in.get()) != EOF;) {
                ++bytes;
                if (ch == '\n') break;
                if (bytes <= limit) field += static_cast<char>(ch);
            }
            if (!field.empty() && field.back() == '\r' && bytes <= limit) field.pop_back();
            line = quote_line + 1;
            in.clear();
        }
    }
    if (any || !field.empty()) {
        keep(fields, field);
        return finish();
    }
    return false;
}

std::string fields_said_zh(std::size_t fields) {
    return fields > kKeptEmptyFields ? fmt::format("超过 {} ", kKeptEmptyFields) : fmt::format(" {} ", fields);
}

std::string fields_said_en(std::size_t fields) {
    return fields > kKeptEmptyFields ? fmt::format("over {}", kKeptEmptyFields) : std::to_string(fields);
}

std::optional<Diagnostic> csv_record_shape(const std::string& path, int line, int unclosed_quote, std::size_t fields,
                                           std::size_t columns, std::size_t extra_values) {
    if (!unclosed_quote && !extra_values) return std::nullopt;
    Diagnostic d;
    d.code = "E0426";
    d.path = path;
    d.line = line;
    d.column = 0;  // the whole record
    if (unclosed_quote) {
        d.message_zh = fmt::format(
            "第 {} 行的引号没有闭合，其后各行都会被读成这一个字段：这一条不评分，其后的记录从下一行起照常读取"
            "（请检查这一行的引号；字段中的引号应写成两个：\"\"）",
            unclosed_quote);
        d.message_en = fmt::format(
            "the quote opened on line {} is never closed and would take every later line into one field: this record "
            "is not scored, and the records after it are read from the next line (check this line's quotes; a quote "
            "inside a field is written twice: \"\")",
            unclosed_quote);
    } else {
        d.message_zh = fmt::format(
            "这一条有{}个字段，表头只有 {} 列：多出的值不属于任何一列，其余的值多半也错了列"
            "（常见于值中的逗号没有加引号，如 1,222.61 应写成 \"1,222.61\"），这一条不评分",
            fields_said_zh(fields), columns);
        d.message_en = fmt::format(
            "this record has {} fields and the header only {} columns: the extra values belong to no column, and the "
            "others are most likely in the wrong ones (usually a comma inside a value without quotes: write "
            "\"1,222.61\", not 1,222.61); this record is not scored",
            fields_said_en(fields), columns);
    }
    return d;
}

void skip_bom(std::istream& in, std::uint64_t& read) {
    char b[3];
    in.read(b, 3);
    if (in.gcount() == 3 && b[0] == '\xEF' && b[1] == '\xBB' && b[2] == '\xBF') {
        read += 3;
        return;
    }
    in.clear();
    in.seekg(0);
}

}  // namespace pingfen::data
