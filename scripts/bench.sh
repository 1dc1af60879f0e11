#!/usr/bin/env bash
# Every benchmark in one command: builds dxrsync and StoreBenchmark in release mode (the same
# static build as scripts/build-release.sh, in .build-release), then runs Benchmarks/bench.py,
# which generates its data, runs each benchmark and its baseline side by side, and prints a table
# of medians and ratios. BENCHMARKS.md records the latest figures.
#
#   scripts/bench.sh [--quick] [--json FILE]
#
# A cold release build takes about 10 minutes on 2 cores; the benchmarks about 5 more.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> building dxrsync and StoreBenchmark (release)" >&2
for product in dxrsync StoreBenchmark; do
    swift build -c release --product "$product" --static-swift-stdlib --scratch-path .build-release 2>&1 |
        { grep -v -E '^\[[0-9]+/[0-9]+\]|swift-distributed-tracing|CMakeLists.txt|^Building for|^Build of product' || true; } >&2
done
python3 -c 'import deltalake, duckdb, sqlglot' 2>/dev/null ||
    python3 -m pip install --quiet --disable-pip-version-check -r Tests/DatabricksWorkspace/requirements.txt >&2
exec python3 Benchmarks/bench.py --bin .build-release/release "$@"
