#!/usr/bin/env bash
# Scan benchmark: builds dxrsync in release mode, generates a tree of FILES small files in
# FOLDERS folders, and prints the median wall time of `dxrsync plan --json` (list + plan) as a
# ratio to `find ROOT -type f -printf '%s %T@ %P\n'` on the same tree, measured in one run.
#
#   scripts/bench-scan.sh [FILES] [FOLDERS] [ROUNDS]     defaults: 100000 1000 7
#
# Target (issue 2): ratio <= 1.5. Set DXRSYNC_BIN to skip the build and use a given binary.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-100000}
folders=${2:-1000}
rounds=${3:-7}

if [ -z "${DXRSYNC_BIN:-}" ]; then
    echo "building release binary (about 10 minutes cold)..." >&2
    swift build -c release --product dxrsync --scratch-path .build-release >&2
    DXRSYNC_BIN=.build-release/release/dxrsync
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/base/bench/scan/tree"
python3 - "$root" "$files" "$folders" <<'PY'
import os, sys
root, files, folders = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for f in range(folders):
    os.makedirs(os.path.join(root, f"d{f // 100:02d}", f"folder-{f:04d}"), exist_ok=True)
for i in range(files):
    f = i % folders
    with open(os.path.join(root, f"d{f // 100:02d}", f"folder-{f:04d}", f"file-{i:06d}.txt"), "w") as out:
        out.write("x" * (i % 100))
PY

export VOLUME_BASE_PATH="$work/base" VOLUME_CATALOG=bench VOLUME_SCHEMA=scan VOLUME_NAME=tree
listed=$("$DXRSYNC_BIN" plan --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["files"])')
[ "$listed" = "$files" ] || { echo "dxrsync listed $listed files, expected $files" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
dxr_times=(); find_times=()
for _ in $(seq "$rounds"); do
    start=$(date +%s%N); find "$root" -type f -printf '%s %T@ %P\n' >/dev/null; end=$(date +%s%N)
    find_times+=($(( (end - start) / 1000000 )))
    start=$(date +%s%N); "$DXRSYNC_BIN" plan --json >/dev/null; end=$(date +%s%N)
    dxr_times+=($(( (end - start) / 1000000 )))
done
find_ms=$(printf '%s\n' "${find_times[@]}" | median)
dxr_ms=$(printf '%s\n' "${dxr_times[@]}" | median)
ratio=$(python3 -c "print(f'{$dxr_ms / max($find_ms, 1):.2f}')")
echo "files=$files folders=$folders rounds=$rounds"
echo "find -printf median: ${find_ms} ms   (runs: ${find_times[*]})"
echo "dxrsync plan median: ${dxr_ms} ms   (runs: ${dxr_times[*]})"
echo "ratio dxrsync/find: ${ratio} (target <= 1.5)"
