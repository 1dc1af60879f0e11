#!/usr/bin/env bash
# Regenerates docs/report.png, the README's picture of `dxrsync report --html`: runs the demo into
# a temporary folder and photographs its report page with headless Chromium (Debian's chromium).
#
#   scripts/screenshot-report.sh [DXRSYNC_BINARY]   (default: .build/debug/dxrsync)
set -euo pipefail
cd "$(dirname "$0")/.."

binary=$(realpath "${1:-.build/debug/dxrsync}")
examples=$(realpath examples/volume)
chromium=${CHROMIUM:-chromium}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && "$binary" demo --dir dxrsync-demo --volume-base-path "$examples" >/dev/null 2>&1)
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" \
    --hide-scrollbars --window-size=1280,1760 --screenshot="$work/report.png" \
    "file://$work/dxrsync-demo/report.html" 2>/dev/null
mv "$work/report.png" docs/report.png
echo "wrote docs/report.png"
