#!/usr/bin/env bash
# Issue #5 quality table: the offline model with agent, rlm and srlm on generated single-needle
# NIAH tasks at ~32K, ~128K and ~1M tokens (4 chars ≈ 1 token) and five depths, on a noise and a
# prose haystack, plus word and UUID values. Prints `fsctx compare` tables.
#
#   Benchmarks/niah-quality/run.sh [work-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d /tmp/fsctx-niah-quality.XXXXXX)}
mkdir -p "$work"
(cd "$root" && swift build -c release --product fsctx >/dev/null)
fsctx="$root/.build/release/fsctx"
cd "$work"
suite() {
    local name=$1; shift
    [ -f "$name/tasks.jsonl" ] || "$fsctx" bench generate niah --out "$name" "$@" >/dev/null
    "$fsctx" bench "$name/tasks.jsonl" --strategies agent,rlm,srlm --models offline --concurrency 2 \
        --out "$name.jsonl" >/dev/null 2>&1
    echo "## $name ($*)"
    "$fsctx" compare --results "$name.jsonl"
    echo
}
suite noise-number --haystack noise --lengths 32k,128k,1m --depths 0,0.25,0.5,0.75,1 --seed 5
suite prose-number --haystack prose --lengths 32k,128k,1m --depths 0,0.25,0.5,0.75,1 --seed 9
suite prose-word   --haystack prose --values word --lengths 32k,128k,1m --depths 0,0.5,1 --seed 3
suite prose-uuid   --haystack prose --values uuid --lengths 32k,128k,1m --depths 0,0.5,1 --seed 4
echo "work folder: $work"
