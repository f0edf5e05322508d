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

}  // namespace pingfen::data
