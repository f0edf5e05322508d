// What a department's data holds when its name does not tell (/dev/stdin, `-`, `<(…)`), from the
// start of its text: `score` and `batch` tell it the same way.
#pragma once

#include <string_view>

namespace pingfen::data {

enum class TextKind {
    Json,       // an object: its first character, after a byte-order mark and spaces, is `{`
    Csv,        // its first line that is not blank holds a comma and starts no data block or comment
    DataBlock,  // the language's own 数据 "…" { … }, and anything else, whose errors it then reports
};

TextKind sniff(std::string_view head);

// JSON text that is one document over many lines, not JSON Lines: it starts with `{` on a first
// line that does not end with `}` (a pretty-printed department, `{` alone on its first line). A
// first line longer than `head` is taken for JSON Lines, whose records are long lines.
bool json_document(std::string_view head);

}  // namespace pingfen::data
