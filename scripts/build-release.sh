#!/usr/bin/env bash
# Builds a portable dxrsync for Databricks clusters: release mode, Swift standard library and
# Foundation linked statically, so the binary needs only the system C libraries. Then it checks
# that the glibc symbol versions it needs exist on the oldest supported Databricks runtime OS
# (Ubuntu 22.04, glibc 2.35: Databricks Runtime 13.3 LTS through 16.x; 17.x runs Ubuntu 24.04 with
# glibc 2.39), and that it runs with no Swift toolchain on the PATH.
#
#   scripts/build-release.sh [OUTPUT]      (default: deploy/databricks/dxrsync)
#
# The build goes to .build-release (about 10-20 minutes cold on 2 cores, seconds when warm). It
# builds for this machine's architecture; for arm64 (Graviton) clusters run it on an arm64 Linux
# machine, or cross-compile with a static Linux SDK (see docs/deploy-databricks.md).
set -euo pipefail
cd "$(dirname "$0")/.."

output=${1:-deploy/databricks/dxrsync}
oldest_glibc=2.35

echo "==> building dxrsync (release, static Swift standard library)"
# Progress lines are dropped; warnings and errors are shown, and a failed build stops the script.
swift build -c release --product dxrsync --static-swift-stdlib --scratch-path .build-release 2>&1 |
    { grep -v -E '^\[[0-9]+/[0-9]+\]|swift-distributed-tracing|CMakeLists.txt' || true; }
binary=.build-release/release/dxrsync
mkdir -p "$(dirname "$output")"
cp "$binary" "$output"
strip "$output" 2>/dev/null || true
echo "==> $output: $(du -h "$output" | cut -f1), $(file -b "$output" | cut -d, -f1-2)"

echo "==> shared libraries it loads"
ldd "$output" | sed 's/^/    /'
if ldd "$output" | grep -q 'libswift\|libFoundation\|lib_Foundation'; then
    echo "error: the binary still loads Swift runtime libraries" >&2
    exit 1
fi

echo "==> glibc symbol versions it needs (objdump -T)"
versions=$(objdump -T "$output" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -u -V)
echo "$versions" | tr '\n' ' ' | sed 's/^/    /'
echo
newest=$(echo "$versions" | sed 's/GLIBC_//' | sort -V | tail -n 1)
if [ "$(printf '%s\n%s\n' "$newest" "$oldest_glibc" | sort -V | tail -n 1)" != "$oldest_glibc" ]; then
    echo "error: needs GLIBC_$newest, newer than glibc $oldest_glibc on Ubuntu 22.04 (the oldest supported runtime OS)" >&2
    echo "$(objdump -T "$output" | grep "GLIBC_$newest" | sed 's/^/    /')" >&2
    exit 1
fi
echo "    newest is GLIBC_$newest: runs on glibc $oldest_glibc (Ubuntu 22.04) and later"

echo "==> running it from an empty folder with no Swift toolchain on the PATH"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$output" "$scratch/dxrsync"
(cd "$scratch" && env -i PATH=/usr/bin:/bin HOME="$scratch" ./dxrsync --version)
echo "==> done: $output"
