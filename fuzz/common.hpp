// The libFuzzer side of the harnesses: a broken promise of the API stops the run like a crash.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "fuzz_targets.hpp"

namespace pingfen::fuzz {

inline void fail_on(const Problems& problems) {
    if (problems.empty()) return;
    for (const auto& p : problems) std::fprintf(stderr, "pingfen fuzz: %s\n", p.c_str());
    std::abort();
}

}  // namespace pingfen::fuzz
