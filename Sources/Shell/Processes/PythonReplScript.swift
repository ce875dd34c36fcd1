/// The Python side of the agent's persistent REPL, run as `python3 -I -u -c SCRIPT` inside the
/// sandbox. It talks JSON lines with the parent over two inherited pipes: descriptor 3 (to the
/// parent) and 4 (from the parent). Standard output and error (also of child processes) go to a
/// file in the sandbox's private /tmp, read back after each step.
enum PythonReplScript {
    static let source = #"""
import ast, io, json, os, resource, sys, time, traceback

_to_parent = os.fdopen(3, "w", buffering=1, encoding="utf-8")
_from_parent = os.fdopen(4, "r", encoding="utf-8")
_out = os.open("/tmp/.fsctx-python-output", os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
os.dup2(_out, 1)
os.dup2(_out, 2)
sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="replace", line_buffering=True, write_through=True)
sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="replace", line_buffering=True, write_through=True)
sys.stdin = open(os.devnull)

def _send(message):
    _to_parent.write(json.dumps(message) + "\n")
    _to_parent.flush()

def _receive():
    line = _from_parent.readline()
    if not line:
        os._exit(0)
    return json.loads(line)

def _call(message):
    _send(message)
    reply = _receive()
    if not reply.get("ok"):
        raise RuntimeError(reply.get("error") or "the sub-call failed")
    return reply.get("result")

def llm_query(prompt, context=None):
    """One model completion of prompt (with optional context text); returns the text."""
    return _call({"op": "llm", "prompt": str(prompt), "input": "" if context is None else str(context)})

def llm_query_batched(prompts, context=None):
    """Completions of several prompts in parallel (up to the agent's width); returns a list of texts."""
    return _call({"op": "llm_batch", "prompts": [str(p) for p in prompts], "input": "" if context is None else str(context)})

def rlm_query(question, files=None):
    """A sub-agent one level deeper with its own tools answers question (about files, corpus paths); returns its answer."""
    return _call({"op": "rlm", "question": str(question), "files": [str(f) for f in (files or [])]})

def answer(text, confidence=None):
    """Sets the final answer (confidence in (0, 100])."""
    _call({"op": "answer", "text": str(text), "confidence": None if confidence is None else float(confidence)})

CORPUS = "/corpus"
_namespace = {"__name__": "__main__", "__builtins__": __builtins__, "llm_query": llm_query,
              "llm_query_batched": llm_query_batched, "rlm_query": rlm_query, "answer": answer, "CORPUS": CORPUS}

def _run(code):
    tree = ast.parse(code, "<python>", "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, "<python>", "exec"), _namespace)
    if last is not None:
        value = eval(compile(last, "<python>", "eval"), _namespace)
        if value is not None:
            print(repr(value))

while True:
    request = _receive()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    status = 0
    try:
        _run(request["code"])
    except SystemExit as exit:
        status = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        if not isinstance(exit.code, int) and exit.code is not None:
            print(exit.code, file=sys.stderr)
    except BaseException:
        status = 1
        kind, value, trace = sys.exc_info()
        report = traceback.TracebackException(kind, value, trace)
        report.stack = traceback.StackSummary.from_list([frame for frame in report.stack if frame.filename != "<string>"])
        print("".join(report.format()), end="", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    size = os.lseek(_out, 0, os.SEEK_END)
    cap = int(request.get("cap", 1 << 20))
    data = os.pread(_out, min(size, cap), 0)
    os.ftruncate(_out, 0)
    os.lseek(_out, 0, os.SEEK_SET)
    after = resource.getrusage(resource.RUSAGE_SELF)
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
           + after_children.ru_utime + after_children.ru_stime - children.ru_utime - children.ru_stime)
    _send({"op": "done", "output": data.decode("utf-8", "replace"), "cut": max(0, size - cap), "status": status,
           "cpu": cpu, "rss": max(after.ru_maxrss, after_children.ru_maxrss) * 1024})
"""#
}
