#!/usr/bin/env bash
# The agent's computer: sandbox start (fsctx vs bare bubblewrap), the python REPL's round trip,
# and grep|awk|sort|uniq|sort|head over a generated support-log corpus (fsctx vs bash + GNU), one run.
#
# usage: Benchmarks/sandbox/run.sh [CORPUS_DIR]    (env: MB=200 FILES=2000 ROUNDS=200 FSCTX=path RT=1)
# RT=1 measures the sandbox start and the REPL round trip at real-time priority (SCHED_FIFO 1, as
# `chrt -f 1`; fsctx, bwrap and Python alike), so that on a shared, loaded machine scheduling delays
# do not drown the milliseconds compared; the pipeline always runs at normal priority.
# The corpus lives under /tmp by default: when fsctx runs as root its sandbox runs as nobody, who
# must be able to enter the corpus folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${1:-/tmp/fsctx-sandbox-bench}"
MB="${MB:-200}"; FILES="${FILES:-2000}"; ROUNDS="${ROUNDS:-200}"
FSCTX="${FSCTX:-$root/.build/release/fsctx}"
command -v bwrap >/dev/null || { echo "bubblewrap is needed: apt-get install bubblewrap" >&2; exit 2; }
[ -x "$FSCTX" ] || (cd "$root" && swift build -c release --product fsctx >&2)
if [ ! -d "$corpus/logs" ]; then
    echo "generating $MB MB in $FILES files under $corpus …" >&2
    python3 "$here/generate.py" "$corpus" "$MB" "$FILES"
fi
echo "corpus: $(find "$corpus/logs" -type f | wc -l) files, $(du -sh --apparent-size "$corpus/logs" | cut -f1); load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
grep -rh zzzz-warm "$corpus" >/dev/null || true
python3 "$here/bench.py" "$FSCTX" "$corpus" "$ROUNDS"
