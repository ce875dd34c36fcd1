#!/usr/bin/env python3
"""Times `fsctx materialize` (release build) against `git fast-import` writing the same files.

In one run: generates the seeded corpus (if missing), materializes it with fsctx (objects and
refs only, then again with the read-only work tree checkout), builds a fast-import stream of the
very same files (not timed) and times `git -c core.compression=1 -c pack.compression=1
fast-import --depth=0` on it. Prints MB/s (input MB / wall seconds) for each and the ratios,
plus peak RSS. Best and median of --runs runs each.

    run.py [--mb 100] [--runs 3] [--work /tmp/fsctx-bench] [--fsctx .build/release/fsctx] [--deflate NAME]
           [--compare-env NAME=VALUE | --compare-fsctx OTHER_BINARY]

--compare-env / --compare-fsctx time only `materialize --no-checkout`, alternating the plain runs
with runs that have that environment variable set / that use another fsctx binary (e.g. a build
of main), in the same run, and print the throughput ratio variant / plain.
"""
import argparse, os, resource, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def timed(cmd, stdin=None, cwd=None, env=None):
    """Runs cmd; returns (wall seconds, CPU seconds user+sys) of that child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdin=stdin, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def peak_rss(cmd, stdin=None):
    """Peak RSS (MB) of cmd, measured by GNU time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdin=stdin, check=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(result.stderr.strip().splitlines()[-1]) / 1024


def fast_import_stream(work_tree, out_path):
    """A fast-import stream holding every file of work_tree (except .git) in one commit."""
    files = []
    for folder, dirs, names in os.walk(work_tree):
        dirs[:] = [d for d in dirs if not (folder == work_tree and d == ".git")]
        for name in names:
            full = os.path.join(folder, name)
            files.append((os.path.relpath(full, work_tree), full))
    files.sort()
    with open(out_path, "wb") as out:
        for mark, (_, full) in enumerate(files, 1):
            with open(full, "rb") as f:
                data = f.read()
            out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)))
            out.write(data)
            out.write(b"\n")
        out.write(b"commit refs/heads/corpus\ncommitter bench <bench@localhost> 0 +0000\ndata 6\nbench\n")
        for mark, (rel, _) in enumerate(files, 1):
            out.write(b"M 100644 :%d %s\n" % (mark, rel.encode()))
        out.write(b"\n")
    return len(files)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--work", default="/tmp/fsctx-bench")
    parser.add_argument("--fsctx", default=os.path.join(ROOT, ".build/release/fsctx"))
    parser.add_argument("--no-build", action="store_true", help="do not run swift build -c release first")
    parser.add_argument("--deflate", help="fsctx's pack entry compressor (materialize --deflate); default: fsctx's default")
    parser.add_argument("--compare-env", metavar="NAME=VALUE",
                        help="also time --no-checkout runs with this variable set, alternating with plain ones; print the ratio")
    parser.add_argument("--compare-fsctx", metavar="BINARY",
                        help="also time --no-checkout runs of this other fsctx binary, alternating with plain ones; print the ratio")
    args = parser.parse_args()

    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "fsctx"], cwd=ROOT, check=True)
    os.makedirs(args.work, exist_ok=True)
    corpus = os.path.join(args.work, f"corpus-{args.mb:g}mb-seed{args.seed}.jsonl")
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), corpus, "--mb", str(args.mb),
                        "--seed", str(args.seed)], check=True)
    size_mb = os.path.getsize(corpus) / 1e6
    load = os.getloadavg()[0]
    print(f"input: {corpus} ({size_mb:.1f} MB)")

    # Outputs of earlier runs are removed up front, not between runs: ext4 is slow to hand out
    # inodes right after thousands were freed, which would charge fsctx's checkout for the cleanup.
    for name in os.listdir(args.work):
        if name.startswith("fsctx-out") or name == "fsctx-rss":
            subprocess.run(["chmod", "-R", "u+w", os.path.join(args.work, name)], check=True)
            shutil.rmtree(os.path.join(args.work, name))
    counter = [0]
    deflate = ["--deflate", args.deflate] if args.deflate else []

    def fsctx_run(extra):
        runs = []
        for _ in range(args.runs):
            counter[0] += 1
            target = os.path.join(args.work, f"fsctx-out-{counter[0]}")
            runs.append(timed([args.fsctx, "materialize", corpus, "--into", target] + deflate + extra))
        return min(runs), statistics.median(wall for wall, _ in runs), target

    if args.compare_env or args.compare_fsctx:
        label = args.compare_env or f"fsctx={args.compare_fsctx}"
        variant_env, variant_binary = None, args.compare_fsctx or args.fsctx
        if args.compare_env:
            name, _, value = args.compare_env.partition("=")
            variant_env = dict(os.environ, **{name: value})
        plain, variant = [], []
        for _ in range(args.runs):
            for runs, binary, env in ((plain, args.fsctx, None), (variant, variant_binary, variant_env)):
                counter[0] += 1
                target = os.path.join(args.work, f"fsctx-out-{counter[0]}")
                runs.append(timed([binary, "materialize", corpus, "--into", target, "--no-checkout"] + deflate, env=env))
        best = lambda runs: min(wall for wall, _ in runs)
        median = lambda runs: statistics.median(wall for wall, _ in runs)
        cpu = lambda runs: min(runs)[1]
        print(f"load average before the runs: {load:.1f} on {os.cpu_count()} cores")
        print(f"--no-checkout, plain           : best {best(plain):6.2f} s {size_mb / best(plain):7.1f} MB/s  cpu {cpu(plain):5.2f} s"
              f"  [median {median(plain):.2f} s]")
        print(f"--no-checkout, {label:<16}: best {best(variant):6.2f} s {size_mb / best(variant):7.1f} MB/s  cpu {cpu(variant):5.2f} s"
              f"  [median {median(variant):.2f} s]")
        print(f"throughput {label} / plain: {best(plain) / best(variant):.3f} best, {median(plain) / median(variant):.3f} median,"
              f" cpu-time {cpu(plain) / cpu(variant):.3f}")
        return

    (objects_only, objects_cpu), objects_median, _ = fsctx_run(["--no-checkout"])
    (with_checkout, checkout_cpu), checkout_median, target = fsctx_run([])
    stream = os.path.join(args.work, "fast-import.stream")
    files = fast_import_stream(target, stream)
    tree = subprocess.run(["git", "-C", target, "rev-parse", "corpus^{tree}"], capture_output=True, text=True).stdout.strip()

    fi_runs = []
    for _ in range(args.runs):
        repo = os.path.join(args.work, "fast-import-out")
        shutil.rmtree(repo, ignore_errors=True)
        subprocess.run(["git", "init", "-q", "--bare", repo], check=True)
        with open(stream, "rb") as f:
            measured = timed(["git", "-c", "core.compression=1", "-c", "pack.compression=1", "fast-import",
                              "--depth=0", "--quiet"], stdin=f, cwd=repo)
        fi_runs.append(measured)
    best_fi, fi_cpu = min(fi_runs)
    fi_median = statistics.median(wall for wall, _ in fi_runs)
    fi_tree = subprocess.run(["git", "-C", repo, "rev-parse", "corpus^{tree}"], capture_output=True, text=True).stdout.strip()

    target = os.path.join(args.work, "fsctx-rss")
    rss = peak_rss([args.fsctx, "materialize", corpus, "--into", target, "--no-checkout"] + deflate)

    print(f"files: {files} (same tree: {'yes' if tree == fi_tree else 'NO'} {tree[:12]})")
    print(f"load average before the runs: {load:.1f} on {os.cpu_count()} cores (other work on the box skews wall times)")
    print(f"fsctx compressor: {args.deflate or 'default'}; best of {args.runs} (median in brackets)")
    print(f"fsctx materialize --no-checkout  : {objects_only:6.2f} s  {size_mb / objects_only:7.1f} MB/s   cpu {objects_cpu:5.2f} s"
          f"   [{objects_median:.2f} s, {size_mb / objects_median:.1f} MB/s]")
    print(f"fsctx materialize (with checkout): {with_checkout:6.2f} s  {size_mb / with_checkout:7.1f} MB/s   cpu {checkout_cpu:5.2f} s"
          f"   [{checkout_median:.2f} s, {size_mb / checkout_median:.1f} MB/s]")
    print(f"git fast-import (compression=1)  : {best_fi:6.2f} s  {size_mb / best_fi:7.1f} MB/s   cpu {fi_cpu:5.2f} s"
          f"   [{fi_median:.2f} s, {size_mb / fi_median:.1f} MB/s]")
    print(f"throughput ratio fsctx/fast-import: {best_fi / objects_only:.2f}x objects only "
          f"[median {fi_median / objects_median:.2f}x], {best_fi / with_checkout:.2f}x with checkout "
          f"[median {fi_median / checkout_median:.2f}x]; cpu-time ratio {fi_cpu / objects_cpu:.2f}x")
    pack = lambda repo: sum(os.path.getsize(os.path.join(repo, "objects/pack", f)) for f in os.listdir(os.path.join(repo, "objects/pack")) if f.endswith(".pack"))
    print(f"pack size: fsctx {pack(os.path.join(target, '.git')) / 1e6:.1f} MB, fast-import {pack(repo) / 1e6:.1f} MB")
    print(f"fsctx peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
