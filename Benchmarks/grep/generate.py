#!/usr/bin/env python3
"""Writes a seeded synthetic corpus work tree for the grep benchmark.

usage: generate.py OUT_DIR [--mb 1024] [--files 140000] [--seed 7]

Layout: docs/NNN/NNNNNN.txt, at most 1000 files per folder. Lines are drawn from a pool of
pseudo-English lines (about 0.6% of words end in -tion); 20 files get the rare literal
"xq7-needle-zebra", and each of five phrases appears in roughly one line in 3000.
"""
import os, random, sys

def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out = args[0]
    opts = dict(zip(args[1::2], args[2::2]))
    megabytes = int(opts.get("--mb", 1024))
    files = int(opts.get("--files", 140000))
    rng = random.Random(int(opts.get("--seed", 7)))
    syllables = ["ka", "lo", "mi", "ne", "ra", "su", "te", "vo", "zi", "pa", "qu", "ed", "or", "an", "is", "el", "ut", "om"]
    words = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(6000)]
    words += [w + "tion" for w in words[:40]]
    words += [w.capitalize() for w in words[:300]]
    phrases = ["quantum harbor", "silent meadow", "copper lantern", "broken compass", "velvet thunder"]
    pool = []
    for _ in range(30000):
        line = " ".join(rng.choice(words) for _ in range(rng.randint(4, 18)))
        if rng.random() < 1 / 3000 * 5:
            line += " " + rng.choice(phrases)
        pool.append(line + "\n")
    per_file = megabytes * 1024 * 1024 // files
    needles = set(rng.sample(range(files), 20))
    for index in range(files):
        folder = os.path.join(out, "docs", "%03d" % (index // 1000))
        if index % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        size = 0
        lines = []
        while size < per_file:
            line = pool[rng.randrange(len(pool))]
            lines.append(line)
            size += len(line)
        if index in needles:
            lines[rng.randrange(len(lines))] = "the code xq7-needle-zebra was here\n"
        with open(os.path.join(folder, "%06d.txt" % index), "w") as handle:
            handle.write("".join(lines))
    with open(os.path.join(out, "INDEX.md"), "w") as handle:
        handle.write("# Synthetic grep benchmark corpus\n\n%d files in docs/NNN/, about %d MB.\n" % (files, megabytes))

main()
