#!/usr/bin/env bash
# Measures task generation at long lengths against the floor of writing the same bytes with
# coreutils (`yes … | head -c`), and prints the ratio. Usage: Benchmarks/bench-generate/run.sh
# (FSCTX=path/to/fsctx to use a given binary; default: the release build, built if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
fsctx="${FSCTX:-.build/release/fsctx}"
[ -x "$fsctx" ] || swift build -c release --product fsctx >/dev/null
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }

for tokens in 131072 1048576; do
    bytes=$((tokens * 4))
    for haystack in noise prose; do
        ours=$(seconds "$fsctx" bench generate niah --out "$work/niah-$haystack-$tokens" --haystack "$haystack" --lengths "$tokens" --depths 0.5)
        floor=$(seconds sh -c "yes 'The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again.' | head -c $bytes > $work/floor-$tokens.txt")
        printf 'niah %-5s %8d tokens: fsctx %.3fs  coreutils floor %.3fs  ratio %.1fx\n' "$haystack" "$tokens" "$ours" "$floor" "$(echo "$ours / $floor" | bc -l)"
    done
done
agg=$(seconds "$fsctx" bench generate aggregate --out "$work/agg" --lengths 1m)
printf "aggregate 1048576 tokens: fsctx %.3fs\n" "$agg"
thr=$(seconds "$fsctx" bench generate threading --out "$work/thr" --lengths 1m --chains 20 --hops 5)
printf "threading 1048576 tokens, 20 chains x 5 hops: fsctx %.3fs\n" "$thr"
