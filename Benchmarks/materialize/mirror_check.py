#!/usr/bin/env python3
"""Checks that a mirror keeps every byte: the corpus tree of `fsctx materialize DIR` (without the
corpus's own page and `.fsctx/`) must equal the tree `git add --all --force && git write-tree`
gives for a copy of DIR minus what a mirror skips (binary files, symlinks, `.git`, i.e. every
path the manifest does not list). Prints both tree ids and the timings.

    mirror_check.py SOURCE_DIR [--work /tmp/mirror-check] [--fsctx .build/release/fsctx]

Example (issue 15): mirror_check.py /work/wt/data/linux-source-6.1
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time


def run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("--work", default="/tmp/fsctx-mirror-check")
    parser.add_argument("--fsctx", default=os.path.join(os.path.dirname(__file__), "../../.build/release/fsctx"))
    args = parser.parse_args()
    source = os.path.abspath(args.source)
    corpus, copy = os.path.join(args.work, "corpus"), os.path.join(args.work, "copy")
    if os.path.exists(args.work):
        subprocess.run(["chmod", "-R", "u+w", args.work], check=False)
        shutil.rmtree(args.work)
    os.makedirs(args.work)
    print(f"load average: {os.getloadavg()}", flush=True)

    started = time.time()
    result = json.loads(run([args.fsctx, "materialize", source, "--into", corpus, "--json"]))
    materialize_seconds = time.time() - started
    print(f"fsctx materialize: {materialize_seconds:.1f} s, {result['files']} files, {result['bytes']} bytes, "
          f"skipped {result['skippedBinary']} binary / {result['skippedGit']} .git / {result['skippedOther']} other, "
          f"{result.get('filesWithInvalidUTF8', '?')} files with invalid UTF-8 kept, "
          f"{result.get('replacedInvalidUTF8')} sequences replaced, corpus page {result.get('indexPage')}", flush=True)

    # The corpus tree without its own page and .fsctx/ (a scratch index, nothing checked out).
    index = os.path.join(args.work, "scratch-index")
    env = dict(os.environ, GIT_INDEX_FILE=index)
    run(["git", "-C", corpus, "read-tree", "refs/heads/corpus"], env=env)
    pages = [".fsctx"] + (["INDEX.md"] if result.get("indexPage", "INDEX.md") == "INDEX.md" else [])
    run(["git", "-C", corpus, "rm", "-r", "-q", "--cached", *pages], env=env)
    mirror_tree = run(["git", "-C", corpus, "write-tree"], env=env)

    started = time.time()
    run(["cp", "-a", source, copy])
    listed = set()
    with open(os.path.join(corpus, ".fsctx/manifest.jsonl"), encoding="utf-8") as manifest:
        for line in manifest:
            listed.add(json.loads(line)["path"])
    removed = 0
    for folder, folders, files in os.walk(copy, topdown=True):
        if ".git" in folders:
            shutil.rmtree(os.path.join(folder, ".git"))
            folders.remove(".git")
            removed += 1
        for name in [name for name in folders if os.path.islink(os.path.join(folder, name))]:
            os.unlink(os.path.join(folder, name))  # a symlink to a folder (os.walk lists it as a folder)
            folders.remove(name)
            removed += 1
        for name in files:
            path = os.path.join(folder, name)
            if os.path.relpath(path, copy) not in listed:
                os.unlink(path)
                removed += 1
    copy_seconds = time.time() - started
    started = time.time()
    run(["git", "init", "-q", copy])
    run(["git", "-C", copy, "add", "--all", "--force"])
    git_tree = run(["git", "-C", copy, "write-tree"])
    git_seconds = time.time() - started
    print(f"copy and remove {removed} skipped paths: {copy_seconds:.1f} s; git add --all --force && git write-tree: {git_seconds:.1f} s",
          flush=True)
    print(f"mirror tree (without INDEX.md page and .fsctx/): {mirror_tree}")
    print(f"git add tree:                                    {git_tree}")
    print("SAME" if mirror_tree == git_tree else "DIFFERENT")
    return 0 if mirror_tree == git_tree else 1


if __name__ == "__main__":
    sys.exit(main())
