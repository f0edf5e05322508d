#!/usr/bin/env bash
# CI's extra checks, each in a build directory of its own:
#   asan  the whole test suite (ctest) built with gcc, AddressSanitizer and UndefinedBehaviorSanitizer
#         (build-asan/): any report fails, even one in a test that expects its program to fail;
#   fuzz  the libFuzzer harnesses of fuzz/ built with clang, ASan and UBSan (build-fuzz/), each
#         run for PINGFEN_FUZZ_SECONDS (60) on seeds from the bundled rulesets and the tests' files,
#         all three at once; any crash, hang, leak, out-of-memory or broken API promise fails.
#
#   bash scripts/ci_extra.sh [asan|fuzz|all]      (default all)
#
# A finding leaves its input in build-fuzz/findings/; reproduce it with
#   build-fuzz/fuzz/parse_fuzzer build-fuzz/findings/parse-crash-…
# then fix the interpreter and add the input to tests/fuzz_regressions/ (see the test there).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
what=${1:-all}
seconds=${PINGFEN_FUZZ_SECONDS:-60}
jobs=$(nproc)
bash scripts/deps.sh

# -O0 and line tables only: the sanitizers' compile time at -O1 -g is four times as long (the
# Catch2 runner alone took four minutes), and the tests run fast enough unoptimised.
run_asan() {
  echo "== ctest under AddressSanitizer and UndefinedBehaviorSanitizer (gcc, build-asan/)"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS" \
    -DPINGFEN_BUILD_TESTS=ON -DPINGFEN_BUILD_BENCH=OFF -DPINGFEN_FUZZ=OFF >/dev/null || return 1
  # Only what ctest runs: the tests and the command line they drive.
  cmake --build build-asan -j"$jobs" --target pingfen_tests pingfen_cli || return 1
  # Reports go to files as well as failing the program: a test that expects `pingfen` to exit 1
  # must not mistake a sanitizer's exit for it, so the files are checked afterwards.
  local logs=$root/build-asan/sanitizer-logs
  rm -rf "$logs" && mkdir -p "$logs"
  local status=0
  ASAN_OPTIONS="detect_leaks=1:exitcode=86:log_path=$logs/asan" \
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=86:log_path=$logs/ubsan" \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" || status=$?
  if compgen -G "$logs/*" >/dev/null; then
    echo "ci_extra: sanitizer reports:" >&2
    for f in "$logs"/*; do echo "--- $f" >&2; cat "$f" >&2; done
    status=1
  fi
  return $status
}

run_fuzz() {
  echo "== fuzzers (clang, libFuzzer, ASan, UBSan, build-fuzz/), ${seconds} s each"
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DPINGFEN_FUZZ=ON -DPINGFEN_BUILD_TESTS=OFF -DPINGFEN_BUILD_BENCH=OFF >/dev/null || return 1
  cmake --build build-fuzz -j"$jobs" --target pingfen_fuzzers || return 1

  # Seeds, copied afresh each run (the corpus the fuzzers grow stays in build-fuzz/corpus/).
  local seeds=$root/build-fuzz/seeds findings=$root/build-fuzz/findings
  rm -rf "$seeds" "$findings" && mkdir -p "$seeds/rules" "$seeds/data" "$findings"
  local f
  while IFS= read -r -d '' f; do cp "$f" "$seeds/rules/${f//\//_}"; done < <(
    find rulesets tests/golden tests/lang tests/errors -name '*.pf' ! -name '*.data.pf' -print0)
  while IFS= read -r -d '' f; do cp "$f" "$seeds/data/${f//\//_}"; done < <(
    find rulesets tests/golden tests/lang tests/errors -name '*.json' -print0 -o -name '*.data.pf' -print0)

  # The regression inputs first, once each, under clang's sanitizers too.
  local n
  for n in parse data ruleset_eval; do
    "build-fuzz/fuzz/${n}_fuzzer" -runs=1 tests/fuzz_regressions/* >"$findings/$n-regressions.log" 2>&1 ||
      { cat "$findings/$n-regressions.log" >&2; echo "ci_extra: $n fuzzer fails on tests/fuzz_regressions" >&2; return 1; }
  done

  # -timeout: one input taking 10 s is a hang. -max_len: room for the largest bundled ruleset.
  local pids=() names=() status=0
  for n in parse data ruleset_eval; do
    local corpus=$root/build-fuzz/corpus/$n seed=$seeds/rules
    [ "$n" = data ] && seed=$seeds/data
    mkdir -p "$corpus"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      "build-fuzz/fuzz/${n}_fuzzer" "$corpus" "$seed" -dict=fuzz/pingfen.dict \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=20000 \
        -artifact_prefix="$findings/$n-" -print_final_stats=1 >"$findings/$n.log" 2>&1 &
    pids+=($!) names+=("$n")
  done
  local i
  for i in "${!pids[@]}"; do
    n=${names[$i]}
    if wait "${pids[$i]}"; then
      echo "$n: $(grep -E '^#[0-9]+[[:space:]]+DONE' "$findings/$n.log" | tail -1)"
    else
      status=1
      echo "ci_extra: the $n fuzzer found a problem; its input is in $findings/" >&2
      tail -80 "$findings/$n.log" >&2
    fi
  done
  return $status
}

status=0
case "$what" in
  asan) run_asan || status=1 ;;
  fuzz) run_fuzz || status=1 ;;
  all) run_asan || status=1; run_fuzz || status=1 ;;
  *) echo "usage: $0 [asan|fuzz|all]" >&2; exit 2 ;;
esac
exit $status
