package wire

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

func mustSigner(t *testing.T, key string) *Signer {
	t.Helper()
	s, err := NewSigner("hmac-sha256", []byte(key))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSignKnownAnswer pins the HMAC against a value computed with Python's
// hmac module: hmac.new(b"secret", b"abcd", "sha256").hexdigest().
func TestSignKnownAnswer(t *testing.T) {
	s := mustSigner(t, "secret")
	got := s.Sign([4][]byte{[]byte("a"), []byte("b"), []byte("c"), []byte("d")})
	const want = "3057ecbaeceffb90b97394a97267236eca9f9e5520dfe387831a22a0eb7709d2"
	if got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
}

func TestRoundTrip(t *testing.T) {
	s := mustSigner(t, "k")
	parent := NewMessage("sess", "execute_request", nil, map[string]any{"code": "1"})
	parent.Identities = [][]byte{[]byte("client-1")}
	m := NewMessage("kern", "execute_reply", &parent, map[string]any{"status": "ok", "execution_count": 1})
	m.Buffers = [][]byte{[]byte{0, 1, 2}}
	frames, err := m.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	if string(frames[0]) != "client-1" || string(frames[1]) != Delimiter {
		t.Fatalf("envelope = %q %q", frames[0], frames[1])
	}
	got, err := Decode(frames, mustSigner(t, "k"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Header != m.Header || got.ParentHeader != parent.Header {
		t.Errorf("headers: -want +got\n-%+v\n+%+v", m.Header, got.Header)
	}
	if !bytes.Equal(got.Buffers[0], []byte{0, 1, 2}) {
		t.Errorf("buffers = %v", got.Buffers)
	}
	var c struct {
		Status string `json:"status"`
		Count  int    `json:"execution_count"`
	}
	if err := got.DecodeContent(&c); err != nil || c.Status != "ok" || c.Count != 1 {
		t.Errorf("content = %+v, %v", c, err)
	}
}

func TestDecodeRejects(t *testing.T) {
	good := NewMessage("s", "kernel_info_request", nil, nil)
	frames, err := good.Encode(mustSigner(t, "key"))
	if err != nil {
		t.Fatal(err)
	}
	with := func(i int, v string) [][]byte {
		f := append([][]byte(nil), frames...)
		f[i] = []byte(v)
		return f
	}
	tests := []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"no delimiter", [][]byte{[]byte("x"), []byte("y")}, ErrMalformed},
		{"empty", nil, ErrMalformed},
		{"too few frames", frames[:4], ErrMalformed},
		{"unsigned", with(1, ""), ErrBadSignature},
		{"wrong signature", with(1, strings.Repeat("0", 64)), ErrBadSignature},
		{"signature not hex", with(1, "zz"), ErrBadSignature},
		{"tampered content", with(5, `{"code":"evil"}`), ErrBadSignature},
		{"wrong key", nil, ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSigner(t, "key")
			f := tt.frames
			if tt.name == "wrong key" {
				s = mustSigner(t, "other")
				f = frames
			}
			_, err := Decode(f, s)
			if !errors.Is(err, tt.want) {
				t.Errorf("Decode: err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestDecodeMalformedJSON(t *testing.T) {
	s := mustSigner(t, "key")
	tests := []struct {
		name                              string
		header, parent, metadata, content string
	}{
		{"header not JSON", `{`, `{}`, `{}`, `{}`},
		{"no msg_type", `{"msg_id":"1"}`, `{}`, `{}`, `{}`},
		{"parent not object", `{"msg_type":"x"}`, `[1]`, `{}`, `{}`},
		{"metadata not object", `{"msg_type":"x"}`, `{}`, `3`, `{}`},
		{"content not object", `{"msg_type":"x"}`, `{}`, `{}`, `"hi"`},
		{"content null", `{"msg_type":"x"}`, `{}`, `{}`, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := [4][]byte{[]byte(tt.header), []byte(tt.parent), []byte(tt.metadata), []byte(tt.content)}
			frames := [][]byte{[]byte(Delimiter), []byte(s.Sign(parts))}
			frames = append(frames, parts[:]...)
			if _, err := Decode(frames, s); !errors.Is(err, ErrMalformed) {
				t.Errorf("err = %v, want ErrMalformed", err)
			}
		})
	}
}

func TestReplayRejected(t *testing.T) {
	m := NewMessage("s", "kernel_info_request", nil, nil)
	frames, _ := m.Encode(mustSigner(t, "key"))
	s := mustSigner(t, "key")
	if _, err := Decode(frames, s); err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(frames, s); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("replay: err = %v, want ErrBadSignature", err)
	}
}

func TestNoKeyAcceptsAnything(t *testing.T) {
	s, err := NewSigner("", nil)
	if err != nil {
		t.Fatal(err)
	}
	m := NewMessage("s", "kernel_info_request", nil, nil)
	frames, _ := m.Encode(s)
	if string(frames[1]) != "" {
		t.Errorf("signature without key = %q, want empty", frames[1])
	}
	frames[1] = []byte("whatever")
	if _, err := Decode(frames, s); err != nil {
		t.Errorf("Decode without key: %v", err)
	}
}

func TestConnectionFile(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "c.json")
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, body, wantErr string
	}{
		{"ok", `{"transport":"tcp","ip":"127.0.0.1","shell_port":1,"control_port":2,"stdin_port":3,"iopub_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-sha256"}`, ""},
		{"not json", `{`, "not valid JSON"},
		{"no transport", `{"ip":"127.0.0.1"}`, "transport is missing"},
		{"bad transport", `{"transport":"udp","ip":"127.0.0.1"}`, `transport "udp"`},
		{"bad ip", `{"transport":"tcp","ip":"nowhere"}`, `ip "nowhere"`},
		{"bad port", `{"transport":"tcp","ip":"127.0.0.1","hb_port":70000,"signature_scheme":"hmac-sha256"}`, "hb_port 70000"},
		{"bad scheme", `{"transport":"tcp","ip":"127.0.0.1","key":"k","signature_scheme":"hmac-md5"}`, `"hmac-md5" is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadConnectionFile(write(tt.body))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
	if _, err := ReadConnectionFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestEndpoint(t *testing.T) {
	tests := []struct {
		info ConnectionInfo
		want string
	}{
		{ConnectionInfo{Transport: "tcp", IP: "127.0.0.1"}, "tcp://127.0.0.1:9"},
		{ConnectionInfo{Transport: "tcp", IP: "::1"}, "tcp://[::1]:9"},
		{ConnectionInfo{Transport: "ipc", IP: "/tmp/k"}, "ipc:///tmp/k-9"},
	}
	for _, tt := range tests {
		if got := tt.info.Endpoint(9); got != tt.want {
			t.Errorf("Endpoint = %q, want %q", got, tt.want)
		}
	}
}

// TestSockets binds real sockets on free ports and talks to them with
// zmq4 clients: a signed request comes through, an unsigned one is dropped
// and the channel keeps working, and the heartbeat echoes.
func TestSockets(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	info := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: "key", SignatureScheme: "hmac-sha256"}
	socks, err := Bind(ctx, info, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer socks.Close()
	go socks.Heartbeat(ctx)
	info = socks.Info(info)

	dealer := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("client")))
	defer dealer.Close()
	if err := dealer.Dial(info.Endpoint(info.ShellPort)); err != nil {
		t.Fatal(err)
	}
	clientSigner := mustSigner(t, "key")
	send := func(m Message, sign bool) {
		t.Helper()
		s := clientSigner
		if !sign {
			s, _ = NewSigner("hmac-sha256", []byte("wrong"))
		}
		frames, _ := m.Encode(s)
		if err := dealer.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
			t.Fatal(err)
		}
	}
	send(NewMessage("c", "bad_request", nil, nil), false)
	send(NewMessage("c", "good_request", nil, map[string]int{"n": 1}), true)
	got, err := socks.Shell.Recv()
	if err != nil {
		t.Fatal(err)
	}
	if got.Type() != "good_request" || string(got.Identities[0]) != "client" {
		t.Fatalf("got %s from %q, want good_request from client", got.Type(), got.Identities)
	}
	if err := socks.Shell.Send(NewMessage("k", "good_reply", &got, json.RawMessage(`{"status":"ok"}`))); err != nil {
		t.Fatal(err)
	}
	raw, err := dealer.Recv()
	if err != nil {
		t.Fatal(err)
	}
	reply, err := Decode(raw.Frames, clientSigner)
	if err != nil {
		t.Fatal(err)
	}
	if reply.Type() != "good_reply" || reply.ParentHeader.MsgID != got.Header.MsgID {
		t.Errorf("reply %s to %s, want good_reply to %s", reply.Type(), reply.ParentHeader.MsgID, got.Header.MsgID)
	}

	req := zmq4.NewReq(ctx)
	defer req.Close()
	if err := req.Dial(info.Endpoint(info.HBPort)); err != nil {
		t.Fatal(err)
	}
	if err := req.Send(zmq4.NewMsgString("ping")); err != nil {
		t.Fatal(err)
	}
	pong, err := req.Recv()
	if err != nil {
		t.Fatal(err)
	}
	if string(pong.Frames[0]) != "ping" {
		t.Errorf("heartbeat echoed %q", pong.Frames)
	}
}

// TestIPC binds the ipc transport the way Jupyter names it (ip is a path
// prefix, ports are small integers) and sends one request through.
func TestIPC(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	prefix := filepath.Join(t.TempDir(), "kernel-ipc")
	info := ConnectionInfo{Transport: "ipc", IP: prefix, ShellPort: 1, ControlPort: 2, StdinPort: 3,
		IOPubPort: 4, HBPort: 5, Key: "k", SignatureScheme: "hmac-sha256"}
	socks, err := Bind(ctx, info, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer socks.Close()
	if _, err := os.Stat(prefix + "-1"); err != nil {
		t.Fatalf("shell socket file: %v", err)
	}
	dealer := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("c")))
	defer dealer.Close()
	if err := dealer.Dial(info.Endpoint(info.ShellPort)); err != nil {
		t.Fatal(err)
	}
	m := NewMessage("c", "kernel_info_request", nil, nil)
	frames, _ := m.Encode(mustSigner(t, "k"))
	if err := dealer.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatal(err)
	}
	got, err := socks.Shell.Recv()
	if err != nil || got.Type() != "kernel_info_request" {
		t.Fatalf("got %v, %v", got.Type(), err)
	}
}
