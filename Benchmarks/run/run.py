#!/usr/bin/env python3
"""Benchmarks of the Recursion layer (issue #5), each measured in the same run as its reference.

1. SRLM wall time: `fsctx run --strategy srlm --candidates 8` against one candidate
   (`--strategy agent`, and srlm with K=1) over a loopback OpenAI-compatible model server with
   200 ms fixed latency per call. Target: K=8 ≤ 1.3× one candidate.
2. Non-model overhead per agent step (running the tool + recording the model turn and the
   program as commits), read from the `harness_seconds_before` field of the recorded model
   turns, on materialized corpora of 10 MB and 100 MB. Target: ≤ 2 ms median, flat in size.

    Benchmarks/run/run.py [--mb 100] [--repeat 3] [--keep DIR]

Needs: a release build (built here), python3, and Benchmarks/materialize/generate.py.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FSCTX = os.path.join(ROOT, ".build", "release", "fsctx")
QUESTION = "What is the special magic number for wandering-heron mentioned in the provided text?"
NEEDLE = "One of the special magic numbers for wandering-heron is: 7321890."


def sh(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def corpus(work, mb, needle):
    jsonl = os.path.join(work, f"corpus-{mb}.jsonl")
    sh(sys.executable, os.path.join(ROOT, "Benchmarks/materialize/generate.py"), jsonl, "--mb", str(mb), "--seed", "7")
    if needle:
        with open(jsonl, "a") as f:
            f.write(json.dumps({"id": "needle", "title": "A note", "text": "Some words.\n" + NEEDLE + "\nMore words.\n"}) + "\n")
    repo = os.path.join(work, f"repo-{mb}")
    sh(FSCTX, "materialize", jsonl, "--into", repo)
    return repo


class FakeModel:
    def __init__(self, *args):
        self.proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "Benchmarks/run/fake_openai_server.py"), *args],
                                     stdout=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline().split()[1])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait()


def timed_run(repo, port, *flags):
    env = dict(os.environ, OPENAI_API_KEY="sk-benchmark-dummy")
    start = time.perf_counter()
    out = sh(FSCTX, "run", repo, "--question", QUESTION, "--model", "openai:fake",
             "--base-url", f"http://127.0.0.1:{port}/v1", "--json", *flags, env=env)
    seconds = time.perf_counter() - start
    return seconds, json.loads(out.stdout)


def srlm_wall_time(work, repeat):
    repo = corpus(work, 1, needle=True)
    rows = {}
    with FakeModel("--latency-ms", "200", "--script", "needle") as model:
        for label, flags in [("one candidate (agent)", ["--strategy", "agent"]),
                             ("srlm K=1", ["--strategy", "srlm", "--candidates", "1", "--candidate-strategy", "agent"]),
                             ("srlm K=8 (agent candidates)", ["--strategy", "srlm", "--candidates", "8", "--candidate-strategy", "agent"]),
                             ("srlm K=8 (rlm candidates)", ["--strategy", "srlm", "--candidates", "8", "--candidate-strategy", "rlm"])]:
            times = []
            for _ in range(repeat):
                seconds, outcome = timed_run(repo, model.port, *flags)
                assert outcome["answer"] == "7321890", outcome
                times.append(seconds)
            rows[label] = statistics.median(times)
    base = rows["one candidate (agent)"]
    print("\n## SRLM wall time, loopback model with 200 ms per call (median of %d)" % repeat)
    print(f"{'configuration':32} {'seconds':>8} {'× one candidate':>16}")
    for label, seconds in rows.items():
        print(f"{label:32} {seconds:8.3f} {seconds / base:16.2f}")
    ratio = rows["srlm K=8 (agent candidates)"] / base
    print(f"target ≤ 1.30×: {'met' if ratio <= 1.3 else 'MISSED'} ({ratio:.2f}×)")


def step_overhead(work, sizes, steps):
    print(f"\n## Non-model overhead per agent step ({steps} steps: read / ls / grep one file / wc; model latency 0)")
    print(f"{'corpus':>8} {'median ms':>10} {'p90 ms':>8} {'steps':>6}")
    medians = {}
    for mb in sizes:
        repo = corpus(work, mb, needle=False)
        files = [p for p in sh("git", "-C", repo, "ls-tree", "-r", "--name-only", "corpus").stdout.split("\n")
                 if p.endswith(".txt")][:: max(1, 1)][:7]
        with FakeModel("--latency-ms", "0", "--script", f"steps:{steps}", "--files", ",".join(files)) as model:
            _, outcome = timed_run(repo, model.port, "--strategy", "agent", "--max-steps", str(2 * steps + 10))
        shown = json.loads(sh(FSCTX, "show", repo, outcome["runID"], "--json").stdout)
        overhead = [s["harness_seconds_before"] * 1000 for s in shown["steps"]
                    if s.get("kind") == "model" and "harness_seconds_before" in s]
        overhead.sort()
        medians[mb] = statistics.median(overhead)
        print(f"{mb:>6}MB {medians[mb]:10.3f} {overhead[int(0.9 * (len(overhead) - 1))]:8.3f} {len(overhead):6}")
    worst = max(medians.values())
    flat = medians[sizes[-1]] / medians[sizes[0]]
    print(f"target ≤ 2 ms median: {'met' if worst <= 2 else 'MISSED'} (worst {worst:.3f} ms); "
          f"{sizes[-1]} MB / {sizes[0]} MB = {flat:.2f}×")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=100, help="the larger corpus size (default 100)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--keep", help="work folder to keep (default: a temporary one)")
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "fsctx"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    work = args.keep or tempfile.mkdtemp(prefix="fsctx-bench-run-")
    os.makedirs(work, exist_ok=True)
    srlm_wall_time(work, args.repeat)
    step_overhead(work, [max(1, args.mb // 10), args.mb], args.steps)
    if not args.keep:
        subprocess.run(["chmod", "-R", "u+w", work])
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
