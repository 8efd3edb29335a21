#!/usr/bin/env bash
# A long fuzzing campaign of one tests/fuzz target: JOBS processes for
# DURATION seconds over a corpus kept outside the repository (it grows from
# run to run), then the executions, coverage and any crash inputs.
# Usage: bench/fuzz.sh TARGET [DURATION_SECONDS=3600] [JOBS=nproc]
#   FUZZ_WORK: the campaign's folder (default /tmp/herald-fuzz/TARGET)
#   HERALD_FUZZ_BUILD: the fuzz build (default build-fuzz, made if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: bench/fuzz.sh TARGET [DURATION_SECONDS] [JOBS]}"
duration="${2:-3600}"
jobs="${3:-$(nproc)}"
build_dir="$(realpath -m "${HERALD_FUZZ_BUILD:-build-fuzz}")"
work="$(realpath -m "${FUZZ_WORK:-/tmp/herald-fuzz/$target}")"
root="$(pwd)"

if [ ! -x "$build_dir/fuzz/$target" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHERALD_FUZZ=ON >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)" --target "$target"

mkdir -p "$work/corpus" "$work/crashes"
cp -rn "tests/fuzz/seeds/$target/." "$work/corpus/"
dictionary=()
case "$target" in
  fuzz_query | fuzz_query_string | fuzz_web | fuzz_snippet) dictionary=("-dict=$root/tests/fuzz/query.dict") ;;
esac
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/tests/fuzz/lsan.supp:print_suppressions=0}"

before="$(find "$work/corpus" -type f | wc -l)"
start="$(date +%s)"
cd "$work"
rm -f fuzz-*.log
# -fork keeps fuzzing after a crash (each crash input is saved) and merges
# every worker's finds into the one corpus.
status=0
"$build_dir/fuzz/$target" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$duration" -timeout=25 -print_final_stats=1 -artifact_prefix="$work/crashes/" \
  "${dictionary[@]}" "$work/corpus" >"$work/campaign.log" 2>&1 || status=$?
elapsed=$(($(date +%s) - start))

echo "target:   $target, $jobs jobs, ${elapsed}s wall (exit status $status)"
echo "execs:    $(grep -Eo '^#[0-9]+' campaign.log | tail -1 | tr -d '#') in all," \
  "$(grep -Eo 'exec/s:? [0-9]+' campaign.log | tail -1 | grep -Eo '[0-9]+$') a second at the last report"
echo "coverage: $(grep -Eo 'cov: [0-9]+ ft: [0-9]+' campaign.log | tail -1)"
echo "corpus:   $before -> $(find "$work/corpus" -type f | wc -l) inputs in $work/corpus"
crashes="$(find "$work/crashes" -type f | wc -l)"
echo "crashes:  $crashes in $work/crashes (log: $work/campaign.log)"
[ "$crashes" -eq 0 ]
