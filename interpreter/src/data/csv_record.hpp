// Reading CSV one record at a time (RFC 4180: quoted fields, doubled quotes, line breaks inside
// quotes), for the streaming readers of pingfen batch.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "data/department.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::data {

// The next logical record's fields; false at the end. `line` advances by the lines read and
// `bytes` by the bytes; blank lines are skipped. With `unclosed_quote`, a quote the file never
// closes sets it to the line the quote opened on (else 0), and that record ends with its line:
// the next call reads the line after it (the stream must be seekable). With `too_large`, a
// record past kMaxDepartmentBytes is read to its end without being kept: no fields, and its
// bytes in *too_large (else 0).
bool read_csv_record(std::istream& in, std::vector<std::string>& fields, int& line, std::uint64_t& bytes,
                     int* unclosed_quote = nullptr, std::uint64_t* too_large = nullptr);

// E0426 for a CSV record that cannot mean what its header says, else nothing: a quote never
// closed (`unclosed_quote`: the line it opened on), or `extra_values` non-empty values beyond
// the header's `columns` (a shifted row: a comma in a value without quotes). `line` is the
// diagnostic's line (0: the record's own, in batch); `unclosed_quote` is counted in the file.
std::optional<Diagnostic> csv_record_shape(const std::string& path, int line, int unclosed_quote, std::size_t fields,
                                           std::size_t columns, std::size_t extra_values);

// The departments of a CSV text (a header, then one department a row), as `score` and
// `diff --data` read them (batch reads record by record); UTF-8 or GB18030, `path` named in
// messages. A CSV of one department scored by `score` reads the same here and in batch.
std::vector<DataResult> csv_departments(const std::string& path, std::string text);

// Skips a UTF-8 byte-order mark at the start, as Excel and WPS write one.
void skip_bom(std::istream& in, std::uint64_t& read);

// Past any header a spreadsheet can write (Excel's 16,384 columns) by far, an empty field of a
// record is not kept: a line of 40 million commas took 2 GB. A value there is still kept, so
// that it is reported as beyond the header; the fields before it keep their places.
inline constexpr std::size_t kKeptEmptyFields = 65536;

// A record's count of fields as a message says it, past the fields kept "超过 65536": in Chinese
// with the spaces beside it (" 12 ", "超过 65536 "), to stand between 有 and 个.
std::string fields_said_zh(std::size_t fields);
std::string fields_said_en(std::size_t fields);

}  // namespace pingfen::data
