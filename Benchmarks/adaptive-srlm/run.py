#!/usr/bin/env python3
"""Adaptive SRLM (issue #12): tokens saved at equal accuracy, measured against fixed K in the same run.

For each candidate agreement rate (the probability that one candidate answers right, scripted by
`Benchmarks/run/fake_openai_server.py --script agree:P` on loopback), it runs the same NIAH tasks with `srlm --candidates 8` (the
reference: the paper's fixed K) and with `srlm --candidates auto --min-candidates 2
--max-candidates 8` (and with --min-candidates 4, where candidates running in parallel can be
cancelled once the majority is settled), then reports accuracy, mean tokens per run, candidates started and
cancelled, and the token ratio adaptive / fixed.

    Benchmarks/adaptive-srlm/run.py [--rates 0.95,0.8,0.6] [--tasks-lengths 2k,4k] [--fsctx PATH] [--keep DIR]

Needs python3 and a built fsctx (a debug build is made when --fsctx is not given).
"""
import argparse, json, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))

parser = argparse.ArgumentParser()
parser.add_argument("--rates", default="0.95,0.8,0.6")
parser.add_argument("--lengths", default="2k,4k")
parser.add_argument("--depths", default="0,0.25,0.5,0.75,1")
parser.add_argument("--seeds", default="1,2")
parser.add_argument("--fsctx")
parser.add_argument("--keep")
args = parser.parse_args()

fsctx = args.fsctx
if not fsctx:
    subprocess.run(["swift", "build", "--product", "fsctx"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    fsctx = os.path.join(ROOT, ".build", "debug", "fsctx")
fsctx = os.path.abspath(fsctx)
work = args.keep or tempfile.mkdtemp(prefix="fsctx-adaptive-")
os.makedirs(work, exist_ok=True)


def sh(*argv, env=None):
    return subprocess.run(argv, cwd=work, env=env, check=True, capture_output=True, text=True).stdout


# The tasks: single needles at a few lengths and depths, several generator seeds.
task_files = []
for seed in args.seeds.split(","):
    out = f"niah-{seed}"
    if not os.path.exists(os.path.join(work, out, "tasks.jsonl")):
        sh(fsctx, "bench", "generate", "niah", "--out", out, "--lengths", args.lengths, "--depths", args.depths, "--seed", seed)
    task_files.append(os.path.join(out, "tasks.jsonl"))
tasks = os.path.join(work, "tasks.jsonl")
with open(tasks, "w") as joined:
    for name in task_files:
        prefix = os.path.dirname(name)
        for line in open(os.path.join(work, name)):
            row = json.loads(line)
            row["id"] = f"{prefix}-{row['id']}"
            row["corpus"] = f"{prefix}/{row['corpus']}"
            joined.write(json.dumps(row) + "\n")


def summarize(path):
    rows = [json.loads(line) for line in open(path)]
    started = [len(r.get("candidates") or []) for r in rows]
    cancelled = 0
    for r in rows:
        repo, run = r.get("repo"), r.get("run_id")
        if repo and run:
            shown = subprocess.run(["git", "-C", repo, "show", f"refs/fsctx/runs/{run}:.fsctx/runs/{run}/selection.json"],
                                   capture_output=True, text=True).stdout
            if shown:
                cancelled += sum(1 for c in json.loads(shown)["candidates"] if c.get("cancelled"))
    n = len(rows)
    return {"runs": n, "accuracy": sum(r["score"] for r in rows) / n, "tokens": sum(r["tokens"] for r in rows) / n,
            "candidates": sum(started) / n, "cancelled": cancelled / n, "failed": sum(1 for r in rows if r.get("error"))}


print(f"fsctx: {fsctx}\nwork: {work}\nload: {os.getloadavg()}\n")
print("| agreement | mode | runs | accuracy | tokens/run | candidates/run | cancelled/run | tokens vs fixed K=8 |")
print("|---|---|---|---|---|---|---|---|")
for rate in args.rates.split(","):
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "..", "run", "fake_openai_server.py"), "--script", f"agree:{rate}", "--lifetime", "3600"],
                              stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline().split()[1])
        env = dict(os.environ, OPENAI_API_KEY="sk-bench", OPENAI_BASE_URL=f"http://127.0.0.1:{port}/v1")
        results = {}
        for mode, flags in [("fixed K=8", ["--candidates", "8"]),
                            ("auto 2..8", ["--candidates", "auto", "--min-candidates", "2", "--max-candidates", "8"]),
                            ("auto 4..8", ["--candidates", "auto", "--min-candidates", "4", "--max-candidates", "8"])]:
            out = os.path.join(work, f"r-{rate}-{mode.replace(' ', '-').replace('=', '').replace('..', '-')}.jsonl")
            if os.path.exists(out):
                os.remove(out)
            sh(fsctx, "bench", tasks, "--strategies", "srlm", "--models", "openai:fake", "--candidate-strategy", "agent",
               "--concurrency", "2", "--cache", os.path.join(work, "corpora"), "--out", out, *flags, env=env)
            results[mode] = summarize(out)
        fixed = results["fixed K=8"]["tokens"]
        for mode, r in results.items():
            print(f"| {rate} | {mode} | {r['runs']} | {r['accuracy']:.3f} | {r['tokens']:.0f} | {r['candidates']:.2f} | "
                  f"{r['cancelled']:.2f} | {r['tokens'] / fixed:.2f}× |")
    finally:
        server.terminate()
        server.wait()
if not args.keep:
    shutil.rmtree(work, ignore_errors=True)
