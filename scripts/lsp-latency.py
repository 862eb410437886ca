#!/usr/bin/env python3
"""Latency of `tfkms lsp` from a didChange to its publishDiagnostics.

    scripts/lsp-latency.py TFKMS_BINARY WORKSPACE [--edits N]

Opens the first .tf file of WORKSPACE (a tree from `tfkms-bench generate`),
then sends N edits that alternately add and remove a statement with an alias
ARN in Resource, each waiting for the diagnostics of that version (they must
show the finding exactly when it is there). Prints the median, 90th
percentile and maximum latency, and the server's resident memory after
edits 1, 100, 500 and 1000 (those of them within N) and after the last,
with its peak (VmHWM): kept memory must not grow with the edits. A
benchmark, not a test: the numbers go in docs/performance.md.
"""
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time

PLANTED = '''
data "aws_iam_policy_document" "lsp_latency_probe" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/lsp-latency-probe"]
  }
}
'''


def send(proc, message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def read_messages(proc, out):
    """Reads every message, so the server never blocks on a full pipe."""
    while True:
        message = read_message(proc)
        out.put(message)
        if message is None:
            return


def read_message(proc):
    length = None
    while True:
        line = proc.stdout.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields["VmRSS"], fields["VmHWM"]


def main():
    binary, workspace = sys.argv[1], os.path.realpath(sys.argv[2])
    edits = int(sys.argv[sys.argv.index("--edits") + 1]) if "--edits" in sys.argv else 100
    target = None
    for root, dirs, files in sorted(os.walk(workspace)):
        dirs.sort()
        tf = sorted(f for f in files if f.endswith(".tf"))
        if tf:
            target = os.path.join(root, tf[0])
            break
    uri = "file://" + target
    original = open(target).read()
    proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    messages = queue.Queue()
    threading.Thread(target=read_messages, args=(proc, messages), daemon=True).start()

    def receive(_proc):
        message = messages.get(timeout=600)
        if message is None:
            raise SystemExit("the server closed its output")
        return message

    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": None, "rootUri": "file://" + workspace, "capabilities": {}}})
    while receive(proc).get("id") != 1:
        pass
    send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def wait_for(version):
        while True:
            m = receive(proc)
            p = m.get("params", {})
            if m.get("method") == "textDocument/publishDiagnostics" and p["uri"] == uri \
                    and p.get("version") == version:
                return p["diagnostics"]

    send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "terraform", "version": 1, "text": original + PLANTED}}})
    wait_for(1)
    latencies = []
    rss_at = {}
    for version in range(2, edits + 2):
        planted = version % 2 == 1
        text = original + PLANTED if planted else original
        started = time.perf_counter()
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})
        diagnostics = wait_for(version)
        latencies.append(time.perf_counter() - started)
        shown = any("lsp-latency-probe" in d["message"] for d in diagnostics)
        if shown != planted:
            raise SystemExit(f"version {version}: finding shown {shown}, planted {planted}")
        done = version - 1
        if done in (1, 100, 500, 1000):
            rss_at[done] = memory(proc.pid)[0]
        if version % 100 == 0:
            ms = sorted(x * 1000 for x in latencies)
            print(f"after {len(ms)} edits: median {statistics.median(ms):.1f} ms, RSS {memory(proc.pid)[0]}", flush=True)
    rss, peak = memory(proc.pid)
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    send(proc, {"jsonrpc": "2.0", "method": "exit", "params": None})
    proc.wait(timeout=60)
    ms = sorted(x * 1000 for x in latencies)
    print(f"workspace {workspace}: {edits} edits of {os.path.relpath(target, workspace)}")
    print(f"latency ms: median {statistics.median(ms):.1f}, p90 {ms[int(len(ms) * 0.9) - 1]:.1f}, max {ms[-1]:.1f}")
    at = ", ".join(f"{n}: {v}" for n, v in sorted(rss_at.items()))
    print(f"RSS after edits {at}; after the last {rss}; peak {peak}")


if __name__ == "__main__":
    main()
