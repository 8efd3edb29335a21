#!/usr/bin/env bash
# Installs dependencies, builds with warnings as errors and runs every test
# (Catch2 unit tests and integration tests through the real binaries).
# Usage: scripts/test.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${1:-build}"
shift || true
bash scripts/install-deps.sh
bash scripts/build.sh "$BUILD_DIR" -DHERALD_WERROR=ON "$@"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"
