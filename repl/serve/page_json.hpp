// The sheet and the diagnostics as the workbench page reads them. Every score crosses as exact
// text ("96.50"), never as a JSON number a browser would read into binary floating point, and
// each row carries its score under the saved file, so the page marks what changed without doing
// arithmetic.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen::serve {

// A score as exact text with two places ("96.50"), or null when it could not be scored.
nlohmann::json exact_score(const std::optional<Decimal>& d);
nlohmann::json diagnostics_json(const std::vector<Diagnostic>& ds);
// The sheet as rows (path, name, level, weight, score, basis), with `before` (the saved file's
// sheet on the file's own data) giving each row's earlier score and the total's change.
nlohmann::json sheet_json(const ScoreSheet& s, const ScoreSheet* before);

}  // namespace pingfen::serve
