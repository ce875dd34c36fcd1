#!/usr/bin/env python3
"""Drives `fsctx mcp` with the official Python MCP SDK (PyPI `mcp`), an independent client.

Usage: mcp_client_check.py --fsctx BIN --corpus DIR --run ID --pattern WORD

It spawns `BIN mcp DIR --run ID` over stdio, then: initializes; lists the tools and checks
their names, read-only annotations and schemas against `BIN tools --json`; lists and reads the
INDEX.md resource; calls grep for WORD and reads the first hit; attempts path escapes (which
must come back as error results) and checks the server still serves; answers. After the
session it checks with the git CLI that every call is a commit on refs/fsctx/runs/ID.
Prints a JSON report on stdout; exits 1 with a message on the first failed check.
"""
import argparse
import asyncio
import json
import os
import subprocess
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def wire(model):
    """A result as it looked on the wire (camelCase keys), whatever the SDK's field names."""
    return model.model_dump(by_alias=True, exclude_none=True, mode="json")


def check(condition, message):
    if not condition:
        print(f"mcp_client_check: FAILED: {message}", file=sys.stderr, flush=True)
        os._exit(1)  # out of the SDK's task groups at once; the server sees stdin close


def text_of(result):
    return "".join(block.get("text", "") for block in result.get("content", []))


async def drive(args):
    report = {}
    params = StdioServerParameters(command=args.fsctx, args=["mcp", args.corpus, "--run", args.run])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = wire(await session.initialize())
            check(init["serverInfo"]["name"] == "fsctx", f"serverInfo: {init['serverInfo']}")
            report["protocolVersion"] = init["protocolVersion"]

            tools = {tool["name"]: tool for tool in wire(await session.list_tools())["tools"]}
            check(set(tools) == {"sh", "python", "grep", "read", "ls", "find", "answer"}, f"tool names: {sorted(tools)}")
            catalog = json.loads(subprocess.run([args.fsctx, "tools", "--json"], check=True, capture_output=True, text=True).stdout)
            for entry in catalog:
                tool = tools[entry["name"]]
                check(tool["inputSchema"] == entry["parameters"], f"{entry['name']}: schema differs from `fsctx tools --json`")
                check(tool.get("description") == entry["description"], f"{entry['name']}: description differs")
                hint = tool.get("annotations", {}).get("readOnlyHint")
                check(hint == entry["readOnly"], f"{entry['name']}: readOnlyHint {hint}, catalog says {entry['readOnly']}")
            report["tools"] = sorted(tools)

            resources = wire(await session.list_resources())["resources"]
            check([r["uri"] for r in resources] == ["fsctx://corpus/INDEX.md"], f"resources: {resources}")
            index = wire(await session.read_resource("fsctx://corpus/INDEX.md"))["contents"][0]["text"]
            with open(f"{args.corpus}/INDEX.md", encoding="utf-8") as handle:
                check(index == handle.read(), "INDEX.md resource differs from the file")

            grep = wire(await session.call_tool("grep", {"pattern": args.pattern, "flags": "-i"}))
            check(not grep.get("isError"), f"grep failed: {grep}")
            first = text_of(grep).splitlines()[0]
            path, line = first.split(":")[0], int(first.split(":")[1])
            report["grep_first_hit"] = first

            read = wire(await session.call_tool("read", {"path": path, "start": line, "end": line}))
            check(not read.get("isError") and args.pattern.lower() in text_of(read).lower(), f"read failed: {read}")

            none = wire(await session.call_tool("grep", {"pattern": "no-such-word-anywhere-42"}))
            check(not none.get("isError") and "no matches" in text_of(none), f"grep with no match: {none}")

            escapes = []
            for name, arguments in [("read", {"path": "../../../etc/passwd"}), ("grep", {"pattern": "root", "path": "/etc"}),
                                    ("sh", {"program": "cat ../outside.txt"})]:
                refused = wire(await session.call_tool(name, arguments))
                check(refused.get("isError") is True, f"{name} {arguments} was not refused: {refused}")
                check("root:" not in text_of(refused), f"{name} leaked a file outside the corpus")
                escapes.append(text_of(refused).strip())
            report["escape_messages"] = escapes

            bad = wire(await session.call_tool("read", {"start": 3}))
            check(bad.get("isError") is True and "missing argument 'path'" in text_of(bad), f"bad arguments: {bad}")

            try:
                await session.read_resource("fsctx://corpus/../../etc/passwd")
                check(False, "reading an unknown resource did not fail")
            except Exception as error:  # the SDK raises its MCP error type for a JSON-RPC error
                check("unknown resource" in str(error), f"unknown resource error: {error}")

            listing = wire(await session.call_tool("ls", {}))
            check(not listing.get("isError") and "INDEX.md" in text_of(listing), f"ls after the refusals: {listing}")

            answer = wire(await session.call_tool("answer", {"answer": first, "confidence": 80}))
            check(not answer.get("isError") and "answer recorded" in text_of(answer).lower(), f"answer: {answer}")
            report["answer"] = first

    ref = f"refs/fsctx/runs/{args.run}"
    log = subprocess.run(["git", "-C", args.corpus, "-c", "safe.directory=*", "log", "--format=%s", ref],
                         check=True, capture_output=True, text=True).stdout.splitlines()
    steps = [line for line in log if line.startswith("step ")]
    check(len(steps) == 9, f"expected 9 recorded calls on {ref}, found {len(steps)}: {log}")
    check(any(" grep " in line for line in steps) and any(" read " in line for line in steps), f"grep/read steps: {steps}")
    show = subprocess.run(["git", "-C", args.corpus, "-c", "safe.directory=*", "show", f"{ref}:.fsctx/runs/{args.run}/answer.json"],
                          check=True, capture_output=True, text=True).stdout
    check(json.loads(show)["answer"] == first, f"answer.json: {show}")
    report["commits"] = log
    print(json.dumps(report, indent=2))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fsctx", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--run", required=True)
    parser.add_argument("--pattern", required=True)
    asyncio.run(drive(parser.parse_args()))


if __name__ == "__main__":
    main()
