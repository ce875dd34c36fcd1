#!/usr/bin/env python3
"""Deterministic, seeded generator of a JSONL corpus of English-like prose.

Each line is {"id": "doc-000001", "title": "...", "text": "..."}; text sizes are lognormal
around a median of ~6 KB, so ~14k documents make ~100 MB. Same seed and size → same bytes.

    generate.py OUT.jsonl [--mb 100] [--seed 42]
"""
import argparse, json, math, random

WORDS = """the of and to a in that is was he for it with as his on be at by i this had not are but from or
have an they which one you were her all she there would their we him been has when who will more no if out so
said what up its about into than them can only other new some could time these two may then do first any my now
such like our over man me even most made after also did many before must through back years where much your way
well down should because each just those people how too little state good very make world still own see men work
long get here between both life being under never day same another know while last might us great old year off
come since against go came right used take three light house keeper sea harbour storm ship lantern island rock
wave night morning shore beacon tower window stair wind rain fog bell signal captain crew boat voyage letter
river valley forest mountain village garden door table candle book page chapter story memory silence voice
""".split()

def sentence_pool(rng, count):
    pool = []
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(WORDS))]
    for _ in range(count):
        n = rng.randint(6, 24)
        words = rng.choices(WORDS, weights=weights, k=n)
        words[0] = words[0].capitalize()
        pool.append(" ".join(words) + rng.choice([".", ".", ".", "?", "!", ";"]))
    return pool

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--mb", type=float, default=100.0, help="approximate size in MB (default 100)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = sentence_pool(rng, 50000)
    target = int(args.mb * 1_000_000)
    written = 0
    index = 0
    median = 6000
    with open(args.out, "w", encoding="utf-8") as out:
        while written < target:
            index += 1
            size = int(min(200_000, max(200, rng.lognormvariate(math.log(median), 0.6))))
            paragraphs, length, paragraph = [], 0, []
            while length < size:
                s = rng.choice(pool)
                paragraph.append(s)
                length += len(s) + 1
                if len(paragraph) >= rng.randint(3, 8):
                    paragraphs.append(" ".join(paragraph))
                    paragraph = []
            if paragraph:
                paragraphs.append(" ".join(paragraph))
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).title()
            line = json.dumps({"id": f"doc-{index:06d}", "title": title, "text": "\n\n".join(paragraphs) + "\n"},
                              ensure_ascii=False)
            out.write(line + "\n")
            written += len(line) + 1
    print(f"{args.out}: {index} documents, {written / 1e6:.1f} MB (seed {args.seed})")

if __name__ == "__main__":
    main()
