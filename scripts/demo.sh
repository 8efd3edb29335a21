#!/usr/bin/env bash
# Installs dependencies, builds, indexes the bundled sample corpus (corpus/)
# and runs the query that defined the product.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build
rm -rf build/sample.db
build/bin/herald-indexer --db build/sample.db corpus
build/bin/herald-searcher --db build/sample.db gas hub Turkey
