#!/usr/bin/env bash
# Configures and builds Herald. Usage: scripts/build.sh [BUILD_DIR] [extra cmake args...]
# Binaries land in BUILD_DIR/bin (default: build/bin).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${1:-build}"
shift || true
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)"
