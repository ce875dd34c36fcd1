#!/usr/bin/env python3
"""A scripted language-model server on loopback, for driving the real Claude Code and Codex
CLIs in the tests. It fakes only the model: the CLIs, their MCP clients and `fsctx mcp` are real.

Usage: scripted_model_server.py --api anthropic|responses --script FILE --log FILE --port-file FILE
                                [--delay SECONDS]

- `anthropic`: the Anthropic Messages API (`POST /v1/messages`, JSON or, with "stream": true,
  server-sent events) as Claude Code calls it; tool calls are `tool_use` content blocks.
  `POST /v1/messages/count_tokens` is answered too.
- `responses`: the OpenAI Responses API (`POST /v1/responses`, server-sent events) as Codex
  calls it; tool calls are `function_call` output items.

Whatever the --api, `POST …/chat/completions` (the OpenAI chat API, as fsctx's own sub-calls call
it) is answered with one text, "First line: <the first non-empty line of the request's Input>",
and logged as {"api": "chat", "authorization": the header's value, "reply": ...}.

The script (JSON) is a list of turns; each is {"tool": NAME, "input": {...}} (a tool call) or
{"text": "..."} (the final answer); "cut_stream": true on an Anthropic turn breaks its first
streamed reply after `message_start`. The turn a request gets is the number of tool calls already
in its conversation, so retries and the CLIs' side requests (titles, summaries: requests that
offer no tools) do not advance it; side requests get a one-word text. A tool turn whose tool the
request does not offer is answered with a text that says so (the run then ends without it and
the test fails on the missing steps). Every request is appended to the log as one JSON line:
{"api", "path", "turn", "stream", "tools": [names], "authorization": bool, "reply": ...}, on arrival (before any --delay).
The server prints nothing; it writes its port to --port-file once it listens, and stops when
its parent closes stdin or after 10 minutes.
"""
import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_CLAUDE = "claude-sonnet-4-5-20250929"
USAGE_IN, USAGE_OUT = 1200, 80


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        # Codex asks for /v1/models on some start-ups; an empty list is a valid answer.
        self.send_json(200, {"object": "list", "data": []})

    def do_HEAD(self):
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            self.send_json(400, {"error": {"message": "body is not JSON"}})
            return
        server = self.server
        path = self.path.split("?")[0]
        if path.endswith("/chat/completions"):
            self.chat(body)
            return
        if server.api == "anthropic" and path.endswith("/count_tokens"):
            self.send_json(200, {"input_tokens": USAGE_IN})
            return
        if server.api == "anthropic" and path.endswith("/messages"):
            self.anthropic(body)
        elif server.api == "responses" and path.endswith("/responses"):
            self.openai_responses(body)
        else:
            self.send_json(404, {"error": {"message": f"no such endpoint {path}"}})

    # --- the script ---------------------------------------------------------------------

    def choose(self, turn, tools):
        """The reply for conversation turn `turn` given the offered tool names."""
        script = self.server.script
        if not tools:
            return {"text": "Lighthouse"}
        if turn >= len(script):
            return {"text": "The script has no more turns."}
        step = script[turn]
        if "tool" in step and step["tool"] not in tools:
            return {"text": f"tool {step['tool']} was not offered; offered: {', '.join(sorted(tools))}"}
        return step

    def stall(self):
        """With --delay, the model "thinks" that long after the request was logged."""
        if self.server.delay:
            time.sleep(self.server.delay)

    def record(self, entry):
        with self.server.lock:
            with open(self.server.log_path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry) + "\n")

    # --- Anthropic Messages ---------------------------------------------------------------

    def anthropic(self, body):
        tools = [tool.get("name") for tool in body.get("tools") or []]
        turn = sum(1 for message in body.get("messages") or [] if message.get("role") == "assistant"
                   and isinstance(message.get("content"), list)
                   and any(block.get("type") == "tool_use" for block in message["content"]))
        reply = self.choose(turn, tools)
        stream = bool(body.get("stream"))
        self.record({"api": "anthropic", "path": self.path, "turn": turn, "stream": stream, "tools": tools,
                     "authorization": bool(self.headers.get("x-api-key") or self.headers.get("authorization")),
                     "reply": reply})
        self.stall()
        number = self.server.next_id()
        if "tool" in reply:
            block = {"type": "tool_use", "id": f"toolu_{number:04d}", "name": reply["tool"], "input": reply["input"]}
            stop = "tool_use"
        else:
            block = {"type": "text", "text": reply["text"]}
            stop = "end_turn"
        usage = {"input_tokens": USAGE_IN, "output_tokens": USAGE_OUT,
                 "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
        message = {"id": f"msg_{number:04d}", "type": "message", "role": "assistant", "model": MODEL_CLAUDE,
                   "content": [block], "stop_reason": stop, "stop_sequence": None, "usage": usage}
        if not stream:
            self.send_json(200, message)
            return
        start = dict(message, content=[], stop_reason=None, usage=dict(usage, output_tokens=1))
        events = [("message_start", {"type": "message_start", "message": start})]
        if reply.get("cut_stream") and not self.server.cut_done(turn):
            # The stream breaks after its first event (once per turn): the client retries or
            # falls back to a plain JSON request.
            self.send_events(events)
            return
        if block["type"] == "tool_use":
            events.append(("content_block_start", {"type": "content_block_start", "index": 0,
                                                   "content_block": dict(block, input={})}))
            events.append(("content_block_delta", {"type": "content_block_delta", "index": 0,
                                                   "delta": {"type": "input_json_delta",
                                                             "partial_json": json.dumps(block["input"])}}))
        else:
            events.append(("content_block_start", {"type": "content_block_start", "index": 0,
                                                   "content_block": {"type": "text", "text": ""}}))
            events.append(("content_block_delta", {"type": "content_block_delta", "index": 0,
                                                   "delta": {"type": "text_delta", "text": block["text"]}}))
        events.append(("content_block_stop", {"type": "content_block_stop", "index": 0}))
        events.append(("message_delta", {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                                         "usage": {"output_tokens": USAGE_OUT}}))
        events.append(("message_stop", {"type": "message_stop"}))
        self.send_events(events)

    # --- OpenAI chat completions (fsctx's sub-calls) ----------------------------------------

    def chat(self, body):
        messages = body.get("messages") or []
        content = next((m.get("content") for m in reversed(messages) if m.get("role") == "user"), "") or ""
        if isinstance(content, list):
            content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
        _, _, after = content.partition("Input:\n")
        first = next((line.strip() for line in (after or content).splitlines() if line.strip()), "")
        text = f"First line: {first}"
        self.record({"api": "chat", "path": self.path, "model": body.get("model"),
                     "authorization": self.headers.get("authorization"), "reply": {"text": text}})
        self.send_json(200, {"id": f"chatcmpl-{self.server.next_id()}", "object": "chat.completion",
                             "model": body.get("model", "scripted"),
                             "choices": [{"index": 0, "finish_reason": "stop",
                                          "message": {"role": "assistant", "content": text}}],
                             "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}})

    # --- OpenAI Responses -----------------------------------------------------------------

    def openai_responses(self, body):
        # Codex offers an MCP server's tools in a namespace (`{"type": "namespace", "name":
        # "mcp__fsctx", "tools": [...]}`); the script names them as Claude Code does,
        # `mcp__fsctx__grep`, and the call goes out as namespace + name.
        tools, namespaces = [], {}
        for tool in body.get("tools") or []:
            if tool.get("type") == "namespace":
                for inner in tool.get("tools") or []:
                    qualified = f"{tool['name']}__{inner.get('name')}"
                    tools.append(qualified)
                    namespaces[qualified] = (tool["name"], inner.get("name"))
            elif tool.get("name"):
                tools.append(tool["name"])
        items = body.get("input") or []
        turn = sum(1 for item in items if isinstance(item, dict) and item.get("type") == "function_call")
        reply = self.choose(turn, tools)
        self.record({"api": "responses", "path": self.path, "turn": turn, "stream": bool(body.get("stream")),
                     "tools": tools, "authorization": bool(self.headers.get("authorization")), "reply": reply})
        self.stall()
        number = self.server.next_id()
        response_id = f"resp_{number:04d}"
        if "tool" in reply:
            item = {"type": "function_call", "id": f"fc_{number:04d}", "call_id": f"call_{number:04d}",
                    "name": reply["tool"], "arguments": json.dumps(reply["input"]), "status": "completed"}
            if reply["tool"] in namespaces:
                item["namespace"], item["name"] = namespaces[reply["tool"]]
        else:
            item = {"type": "message", "id": f"msg_{number:04d}", "role": "assistant", "status": "completed",
                    "content": [{"type": "output_text", "text": reply["text"], "annotations": []}]}
        usage = {"input_tokens": USAGE_IN, "input_tokens_details": {"cached_tokens": 0},
                 "output_tokens": USAGE_OUT, "output_tokens_details": {"reasoning_tokens": 0},
                 "total_tokens": USAGE_IN + USAGE_OUT}
        response = {"id": response_id, "object": "response", "created_at": int(time.time()), "status": "completed",
                    "model": body.get("model", "scripted"), "output": [item], "usage": usage}
        events = [("response.created", {"type": "response.created",
                                        "response": dict(response, status="in_progress", output=[], usage=None)}),
                  ("response.output_item.added", {"type": "response.output_item.added", "output_index": 0,
                                                  "item": dict(item, status="in_progress")})]
        if item["type"] == "message":
            events.append(("response.output_text.delta", {"type": "response.output_text.delta", "item_id": item["id"],
                                                          "output_index": 0, "content_index": 0,
                                                          "delta": reply["text"]}))
        events.append(("response.output_item.done", {"type": "response.output_item.done", "output_index": 0, "item": item}))
        events.append(("response.completed", {"type": "response.completed", "response": response}))
        self.send_events(events)

    # --- HTTP -------------------------------------------------------------------------------

    def send_json(self, status, value):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_events(self, events):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        for name, data in events:
            self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
            self.wfile.flush()
        self.close_connection = True


class ScriptedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, api, script, log_path, delay):
        super().__init__(("127.0.0.1", 0), Handler)
        self.api, self.script, self.log_path, self.delay = api, script, log_path, delay
        self.lock = threading.Lock()
        self.counter = 0
        self.cut_turns = set()

    def cut_done(self, turn):
        """Whether turn's stream was already cut once (marks it cut)."""
        with self.lock:
            done = turn in self.cut_turns
            self.cut_turns.add(turn)
            return done

    def next_id(self):
        with self.lock:
            self.counter += 1
            return self.counter


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--api", choices=["anthropic", "responses"], required=True)
    parser.add_argument("--script", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--delay", type=float, default=0)
    args = parser.parse_args()
    with open(args.script, encoding="utf-8") as handle:
        script = json.load(handle)
    server = ScriptedServer(args.api, script, args.log, args.delay)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(args.port_file + ".tmp", "w", encoding="utf-8") as handle:
        handle.write(str(server.server_address[1]))
    import os
    os.replace(args.port_file + ".tmp", args.port_file)
    # Until the parent closes our stdin (or 10 minutes pass).
    waiter = threading.Thread(target=sys.stdin.read, daemon=True)
    waiter.start()
    waiter.join(600)
    server.shutdown()


if __name__ == "__main__":
    main()
