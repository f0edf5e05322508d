// Building diagnostics inside the interpreter. Each message is written in Chinese and English
// at the place that knows what went wrong; render() picks the language.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pingfen/pingfen.hpp"
#include "source/source.hpp"

namespace pingfen {

Diagnostic make_diagnostic(Severity sev, const char* code, const Loc& loc, std::string zh,
                           std::string en);
DiagnosticNote make_note(const Loc& loc, std::string zh, std::string en);
// The first `max` characters of `text`, and "…" when there were more: a message or a basis
// quotes what was written, and a 50 MB value was printed whole.
std::string clipped(std::string_view text, std::size_t max = 60);

// A sink that collects diagnostics in order of discovery; sorted by location for output.
class DiagnosticSink {
public:
    void error(const char* code, const Loc& loc, std::string zh, std::string en) {
        items_.push_back(make_diagnostic(Severity::Error, code, loc, std::move(zh), std::move(en)));
    }
    void warning(const char* code, const Loc& loc, std::string zh, std::string en) {
        items_.push_back(make_diagnostic(Severity::Warning, code, loc, std::move(zh), std::move(en)));
    }
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    Diagnostic& last() { return items_.back(); }
    bool has_errors() const { return pingfen::has_errors(items_); }
    std::size_t size() const { return items_.size(); }
    std::vector<Diagnostic> take();  // sorted by file, line, column
    std::vector<Diagnostic> take_unsorted() { return std::move(items_); }  // in order of discovery

private:
    std::vector<Diagnostic> items_;
};

}  // namespace pingfen
