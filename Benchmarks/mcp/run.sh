#!/usr/bin/env bash
# Measures tool-call latency through `fsctx mcp` (one server session, every call recorded and
# flushed to git before the reply) against the reference: one `fsctx sh --run <id> -c …`
# process per call (what an agent without MCP would run through its Bash tool), and against
# `fsctx mcp --no-record` (the recording's share). Prints medians and ratios.
# Usage: Benchmarks/mcp/run.sh [calls] [files]   (FSCTX=path/to/fsctx; default: the release build,
# built if missing; needs .build/mcp-venv from scripts/install-deps)
set -euo pipefail
cd "$(dirname "$0")/../.."
fsctx="${FSCTX:-.build/release/fsctx}"
[ -x "$fsctx" ] || swift build -c release --product fsctx >/dev/null
python=".build/mcp-venv/bin/python"
[ -x "$python" ] || { echo "no $python; run scripts/install-deps" >&2; exit 1; }
work="$(mktemp -d)"; trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
"$python" Benchmarks/mcp/make_corpus.py "$work/input" "${2:-1000}"
"$fsctx" materialize "$work/input" --into "$work/corpus" >/dev/null
"$python" Benchmarks/mcp/bench.py "$fsctx" "$work/corpus" "${1:-40}" "${2:-1000}"
