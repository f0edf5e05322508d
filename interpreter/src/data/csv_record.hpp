// Reading CSV one record at a time (RFC 4180: quoted fields, doubled quotes, line breaks inside
// quotes), for the streaming readers of pingfen batch.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace pingfen::data {

// The next logical record's fields; false at the end. `line` advances by the lines read and
// `bytes` by the bytes; blank lines are skipped.
bool read_csv_record(std::istream& in, std::vector<std::string>& fields, int& line, std::uint64_t& bytes);

// Skips a UTF-8 byte-order mark at the start, as Excel and WPS write one.
void skip_bom(std::istream& in, std::uint64_t& read);

}  // namespace pingfen::data
