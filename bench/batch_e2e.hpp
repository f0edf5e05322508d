// Section 5 of the benchmark: `pingfen batch` end to end, as users run it — the real binary on a
// JSON Lines file of generated huadu 2023 records, -j1 and -j2, records/s and peak memory.
#pragma once

#include <string>
#include <vector>

#include "generate.hpp"

namespace bench {

// A generated department file on one line (its line breaks and indentation are JSON
// whitespace), as a JSON Lines file holds it.
std::string one_line(const std::string& json);

struct BatchRun {
    unsigned jobs = 1;
    double seconds = 0;         // median over the rounds
    double records_per_s = 0;
    double cpu_seconds = 0;     // user + system time of the batch process, in the median run
    long peak_rss_kb = 0;       // of the batch process, largest over the rounds
    int status = -1;            // exit status of the last round
};

// The batch runs are started by a small process forked at the very start of pingfen_bench:
// a process's peak memory (getrusage's ru_maxrss) includes the pages of the process it was
// forked from, so runs started from the benchmark itself, with its records in memory, would
// all show the benchmark's size. Call before anything large is allocated.
void start_launcher();

// Writes `count` records (the pool reused cyclically, one JSON object per line) to a temporary
// file, runs `binary batch ruleset FILE -j J -o /dev/null` for each J in `jobs`, `rounds` times
// each (interleaved), and returns the medians. The file is removed afterwards.
std::vector<BatchRun> measure_batch(const std::string& binary, const std::string& ruleset, const std::vector<Record>& pool,
                                    std::size_t count, const std::vector<unsigned>& jobs, int rounds);

}  // namespace bench
