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

Prints one line per strategy and a summary with the ratio overhead / server latency.
"""
import argparse, http.client, json, os, statistics, subprocess, sys, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QUESTION = "In what year did Edith Marrow come to Gull Rock?"
STRATEGIES = {
    "direct": ["--strategy", "direct"],
    "rag": ["--strategy", "rag"],
    "agent": ["--strategy", "agent", "--tool-mode", "functions"],
    "agent-fenced": ["--strategy", "agent", "--tool-mode", "fenced"],
    "rlm": ["--strategy", "rlm", "--tool-mode", "fenced", "--max-subcalls", "3"],
    "srlm": ["--strategy", "srlm", "--candidates", "2", "--candidate-strategy", "agent"],
    "coa": ["--strategy", "coa"],
}

events = []          # (kind, time, path) kinds: "in" request arrived, "out" reply sent
events_lock = threading.Lock()


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = None

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
        if self.path.endswith("/chat/completions"):
            with events_lock:
                events.append((arrived, time.perf_counter()))

    def do_POST(self):
        self._forward("POST")

    def do_GET(self):
        self._forward("GET")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--strategies", default=",".join(STRATEGIES))
    parser.add_argument("--build", default="debug")
    parser.add_argument("--max-steps", default="8")
    args = parser.parse_args()
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
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; server port {Proxy.upstream}; fsctx {args.build}")
    print("strategy\twall s\tprompt+completion tokens\tstop\tturns\tserver ms (median)\toverhead ms (median)")
    all_overhead, all_server = [], []
    for name in args.strategies.split(","):
        with events_lock:
            events.clear()
        # Streaming off: the proxy buffers replies, so its stamps are the server's own latency.
        command = [fsctx, "run", repo, "--question", QUESTION, "--model", "openai:gemma-3-270m", "--base-url", base,
                   "--max-steps", args.max_steps, "--timeout", "600", "--max-reply-tokens", "160", "--json"] + STRATEGIES[name]
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
        server_ms = [(out - arrived) * 1000 for arrived, out in stamps]
        # Gaps between a reply and the next request: sequential strategies only (srlm's
        # candidates overlap, so their gaps are not one agent's overhead).
        gaps = [(stamps[i + 1][0] - stamps[i][1]) * 1000 for i in range(len(stamps) - 1)
                if stamps[i + 1][0] >= stamps[i][1]] if name != "srlm" else []
        all_overhead += gaps
        all_server += server_ms
        usage = outcome.get("usage", {})
        print(f"{name}\t{wall:.1f}\t{usage.get('promptTokens', 0)}+{usage.get('completionTokens', 0)}\t{outcome.get('stopReason')}\t"
              f"{len(stamps)}\t{statistics.median(server_ms) if server_ms else 0:.0f}\t"
              f"{statistics.median(gaps) if gaps else float('nan'):.2f}")
    if all_overhead and all_server:
        overhead, latency = statistics.median(all_overhead), statistics.median(all_server)
        print(f"per-turn overhead: median {overhead:.2f} ms over {len(all_overhead)} turns "
              f"(server latency median {latency:.0f} ms; overhead / server = {overhead / latency:.4f}); target <= 2 ms")
    server.shutdown()


if __name__ == "__main__":
    main()
