"""The archlab kernel driven by jupyter_client, with the inputs that break
other Go kernels: bad signatures, unknown messages, syntax errors, panics,
endless loops, huge outputs, os.Exit, restarts."""
import hashlib
import hmac
import json
import os
import signal
import subprocess
import tempfile
import time
import uuid

import pytest
import zmq
from jupyter_client import KernelManager

TIMEOUT = 30


def start_kernel(stderr=None):
    km = KernelManager(kernel_name="archlab")
    km.start_kernel(stderr=stderr)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    flush(kc)
    return km, kc


def stop_kernel(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def flush(kc):
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        while True:
            try:
                get(timeout=0.2)
            except Exception:
                break


def outputs(kc, msg_id, timeout=TIMEOUT):
    """The iopub messages answering msg_id, from busy to idle."""
    out = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        out.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return out


def reply_to(kc, msg_id, timeout=TIMEOUT):
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def run(kc, code, timeout=TIMEOUT, **kw):
    msg_id = kc.execute(code, **kw)
    reply = reply_to(kc, msg_id, timeout)
    return reply, outputs(kc, msg_id, timeout)


def stdout_of(msgs):
    return "".join(m["content"]["text"] for m in msgs
                   if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def kinds(msgs):
    k = []
    for m in msgs:
        t = m["msg_type"]
        if t == "status":
            t = m["content"]["execution_state"]
        k.append(t)
    return k


def assert_works(kc):
    reply, out = run(kc, "20 + 22")
    assert reply["content"]["status"] == "ok", reply["content"]
    results = [m for m in out if m["msg_type"] == "execute_result"]
    assert results and results[0]["content"]["data"]["text/plain"] == "42"


@pytest.fixture(scope="module")
def kernel():
    km, kc = start_kernel()
    yield km, kc
    stop_kernel(km, kc)


def test_heartbeat(kernel):
    km, kc = kernel
    assert kc.hb_channel.is_alive()
    time.sleep(1.5)  # a few heartbeat periods
    assert kc.hb_channel.is_beating()


def test_execute_order(kernel):
    km, kc = kernel
    reply, out = run(kc, 'fmt.Println("a")\n1 + 1')
    assert reply["content"]["status"] == "ok"
    k = [x for x in kinds(out) if x != "stream"]
    assert k == ["busy", "execute_input", "execute_result", "idle"], kinds(out)
    assert kinds(out).index("stream") < kinds(out).index("execute_result")
    assert out[1]["content"]["execution_count"] == reply["content"]["execution_count"]


@pytest.mark.parametrize("msg_type,content", [
    ("kernel_info_request", {}),
    ("complete_request", {"code": "fmt.Pr", "cursor_pos": 6}),
    ("inspect_request", {"code": "fmt.Println", "cursor_pos": 5, "detail_level": 0}),
    ("is_complete_request", {"code": "x := 1"}),
    ("history_request", {"output": False, "raw": True, "hist_access_type": "tail", "n": 3}),
    ("comm_info_request", {}),
])
def test_busy_idle_around_every_request(kernel, msg_type, content):
    km, kc = kernel
    flush(kc)
    msg = kc.session.msg(msg_type, content)
    kc.shell_channel.send(msg)
    reply = reply_to(kc, msg["header"]["msg_id"])
    assert reply["msg_type"] == msg_type.replace("_request", "_reply")
    assert reply["content"]["status"] in ("ok", "complete")
    assert kinds(outputs(kc, msg["header"]["msg_id"])) == ["busy", "idle"]


def test_kernel_info(kernel):
    km, kc = kernel
    msg_id = kc.kernel_info()
    c = reply_to(kc, msg_id)["content"]
    assert c["protocol_version"] == "5.3"
    li = c["language_info"]
    assert (li["name"], li["mimetype"], li["file_extension"], li["pygments_lexer"], li["codemirror_mode"]) == \
        ("go", "text/x-go", ".go", "go", "go")
    assert li["version"]
    assert c["help_links"]


def test_unknown_message_types(kernel):
    km, kc = kernel
    for channel, get in ((kc.shell_channel, kc.get_shell_msg), (kc.control_channel, kc.get_control_msg)):
        msg = kc.session.msg("frobnicate_request", {})
        channel.send(msg)
        reply = get(timeout=TIMEOUT)
        assert reply["parent_header"]["msg_id"] == msg["header"]["msg_id"]
        assert reply["msg_type"] == "frobnicate_reply"
        assert reply["content"]["status"] == "error"
        assert isinstance(reply["content"]["traceback"], list)
    kc.shell_channel.send(kc.session.msg("not_even_a_request", {}))
    assert_works(kc)


def test_syntax_error(kernel):
    km, kc = kernel
    reply, out = run(kc, "x := )")
    c = reply["content"]
    assert c["status"] == "error"
    assert isinstance(c["traceback"], list) and all(isinstance(s, str) for s in c["traceback"])
    assert c["ename"] and c["evalue"]
    errors = [m for m in out if m["msg_type"] == "error"]
    assert len(errors) == 1 and errors[0]["content"]["traceback"] == c["traceback"]
    assert "1:" in c["evalue"] or any("1:" in line for line in c["traceback"]), "no cell position in the error"
    assert_works(kc)


def test_panic(kernel):
    km, kc = kernel
    reply, out = run(kc, 'panic("boom")')
    c = reply["content"]
    assert c["status"] == "error"
    assert "boom" in c["evalue"] + "".join(c["traceback"])
    assert isinstance(c["traceback"], list)
    assert_works(kc)


def test_os_exit_is_an_error_not_a_dead_kernel(kernel):
    km, kc = kernel
    reply, out = run(kc, "os.Exit(3)")
    assert reply["content"]["status"] == "error"
    assert km.is_alive()
    assert_works(kc)


@pytest.mark.parametrize("how", ["message", "signal"])
def test_interrupt_endless_loop(kernel, how):
    km, kc = kernel
    flush(kc)
    msg_id = kc.execute("for {}")
    time.sleep(0.5)
    t0 = time.monotonic()
    if how == "message":
        km.interrupt_kernel()  # interrupt_mode "message": interrupt_request on control
    else:
        km.signal_kernel(signal.SIGINT)
    reply = reply_to(kc, msg_id, timeout=TIMEOUT)
    assert reply["content"]["status"] == "error"
    # The UI shows "ename: evalue": it must not say "interrupted" twice.
    assert reply["content"]["ename"] == "Interrupted"
    assert "interrupt" not in reply["content"]["evalue"].lower(), reply["content"]["evalue"]
    assert time.monotonic() - t0 < 10
    outputs(kc, msg_id)
    assert km.is_alive()
    assert_works(kc)


def test_huge_output_is_truncated(kernel):
    km, kc = kernel
    # About 60 MB of output: the kernel must forward a bounded part and say so.
    code = 'line := strings.Repeat("x", 59)\nfor i := 0; i < 1000000; i++ { fmt.Println(line) }'
    reply, out = run(kc, code, timeout=120)
    assert reply["content"]["status"] == "ok", reply["content"]
    text = "".join(m["content"]["text"] for m in out if m["msg_type"] == "stream")
    assert 0 < len(text) < 16 << 20, len(text)
    assert "truncat" in text.lower() or "dropped" in text.lower() or "omitted" in text.lower(), text[-300:]
    assert_works(kc)


def test_input_request(kernel):
    km, kc = kernel
    flush(kc)
    got = []

    def answer(msg):
        got.append(msg["content"]["prompt"])
        kc.input("gopher")

    out = []
    reply = kc.execute_interactive('name, _ := nb.Input("name? ")\nfmt.Println("hello", name)',
                                   allow_stdin=True, stdin_hook=answer, output_hook=out.append,
                                   timeout=TIMEOUT)
    assert reply["content"]["status"] == "ok", reply["content"]
    assert got == ["name? "]
    assert "hello gopher" in stdout_of(out)


def test_stop_on_error_aborts_queued_cells(kernel):
    km, kc = kernel
    flush(kc)
    # The first cell fails after a pause, so the second is surely queued.
    first = kc.execute('time.Sleep(300 * time.Millisecond)\npanic("first fails")')
    second = kc.execute('fmt.Println("must not run")')
    assert reply_to(kc, first)["content"]["status"] == "error"
    r2 = reply_to(kc, second)
    assert r2["content"]["status"] == "aborted"
    # As ipykernel: no execution_count, so the UI shows In [ ] for a cell
    # that never ran.
    assert "execution_count" not in r2["content"], r2["content"]


def test_inspect_inside_call_brackets(kernel):
    km, kc = kernel
    flush(kc)
    for code in ["fmt.Println()", 'strings.Split("a", )']:
        cursor = len(code) - 1  # just before the closing bracket
        msg_id = kc.inspect(code, cursor_pos=cursor, detail_level=0)
        c = reply_to(kc, msg_id)["content"]
        assert c["status"] == "ok" and c["found"], (code, c)
        name = code.split("(")[0]
        assert "func " + name + "(" in c["data"]["text/plain"], c["data"]


def test_cells_behave_as_go(kernel):
    """Go 1.22 loop variables, min/max of untyped constants, a panic's own
    line, and a goroutine's panic ending its cell, not the kernel."""
    km, kc = kernel
    flush(kc)
    code = ("var fs []func() int\n"
            "for i := 0; i < 3; i++ {\n"
            "\tfs = append(fs, func() int { return i })\n"
            "}\n"
            "fmt.Println(fs[0](), fs[1](), fs[2](), max(1, 2.5))")
    reply, out = run(kc, code)
    assert reply["content"]["status"] == "ok", reply["content"]
    assert stdout_of(out) == "0 1 2 2.5\n"

    reply, out = run(kc, 'x := 1\ny := 2\npanic(fmt.Sprint("boom", x+y))')
    c = reply["content"]
    assert c["status"] == "error" and c["evalue"] == "boom3"
    assert "  at line 3:1" in c["traceback"], c["traceback"]

    # Type arguments inferred as Go does: from a variadic type parameter,
    # untyped constants by kind (1, 2.5 is float64), and written out.
    reply, out = run(kc, "func Sum[T int | float64](xs ...T) (s T) {\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn\n}")
    assert reply["content"]["status"] == "ok", reply["content"]
    for call, want in [("Sum(1, 2, 3)", "6"), ("Sum(1, 2.5)", "3.5"), ("Sum[float64](1, 2.5)", "3.5")]:
        reply, out = run(kc, call)
        assert reply["content"]["status"] == "ok", (call, reply["content"])
        assert [m["content"]["data"]["text/plain"] for m in out if m["msg_type"] == "execute_result"] == [want], call

    reply, out = run(kc, 'done := make(chan bool)\ngo func() {\n\tpanic("worker failed")\n}()\n<-done')
    c = reply["content"]
    assert c["status"] == "error" and c["ename"] == "Panic" and "worker failed" in c["evalue"], c
    assert km.is_alive()
    assert_works(kc)


def _sign(key, parts):
    h = hmac.new(key, digestmod=hashlib.sha256)
    for p in parts:
        h.update(p)
    return h.hexdigest().encode()


def _frames(key, msg_type, content, sig=None):
    header = json.dumps({"msg_id": uuid.uuid4().hex, "session": "evil", "username": "x",
                         "date": "2026-01-01T00:00:00Z", "msg_type": msg_type, "version": "5.3"}).encode()
    parts = [header, b"{}", b"{}", json.dumps(content).encode()]
    if sig is None:
        sig = _sign(key, parts)
    return [b"<IDS|MSG>", sig] + parts


def test_bad_and_unsigned_messages_are_dropped(tmp_path):
    log = open(tmp_path / "kernel.log", "w+")
    km, kc = start_kernel(stderr=log)
    try:
        key = km.session.key
        ctx = zmq.Context.instance()
        sock = ctx.socket(zmq.DEALER)
        sock.setsockopt(zmq.IDENTITY, b"intruder")
        sock.connect("tcp://%s:%d" % (km.ip, km.shell_port))
        evil = {"code": 'fmt.Println("EVIL")', "silent": False, "store_history": True,
                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
        sock.send_multipart(_frames(b"wrong key", "execute_request", evil))     # wrong key
        sock.send_multipart(_frames(key, "execute_request", evil, sig=b""))      # unsigned
        sock.send_multipart(_frames(key, "execute_request", evil, sig=b"zz"))    # not hex
        sock.send_multipart([b"garbage"])                                         # no delimiter
        sock.send_multipart([b"<IDS|MSG>", b"x"])                                 # too short
        bad_json = [b"<IDS|MSG>"]
        parts = [b"{not json", b"{}", b"{}", b"{}"]
        sock.send_multipart(bad_json + [_sign(key, parts)] + parts)               # signed, malformed
        good = _frames(key, "kernel_info_request", {})
        sock.send_multipart(good)
        sock.send_multipart(good)                                                 # replay
        assert sock.poll(TIMEOUT * 1000), "no reply to the one good message"
        reply = sock.recv_multipart()
        assert json.loads(reply[reply.index(b"<IDS|MSG>") + 2])["msg_type"] == "kernel_info_reply"
        assert not sock.poll(1000), "the replayed message was answered"
        sock.close(0)
        reply, out = run(kc, '"still here"')
        assert reply["content"]["status"] == "ok"
        assert reply["content"]["execution_count"] == 1, "a dropped execute_request ran"
        flush(kc)
        log.flush()
        log.seek(0)
        text = log.read()
        assert text.count("dropped message") >= 7, text
        assert "EVIL" not in stdout_of(out)
    finally:
        stop_kernel(km, kc)
        log.close()


def test_restart():
    km, kc = start_kernel()
    try:
        run(kc, "keep := 7")
        old_pid = km.provisioner.process.pid if km.provisioner else None
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=TIMEOUT)
        flush(kc)
        if old_pid is not None:
            assert km.provisioner.process.pid != old_pid
        reply, _ = run(kc, "keep")
        assert reply["content"]["status"] == "error", "state survived a restart"
        assert reply["content"]["execution_count"] == 1
        assert_works(kc)
    finally:
        stop_kernel(km, kc)


def test_shutdown_exits():
    km, kc = start_kernel()
    kc.stop_channels()
    t0 = time.monotonic()
    km.shutdown_kernel(now=False)
    assert not km.is_alive()
    assert time.monotonic() - t0 < 5


@pytest.mark.parametrize("body,want", [
    (None, "connection file"),
    ("{", "not valid JSON"),
    ('{"transport": "udp", "ip": "127.0.0.1"}', "transport"),
])
def test_bad_connection_file(tmp_path, body, want):
    path = tmp_path / "conn.json"
    if body is not None:
        path.write_text(body)
    p = subprocess.run([os.environ["ARCHLAB_BIN"], "kernel", str(path)], capture_output=True, text=True, timeout=30)
    assert p.returncode != 0
    assert want in p.stderr, p.stderr


def test_nbclient_executes_a_notebook():
    """What `jupyter nbconvert --execute` does: nbclient runs every cell."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "archlab", "display_name": "Go (archlab)", "language": "go"}
    nb.cells = [
        nbformat.v4.new_code_cell('fmt.Println("from a notebook")'),
        nbformat.v4.new_code_cell("x := 21\nx * 2"),
        nbformat.v4.new_code_cell('_ = nb.Display(nb.HTML("<i>html</i>"))'),
    ]
    NotebookClient(nb, timeout=60, kernel_name="archlab").execute()
    out = [c.outputs for c in nb.cells]
    assert out[0][0]["text"] == "from a notebook\n"
    assert out[1][0]["output_type"] == "execute_result" and out[1][0]["data"]["text/plain"] == "42"
    assert out[2][0]["output_type"] == "display_data" and "text/html" in out[2][0]["data"]
    assert [c.execution_count for c in nb.cells] == [1, 2, 3]


@pytest.mark.parametrize("code,cursor,start,match", [
    ("fmt.Sprin", 9, 4, "Sprint"),
    ("é := 1; strings.ToUp", 20, 16, "ToUpper"),  # positions count code points, not bytes
])
def test_complete_positions(kernel, code, cursor, start, match):
    km, kc = kernel
    msg_id = kc.complete(code, cursor)
    c = reply_to(kc, msg_id)["content"]
    assert match in c["matches"]
    assert (c["cursor_start"], c["cursor_end"]) == (start, cursor), c
