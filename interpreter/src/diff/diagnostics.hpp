// The diagnostics of one department scored under two rulesets, each problem said once: a bad
// datum is found by both sides, and a person fixes it once.
#pragma once

#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen::diff {

// A's diagnostics, then B's that A did not already give. The same code at the same place with
// the same message is one problem: its notes (where each side declares the input) are kept
// together. When only the indicators that need it differ ("需要它的指标：…"), the message names
// both sides' indicators. W0401 (an input only one side declares) is expected in a comparison
// and left out.
std::vector<Diagnostic> merge_sides(const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b);

}  // namespace pingfen::diff
