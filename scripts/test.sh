#!/usr/bin/env bash
# Builds everything, installs the library and builds the embedding example against the
# installed package, then runs every test (Catch2 through CTest, and the rulesets' own tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPINGFEN_BUILD_TESTS=ON >/dev/null
cmake --build build -j"$(nproc)"

# A host program built against the installed package: 8 threads, one compiled ruleset.
cmake --install build --prefix build/install >/dev/null
cmake -S examples/embed -B build/embed -DCMAKE_PREFIX_PATH="$PWD/build/install" >/dev/null
cmake --build build/embed -j"$(nproc)" >/dev/null
./build/embed/embed rulesets/huadu/2023.pf rulesets/huadu/2023.example.json

ctest --test-dir build --output-on-failure -j"$(nproc)"
