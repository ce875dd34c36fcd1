#!/usr/bin/env python3
"""A stand-in for a coding agent, for what the real CLIs cannot show in the tests of `fsctx launch`
(RealAgentTests runs the real Claude Code and Codex): an agent that finds its MCP configuration
through FSCTX_MCP_CONFIG, and one that fails with a status of its choice. It is an MCP client on
the official Python SDK (PyPI `mcp`).

Usage: stand_in_agent.py [-p PROMPT] [--mcp-config FILE] [--output-format json] --pattern WORD
                         [--no-answer-tool] [--exit STATUS]

It reads the MCP configuration from --mcp-config (as `claude` does) or from the
FSCTX_MCP_CONFIG environment variable, spawns the `fsctx` server from it over stdio, lists
the tools, greps for WORD, reads the first hit, and gives that line with the `answer` tool
(unless --no-answer-tool). It logs progress on stderr and, last, prints one JSON result on
stdout the way `claude -p --output-format json` does (result, total_cost_usd, num_turns,
usage). Its "cost" is a made-up figure proportional to the calls: it has no model.
"""
import argparse
import asyncio
import json
import os
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def log(message):
    print(f"stand-in agent: {message}", file=sys.stderr, flush=True)


def text_of(result):
    return "".join(getattr(block, "text", "") for block in result.content)


async def work(args):
    config_path = args.mcp_config or os.environ.get("FSCTX_MCP_CONFIG")
    if not config_path:
        log("no MCP configuration (give --mcp-config or set FSCTX_MCP_CONFIG)")
        sys.exit(3)
    with open(config_path, encoding="utf-8") as handle:
        server = json.load(handle)["mcpServers"]["fsctx"]
    log(f"config from {'--mcp-config' if args.mcp_config else 'FSCTX_MCP_CONFIG'}; cwd {os.getcwd()}")
    params = StdioServerParameters(command=server["command"], args=server["args"], env=server.get("env") or None)
    turns, answer = 0, None
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            tools = [tool.name for tool in (await session.list_tools()).tools]
            log(f"tools: {', '.join(sorted(tools))}")
            turns += 1
            hits = text_of(await session.call_tool("grep", {"pattern": args.pattern, "flags": "-i -m 1"}))
            first = hits.splitlines()[0] if hits.strip() else ""
            log(f"grep {args.pattern!r}: {first or 'no match'}")
            if first:
                turns += 1
                path, line = first.split(":")[0], int(first.split(":")[1])
                answer = text_of(await session.call_tool("read", {"path": path, "start": line, "end": line})).split("\t", 1)[-1].strip()
                if not args.no_answer_tool:
                    turns += 1
                    await session.call_tool("answer", {"answer": answer, "confidence": 70})
    result = {
        "type": "result",
        "subtype": "success" if answer else "error_during_execution",
        "is_error": answer is None,
        "num_turns": turns,
        "result": f"The line says: {answer}" if answer else "I found nothing.",
        "session_id": "stand-in",
        "total_cost_usd": round(0.0021 * turns, 6),
        "usage": {"input_tokens": 1200 * turns, "cache_read_input_tokens": 300, "output_tokens": 80 * turns},
    }
    print(json.dumps(result) if args.output_format == "json" else result["result"], flush=True)
    return args.exit


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-p", dest="prompt", default="")
    parser.add_argument("--mcp-config")
    parser.add_argument("--output-format", default="json")
    parser.add_argument("--pattern", required=True)
    parser.add_argument("--no-answer-tool", action="store_true")
    parser.add_argument("--exit", type=int, default=0)
    sys.exit(asyncio.run(work(parser.parse_args())))


if __name__ == "__main__":
    main()
