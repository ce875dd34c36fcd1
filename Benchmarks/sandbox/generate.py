"""Writes a support-log corpus: files of lines, a quarter of them `User: NAME || TOPIC || MONTH`."""
import os, random, sys

root, megabytes, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(10)
names = [f"user{i:04d}" for i in range(2000)]
topics = ["billing", "refund", "login", "shipping", "privacy", "api", "export", "invoice", "upgrade", "cancel"]
months = ["January", "February", "March", "April", "May", "June"]
noise = ["the agent replied within the hour", "ticket escalated to tier two", "customer confirmed the fix",
         "see the attached log for details", "follow-up scheduled next week"]
per_file = megabytes * (1 << 20) // files
for index in range(files):
    folder = os.path.join(root, "logs", f"d{index // 500:03d}")
    os.makedirs(folder, exist_ok=True)
    lines, size = [], 0
    while size < per_file:
        if random.random() < 0.25:
            weights = [10, 6, 5, 4, 3, 2, 2, 1, 1, 1]
            line = f"User: {random.choice(names)} || {random.choices(topics, weights)[0]} || {random.choice(months)}"
        else:
            line = f"{random.choice(noise)} #{random.randrange(10**6)}"
        lines.append(line)
        size += len(line) + 1
    with open(os.path.join(folder, f"log{index:05d}.txt"), "w") as handle:
        handle.write("\n".join(lines) + "\n")
