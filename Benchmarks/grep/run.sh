#!/usr/bin/env bash
# Recursive grep over a generated ~1 GB corpus work tree (~140k files): `fsctx sh -c 'grep -rn …'`
# against `rg -n` on the same tree, warm cache, output through a pipe, same run.
#
# usage: Benchmarks/grep/run.sh [CORPUS_DIR]    (env: MB=1024 FILES=140000 RUNS=5 FSCTX=path PRIO=)
# PRIO wraps each timed pipeline (both tools alike), e.g. PRIO="chrt -f 1" on a box shared with builds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${1:-/tmp/fsctx-grep-bench}"
MB="${MB:-1024}"; FILES="${FILES:-140000}"; RUNS="${RUNS:-5}"; PRIO="${PRIO:-}"
FSCTX="${FSCTX:-$root/.build/release/fsctx}"
command -v rg >/dev/null || { echo "rg (ripgrep) is needed: apt-get install ripgrep" >&2; exit 2; }
[ -x "$FSCTX" ] || (cd "$root" && swift build -c release --product fsctx >&2)

if [ ! -d "$corpus/.git" ]; then
    echo "generating $MB MB in $FILES files under $corpus …" >&2
    python3 "$here/generate.py" "$corpus" --mb "$MB" --files "$FILES"
    git -C "$corpus" init -q -b corpus
    git -C "$corpus" -c core.looseCompression=1 add -A
    git -C "$corpus" -c user.email=bench@fsctx -c user.name=bench commit -qm "grep benchmark corpus"
fi
cd "$corpus"
echo "corpus: $(find docs -type f | wc -l) files, $(du -sh --apparent-size docs | cut -f1)" >&2

# Warm the page cache; the first fsctx grep builds the packed corpus image (timed separately).
rg -c zzzz-warm . >/dev/null || true
rm -rf .git/fsctx/images
start=$(date +%s.%N)
"$FSCTX" sh . --no-record -c "grep -rc zzzz-warm . | head -1" >/dev/null || true
image_seconds=$(echo "$(date +%s.%N) - $start" | bc)
sync  # let the image's writeback finish before timing
"$FSCTX" sh . --no-record -c "grep -rc zzzz-warm . | head -1" >/dev/null || true
echo "image build (first grep, once per corpus commit): ${image_seconds}s, $(du -h .git/fsctx/images/*.img | cut -f1)" >&2

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_cmd() { # prints seconds; output goes through a pipe to wc
    local s e; s=$(date +%s.%N); $PRIO bash -c "$1 | wc -c > /tmp/fsctx-bench-bytes"; e=$(date +%s.%N); echo "$e - $s" | bc
}

echo "load average: $(uptime | sed 's/.*average: //')${PRIO:+; timed under: $PRIO}" >&2
printf "%-22s %10s %10s %8s %12s %s\n" "pattern" "rg s" "fsctx s" "rg/fsctx" "output MB" "target"
while IFS='@' read -r name grep_args rg_args target; do
    rg_times=(); fx_times=()
    for _ in $(seq "$RUNS"); do
        rg_times+=("$(time_cmd "rg -n $rg_args .")"); rg_bytes=$(cat /tmp/fsctx-bench-bytes)
        fx_times+=("$(time_cmd "$FSCTX sh . --no-record --max-output 100000000000 -c \"grep -rn $grep_args .\"")"); fx_bytes=$(cat /tmp/fsctx-bench-bytes)
    done
    rg_s=$(printf "%s\n" "${rg_times[@]}" | median); fx_s=$(printf "%s\n" "${fx_times[@]}" | median)
    [ "$rg_bytes" = "$fx_bytes" ] || echo "WARNING: $name: rg printed $rg_bytes bytes, fsctx $fx_bytes" >&2
    printf "%-22s %10.3f %10.3f %7.2fx %12.1f %s\n" "$name" "$rg_s" "$fx_s" "$(echo "$rg_s / $fx_s" | bc -l)" \
        "$(echo "$fx_bytes / 1048576" | bc -l)" "$target"
done <<'PATTERNS'
rare literal@xq7-needle-zebra@xq7-needle-zebra@>= 5x
case-insensitive@-i 'QUANTUM HARBOR'@-i 'QUANTUM HARBOR'@>= 2x
five phrases@-E 'quantum harbor|silent meadow|copper lantern|broken compass|velvet thunder'@'quantum harbor|silent meadow|copper lantern|broken compass|velvet thunder'@>= 2x
\w+tion\b@-E '\w+tion\b'@'\w+tion\b'@>= 2x
most lines (e)@e@e@>= 1x
PATTERNS
