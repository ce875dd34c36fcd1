#!/usr/bin/env python3
"""The reference for the audit benchmark: the same step commits as `fsctx sh --each-line`
(steps/NNNN.json under .fsctx/runs/<id>/, on top of the corpus tree), made with git CLI
plumbing — hash-object, mktree for each changed folder, commit-tree, update-ref.

usage: gitcli_steps.py REPO RUN_ID STEPS      prints: median_ms p90_ms commits_per_s
"""
import json, subprocess, sys, time

def git(repo, *args, data=None):
    out = subprocess.run(["git", "-C", repo, *args], input=data, capture_output=True, check=True)
    return out.stdout.decode().strip()

def entries(repo, treeish):
    listing = git(repo, "ls-tree", treeish) if treeish else ""
    return {line.split("\t", 1)[1]: line.split("\t", 1)[0] for line in listing.splitlines()}

def mktree(repo, table):
    text = "".join(f"{meta}\t{name}\n" for name, meta in sorted(table.items()))
    return git(repo, "mktree", data=text.encode())

def main():
    repo, run_id, steps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    parent = git(repo, "rev-parse", "refs/heads/corpus")
    root = entries(repo, parent + "^{tree}")
    fsctx = entries(repo, parent + ":.fsctx") if ".fsctx" in root else {}
    step_entries, durations = {}, []
    for number in range(1, steps + 1):
        started = time.perf_counter()
        record = {"step": number, "kind": "program", "program": f"echo step {number}", "output": f"step {number}\n",
                  "exit_status": 0, "duration_seconds": 0.0, "tools": ["echo"]}
        blob = git(repo, "hash-object", "-w", "--stdin", data=(json.dumps(record, sort_keys=True) + "\n").encode())
        step_entries["%04d.json" % number] = f"100644 blob {blob}"
        steps_tree = mktree(repo, step_entries)
        run_tree = mktree(repo, {"steps": f"040000 tree {steps_tree}"})
        runs_tree = mktree(repo, {run_id: f"040000 tree {run_tree}"})
        fsctx_tree = mktree(repo, {**fsctx, "runs": f"040000 tree {runs_tree}"})
        root_tree = mktree(repo, {**root, ".fsctx": f"040000 tree {fsctx_tree}"})
        commit = git(repo, "commit-tree", root_tree, "-p", parent, "-m", f"step {number} echo step {number}",
                     data=None)
        git(repo, "update-ref", f"refs/fsctx/runs/{run_id}", commit)
        parent = commit
        durations.append(time.perf_counter() - started)
    durations.sort()
    total = sum(durations)
    print("%.3f %.3f %.1f" % (durations[len(durations) // 2] * 1000, durations[len(durations) * 9 // 10] * 1000, steps / total))

main()
