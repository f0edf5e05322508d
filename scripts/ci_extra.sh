#!/usr/bin/env bash
# CI's extra checks, each in a build directory of its own:
#   asan  the whole test suite (ctest) built with gcc, AddressSanitizer and UndefinedBehaviorSanitizer
#         (build-asan/): any report fails, even one in a test that expects its program to fail;
#   fuzz  the libFuzzer harnesses of fuzz/ built with clang, ASan and UBSan (build-fuzz/), each
#         run for PINGFEN_FUZZ_SECONDS (60) on seeds from the bundled rulesets and the tests' files,
#         all three at once; any crash, hang, leak, out-of-memory or broken API promise fails;
#   tsan  the library, `pingfen` and examples/embed built with gcc and ThreadSanitizer (build-tsan/,
#         the example against an install of that build): embed compiles huadu on 8 threads at once
#         (the lexer's tables shared between threads fill up then) and scores it from 8 threads on
#         one compiled ruleset, and `pingfen batch -j4` scores 300 generated records (bench's
#         generator, `pingfen_bench --jsonl`) on its thread pool; any data race or other report fails.
#
#   bash scripts/ci_extra.sh [asan|fuzz|tsan|all]      (default all)
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
# The sanitizer builds compile the library as a unity build (a few sources to a translation unit:
# the headers parsed once for several; 515 → 321 s for this one on 2 cores). The test files are
# left one to a unit (tests/CMakeLists.txt). The tests start `pingfen` hundreds of times:
# linked as a position-dependent executable (-no-pie), it starts without applying 1.8 million
# relative relocations (42 MB of them, for UBSan's and ASan's data on every check) first.
run_asan() {
  echo "== ctest under AddressSanitizer and UndefinedBehaviorSanitizer (gcc, build-asan/)"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" -DCMAKE_UNITY_BUILD=ON \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS -fno-pie" \
    -DCMAKE_EXE_LINKER_FLAGS="-no-pie" \
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
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_UNITY_BUILD=ON \
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
      # From the report's first line (a crash's own frames come first, above the fuzzer's).
      grep -n -m1 -E '==ERROR|runtime error|deadly signal|Assertion|terminate called' "$findings/$n.log" >/dev/null &&
        sed -n "$(grep -n -m1 -E '==ERROR|runtime error|deadly signal|Assertion|terminate called' "$findings/$n.log" | cut -d: -f1),+60p" \
          "$findings/$n.log" >&2 || tail -80 "$findings/$n.log" >&2
      # The input itself, so that a finding in CI can be reproduced without its machine.
      local f
      for f in "$findings/$n"-crash-* "$findings/$n"-timeout-* "$findings/$n"-oom-* "$findings/$n"-leak-*; do
        [ -f "$f" ] && { echo "== $f (base64)" >&2; head -c 20000 "$f" | base64 >&2; }
      done
    fi
  done
  return $status
}

# -O1, line tables, and only the programs that run: TSan slows code 5-15×, and the threads are
# what is checked, not the optimiser. The ANTLR runtime is Debian's uninstrumented static library:
# TSan sees its locks (pthread calls are intercepted) but not its memory accesses, so it checks
# pingfen's code and pingfen's use of the runtime (the parser and its token stream), not the runtime's
# insides. No suppression is needed today; add one only for a race proved to be inside the runtime
# and harmless, and say why beside it.
run_tsan() {
  echo "== embed example and pingfen batch -j4 under ThreadSanitizer (gcc, build-tsan/)"
  local flags="-fsanitize=thread -fno-omit-frame-pointer"
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_UNITY_BUILD=ON \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
    -DPINGFEN_BUILD_TESTS=OFF -DPINGFEN_BUILD_BENCH=ON -DPINGFEN_FUZZ=OFF >/dev/null || return 1
  cmake --build build-tsan -j"$jobs" --target pingfen pingfen_cli || return 1
  # The generated records come from pingfen_bench (--jsonl; not timed here): the Release build's
  # when test.sh has built it, else one built here.
  local bench=build/pingfen_bench
  if [ ! -x "$bench" ]; then
    cmake --build build-tsan -j"$jobs" --target pingfen_bench || return 1
    bench=build-tsan/pingfen_bench
  fi
  rm -rf build-tsan/install && cmake --install build-tsan --prefix build-tsan/install >/dev/null || return 1
  cmake -S examples/embed -B build-tsan/embed -DCMAKE_PREFIX_PATH="$root/build-tsan/install" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null || return 1
  cmake --build build-tsan/embed -j"$jobs" >/dev/null || return 1

  # A report makes the program exit 66 at once and is written to a file as well, checked
  # afterwards: `pingfen batch` exits 1 when a generated record fails (some are meant to), and
  # that must not hide a report.
  local logs=$root/build-tsan/sanitizer-logs out=$root/build-tsan/out
  rm -rf "$logs" "$out" && mkdir -p "$logs" "$out"
  local opts="halt_on_error=1:exitcode=66:second_deadlock_stack=1:log_path=$logs/tsan"
  local status=0 records=300 rc
  TSAN_OPTIONS=$opts build-tsan/embed/embed rulesets/huadu/2023.pf rulesets/huadu/2023.example.json || status=1

  "$bench" --jsonl "$records" >"$out/records.jsonl" || return 1
  rc=0
  TSAN_OPTIONS=$opts build-tsan/pingfen batch rulesets/huadu/2023.pf "$out/records.jsonl" -j4 \
    --format jsonl -o "$out/batch.jsonl" 2>"$out/batch.stderr" || rc=$?
  tail -1 "$out/batch.stderr"
  local rows
  rows=$(cat "$out/batch.jsonl" 2>/dev/null | wc -l)
  if [ "$rc" -gt 1 ] || [ "$rows" -ne "$records" ]; then
    echo "ci_extra: pingfen batch -j4 exited $rc with $rows of $records rows" >&2
    tail -20 "$out/batch.stderr" >&2
    status=1
  fi
  if compgen -G "$logs/*" >/dev/null; then
    echo "ci_extra: ThreadSanitizer reports:" >&2
    for f in "$logs"/*; do echo "--- $f" >&2; cat "$f" >&2; done
    status=1
  fi
  return $status
}

status=0
case "$what" in
  asan) run_asan || status=1 ;;
  fuzz) run_fuzz || status=1 ;;
  tsan) run_tsan || status=1 ;;
  all)
    for step in asan fuzz tsan; do
      started=$SECONDS
      "run_$step" || status=1
      echo "== ci_extra: $step took $((SECONDS - started)) s"
    done ;;
  *) echo "usage: $0 [asan|fuzz|tsan|all]" >&2; exit 2 ;;
esac
exit $status
