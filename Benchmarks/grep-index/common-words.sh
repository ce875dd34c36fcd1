#!/usr/bin/env bash
# Common words with the trigram index against the scan, inside one session each (`fsctx sh --each-line
# --timing`, median ms of RUNS greps), ROUNDS alternating sessions per mode, median over rounds:
#   scan     `--no-index`
#   always   the index's candidates even when they are most of the corpus (FSCTX_INDEX_SCAN_COVERAGE=2)
#   default  the planner's rule (scan when the candidates hold >= 90% of the bytes, TrigramIndex+Plan.swift)
# usage: Benchmarks/grep-index/common-words.sh FSCTX CORPUS ROUNDS RUNS 'grep args'...
#   e.g. common-words.sh .build/release/fsctx ~/.cache/fsctx/linux-6.1/corpus 3 3 return '-w int' '-l the'
fx=$1; corpus=$2; rounds=$3; runs=$4; shift 4
cd "$corpus"
med() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
one() { for _ in $(seq $runs); do echo "$prog"; done | env $1 "$fx" sh . --no-record --each-line --timing $2 2>&1 >/dev/null | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p'; }
for w in "$@"; do
  prog="grep -rn $w . | wc -l"
  s=(); i=(); d=()
  for _ in $(seq $rounds); do
    s+=("$(one FSCTX_BENCH_MODE=scan --no-index)"); i+=("$(one FSCTX_INDEX_SCAN_COVERAGE=2 "")"); d+=("$(one FSCTX_BENCH_MODE=default "")")
  done
  sm=$(printf "%s\n" "${s[@]}" | med); im=$(printf "%s\n" "${i[@]}" | med); dm=$(printf "%s\n" "${d[@]}" | med)
  printf "%-14s scan %7.1f ms always %7.1f ms (%.2f)  default %7.1f ms (%.2f)\n" "$w" "$sm" "$im" "$(echo "$im / $sm" | bc -l)" "$dm" "$(echo "$dm / $sm" | bc -l)"
done
