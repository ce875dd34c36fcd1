#!/usr/bin/env python3
"""A scripted OpenAI-compatible chat-completions server on loopback, for benchmarks and tests.

It plays an agent: it answers each POST /v1/chat/completions after a fixed latency, with a tool
call chosen by how many assistant turns the conversation already has.

  --script needle   turn 1: grep for the key of a RULER-style needle; turn 2: answer the value
  --script steps:N  N cheap tool steps (read, ls, grep in one file, wc), then an answer
  --script agree:P  SRLM candidates that agree at rate P: each request stream (its `seed`) greps
                    for the needle's key, then answers the value found with probability P, else
                    one of three wrong values (both decided by a hash of the seed and the question,
                    so a rerun gives the same answers; wrong ones sometimes agree, as real ones do)

Prints "PORT <n>" on stdout once listening. Stops after --max-requests requests or --lifetime seconds.
"""
import argparse, hashlib, json, re, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--latency-ms", type=float, default=0)
parser.add_argument("--script", default="needle")
parser.add_argument("--max-requests", type=int, default=100000)
parser.add_argument("--lifetime", type=float, default=600)
parser.add_argument("--files", default="", help="comma-separated corpus files for steps:N")
args = parser.parse_args()
served = 0
lock = threading.Lock()


def call(turn, name, arguments, confidence):
    return {"content": f"Confidence: {confidence}", "tool_calls": [{
        "id": f"call_{turn}", "type": "function", "function": {"name": name, "arguments": json.dumps(arguments)}}]}


def tool_call(turn, program, confidence=60):
    return call(turn, "sh", {"program": program}, confidence)


def decide(body):
    messages = body["messages"]
    turn = sum(1 for m in messages if m.get("role") == "assistant") + 1
    question = next((m["content"] for m in messages if m.get("role") == "user"), "")
    last = messages[-1].get("content") or ""
    if args.script.startswith("agree:"):
        return agreeing_candidate(body, turn, question, last, float(args.script.split(":")[1]))
    if args.script == "needle":
        key = re.search(r"for ([\w-]+) mentioned", question)
        if turn == 1:
            return tool_call(turn, f"grep -rn -F '{key.group(1) if key else 'magic'}' . | head -5")
        value = needle_value(last)
        return tool_call(turn, f"answer '{value.group(1) if value else 'unknown'}'", 90)
    steps = int(args.script.split(":")[1])
    files = [f for f in args.files.split(",") if f] or ["INDEX.md"]
    if turn > steps:
        return tool_call(turn, "answer 'done'", 90)
    f = files[turn % len(files)]
    programs = [f"read {f} {turn} {turn + 20}", "ls | head -20", f"grep -n -i 'the' {f} | head -5", f"wc -l {f}"]
    return tool_call(turn, programs[turn % len(programs)])


def needle_value(observation):
    """The value after "is: " in a grep observation, from a corpus file's line rather than from
    an INDEX.md preview (whose first-line excerpts are cut with "…")."""
    lines = observation.splitlines()
    for line in [l for l in lines if "INDEX.md:" not in l] + lines:
        found = re.search(r"is: ([\w-]+)", line)
        if found:
            return found
    return None


def agreeing_candidate(body, turn, question, last, rate):
    if turn == 1:
        key = re.search(r"for ([\w-]+) mentioned", question)
        return tool_call(turn, f"grep -rn -F '{key.group(1) if key else 'magic'}' . | head -5", 70)
    found = needle_value(last)
    digest = hashlib.sha256(f"{body.get('seed')}|{question}".encode()).digest()
    if int.from_bytes(digest[:8], "big") / 2**64 < rate and found:
        return call(turn, "answer", {"answer": found.group(1), "confidence": 85}, 85)
    wrong = ["1111111", "2222222", "3333333"][digest[8] % 3]
    return call(turn, "answer", {"answer": wrong, "confidence": 85}, 85)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_POST(self):
        global served
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        time.sleep(args.latency_ms / 1000)
        message = decide(body)
        reply = json.dumps({
            "id": "x", "object": "chat.completion", "model": body.get("model", "fake"),
            "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", **message}}],
            "usage": {"prompt_tokens": sum(len(m.get("content") or "") for m in body["messages"]) // 4,
                      "completion_tokens": 20, "total_tokens": 0}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
        with lock:
            served += 1
            if served >= args.max_requests:
                threading.Thread(target=self.server.shutdown).start()


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # the default of 5 drops parallel connections (SYN retried after 1 s)


server = Server(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(f"PORT {server.server_address[1]}", flush=True)
threading.Timer(args.lifetime, server.shutdown).start()
server.serve_forever()
