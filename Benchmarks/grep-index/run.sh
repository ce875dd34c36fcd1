#!/usr/bin/env bash
# Indexed recursive grep on a real source tree (Debian's linux-source-6.1): `fsctx sh -c 'grep -rn …'`
# with the trigram index against `rg -uu -n` and `git grep -n` on the same work tree, warm cache,
# output through a pipe (line counts compared), same run. Also: index size and build time against the content size and
# the materialize time.
#
# usage: Benchmarks/grep-index/run.sh [CORPUS_DIR [SOURCE_DIR]]
#   CORPUS_DIR  a materialized corpus work tree (default /work/wt/data/linux-6.1-corpus); made from
#               SOURCE_DIR (default /usr/src/linux-source-6.1 extracted, or /work/wt/data/linux-source-6.1)
#               with `fsctx materialize` when missing, timed, the seconds kept in .git/fsctx/materialize-seconds.
#   env: RUNS=5 FSCTX=path PRIO="chrt -f 1" (wraps every timed command, all tools alike) REBUILD=1 (time the
#        image and index builds again)
# The fsctx binary is the release build: `swift build -c release --static-swift-stdlib --product fsctx`
# (Swift runtime and Foundation linked in; libgit2 and libcurl bound on first use, Sources/CLazyLoad).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${1:-/work/wt/data/linux-6.1-corpus}"
source_dir="${2:-/work/wt/data/linux-source-6.1}"
RUNS="${RUNS:-5}"; PRIO="${PRIO:-}"; REBUILD="${REBUILD:-1}"
FSCTX="${FSCTX:-$root/.build/release/fsctx}"
command -v rg >/dev/null || { echo "rg (ripgrep) is needed: apt-get install ripgrep" >&2; exit 2; }
[ -x "$FSCTX" ] || (cd "$root" && swift build -c release --static-swift-stdlib --product fsctx >&2)

if [ ! -d "$corpus/.git" ]; then
    [ -d "$source_dir" ] || { echo "no source tree at $source_dir (apt-get install linux-source-6.1, then extract it)" >&2; exit 2; }
    echo "materializing $source_dir into $corpus …" >&2
    start=$(date +%s.%N)
    "$FSCTX" materialize "$source_dir" --into "$corpus" >/dev/null
    echo "$(date +%s.%N) - $start" | bc > "$corpus/.git/fsctx-materialize-seconds"
fi
materialize_s=$(cat "$corpus/.git/fsctx-materialize-seconds" 2>/dev/null || echo "?")
cd "$corpus"
content=$(git ls-files -z | grep -zv '^\.fsctx/' | du -cb --apparent-size --files0-from=- | tail -1 | cut -f1)
files=$(git ls-files | grep -cv '^\.fsctx/')

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { local s; s=$(date +%s.%N); $PRIO bash -c "$1" >/dev/null </dev/null; echo "$(date +%s.%N) - $s" | bc; }

if [ "$REBUILD" = 1 ] || ! ls .git/fsctx/images/*.tri >/dev/null 2>&1; then
    rm -f .git/fsctx/images/*.img .git/fsctx/images/*.tri
    rg -uu -c zzzz-warm -g '!.git' . >/dev/null || true
    # grep -c needs every file, so this builds the image only.
    image_s=$(seconds "'$FSCTX' sh . --no-record -c 'grep -rc zzzz-warm . | head -1'")
    sync
    index_s=$(seconds "/usr/bin/time -f %M -o /tmp/fsctx-index-rss '$FSCTX' index .")
    echo "image build (first recursive grep): ${image_s}s; index build (fsctx index, image present): ${index_s}s, peak RSS $(( $(cat /tmp/fsctx-index-rss) / 1024 )) MB" >&2
fi
index_bytes=$(stat -c %s .git/fsctx/images/*.tri)
echo "corpus: $files files, $(( content / 1000000 )) MB of content; index $(( index_bytes / 1000000 )) MB = $(echo "scale=1; 100 * $index_bytes / $content" | bc)% of the content (target <= 30%)" >&2
[ "$materialize_s" != "?" ] && [ -n "${index_s:-}" ] && echo "materialize ${materialize_s}s; index build / materialize = $(echo "scale=2; $index_s / $materialize_s" | bc) (target <= 2)" >&2

# Warm everything once.
rg -uu -c zzzz-warm -g '!.git' -g '!.fsctx' . >/dev/null || true
git grep -c zzzz-warm >/dev/null || true
"$FSCTX" sh . --no-record -c "grep -rc zzzz-warm . | head -1" >/dev/null || true

echo "load average: $(uptime | sed 's/.*average: //'); $(nproc) cores${PRIO:+; timed under: $PRIO}; median of $RUNS" >&2
startup=()
for _ in $(seq $((RUNS * 4))); do startup+=("$(seconds "'$FSCTX' sh . --no-record -c true")"); done
echo "fsctx start-up (\`fsctx sh . -c true\`, median): $(printf "%s\n" "${startup[@]}" | median | awk '{printf "%.1f", $1 * 1000}') ms; $(ldd "$FSCTX" | wc -l) shared libraries at start-up$(ldd "$FSCTX" | grep -q libswiftCore && echo " (a dynamic Swift build: see the header)")" >&2
echo "fsctx s: one \`fsctx sh -c 'grep …'\` process (start-up included); session s: the median grep inside one" >&2
echo "long-lived shell session (\`fsctx sh --each-line\`, as an agent's run or \`fsctx mcp\` uses it)" >&2
printf "%-24s %7s %7s %8s %9s %9s %10s %9s %7s %s\n" "pattern" "rg s" "git s" "fsctx s" "rg/fsctx" "session s" "rg/session" "git/sess." "lines" "target"
while IFS='@' read -r name grep_args rg_args git_args target; do
    rg_t=(); git_t=(); fx_t=()
    for _ in $(seq "$RUNS"); do
        rg_t+=("$(seconds "rg -uu -n -g '!.git' -g '!.fsctx' $rg_args . | wc -l > /tmp/fsctx-bench-rg")")
        git_t+=("$(seconds "git grep -n $git_args -- . ':!.fsctx' | wc -l > /tmp/fsctx-bench-git")")
        fx_t+=("$(seconds "'$FSCTX' sh . --no-record --max-output 100000000000 -c \"grep -rn $grep_args .\" | wc -l > /tmp/fsctx-bench-fx")")
    done
    rg_s=$(printf "%s\n" "${rg_t[@]}" | median); git_s=$(printf "%s\n" "${git_t[@]}" | median); fx_s=$(printf "%s\n" "${fx_t[@]}" | median)
    fx_lines=$(cat /tmp/fsctx-bench-fx)
    for tool in rg git; do
        [ "$(cat /tmp/fsctx-bench-$tool)" = "$fx_lines" ] || echo "note: $name: $tool printed $(cat /tmp/fsctx-bench-$tool) lines, fsctx $fx_lines" >&2
    done
    session_ms=$(for _ in $(seq $((RUNS * 5))); do echo "grep -rn $grep_args . | wc -l"; done |
        $PRIO "$FSCTX" sh . --no-record --each-line --timing 2>&1 >/dev/null | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
    session_s=$(echo "scale=4; $session_ms / 1000" | bc)
    printf "%-24s %7.3f %7.3f %8.3f %8.1fx %9.4f %9.1fx %8.1fx %7d %s\n" "$name" "$rg_s" "$git_s" "$fx_s" "$(echo "$rg_s / $fx_s" | bc -l)" \
        "$session_s" "$(echo "$rg_s / $session_s" | bc -l)" "$(echo "$git_s / $session_s" | bc -l)" "$fx_lines" "$target"
done <<'PATTERNS'
literal@hrtimer_forward_now@hrtimer_forward_now@hrtimer_forward_now@>= 20x rg
-w identifier@-w skb_put_zero@-w skb_put_zero@-w skb_put_zero@>= 20x rg
-i word@-i 'deadbeef'@-i 'deadbeef'@-i 'deadbeef'@>= 20x rg
regex, required literal@-E 'hrtimer_\w+_expires'@'hrtimer_\w+_expires'@-E 'hrtimer_\w+_expires'@>= 5x rg
regex, no literal (scan)@-E '[0-9]{3}-[0-9]{4}'@'[0-9]{3}-[0-9]{4}'@-E '[0-9]{3}-[0-9]{4}'@(falls back to the scan)
PATTERNS
