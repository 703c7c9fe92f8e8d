#!/usr/bin/python3
"""Benchmark the archlab kernel side by side with ipykernel, over jupyter_client.

Measures, per kernel:
  start   time from KernelManager.start_kernel() to the first kernel_info_reply
          (median of --starts runs); this includes jupyter_client's own work
          and its 100 ms reconnect interval
  spawn   the kernel alone: process spawn to the first kernel_info_reply, over a
          raw zmq socket that retries every 5 ms (median of --starts runs)
  p50/p99 round trip of a trivial cell (execute_request sent -> execute_reply
          and the idle status both received), over --runs cells after warm-up
  raw     the same round trip over raw pyzmq sockets with jupyter_client's
          Session (no KernelClient machinery): the kernel's own share
  rss     the kernel process's resident memory after --cells cells

Usage (from the repository root):
  go build -o /tmp/archlab . && /usr/bin/python3 kernel/jupytertest/bench_kernel.py --bin /tmp/archlab
Prints a Markdown table, then one JSON line per kernel. It is a benchmark,
not a test: numbers vary with the machine and its load.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client import KernelManager
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.session import Session

TRIVIAL = {"archlab": "1 + 1", "python3": "1 + 1"}


def install_archlab(binary, tmp):
    prefix = os.path.join(tmp, "prefix")
    subprocess.run([binary, "install", "--prefix", prefix], check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter") + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    os.environ.setdefault("JUPYTER_RUNTIME_DIR", os.path.join(tmp, "runtime"))


def wait_idle(kc, msg_id, timeout=30):
    """Waits for the execute_reply, then for the idle status (which the
    protocol sends after the reply)."""
    while True:
        r = kc.get_shell_msg(timeout=timeout)
        if r["parent_header"].get("msg_id") == msg_id:
            if r["content"]["status"] != "ok":
                raise RuntimeError(r["content"])
            break
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                and m["content"]["execution_state"] == "idle"):
            return


def start_time(name):
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=name)
    km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    while True:
        msg_id = kc.kernel_info()
        try:
            while True:
                r = kc.get_shell_msg(timeout=0.02)
                if r["parent_header"].get("msg_id") == msg_id:
                    dt = time.perf_counter() - t0
                    return dt, km, kc
        except Exception:
            continue


def spawn_time(name, tmp):
    argv = KernelSpecManager().get_kernel_spec(name).argv
    conn, cfg = write_connection_file(os.path.join(tmp, "spawn-%s.json" % name), key=b"bench")
    argv = [a.replace("{connection_file}", conn) for a in argv]
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.setsockopt(zmq.RECONNECT_IVL, 5)
    sess = Session(key=b"bench")
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        sock.connect("tcp://%s:%d" % (cfg["ip"], cfg["shell_port"]))
        sess.send(sock, "kernel_info_request", {})
        if not sock.poll(60000):
            raise TimeoutError(name)
        sess.recv(sock)
        return time.perf_counter() - t0
    finally:
        p.terminate()
        p.wait()
        sock.close(0)


def raw_round_trips(km, code, runs):
    """Round trips of code over plain pyzmq sockets (shell DEALER, iopub SUB)."""
    ctx = zmq.Context.instance()
    shell = ctx.socket(zmq.DEALER)
    shell.connect("tcp://%s:%d" % (km.ip, km.shell_port))
    iopub = ctx.socket(zmq.SUB)
    iopub.setsockopt(zmq.SUBSCRIBE, b"")
    iopub.connect("tcp://%s:%d" % (km.ip, km.iopub_port))
    sess = Session(key=km.session.key)
    content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True}

    def one():
        mid = sess.send(shell, "execute_request", content)["header"]["msg_id"]
        while sess.recv(shell, mode=0)[1]["parent_header"]["msg_id"] != mid:
            pass
        while True:
            r = sess.recv(iopub, mode=0)[1]
            if (r["parent_header"].get("msg_id") == mid and r["msg_type"] == "status"
                    and r["content"]["execution_state"] == "idle"):
                return

    time.sleep(0.5)  # let the SUB subscription reach the kernel
    for _ in range(20):
        one()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        one()
        out.append(time.perf_counter() - t0)
    shell.close(0)
    iopub.close(0)
    return sorted(out)


def rss_kb(km):
    pid = km.provisioner.process.pid
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def bench(name, starts, runs, cells, tmp):
    spawn = sorted(spawn_time(name, tmp) for _ in range(starts))
    times = []
    km = kc = None
    for i in range(starts):
        dt, km, kc = start_time(name)
        times.append(dt)
        if i < starts - 1:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    kc.wait_for_ready(timeout=30)
    code = TRIVIAL[name]
    for _ in range(20):  # warm-up
        wait_idle(kc, kc.execute(code))
    rt = []
    for _ in range(runs):
        t0 = time.perf_counter()
        wait_idle(kc, kc.execute(code))
        rt.append(time.perf_counter() - t0)
    raw = raw_round_trips(km, code, runs)
    rss0 = rss_kb(km)
    for _ in range(cells):
        wait_idle(kc, kc.execute(code))
    rss1 = rss_kb(km)
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    rt.sort()
    return {
        "kernel": name,
        "start_ms": round(statistics.median(times) * 1e3, 1),
        "spawn_ms": round(statistics.median(spawn) * 1e3, 1),
        "p50_ms": round(rt[len(rt) // 2] * 1e3, 2),
        "p99_ms": round(rt[min(len(rt) - 1, int(len(rt) * 0.99))] * 1e3, 2),
        "raw_p50_ms": round(raw[len(raw) // 2] * 1e3, 2),
        "raw_p99_ms": round(raw[min(len(raw) - 1, int(len(raw) * 0.99))] * 1e3, 2),
        "runs": runs,
        "rss_before_mb": round(rss0 / 1024, 1),
        "rss_after_mb": round(rss1 / 1024, 1),
        "cells": cells,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.environ.get("ARCHLAB_BIN"), help="archlab binary (default: $ARCHLAB_BIN, else go build)")
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--cells", type=int, default=1000)
    ap.add_argument("--kernels", default="archlab,python3")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="archlab-bench-")
    try:
        binary = a.bin
        if not binary:
            repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
            binary = os.path.join(tmp, "archlab")
            subprocess.run(["go", "build", "-o", binary, "."], cwd=repo, check=True)
        install_archlab(os.path.abspath(binary), tmp)
        results = [bench(k, a.starts, a.runs, a.cells, tmp) for k in a.kernels.split(",")]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("| kernel | start → kernel_info_reply (jupyter_client) | spawn → reply (kernel alone) "
          "| p50 / p99 round trip (jupyter_client) | p50 / p99 (raw zmq) | RSS before → after %d cells |" % a.cells)
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['kernel']} | {r['start_ms']} ms | {r['spawn_ms']} ms | {r['p50_ms']} / {r['p99_ms']} ms | "
              f"{r['raw_p50_ms']} / {r['raw_p99_ms']} ms | "
              f"{r['rss_before_mb']} → {r['rss_after_mb']} MB |")
    for r in results:
        print(json.dumps(r))


if __name__ == "__main__":
    sys.exit(main())
