// A file read whole for the API (a ruleset, a department's data, a tests file), with E0009 in
// `sink` when it cannot be opened or is a folder or a device.
#pragma once

#include <cstddef>
#include <string>

#include "diag/diag.hpp"

namespace pingfen::detail {

// With `max`, reading stops once more than `max` bytes are read: the caller refuses a text
// longer than `max` without holding a file (or a pipe) of gigabytes.
bool read_file(const std::string& path, std::string& out, DiagnosticSink& sink, std::size_t max = static_cast<std::size_t>(-1));

}  // namespace pingfen::detail
