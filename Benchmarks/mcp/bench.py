"""Times tool calls through `fsctx mcp` (Python MCP SDK client) and through `fsctx sh` processes."""
import asyncio, statistics, subprocess, sys, time
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

fsctx, corpus, calls, files = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
CALLS = [("grep", {"pattern": "magic number", "flags": "-F"}, "grep -rnH -F -e 'magic number' -- ."),
         ("read", {"path": "d00/f0001.txt", "start": 25, "end": 35}, "read d00/f0001.txt 25 35")]


async def through_mcp(extra):
    params = StdioServerParameters(command=fsctx, args=["mcp", corpus] + extra)
    started = time.perf_counter()
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            ready = time.perf_counter() - started
            times = {name: [] for name, _, _ in CALLS}
            for _ in range(calls):
                for name, arguments, _ in CALLS:
                    t = time.perf_counter()
                    result = await session.call_tool(name, arguments)
                    times[name].append(time.perf_counter() - t)
                    assert not result.is_error, result
    return ready, times


def through_sh():
    times = {name: [] for name, _, _ in CALLS}
    for _ in range(calls):
        for name, _, program in CALLS:
            t = time.perf_counter()
            subprocess.run([fsctx, "sh", corpus, "--run", "bench-sh", "-c", program], check=True, capture_output=True)
            times[name].append(time.perf_counter() - t)
    return times


ready, recorded = asyncio.run(through_mcp(["--run", "bench-mcp"]))
_, unrecorded = asyncio.run(through_mcp(["--no-record"]))
sh = through_sh()
print(f"corpus: {files} files; {calls} rounds of each call; medians in ms")
print(f"mcp session start (spawn + initialize): {ready * 1000:.1f} ms")
for name, _, _ in CALLS:
    m, u, s = (statistics.median(t[name]) * 1000 for t in (recorded, unrecorded, sh))
    print(f"{name:5s} mcp recorded {m:7.2f}  mcp --no-record {u:7.2f}  fsctx sh per call {s:7.2f}  "
          f"ratio sh/mcp {s / m:5.1f}x  recording share {(m - u) / m * 100:4.0f}%")
log = subprocess.run(["git", "-C", corpus, "-c", "safe.directory=*", "rev-list", "--count", "refs/fsctx/runs/bench-mcp"],
                     capture_output=True, text=True).stdout.strip()
print(f"commits on refs/fsctx/runs/bench-mcp: {log}")
