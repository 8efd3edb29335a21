#!/usr/bin/env bash
# Runs a fuzz target once on every file of the given folders (seeds and
# regression inputs): libFuzzer executes files named on its command line
# and exits, failing on the first crash (its report is printed then).
# Missing folders are skipped.
# Usage: replay.sh TARGET DIR...
set -euo pipefail
target="$1"
shift
files=()
for dir in "$@"; do
  [ -d "$dir" ] || continue
  while IFS= read -r -d '' file; do files+=("$file"); done < <(find "$dir" -type f -print0 | sort -z)
done
if [ "${#files[@]}" -eq 0 ]; then
  echo "replay: no inputs for $(basename "$target")" >&2
  exit 1
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if "$target" "${files[@]}" >"$log" 2>&1; then
  echo "replay: $(basename "$target"): ${#files[@]} inputs, no crash"
else
  status=$?
  cat "$log"
  exit "$status"
fi
