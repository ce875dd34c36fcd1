#!/usr/bin/env bash
# Audit recording: 1,000 recorded commands (`fsctx sh --each-line`, one step commit each) on
# corpus repos of 10, 50 and 100 MB, against git CLI plumbing making the same commits, plus a
# kill -9 in the middle of a run followed by `git fsck --strict`.
#
# usage: Benchmarks/audit/run.sh [WORK_DIR]     (env: STEPS=1000 GIT_STEPS=200 SIZES="10 50 100" FSCTX=path)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${1:-/tmp/fsctx-audit-bench}"
STEPS="${STEPS:-1000}"; GIT_STEPS="${GIT_STEPS:-200}"; SIZES="${SIZES:-10 50 100}"
FSCTX="${FSCTX:-$root/.build/release/fsctx}"
[ -x "$FSCTX" ] || (cd "$root" && swift build -c release --product fsctx >&2)
mkdir -p "$work"

printf "%-8s %-22s %12s %12s %14s %s\n" "corpus" "writer" "median ms" "p90 ms" "commits/s" "checks"
for mb in $SIZES; do
    repo="$work/corpus-${mb}mb"
    if [ ! -d "$repo/.git" ]; then
        python3 "$root/Benchmarks/grep/generate.py" "$repo" --mb "$mb" --files $((mb * 140)) >/dev/null
        mkdir -p "$repo/.fsctx" && echo '{"source":"generated"}' > "$repo/.fsctx/manifest.jsonl"
        git -C "$repo" init -q -b corpus
        git -C "$repo" -c core.looseCompression=1 add -A
        git -C "$repo" -c user.email=bench@fsctx -c user.name=bench commit -qm corpus
    fi
    run="bench-$(date +%s%N)"
    seq 1 "$STEPS" | sed 's/^/echo step /' > "$work/programs.txt"
    timing=$("$FSCTX" sh "$repo" --run "$run" --each-line --timing < "$work/programs.txt" 2>&1 >/dev/null | grep timing)
    median=$(echo "$timing" | sed -E 's/.*median ([0-9.]+) ms.*/\1/'); p90=$(echo "$timing" | sed -E 's/.*p90 ([0-9.]+) ms.*/\1/')
    rate=$(echo "$timing" | sed -E 's/.*, ([0-9.]+) programs\/s.*/\1/')
    count=$(git -C "$repo" rev-list --count "refs/fsctx/runs/$run" ^refs/heads/corpus)
    fsck=$(git -C "$repo" fsck --strict --no-dangling >/dev/null 2>&1 && echo "fsck ok" || echo "FSCK FAILED")
    printf "%-8s %-22s %12s %12s %14s %s\n" "${mb}MB" "fsctx sh --each-line" "$median" "$p90" "$rate" "$count commits, $fsck"
    read -r gmedian gp90 grate < <(python3 "$here/gitcli_steps.py" "$repo" "gitcli-$run" "$GIT_STEPS")
    printf "%-8s %-22s %12s %12s %14s %s\n" "${mb}MB" "git plumbing ($GIT_STEPS)" "$gmedian" "$gp90" "$grate" \
        "fsctx is $(echo "$grate" | awk -v r="$rate" '{printf "%.0fx", r / $1}') faster"
done

# kill -9 mid-run: the history must stay valid.
repo="$work/corpus-$(echo "$SIZES" | awk '{print $1}')mb"
seq 1 200000 | sed 's/^/echo step /' > "$work/programs.txt"
killed="killed-$(date +%s%N)"
"$FSCTX" sh "$repo" --run "$killed" --each-line < "$work/programs.txt" >/dev/null 2>&1 &
pid=$!
sleep 1.5
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
fsck=$(git -C "$repo" fsck --strict --no-dangling 2>&1 && echo "fsck --strict ok" || echo "FSCK FAILED")
survived=$(git -C "$repo" rev-list --count "refs/fsctx/runs/$killed" ^refs/heads/corpus 2>/dev/null || echo 0)
echo "kill -9 after 1.5 s: $survived steps on refs/fsctx/runs/$killed survive; ${fsck##*$'\n'}"
