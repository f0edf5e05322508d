// Building an .xlsx in memory with libxlsxwriter, which can only write a named file: a scratch
// file in the temporary folder, read back and removed, so that a workbook reaches its
// destination through Output like every other format.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <xlsxwriter.h>

namespace pingfen::report {

// `build` fills the workbook and returns the first error it met. The bytes, or nullopt with
// the reason (in English words from libxlsxwriter or the system) in `why`.
std::optional<std::string> build_xlsx(const std::function<lxw_error(lxw_workbook*)>& build, std::string& why,
                                      const std::string& title = "");

}  // namespace pingfen::report
