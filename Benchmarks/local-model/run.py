#!/usr/bin/env python3
"""fsctx against a real local model server (issue #11): every strategy's wall time, tokens and
stop reason, and fsctx's per-turn overhead over the server's own latency.

The reference is the server itself (llama.cpp of llama-cpp-python serving Gemma 3 270M, started
by `scripts/local-model start`). A timing proxy sits between fsctx and the server and stamps
each chat request: the server's latency is the time from the request reaching the proxy to the
reply leaving it; fsctx's per-turn overhead is the time from one reply leaving the proxy to the
next request of the same run arriving (decoding the reply, recording the turn as a commit,
running the tool and recording it, counting and building the next request, encoding it).
Target: ≤ 2 ms median overhead per turn.

    scripts/local-model start
    Benchmarks/local-model/run.py [--strategies direct,rag,agent,agent-fenced,rlm,srlm,coa] [--build debug|release]

Streamed strategies (`-stream`) go through the same proxy (it buffers the reply, so the server's
latency is still its own). llama-cpp-python sends no usage in streams, so after a streamed reply
fsctx asks the server's tokenizer (`/extras/tokenize/count`) for the prompt size: that round trip
lies inside the gap but is the server's time, so the proxy stamps it too and it is reported apart
("tokenizer ms") and left out of fsctx's own share.

Prints one line per strategy and a summary with the ratio overhead / server latency. The headline
is the raw gap (it includes the proxy's own floor, measured first); the floor is printed too.
"""
import argparse, http.client, json, os, statistics, subprocess, sys, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QUESTION = "In what year did Edith Marrow come to Gull Rock?"
STRATEGIES = {
    "direct": ["--strategy", "direct"],
    "rag": ["--strategy", "rag"],
    "agent": ["--strategy", "agent", "--tool-mode", "functions"],
    "agent-stream": ["--strategy", "agent", "--tool-mode", "functions", "--stream"],
    "agent-fenced": ["--strategy", "agent", "--tool-mode", "fenced"],
    "rlm": ["--strategy", "rlm", "--tool-mode", "fenced", "--max-subcalls", "3"],
    "srlm": ["--strategy", "srlm", "--candidates", "2", "--candidate-strategy", "agent"],
    "coa": ["--strategy", "coa"],
}

events = []          # (arrived, replied, path): a request reached the proxy, its reply left it
events_lock = threading.Lock()


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = None
    # Without these the proxy itself adds ~40 ms per turn on a kept-alive connection (as fsctx's
    # libcurl keeps one): headers and body went out as two writes, Nagle held the second until
    # the client's delayed ACK (40 ms on Linux). One buffered write, and no Nagle.
    disable_nagle_algorithm = True
    wbufsize = -1

    def log_message(self, *a):
        pass

    def _forward(self, method):
        arrived = time.perf_counter()
        body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        connection = http.client.HTTPConnection("127.0.0.1", Proxy.upstream, timeout=900)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "content-length")}
        connection.request(method, self.path, body=body, headers=headers)
        reply = connection.getresponse()
        data = reply.read()
        connection.close()
        self.send_response(reply.status)
        for key, value in reply.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()
        with events_lock:
            events.append((arrived, time.perf_counter(), self.path))

    def do_POST(self):
        self._forward("POST")

    def do_GET(self):
        self._forward("GET")


def proxy_floor(base, turns=6):
    """The gap the proxy and a client that does nothing between turns show: the measurement's
    floor. One kept-alive connection, as fsctx's libcurl keeps."""
    with events_lock:
        events.clear()
    host, port = base.split("//")[1].split("/")[0].split(":")
    body = json.dumps({"model": "gemma-3-270m", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 1})
    connection = http.client.HTTPConnection(host, int(port), timeout=300)
    for _ in range(turns):
        connection.request("POST", "/v1/chat/completions", body=body, headers={"Content-Type": "application/json"})
        connection.getresponse().read()
    connection.close()
    with events_lock:
        stamps = sorted(events)
        events.clear()
    return statistics.median([(stamps[i + 1][0] - stamps[i][1]) * 1000 for i in range(len(stamps) - 1)])


def turn_gaps(stamps):
    """Per gap between a chat reply leaving the proxy and the next chat request arriving: the gap
    and the part of it the server spent on other requests (tokenizer counts) in between."""
    chats = [(a, b) for a, b, path in stamps if path.endswith("/chat/completions")]
    others = [(a, b) for a, b, path in stamps if not path.endswith("/chat/completions")]
    gaps = []
    for (_, replied), (arrived, _) in zip(chats, chats[1:]):
        if arrived < replied:
            continue  # overlapping calls (parallel sub-calls): not one agent's gap
        inside = sum(max(0.0, min(b, arrived) - max(a, replied)) for a, b in others)
        gaps.append(((arrived - replied) * 1000, inside * 1000))
    return gaps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--strategies", default=",".join(STRATEGIES))
    parser.add_argument("--build", default="debug")
    parser.add_argument("--max-steps", default="8")
    parser.add_argument("--stuck-after", default="6", help="turns without a tool call before an agent is stuck (more turns, more samples)")
    parser.add_argument("--realtime", action="store_true",
                        help="run the proxy and fsctx (not the server) under SCHED_FIFO, so that other processes on a "
                             "shared, loaded machine do not add their CPU time to the measured gaps (needs root)")
    args = parser.parse_args()
    if args.realtime:
        # Threads and children (the fsctx runs) inherit the policy; the server keeps its own.
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(1))
    fsctx = os.path.join(ROOT, ".build", args.build, "fsctx")
    port_file = os.path.join(ROOT, ".build", "local-model", "port")
    if not os.path.exists(port_file):
        sys.exit("no local server: run scripts/local-model start")
    Proxy.upstream = int(open(port_file).read().strip())
    server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/v1"
    work = tempfile.mkdtemp(prefix="fsctx-local-bench-")
    repo = os.path.join(work, "corpus")
    subprocess.run([fsctx, "materialize", os.path.join(ROOT, "corpora/sample"), "--into", repo], check=True, capture_output=True)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; server port {Proxy.upstream}; fsctx {args.build}; "
          f"proxy and fsctx scheduled {'SCHED_FIFO (--realtime)' if args.realtime else 'normally'}")
    floor = proxy_floor(base)
    print(f"proxy floor (a Python client sending the next request at once, max_tokens 1): median {floor:.2f} ms per turn", flush=True)
    print("strategy\twall s\tprompt+completion tokens\tstop\tturns\tserver ms (median)\tgap ms (median)\ttokenizer ms (median)\tfsctx ms (median)")
    all_gaps, all_own, all_server = [], [], []
    for name in args.strategies.split(","):
        with events_lock:
            events.clear()
        # The proxy buffers replies (streamed ones too), so its stamps are the server's own latency.
        command = [fsctx, "run", repo, "--question", QUESTION, "--model", "openai:gemma-3-270m", "--base-url", base,
                   "--max-steps", args.max_steps, "--stuck-after", args.stuck_after, "--timeout", "600",
                   "--max-reply-tokens", "160", "--json"] + STRATEGIES[name]
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - started
        try:
            outcome = json.loads(result.stdout)
        except json.JSONDecodeError:
            print(f"{name}\tfailed: {result.stderr.strip()[-300:]}")
            continue
        with events_lock:
            stamps = sorted(events)
        server_ms = [(out - arrived) * 1000 for arrived, out, path in stamps if path.endswith("/chat/completions")]
        # srlm's candidates overlap: their gaps are not one agent's overhead.
        gaps = turn_gaps(stamps) if not name.startswith("srlm") else []
        own = [gap - tokenizer for gap, tokenizer in gaps]
        all_gaps += [gap for gap, _ in gaps]
        all_own += own
        all_server += server_ms
        usage = outcome.get("usage", {})
        median = lambda values: statistics.median(values) if values else float("nan")
        print(f"{name}\t{wall:.1f}\t{usage.get('promptTokens', 0)}+{usage.get('completionTokens', 0)}\t{outcome.get('stopReason')}\t"
              f"{len(server_ms)}\t{median(server_ms):.0f}\t{median([g for g, _ in gaps]):.2f}\t"
              f"{median([t for _, t in gaps]):.2f}\t{median(own):.2f}", flush=True)
    if all_gaps and all_server:
        gap, own, latency = statistics.median(all_gaps), statistics.median(all_own), statistics.median(all_server)
        print(f"per-turn gap (reply out -> next request in): median {gap:.2f} ms over {len(all_gaps)} turns "
              f"(server latency median {latency:.0f} ms; gap / server = {gap / latency:.5f})")
        print(f"fsctx's own per-turn overhead (gap - server tokenizer time in it): median {own:.2f} ms; "
              f"minus the proxy floor: {own - floor:.2f} ms; target <= 2 ms: {'met' if own <= 2 else 'MISSED'}")
    server.shutdown()


if __name__ == "__main__":
    main()
