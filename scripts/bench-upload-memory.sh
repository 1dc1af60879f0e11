#!/usr/bin/env bash
# Streaming-memory benchmark: uploads a SIZE_MIB file (default 512) through the DXR client to
# `dxrsync emulate-dxr` running in another process and prints the client's peak resident memory.
# Target (issue 3): under 100 MiB. Release build; set BUILD=0 to reuse .build-release.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-512}
if [ "${BUILD:-1}" = 1 ]; then
    swift build -c release --product dxrsync --scratch-path .build-release >&2
    swift build -c release --product UploadMemoryBenchmark --scratch-path .build-release >&2
fi
bin=.build-release/release

work=$(mktemp -d)
emulator_pid=""
cleanup() { [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/volume"
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$work/volume/large.bin"
printf 'contact avery@example.com\n' > "$work/volume/small.txt"

"$bin/dxrsync" emulate-dxr --port 0 --token bench-token --job-latency 0.2 > "$work/emulator.out" &
emulator_pid=$!
for _ in $(seq 100); do grep -q listening "$work/emulator.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/emulator.out" | head -n 1)

"$bin/UploadMemoryBenchmark" "$work/volume" "$url" bench-token 1
