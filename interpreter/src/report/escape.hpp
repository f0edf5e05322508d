// Text made safe for the formats pingfen writes by hand: HTML (the sheet, the diff, the
// coverage view) and JSON strings (data written back as a file). One copy of each, so that a
// character one writer escapes is never left raw by another.
#pragma once

#include <string>
#include <string_view>

namespace pingfen::report {

// & < > " ' as entities: safe in element text and in quoted attribute values.
std::string html_escape(std::string_view s);

// A JSON string literal with its quotes: " \ and control characters escaped, UTF-8 kept.
std::string json_quote(std::string_view s);

}  // namespace pingfen::report
