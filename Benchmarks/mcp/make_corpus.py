"""Writes N deterministic text files (about 4 KB each) into a folder, one with a needle."""
import os, random, sys
folder, count = sys.argv[1], int(sys.argv[2])
words = "the lamp keeper wrote wind gale steamer lens oil light night sea rock island log entry".split()
rng = random.Random(7)
for i in range(count):
    os.makedirs(f"{folder}/d{i // 100:02d}", exist_ok=True)
    lines = [" ".join(rng.choice(words) for _ in range(12)) for _ in range(60)]
    if i == count // 2:
        lines[30] = "The special magic number is 7421."
    with open(f"{folder}/d{i // 100:02d}/f{i:04d}.txt", "w") as handle:
        handle.write("\n".join(lines) + "\n")
