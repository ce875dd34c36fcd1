#!/usr/bin/env python3
"""A scripted OpenAI-compatible server on loopback whose SRLM candidates agree at a set rate.

Each candidate is a request stream with its own `seed`. Turn 1 greps for the needle's key;
turn 2 answers: the value found, with probability --agree (decided by a hash of the seed and
the question, so a rerun gives the same answers), otherwise one of three wrong values, also
chosen by that hash (wrong candidates sometimes agree with one another, as real ones do).
Every call reports 20 completion tokens and a confidence.

Prints "PORT <n>" once listening; stops after --lifetime seconds.
"""
import argparse, hashlib, json, re, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--agree", type=float, required=True, help="probability that a candidate answers right")
parser.add_argument("--lifetime", type=float, default=3600)
args = parser.parse_args()
calls = {"n": 0}
lock = threading.Lock()


def call(turn, name, arguments, confidence):
    return {"content": f"Confidence: {confidence}", "tool_calls": [{
        "id": f"call_{turn}", "type": "function", "function": {"name": name, "arguments": json.dumps(arguments)}}]}


def decide(body):
    messages = body["messages"]
    turn = sum(1 for m in messages if m.get("role") == "assistant") + 1
    question = next((m["content"] for m in messages if m.get("role") == "user"), "")
    key = re.search(r"for ([\w-]+) mentioned", question)
    if turn == 1:
        return call(turn, "sh", {"program": f"grep -rn -F '{key.group(1) if key else 'magic'}' . | head -5"}, 70)
    found = re.search(r"is: ([\w-]+)", messages[-1].get("content") or "")
    digest = hashlib.sha256(f"{body.get('seed')}|{question}".encode()).digest()
    draw = int.from_bytes(digest[:8], "big") / 2**64
    if draw < args.agree and found:
        return call(turn, "answer", {"answer": found.group(1), "confidence": 85}, 85)
    wrong = ["1111111", "2222222", "3333333"][digest[8] % 3]
    return call(turn, "answer", {"answer": wrong, "confidence": 85}, 85)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        reply = json.dumps({
            "id": "x", "object": "chat.completion", "model": body.get("model", "fake"),
            "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", **decide(body)}}],
            "usage": {"prompt_tokens": sum(len(m.get("content") or "") for m in body["messages"]) // 4,
                      "completion_tokens": 20, "total_tokens": 0}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
        with lock:
            calls["n"] += 1


class Server(ThreadingHTTPServer):
    request_queue_size = 128


server = Server(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(f"PORT {server.server_address[1]}", flush=True)
threading.Timer(args.lifetime, server.shutdown).start()
server.serve_forever()
