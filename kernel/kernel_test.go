package kernel_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/archlab/archlab/kernel"
	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/executor"
	"github.com/archlab/archlab/kernel/executortest"
	"github.com/archlab/archlab/kernel/wire"
)

// fake is a tiny executor: each line of a cell is one command.
//
//	print X   stdout "X\n"        eprint X  stderr "X\n"
//	value X   the cell's value    fail X    a CellError "Boom: X"
//	oops      a plain error       panic     the executor panics
//	loop      wait for interrupt  input P   ask for a line, print it
//	show ID   display_data        update ID update_display_data
//	clear     clear_output        set X     remember X
//	get       the cell's value is what set remembered
//
// It passes kernel/executortest with fakeCells (TestFakeConformance).
type fake struct {
	mu  sync.Mutex
	set string // what "set" remembered
}

func (f *fake) Execute(ctx context.Context, code string, s executor.Sink) (*display.Bundle, error) {
	var value *display.Bundle
	for _, line := range strings.Split(code, "\n") {
		cmd, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch cmd {
		case "print":
			s.Stream("stdout", arg+"\n")
		case "eprint":
			s.Stream("stderr", arg+"\n")
		case "value":
			b := display.Text(arg)
			value = &b
		case "set":
			f.mu.Lock()
			f.set = arg
			f.mu.Unlock()
		case "get":
			f.mu.Lock()
			b := display.Text(f.set)
			f.mu.Unlock()
			value = &b
		case "fail":
			return nil, &executor.CellError{Name: "Boom", Value: arg, Traceback: []string{"Boom: " + arg, "at line 1"}}
		case "oops":
			return nil, errors.New("plain " + arg)
		case "panic":
			panic("fake executor bug")
		case "loop":
			<-ctx.Done()
			return nil, &executor.CellError{Name: "Interrupted", Value: "interrupted", Traceback: []string{"Interrupted"}}
		case "input":
			v, err := s.Input(arg, false)
			if err != nil {
				return nil, err
			}
			s.Stream("stdout", "got "+v+"\n")
		case "show":
			s.Display(display.Text("shown"), arg, false)
		case "update":
			s.Display(display.Text("updated"), arg, true)
		case "clear":
			s.Clear(true)
		case "":
		default:
			return nil, &executor.CellError{Name: "SyntaxError", Value: "unknown command " + cmd} // no traceback, on purpose
		}
	}
	return value, nil
}

// fakeCells are fake's cells for kernel/executortest.
var fakeCells = executortest.Cells{
	Streams: "print out\neprint err",
	Value:   "value 42",
	NoValue: "print no value",
	Display: "show d1",
	Update:  "update d1",
	Clear:   "clear",
	Input:   "input name?",
	Errors: []executortest.Error{
		{Code: "fail boom", Name: "Boom", Value: "boom"},
	},
	Loop:       "print started\nloop",
	Define:     "set 42",
	Use:        "get",
	Mutate:     "set 99",
	Complete:   executortest.Completion{Code: "(π pri", Match: "print", Start: 3},
	Inspect:    "print",
	Whole:      "print x",
	Unfinished: "{",
	Invalid:    "}",
}

// TestFakeConformance: the protocol tests' fake meets the contract the
// real interpreter meets, so what they pin holds for the real kernel.
func TestFakeConformance(t *testing.T) {
	executortest.Run(t, func(*testing.T) executor.Executor { return &fake{} }, fakeCells)
}

func (*fake) Complete(code string, cursor int) ([]string, int, int) {
	r := []rune(code) // offsets are in code points
	start := strings.LastIndexAny(string(r[:cursor]), " (") + 1
	start = len([]rune(string(r[:cursor])[:start]))
	word := string(r[start:cursor])
	var out []string
	for _, w := range []string{"print", "println", "panic"} {
		if strings.HasPrefix(w, word) {
			out = append(out, w)
		}
	}
	return out, start, cursor
}

func (*fake) Inspect(code string, cursor, detail int) (display.Bundle, bool) {
	if strings.Contains(code, "print") {
		return display.Text(fmt.Sprintf("print prints (detail %d)", detail)), true
	}
	return display.Bundle{}, false
}

func (*fake) IsComplete(code string) (string, string) {
	switch {
	case strings.Count(code, "{") > strings.Count(code, "}"):
		return "incomplete", "\t"
	case strings.Count(code, "}") > strings.Count(code, "{"):
		return "invalid", ""
	}
	return "complete", ""
}

// client speaks to a kernel over ZeroMQ the way jupyter_client does.
type client struct {
	t                     testing.TB
	shell, control, stdin zmq4.Socket
	iopub                 zmq4.Socket
	signer                *wire.Signer
	key                   string
	iopubC                chan wire.Message
}

const testKey = "test-key"

func start(t testing.TB, ex executor.Executor) (*client, *kernel.Kernel, <-chan bool) {
	t.Helper()
	k, err := kernel.New(kernel.Config{
		Conn:     wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: testKey, SignatureScheme: "hmac-sha256"},
		Executor: ex,
		Version:  "test",
	})
	if err != nil {
		t.Fatal(err)
	}
	restart := make(chan bool, 1)
	go func() {
		r, _ := k.Run(context.Background())
		restart <- r
	}()
	t.Cleanup(func() { k.Close() })
	info := k.ConnectionInfo()
	ctx := context.Background()
	signer, _ := wire.NewSigner("hmac-sha256", []byte(testKey))
	c := &client{t: t, signer: signer, iopubC: make(chan wire.Message, 1024)}
	dial := func(s zmq4.Socket, port int) zmq4.Socket {
		if err := s.Dial(info.Endpoint(port)); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	id := zmq4.WithID(zmq4.SocketIdentity("test-client"))
	c.shell = dial(zmq4.NewDealer(ctx, id), info.ShellPort)
	c.control = dial(zmq4.NewDealer(ctx, id), info.ControlPort)
	c.stdin = dial(zmq4.NewDealer(ctx, id), info.StdinPort)
	c.iopub = dial(zmq4.NewSub(ctx), info.IOPubPort)
	if err := c.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			raw, err := c.iopub.Recv()
			if err != nil {
				close(c.iopubC)
				return
			}
			m, err := wire.Decode(raw.Frames, c.signer)
			if err != nil {
				t.Errorf("iopub: %v", err)
				continue
			}
			c.iopubC <- m
		}
	}()
	// Wait until the subscription is live: kernel_info until iopub speaks.
	for i := 0; ; i++ {
		if i == 50 {
			t.Fatal("iopub never delivered a status message")
		}
		id := c.send(c.shell, "kernel_info_request", nil)
		c.recv(c.shell, id)
		select {
		case <-c.iopubC:
			time.Sleep(20 * time.Millisecond)
			c.drainIOPub()
			return c, k, restart
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (c *client) drainIOPub() {
	for {
		select {
		case <-c.iopubC:
		default:
			return
		}
	}
}

func (c *client) send(s zmq4.Socket, typ string, content any) string {
	c.t.Helper()
	m := wire.NewMessage("client-session", typ, nil, content)
	frames, err := m.Encode(c.signer)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatal(err)
	}
	return m.Header.MsgID
}

// recv returns the next message on s, which must answer parent.
func (c *client) recv(s zmq4.Socket, parent string) wire.Message {
	c.t.Helper()
	type result struct {
		m   wire.Message
		err error
	}
	ch := make(chan result, 1)
	go func() {
		raw, err := s.Recv()
		if err != nil {
			ch <- result{err: err}
			return
		}
		m, err := wire.Decode(raw.Frames, c.signer)
		ch <- result{m, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			c.t.Fatal(r.err)
		}
		if r.m.ParentHeader.MsgID != parent {
			c.t.Fatalf("%s answers %q, want %q", r.m.Type(), r.m.ParentHeader.MsgID, parent)
		}
		return r.m
	case <-time.After(10 * time.Second):
		c.t.Fatalf("no reply to %s", parent)
	}
	panic("unreachable")
}

// outputs collects the iopub messages of request id, from busy to idle.
func (c *client) outputs(id string) []wire.Message {
	c.t.Helper()
	var out []wire.Message
	for {
		select {
		case m := <-c.iopubC:
			if m.ParentHeader.MsgID != id {
				continue
			}
			out = append(out, m)
			if m.Type() == "status" && content(m)["execution_state"] == "idle" {
				return out
			}
		case <-time.After(10 * time.Second):
			c.t.Fatalf("no idle for %s; got %s", id, types(out))
		}
	}
}

func content(m wire.Message) map[string]any {
	var c map[string]any
	_ = json.Unmarshal(m.Content, &c)
	return c
}

func types(ms []wire.Message) string {
	var s []string
	for _, m := range ms {
		t := m.Type()
		if t == "status" {
			t = content(m)["execution_state"].(string)
		}
		if t == "stream" {
			t = "stream:" + content(m)["name"].(string)
		}
		s = append(s, t)
	}
	return strings.Join(s, " ")
}

func (c *client) execute(code string, extra map[string]any) (reply wire.Message, iopub []wire.Message) {
	c.t.Helper()
	req := map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}
	for k, v := range extra {
		req[k] = v
	}
	id := c.send(c.shell, "execute_request", req)
	reply = c.recv(c.shell, id)
	return reply, c.outputs(id)
}

func TestExecuteOrder(t *testing.T) {
	c, _, _ := start(t, &fake{})
	tests := []struct {
		code, want, status string
	}{
		{"print hi\neprint warn\nvalue 3", "busy execute_input stream:stdout stream:stderr execute_result idle", "ok"},
		{"print a", "busy execute_input stream:stdout idle", "ok"},
		{"show d1\nupdate d1\nclear", "busy execute_input display_data update_display_data clear_output idle", "ok"},
		{"fail bad", "busy execute_input error idle", "error"},
		{"oops x", "busy execute_input error idle", "error"},
		{"panic", "busy execute_input error idle", "error"},
		{"input name?", "busy execute_input error idle", "error"}, // allow_stdin false
		{"nosuch", "busy execute_input error idle", "error"},      // a CellError with no traceback: the kernel gives one
	}
	for i, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			reply, out := c.execute(tt.code, nil)
			if got := types(out); got != tt.want {
				t.Errorf("iopub:\n-%s\n+%s", tt.want, got)
			}
			rc := content(reply)
			if rc["status"] != tt.status {
				t.Errorf("status = %v, want %s (%v)", rc["status"], tt.status, rc)
			}
			if n := rc["execution_count"]; n != float64(i+1) {
				t.Errorf("execution_count = %v, want %d", n, i+1)
			}
			if tt.status == "error" {
				tb, ok := rc["traceback"].([]any)
				if !ok || len(tb) == 0 {
					t.Errorf("traceback = %#v, want a non-empty list", rc["traceback"])
				}
			}
		})
	}
}

func TestBadMessagesDropped(t *testing.T) {
	c, _, _ := start(t, &fake{})
	// Unsigned, wrongly signed and malformed frames: dropped, never answered.
	bad, _ := wire.NewSigner("hmac-sha256", []byte("wrong"))
	m := wire.NewMessage("s", "execute_request", nil, map[string]any{"code": "print evil"})
	frames, _ := m.Encode(bad)
	for _, f := range [][][]byte{
		frames,
		{[]byte(wire.Delimiter), nil, []byte("{}"), []byte("{}"), []byte("{}"), []byte("{}")},
		{[]byte("garbage")},
		{[]byte(wire.Delimiter)},
	} {
		if err := c.shell.SendMulti(zmq4.NewMsgFrom(f...)); err != nil {
			t.Fatal(err)
		}
	}
	reply, out := c.execute("print ok", nil)
	if content(reply)["status"] != "ok" || types(out) != "busy execute_input stream:stdout idle" {
		t.Fatalf("after bad messages: %v %s", content(reply), types(out))
	}
	if n := content(reply)["execution_count"]; n != float64(1) {
		t.Errorf("execution_count = %v: a bad message ran", n)
	}
}

func TestUnknownMessageType(t *testing.T) {
	c, _, _ := start(t, &fake{})
	for _, s := range []zmq4.Socket{c.shell, c.control} {
		id := c.send(s, "frobnicate_request", map[string]any{})
		r := c.recv(s, id)
		if r.Type() != "frobnicate_reply" || content(r)["status"] != "error" {
			t.Errorf("reply %s %v", r.Type(), content(r))
		}
		if got := types(c.outputs(id)); got != "busy idle" {
			t.Errorf("iopub = %s", got)
		}
	}
	c.send(c.shell, "frobnicate", map[string]any{}) // not a request: logged only
	reply, _ := c.execute("value 1", nil)
	if content(reply)["status"] != "ok" {
		t.Error("kernel not working after unknown messages")
	}
}

func TestInterrupt(t *testing.T) {
	c, _, _ := start(t, &fake{})
	id := c.send(c.shell, "execute_request", map[string]any{"code": "loop", "silent": false})
	time.Sleep(100 * time.Millisecond)
	iid := c.send(c.control, "interrupt_request", map[string]any{})
	if r := c.recv(c.control, iid); content(r)["status"] != "ok" {
		t.Errorf("interrupt_reply %v", content(r))
	}
	r := c.recv(c.shell, id)
	if content(r)["ename"] != "Interrupted" {
		t.Errorf("interrupted cell: %v", content(r))
	}
	reply, _ := c.execute("value next", nil)
	if content(reply)["status"] != "ok" {
		t.Errorf("next cell: %v", content(reply))
	}
}

func TestStopOnErrorAbortsQueued(t *testing.T) {
	c, _, _ := start(t, &fake{})
	id1 := c.send(c.shell, "execute_request", map[string]any{"code": "loop\n"})
	id2 := c.send(c.shell, "execute_request", map[string]any{"code": "print never"})
	time.Sleep(100 * time.Millisecond)
	c.send(c.control, "interrupt_request", map[string]any{})
	if r := c.recv(c.shell, id1); content(r)["status"] != "error" {
		t.Fatalf("first: %v", content(r))
	}
	if r := c.recv(c.shell, id2); content(r)["status"] != "aborted" {
		t.Errorf("queued cell: %v, want aborted", content(r))
	} else if n, ok := content(r)["execution_count"]; ok {
		t.Errorf("aborted reply carries execution_count %v; ipykernel's has none (the UI shows In [ ])", n)
	}
}

func TestInput(t *testing.T) {
	c, _, _ := start(t, &fake{})
	id := c.send(c.shell, "execute_request", map[string]any{"code": "input name?", "allow_stdin": true})
	raw, err := c.stdin.Recv()
	if err != nil {
		t.Fatal(err)
	}
	req, err := wire.Decode(raw.Frames, c.signer)
	if err != nil {
		t.Fatal(err)
	}
	if req.Type() != "input_request" || content(req)["prompt"] != "name?" {
		t.Fatalf("got %s %v", req.Type(), content(req))
	}
	reply := wire.NewMessage("client-session", "input_reply", &req, map[string]any{"value": "gopher"})
	reply.Identities = nil
	frames, _ := reply.Encode(c.signer)
	if err := c.stdin.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatal(err)
	}
	if r := c.recv(c.shell, id); content(r)["status"] != "ok" {
		t.Fatalf("reply %v", content(r))
	}
	var text string
	for _, m := range c.outputs(id) {
		if m.Type() == "stream" {
			text += content(m)["text"].(string)
		}
	}
	if text != "got gopher\n" {
		t.Errorf("stdout = %q", text)
	}
}

func TestIntrospection(t *testing.T) {
	c, _, _ := start(t, &fake{})
	ask := func(typ string, req map[string]any) map[string]any {
		id := c.send(c.shell, typ, req)
		return content(c.recv(c.shell, id))
	}
	// Cursor positions are in code points: "é" is two bytes, one point.
	r := ask("complete_request", map[string]any{"code": "é(pri", "cursor_pos": 5})
	if fmt.Sprint(r["matches"]) != "[print println]" || r["cursor_start"] != float64(2) || r["cursor_end"] != float64(5) {
		t.Errorf("complete_reply %v", r)
	}
	r = ask("complete_request", map[string]any{"code": "zzz", "cursor_pos": 3})
	if m, ok := r["matches"].([]any); !ok || len(m) != 0 {
		t.Errorf("no matches: %v", r)
	}
	r = ask("inspect_request", map[string]any{"code": "print", "cursor_pos": 2, "detail_level": 1})
	if r["found"] != true || r["data"].(map[string]any)["text/plain"] != "print prints (detail 1)" {
		t.Errorf("inspect_reply %v", r)
	}
	r = ask("inspect_request", map[string]any{"code": "nothing", "cursor_pos": 2})
	if r["found"] != false || r["status"] != "ok" {
		t.Errorf("inspect_reply %v", r)
	}
	for code, want := range map[string]string{"x := 1": "complete", "func f() {": "incomplete", "}": "invalid"} {
		r = ask("is_complete_request", map[string]any{"code": code})
		if r["status"] != want {
			t.Errorf("is_complete(%q) = %v, want %s", code, r, want)
		}
	}
	r = ask("kernel_info_request", nil)
	li := r["language_info"].(map[string]any)
	if r["protocol_version"] != "5.3" || li["name"] != "go" || li["file_extension"] != ".go" || li["mimetype"] != "text/x-go" {
		t.Errorf("kernel_info_reply %v", r)
	}
	r = ask("comm_info_request", map[string]any{})
	if r["status"] != "ok" {
		t.Errorf("comm_info_reply %v", r)
	}
}

func TestHistory(t *testing.T) {
	c, _, _ := start(t, &fake{})
	for _, code := range []string{"value 1", "value 2", "value 1", "print x"} {
		c.execute(code, nil)
	}
	c.execute("value silent", map[string]any{"silent": true})
	ask := func(req map[string]any) []any {
		req["raw"] = true
		if _, ok := req["output"]; !ok {
			req["output"] = false
		}
		id := c.send(c.shell, "history_request", req)
		return content(c.recv(c.shell, id))["history"].([]any)
	}
	tests := []struct {
		req  map[string]any
		want string
	}{
		{map[string]any{"hist_access_type": "tail", "n": 2}, "[[1 3 value 1] [1 4 print x]]"},
		{map[string]any{"hist_access_type": "range", "session": 1, "start": 2, "stop": 3}, "[[1 2 value 2]]"},
		{map[string]any{"hist_access_type": "search", "pattern": "value ?"}, "[[1 1 value 1] [1 2 value 2] [1 3 value 1]]"},
		{map[string]any{"hist_access_type": "search", "pattern": "value 1", "unique": true}, "[[1 3 value 1]]"},
		{map[string]any{"hist_access_type": "search", "pattern": "*", "n": 1}, "[[1 4 print x]]"},
		{map[string]any{"hist_access_type": "tail", "n": 1, "output": true}, "[[1 4 [print x <nil>]]]"},
		{map[string]any{"hist_access_type": "range", "start": 1, "stop": 2, "output": true}, "[[1 1 [value 1 1]]]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(ask(tt.req)); got != tt.want {
			t.Errorf("%v:\n-%s\n+%s", tt.req, tt.want, got)
		}
	}
}

func TestShutdown(t *testing.T) {
	for _, restart := range []bool{false, true} {
		t.Run(fmt.Sprint("restart=", restart), func(t *testing.T) {
			c, _, done := start(t, &fake{})
			id := c.send(c.control, "shutdown_request", map[string]any{"restart": restart})
			r := content(c.recv(c.control, id))
			if r["status"] != "ok" || r["restart"] != restart {
				t.Errorf("shutdown_reply %v", r)
			}
			select {
			case got := <-done:
				if got != restart {
					t.Errorf("Run returned restart=%v, want %v", got, restart)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Run did not return after shutdown")
			}
		})
	}
}

func TestShutdownWhileRunning(t *testing.T) {
	c, _, done := start(t, &fake{})
	c.send(c.shell, "execute_request", map[string]any{"code": "loop"})
	time.Sleep(50 * time.Millisecond)
	id := c.send(c.control, "shutdown_request", map[string]any{"restart": false})
	c.recv(c.control, id)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return")
	}
}

// BenchmarkExecuteRoundTrip measures the protocol's share of a cell's round
// trip: execute_request sent to execute_reply and idle received, with the
// fake executor, over loopback TCP and the zmq4 client.
func BenchmarkExecuteRoundTrip(b *testing.B) {
	c, _, _ := start(b, &fake{})
	b.ReportAllocs()
	for b.Loop() {
		id := c.send(c.shell, "execute_request", map[string]any{"code": "value 1"})
		c.recv(c.shell, id)
		c.outputs(id)
	}
}

func TestUserExpressionsAndSilent(t *testing.T) {
	c, _, _ := start(t, &fake{})
	reply, out := c.execute("print hi", map[string]any{"user_expressions": map[string]any{"a": "value 5", "b": "fail no"}})
	ue := content(reply)["user_expressions"].(map[string]any)
	a := ue["a"].(map[string]any)
	if a["status"] != "ok" || a["data"].(map[string]any)["text/plain"] != "5" {
		t.Errorf("user_expressions a = %v", a)
	}
	if b := ue["b"].(map[string]any); b["status"] != "error" || b["ename"] != "Boom" {
		t.Errorf("user_expressions b = %v", b)
	}
	if got := types(out); got != "busy execute_input stream:stdout idle" {
		t.Errorf("user expressions published output: %s", got)
	}
	// A silent cell: no execute_input, no execute_result, no count.
	reply, out = c.execute("value 9", map[string]any{"silent": true})
	if got := types(out); got != "busy idle" {
		t.Errorf("silent iopub = %s", got)
	}
	if n := content(reply)["execution_count"]; n != float64(1) {
		t.Errorf("silent execution_count = %v, want 1", n)
	}
}
