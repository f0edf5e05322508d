#!/usr/bin/env bash
# Builds everything, installs the library and builds the embedding example against the
# installed package, runs the sanitizer builds (the suite under ASan and UBSan, the embedding
# example and batch under TSan) and the fuzzers, then runs every test
# (Catch2 through CTest, and the rulesets' own tests).
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step's wall time, so that a CI log shows where the budget of 30 minutes goes.
step_started=$SECONDS
took() { echo "== test.sh: $1 took $((SECONDS - step_started)) s"; step_started=$SECONDS; }
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPINGFEN_BUILD_TESTS=ON -DPINGFEN_BUILD_BENCH=ON >/dev/null
cmake --build build -j"$(nproc)"
took "the Release build"

# A host program built against the installed package: 8 threads, one compiled ruleset.
cmake --install build --prefix build/install >/dev/null
cmake -S examples/embed -B build/embed -DCMAKE_PREFIX_PATH="$PWD/build/install" >/dev/null
cmake --build build/embed -j"$(nproc)" >/dev/null
./build/embed/embed rulesets/huadu/2023.pf rulesets/huadu/2023.example.json
took "install and the embedding example"

# The suite again under AddressSanitizer and UndefinedBehaviorSanitizer, each libFuzzer harness
# for a minute, and the example and `pingfen batch -j4` under ThreadSanitizer (scripts/ci_extra.sh;
# build-asan/, build-fuzz/, build-tsan/). PINGFEN_QUICK=1 skips them for a quick run while working.
if [ "${PINGFEN_QUICK:-0}" != 1 ]; then
  bash scripts/ci_extra.sh all
  took "the sanitizers and the fuzzers (scripts/ci_extra.sh)"
fi

ctest --test-dir build --output-on-failure -j"$(nproc)"
took "ctest"

# Every outcome of every bundled rule (each tier, both branches of each 若, each deduction item
# fired and not, 扣完为止, goal-row bands, caps, assessors' bounds) reached by the rulesets' own
# tests; under a second. The passing tests' lines are left out.
./build/pingfen test --coverage --min 100% rulesets | grep -v '  ✓ '
