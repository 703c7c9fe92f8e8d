package kernel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/executor"
	"github.com/archlab/archlab/kernel/wire"
)

// Config says how to start a kernel.
type Config struct {
	Conn     wire.ConnectionInfo // from the connection file
	Executor executor.Executor   // runs the cells, e.g. an *interp.Session
	Logger   *slog.Logger        // nil discards logs
	Version  string              // implementation_version, e.g. "0.1.0"
	// Signals makes SIGINT interrupt the running cell (instead of killing
	// the process). Set it in the kernel process, not in tests.
	Signals bool
}

// Kernel is a running Jupyter kernel: its sockets, its execution count and
// history, and the cell that runs now.
type Kernel struct {
	cfg     Config
	exec    executor.Executor
	log     *slog.Logger
	socks   *wire.Sockets
	session string // our session id, in every header we send

	ctx    context.Context // ends at shutdown
	cancel context.CancelFunc

	shellQ chan wire.Message // shell requests, in arrival order
	inputQ chan wire.Message // input_reply messages from stdin

	mu        sync.Mutex
	interrupt context.CancelFunc // cancels the running cell; nil when idle
	count     int                // execution_count of the last stored cell
	history   []historyEntry
	restart   bool // the shutdown asked for a restart
	stopping  bool // a shutdown_request was answered; stop after its idle
	done      chan struct{}
	doneOnce  sync.Once
	closeOnce sync.Once
}

// New binds the kernel's sockets. Call Run to serve, Close to release.
func New(cfg Config) (*Kernel, error) {
	if cfg.Executor == nil {
		return nil, errors.New("kernel: Config.Executor is nil")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	ctx, cancel := context.WithCancel(context.Background())
	// The sockets live until Close, not until ctx ends: the last replies
	// and the final idle must still go out after a shutdown.
	socks, err := wire.Bind(context.Background(), cfg.Conn, log)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("kernel: %w", err)
	}
	return &Kernel{
		cfg:     cfg,
		exec:    cfg.Executor,
		log:     log,
		socks:   socks,
		session: wire.NewID(),
		ctx:     ctx,
		cancel:  cancel,
		shellQ:  make(chan wire.Message, 64),
		inputQ:  make(chan wire.Message, 1),
		done:    make(chan struct{}),
	}, nil
}

// ConnectionInfo returns the connection info with the ports actually bound
// (useful when the configured ports were 0).
func (k *Kernel) ConnectionInfo() wire.ConnectionInfo { return k.socks.Info(k.cfg.Conn) }

// Run serves requests until a shutdown_request arrives or ctx ends. It
// reports whether the client asked for a restart (the client then starts
// a new kernel process, as jupyter_client does).
func (k *Kernel) Run(ctx context.Context) (restart bool, err error) {
	defer k.Close()
	go k.socks.Heartbeat(k.ctx)
	go k.recvLoop(k.socks.Shell, k.shellQ)
	go k.recvLoop(k.socks.Stdin, k.inputQ)
	go k.controlLoop()
	go k.shellLoop()
	if k.cfg.Signals {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt)
		defer signal.Stop(sig)
		go func() {
			for {
				select {
				case <-sig:
					k.log.Info("SIGINT: interrupting the running cell")
					k.Interrupt()
				case <-k.done:
					return
				}
			}
		}()
	}
	k.publish(nil, "status", map[string]string{"execution_state": "starting"})
	k.log.Info("kernel started", "shell", k.socks.Shell.Port, "control", k.socks.Control.Port,
		"iopub", k.socks.IOPub.Port, "stdin", k.socks.Stdin.Port, "hb", k.socks.HBPort)
	for {
		select {
		case <-ctx.Done():
			k.stop()
			return false, ctx.Err()
		case <-k.done:
			// Let the PUB socket's queue drain (the final idle) before
			// the deferred Close.
			time.Sleep(50 * time.Millisecond)
			k.mu.Lock()
			defer k.mu.Unlock()
			return k.restart, nil
		}
	}
}

// shellLoop handles shell requests one at a time, in arrival order. It runs
// apart from Run so that a shutdown on control ends the kernel even when a
// cell ignores its interrupt.
func (k *Kernel) shellLoop() {
	for {
		select {
		case <-k.done:
			return
		case m := <-k.shellQ:
			k.handleShell(m)
		}
	}
}

// Interrupt cancels the running cell, if any.
func (k *Kernel) Interrupt() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.interrupt != nil {
		k.interrupt()
	}
}

// Close stops the kernel and closes its sockets.
func (k *Kernel) Close() error {
	var err error
	k.closeOnce.Do(func() {
		k.stop()
		err = k.socks.Close()
	})
	return err
}

func (k *Kernel) stop() {
	k.doneOnce.Do(func() {
		k.Interrupt()
		close(k.done)
		k.cancel()
	})
}

// recvLoop feeds q with the messages of c until the kernel stops. Badly
// signed or malformed messages never get here: Channel.Recv drops and logs them.
func (k *Kernel) recvLoop(c *wire.Channel, q chan<- wire.Message) {
	for {
		m, err := c.Recv()
		if err != nil {
			if k.ctx.Err() == nil {
				k.log.Error("receive failed", "channel", c.Name, "err", err)
			}
			return
		}
		if c == k.socks.Stdin && m.Type() != "input_reply" {
			k.log.Warn("unexpected message on stdin", "msg_type", m.Type())
			continue
		}
		select {
		case q <- m:
		case <-k.done:
			return
		}
	}
}

func (k *Kernel) controlLoop() {
	for {
		m, err := k.socks.Control.Recv()
		if err != nil {
			if k.ctx.Err() == nil {
				k.log.Error("receive failed", "channel", "control", "err", err)
			}
			return
		}
		k.busy(&m, func() {
			switch m.Type() {
			case "interrupt_request":
				k.Interrupt()
				k.reply(k.socks.Control, &m, "interrupt_reply", map[string]string{"status": "ok"})
			case "shutdown_request":
				k.shutdown(k.socks.Control, &m)
			case "kernel_info_request":
				k.reply(k.socks.Control, &m, "kernel_info_reply", k.kernelInfo())
			default:
				k.unknown(k.socks.Control, &m)
			}
		})
		if k.stopRequested() {
			k.stop()
			return
		}
	}
}

func (k *Kernel) handleShell(m wire.Message) {
	k.busy(&m, func() {
		sh := k.socks.Shell
		switch m.Type() {
		case "execute_request":
			k.execute(&m)
		case "kernel_info_request":
			k.reply(sh, &m, "kernel_info_reply", k.kernelInfo())
		case "complete_request":
			k.complete(&m)
		case "inspect_request":
			k.inspect(&m)
		case "is_complete_request":
			k.isComplete(&m)
		case "history_request":
			k.historyRequest(&m)
		case "comm_info_request":
			k.reply(sh, &m, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
		case "comm_open":
			// No comm targets are registered: close it so the frontend
			// does not wait on a widget that will never answer.
			var c struct {
				ID     string `json:"comm_id"`
				Target string `json:"target_name"`
			}
			_ = m.DecodeContent(&c)
			k.log.Warn("comm_open for an unregistered target", "target", c.Target)
			k.publish(&m, "comm_close", map[string]any{"comm_id": c.ID, "data": map[string]any{}})
		case "comm_msg", "comm_close":
			k.log.Debug("ignored comm message", "msg_type", m.Type())
		case "connect_request":
			info := k.ConnectionInfo()
			k.reply(sh, &m, "connect_reply", map[string]any{"status": "ok",
				"shell_port": info.ShellPort, "iopub_port": info.IOPubPort, "stdin_port": info.StdinPort,
				"hb_port": info.HBPort, "control_port": info.ControlPort})
		case "shutdown_request": // deprecated on shell, still honoured
			k.shutdown(sh, &m)
		default:
			k.unknown(sh, &m)
		}
	})
	if k.stopRequested() {
		k.stop()
	}
}

func (k *Kernel) stopRequested() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.stopping
}

// busy publishes busy, runs f, then publishes idle, all with m as parent.
func (k *Kernel) busy(m *wire.Message, f func()) {
	t := time.Now()
	k.publish(m, "status", map[string]string{"execution_state": "busy"})
	defer func() {
		k.publish(m, "status", map[string]string{"execution_state": "idle"})
		k.log.Debug("request", "msg_type", m.Type(), "msg_id", m.Header.MsgID, "took", time.Since(t))
	}()
	f()
}

func (k *Kernel) publish(parent *wire.Message, msgType string, content any) {
	msg := wire.NewMessage(k.session, msgType, parent, content)
	msg.Identities = [][]byte{[]byte("kernel." + msgType)} // iopub topic
	if err := k.socks.IOPub.Send(msg); err != nil {
		k.log.Error("publish failed", "msg_type", msgType, "err", err)
	}
}

func (k *Kernel) reply(c *wire.Channel, parent *wire.Message, msgType string, content any) {
	if err := c.Send(wire.NewMessage(k.session, msgType, parent, content)); err != nil {
		k.log.Error("reply failed", "msg_type", msgType, "err", err)
	}
}

// unknown answers a request type the kernel does not know with an error
// reply (so a waiting client is not left hanging) and logs it.
func (k *Kernel) unknown(c *wire.Channel, m *wire.Message) {
	k.log.Warn("unknown message type", "channel", c.Name, "msg_type", m.Type())
	prefix, ok := strings.CutSuffix(m.Type(), "_request")
	if !ok {
		return
	}
	k.reply(c, m, prefix+"_reply", errorContent("UnknownMessageType",
		fmt.Sprintf("the archlab kernel does not handle %q", m.Type())))
}

func errorContent(ename, evalue string, traceback ...string) map[string]any {
	if traceback == nil {
		traceback = []string{ename + ": " + evalue}
	}
	return map[string]any{"status": "error", "ename": ename, "evalue": evalue, "traceback": traceback}
}

func (k *Kernel) shutdown(c *wire.Channel, m *wire.Message) {
	var req struct {
		Restart bool `json:"restart"`
	}
	_ = m.DecodeContent(&req)
	k.log.Info("shutdown requested", "restart", req.Restart)
	k.mu.Lock()
	k.restart = req.Restart
	k.stopping = true
	k.mu.Unlock()
	k.Interrupt()
	k.reply(c, m, "shutdown_reply", map[string]any{"status": "ok", "restart": req.Restart})
}

// LanguageInfo is the language_info of kernel_info_reply.
func LanguageInfo() map[string]any {
	return map[string]any{
		"name":               "go",
		"version":            strings.TrimPrefix(runtime.Version(), "go"),
		"mimetype":           "text/x-go",
		"file_extension":     ".go",
		"pygments_lexer":     "go",
		"codemirror_mode":    "go",
		"nbconvert_exporter": "script",
	}
}

func (k *Kernel) kernelInfo() map[string]any {
	v := k.cfg.Version
	if v == "" {
		v = "dev"
	}
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       wire.ProtocolVersion,
		"implementation":         "archlab",
		"implementation_version": v,
		"language_info":          LanguageInfo(),
		"banner":                 "archlab " + v + ": Go cells on yaegi (" + runtime.Version() + ")",
		"debugger":               false,
		"help_links": []map[string]string{
			{"text": "Go standard library", "url": "https://pkg.go.dev/std"},
			{"text": "gonum", "url": "https://pkg.go.dev/gonum.org/v1/gonum"},
			{"text": "gonum/plot", "url": "https://pkg.go.dev/gonum.org/v1/plot"},
			{"text": "gota dataframe", "url": "https://pkg.go.dev/github.com/go-gota/gota/dataframe"},
			{"text": "yaegi (the interpreter)", "url": "https://github.com/traefik/yaegi"},
		},
	}
}

// bundleContent is a bundle as message content fields, never with nil maps.
func bundleContent(b display.Bundle) (data, metadata map[string]any) {
	data, metadata = b.Data, b.Metadata
	if data == nil {
		data = map[string]any{}
	}
	if metadata == nil {
		metadata = map[string]any{}
	}
	return data, metadata
}
