// CSV data must be UTF-8. Chinese Excel saves "CSV" as GB18030 and "Unicode text" as UTF-16;
// read as UTF-8 either gives garbled names and every record failing, or, for a header, a batch
// that scores nothing and says nothing. Refused with what the file seems to be and how to save it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pingfen/pingfen.hpp"

namespace pingfen::data {

// UTF-16's byte-order mark (FF FE or FE FF) at the start of `text`.
bool utf16_bom(std::string_view text);

// E0412 when `text` (the start of a file, a header row or a record) is not UTF-8; `line` is
// where it stands (0: the whole file).
std::optional<Diagnostic> not_utf8(const std::string& path, int line, std::string_view text);

}  // namespace pingfen::data
