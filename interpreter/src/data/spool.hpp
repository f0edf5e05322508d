// A pipe given as a data file (`<(…)`, a named pipe, /dev/stdin), copied to a temporary file
// before it is read: the readers look at a file's start and then read it from the beginning
// (a byte-order mark, a zip's signature, a CSV's encoding), which a pipe cannot do. The bytes
// looked at were lost, so a JSON Lines pipe scored no record and said nothing; and a named pipe
// opened a second time waited for a writer that never came.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "data/temp_copy.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::data {

class Spool {
public:
    // `path` itself when it is not a pipe; else its bytes copied to a temporary file. An error
    // (E0412 naming `path`) when the copy cannot be written.
    std::optional<Diagnostic> open(const std::string& path);
    // The bytes already read from the pipe `path`, put in a temporary file named with `ext`.
    std::optional<Diagnostic> hold(const std::string& path, std::string_view bytes, const std::string& ext);
    // The file to read.
    const std::string& path() const { return readable_; }

private:
    std::string readable_;
    TempCopy copy_;  // removed with the Spool
};

}  // namespace pingfen::data
