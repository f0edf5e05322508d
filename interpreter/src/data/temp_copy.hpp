// A temporary file that a reader reads in place of the file it was given: a pipe's bytes
// (Spool), a GB18030 CSV in UTF-8 (Utf8CsvFile). Made in TMPDIR, removed with this object, and
// by a signal before then (system/temp_files), so that Ctrl-C leaves none behind.
#pragma once

#include <string>
#include <string_view>

namespace pingfen::data {

class TempCopy {
public:
    TempCopy() = default;
    ~TempCopy();
    TempCopy(const TempCopy&) = delete;
    TempCopy& operator=(const TempCopy&) = delete;
    // Makes the empty file `pingfen-<tag>-XXXXXX<ext>` and returns its descriptor, open for
    // writing, or -1 with errno set. `ext` keeps what is read by its name (.jsonl, .xlsx) so.
    int create(std::string_view tag, const std::string& ext = "");
    // The file made, or empty before create() succeeds.
    const std::string& path() const { return path_; }

private:
    std::string path_;
    int temporary_ = -1;  // its place among the files a signal removes
};

}  // namespace pingfen::data
