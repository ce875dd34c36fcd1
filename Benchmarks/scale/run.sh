#!/usr/bin/env bash
# A large generated JSONL corpus end to end (issue #16 item 2): materialize peak RSS, image and
# index builds (time, peak RSS), a rare literal grep (one `fsctx sh -c` process and inside one
# session) against `rg -uu` on the same work tree in the same run, a common word with the index
# against the scan, and ls / find / tree / INDEX.md at the corpus's size. Warm cache.
#
# usage: Benchmarks/scale/run.sh [MB] [DIR]
#   MB   size of the generated JSONL (default 10000: ~1.5M documents, 10 GB)
#   DIR  where data goes (default ~/.cache/fsctx/scale): prose-<MB>m.jsonl, corpus-<MB>m/
#   env: RUNS=5 FSCTX=path PRIO="chrt -f 1" (wraps every timed command) KEEP_JSONL=1 (else the
#        JSONL is removed after materializing: the generator remakes the same bytes)
# Needs ~2.7× MB of disk while materializing (JSONL, packs, work tree), ~2× MB after, plus the image.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
MB="${1:-10000}"; DIR="${2:-$HOME/.cache/fsctx/scale}"
RUNS="${RUNS:-5}"; PRIO="${PRIO:-}"
FSCTX="${FSCTX:-$root/.build/release/fsctx}"
command -v rg >/dev/null || { echo "rg (ripgrep) is needed: apt-get install ripgrep" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed: apt-get install time" >&2; exit 2; }
[ -x "$FSCTX" ] || (cd "$root" && swift build -c release --product fsctx >&2)
mkdir -p "$DIR"
jsonl="$DIR/prose-${MB}m.jsonl"; corpus="$DIR/corpus-${MB}m"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { local s; s=$(date +%s.%N); $PRIO bash -c "$1" >/dev/null </dev/null; echo "$(date +%s.%N) - $s" | bc; }
# "<wall s> <peak RSS MB>" of a command run under /usr/bin/time.
measured() { $PRIO /usr/bin/time -f "%e %M" -o /tmp/fsctx-scale-time bash -c "$1" >/dev/null </dev/null; awk '{printf "%s %d\n", $1, $2 / 1024}' /tmp/fsctx-scale-time; }

if [ ! -d "$corpus/.git" ]; then
    if [ ! -f "$jsonl" ]; then
        echo "generating $jsonl ($MB MB) …" >&2
        nice -n 10 python3 "$root/Benchmarks/materialize/generate.py" "$jsonl.part" --mb "$MB" >&2
        # Three needles, each in one document at the end.
        for needle in xq7-needle-zebra qv9-needle-walrus zz4-needle-okapi; do
            printf '{"id":"needle-%s","title":"Needle %s","text":"The keeper wrote %s in the log.\\n"}\n' "$needle" "$needle" "$needle" >> "$jsonl.part"
        done
        mv "$jsonl.part" "$jsonl"
    fi
    echo "materializing into $corpus …" >&2
    read -r wall rss < <(measured "'$FSCTX' materialize '$jsonl' --into '$corpus'")
    echo "$wall $rss" > "$DIR/corpus-${MB}m.materialize"
    [ "${KEEP_JSONL:-0}" = 1 ] || rm -f "$jsonl"
fi
read -r materialize_s materialize_mb < "$DIR/corpus-${MB}m.materialize"
cd "$corpus"
files=$(git ls-files | grep -cv '^\.fsctx/' || true)
content=$(du -sb --apparent-size docs | cut -f1)
echo "corpus: $files files (INDEX.md and docs/), $(( content / 1000000 )) MB in docs/; $(nproc) cores, load average $(uptime | sed 's/.*average: //')" >&2
echo "materialize: ${materialize_s}s wall, peak RSS ${materialize_mb} MB (target <= 400 MB)" >&2

rm -f .git/fsctx/images/*.img .git/fsctx/images/*.tri
# A recursive grep builds the image of the whole corpus; it then searches one small folder only, so
# the peak RSS is the build's, not the scan's (a scan of the mapped image counts its pages as RSS).
leaf=$(find docs -type d -links 2 -print -quit)  # not `| head`: find's SIGPIPE would end the script (pipefail)
read -r image_s image_mb < <(measured "'$FSCTX' sh . --no-record --no-index -c 'grep -rc zzzz-warm $leaf | head -1'")
read -r index_s index_mb < <(measured "'$FSCTX' index .")
index_bytes=$(stat -c %s .git/fsctx/images/*.tri)
echo "image build (first recursive grep, whole process): ${image_s}s, peak RSS ${image_mb} MB; index build: ${index_s}s, peak RSS ${index_mb} MB" \
     "(RSS counts mapped image pages too);" \
     "index $(( index_bytes / 1000000 )) MB = $(echo "scale=1; 100 * $index_bytes / $content" | bc)% of the content" >&2

# Warm every reader once.
rg -uu -c zzzz-warm -g '!.git' -g '!.fsctx' . >/dev/null || true
"$FSCTX" sh . --no-record -c "grep -rc zzzz-warm . | head -1" >/dev/null || true

session() {  # median ms of one command repeated inside one session
    for _ in $(seq $((RUNS * 3))); do echo "$1"; done |
        $PRIO "$FSCTX" sh . --no-record --each-line --timing $2 2>&1 >/dev/null | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p'
}
printf "%-30s %8s %9s %10s %10s %9s %7s\n" "grep" "rg s" "fsctx s" "rg/fsctx" "session ms" "scan ms" "lines"
while IFS='@' read -r name grep_args rg_args; do
    rg_t=(); fx_t=()
    for _ in $(seq "$RUNS"); do
        rg_t+=("$(seconds "rg -uu -n -g '!.git' -g '!.fsctx' $rg_args . | wc -l > /tmp/fsctx-scale-rg")")
        fx_t+=("$(seconds "'$FSCTX' sh . --no-record --max-output 100000000000 -c \"grep -rn $grep_args .\" | wc -l > /tmp/fsctx-scale-fx")")
    done
    rg_s=$(printf "%s\n" "${rg_t[@]}" | median); fx_s=$(printf "%s\n" "${fx_t[@]}" | median)
    [ "$(cat /tmp/fsctx-scale-rg)" = "$(cat /tmp/fsctx-scale-fx)" ] || echo "note: $name: rg printed $(cat /tmp/fsctx-scale-rg) lines, fsctx $(cat /tmp/fsctx-scale-fx)" >&2
    with_ms=$(session "grep -rn $grep_args . | wc -l" "")
    scan_ms=$(session "grep -rn $grep_args . | wc -l" "--no-index")
    printf "%-30s %8.3f %9.3f %9.1fx %10s %9s %7d\n" "$name" "$rg_s" "$fx_s" "$(echo "$rg_s / $fx_s" | bc -l)" "$with_ms" "$scan_ms" "$(cat /tmp/fsctx-scale-fx)"
done <<'PATTERNS'
rare literal@xq7-needle-zebra@xq7-needle-zebra
rare literal -i@-i XQ7-NEEDLE-ZEBRA@-i XQ7-NEEDLE-ZEBRA
common word -l lantern@-l lantern@-l lantern
PATTERNS

echo "listing (one fsctx sh process each; output bytes as printed through a pipe, --max-output unlimited):" >&2
while IFS='@' read -r name command; do
    t=$(seconds "'$FSCTX' sh . --no-record --max-output 100000000000 -c \"$command\" > /tmp/fsctx-scale-out")
    read -r wall mb < <(measured "'$FSCTX' sh . --no-record --max-output 100000000000 -c \"$command\"")
    printf "%-28s %7.2fs  peak RSS %4d MB  %9d bytes  %8d lines\n" "$name" "$t" "$mb" "$(stat -c %s /tmp/fsctx-scale-out)" "$(wc -l < /tmp/fsctx-scale-out)"
done <<'COMMANDS'
ls@ls
ls docs/<first>@ls docs/$(ls docs | head -1)
find . -name '*.txt'@find . -name '*.txt'
tree -L 2 docs@tree -L 2 docs
tree (everything)@tree
cat INDEX.md@cat INDEX.md
COMMANDS
largest=$(find .fsctx/index -name '*.md' -printf '%s %p\n' | sort -n | tail -1)
echo "INDEX.md $(stat -c %s INDEX.md) bytes; $(find .fsctx/index -name '*.md' | wc -l) pages under .fsctx/index, largest: $largest" >&2
