#!/usr/bin/env bash
# Every benchmark in one command: builds dxrsync, StoreBenchmark and PartitionBenchmark in release
# mode (the same static build as scripts/build-release.sh, in .build-release), then runs
# Benchmarks/bench.py, which generates its data, runs each benchmark and its baseline side by side,
# and prints a table of medians and ratios. BENCHMARKS.md records the latest figures.
#
#   scripts/bench.sh [--quick] [--json FILE] [--only NAME] [--scale 1m|100k|10m]
#
# A cold release build takes about 10 minutes on 2 cores; the benchmarks about 5 more.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> building dxrsync, StoreBenchmark and PartitionBenchmark (release)" >&2
for product in dxrsync StoreBenchmark PartitionBenchmark; do
    swift build -c release --product "$product" --static-swift-stdlib --scratch-path .build-release 2>&1 |
        { grep -v -E '^\[[0-9]+/[0-9]+\]|swift-distributed-tracing|CMakeLists.txt|^Building for|^Build of product' || true; } >&2
done
# The workspace stand-in's Python environment, as the tests make it (same folder, same marker).
venv=.build/stand-in-venv
if ! cmp -s "$venv/.requirements" Tests/DatabricksWorkspace/requirements.txt; then
    echo "==> creating the stand-in's Python environment in $venv" >&2
    python3 -m venv --system-site-packages "$venv"
    "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check \
        -r Tests/DatabricksWorkspace/requirements.txt >&2
    cp Tests/DatabricksWorkspace/requirements.txt "$venv/.requirements"
fi
exec "$venv/bin/python3" Benchmarks/bench.py --bin .build-release/release "$@"
