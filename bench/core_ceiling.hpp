// What two threads can give on this machine, measured beside section 5: the hand-written
// baseline (a) on one thread, then on two at once, each on its own records with nothing shared.
// On a virtual machine the two cores need not be equal (here one ran (a) 38% slower than the
// other, pinned, run after run), and then no program reaches 2× on two threads: this ratio is
// the most `pingfen batch -j2 / -j1` could be, against which its own ratio is read.
#pragma once

#include <vector>

#include "generate.hpp"

namespace bench {

struct CoreCeiling {
    double one = 0;  // records/s of (a) on one thread
    double two = 0;  // records/s of (a) on two threads at once, together
    double ratio() const { return one > 0 ? two / one : 0; }
};

// Medians over `rounds` rounds of `seconds` each, one thread and two interleaved.
CoreCeiling measure_core_ceiling(const std::vector<Record>& pool, int rounds, double seconds = 0.3);

}  // namespace bench
