// The targets of issue 14, checked in one run: each figure measured by the sections of the
// benchmark is compared with its target, and `pingfen_bench --gate` exits 1 when any is missed,
// so anyone can see whether a change reached them. Ratios are within one run (the machine is
// shared; absolute rates move with its load, ratios much less).
#pragma once

#include <string>
#include <vector>

namespace bench {

class Gate {
public:
    // `figure` as printed; `met` whether it reaches `target`.
    void check(std::string name, bool met, std::string figure, std::string target);
    // Prints every target with its figure and "met"/"NOT met"; returns the number missed.
    int report() const;

private:
    struct Target {
        std::string name, figure, target;
        bool met;
    };
    std::vector<Target> targets_;
};

// The wall time in ms of `binary ARGS…` run to the end as a fresh process (its output to
// /dev/null) over `runs` runs: the fastest, the median, and the median CPU time (user + system).
// The fastest is the least disturbed by other work on a shared machine. Negative when it could
// not be run or exited non-zero.
struct ProcessTime {
    double fastest_ms = -1, median_ms = -1, median_cpu_ms = -1;
};
ProcessTime process_ms(const std::string& binary, const std::vector<std::string>& args, int runs);

}  // namespace bench
