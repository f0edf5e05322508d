#!/usr/bin/env bash
# Set-up in one command: install what is missing, build in Release, score the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target pingfen_cli
echo
./build/pingfen score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json
