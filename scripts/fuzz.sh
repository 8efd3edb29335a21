#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan+UBSan), replays
# their seeds and regression inputs, then fuzzes each target for SECONDS
# (default 30), as many at once as there are cores. The corpus grows in a
# temporary copy of the seeds, so nothing is written into the repository. A
# crash fails the run; its input is kept in BUILD_DIR/fuzz-crashes/TARGET/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (BUILD_DIR: $HERALD_FUZZ_BUILD, default build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
build_dir="${HERALD_FUZZ_BUILD:-build-fuzz}"
jobs="$(nproc)"

CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DHERALD_FUZZ=ON -DHERALD_WERROR=ON >/dev/null
cmake --build "$build_dir" -j "$jobs" --target fuzz_targets
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" -L fuzz

targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  for source in tests/fuzz/fuzz_*.cpp; do
    name="$(basename "$source" .cpp)"
    [ "$name" = fuzz_support ] || targets+=("$name")
  done
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(pwd)/tests/fuzz/lsan.supp:print_suppressions=0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The targets that read query syntax get its dictionary.
dictionary_for() {
  case "$1" in
    fuzz_query | fuzz_query_string | fuzz_web | fuzz_snippet) echo "-dict=tests/fuzz/query.dict" ;;
  esac
}

fuzz_one() {
  local name="$1" dir="$work/$1"
  mkdir -p "$dir/corpus"
  cp -r "tests/fuzz/seeds/$name/." "$dir/corpus/"
  # -timeout: an input that takes this long is a bug of its own (a hang).
  # -seed: a fixed one (HERALD_FUZZ_SEED, default 1) makes a gating run
  # repeatable: the same code tries the same inputs in the same order, as
  # far as the time allows; long campaigns (bench/fuzz.sh) draw new seeds.
  # shellcheck disable=SC2046
  if "$build_dir/fuzz/$name" -max_total_time="$seconds" -seed="${HERALD_FUZZ_SEED:-1}" -timeout=25 -print_final_stats=1 \
    -artifact_prefix="$dir/" $(dictionary_for "$name") "$dir/corpus" >"$dir/log" 2>&1; then
    echo "fuzz: $name: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$dir/log" | grep -o '[0-9]*$') runs," \
      "$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1), no crash"
  else
    echo "fuzz: $name FAILED; its log:"
    tail -n 60 "$dir/log"
    mkdir -p "$build_dir/fuzz-crashes/$name"
    cp "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-* "$build_dir/fuzz-crashes/$name/" 2>/dev/null || true
    echo "fuzz: $name: the input is in $build_dir/fuzz-crashes/$name/"
    touch "$work/failed"
  fi
}

for name in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  fuzz_one "$name" &
done
wait
if [ -e "$work/failed" ]; then exit 1; fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no crash"
