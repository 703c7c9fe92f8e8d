package wire

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"sync"

	"github.com/go-zeromq/zmq4"
)

// Channel is one of the kernel's ZeroMQ sockets with the message codec on
// top. Send is safe for concurrent use; Recv must be called from one
// goroutine.
type Channel struct {
	Name string // "shell", "control", "stdin", "iopub" or "hb"
	Port int    // the bound port (tcp), useful when the connection file said 0

	sock   zmq4.Socket
	signer *Signer
	log    *slog.Logger
	mu     sync.Mutex // serialises Send
}

// Send signs and sends m.
func (c *Channel) Send(m Message) error {
	frames, err := m.Encode(c.signer)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return fmt.Errorf("wire: send %s on %s: %w", m.Header.MsgType, c.Name, err)
	}
	return nil
}

// Recv returns the next well-formed, correctly signed message. Messages
// that fail to decode are logged at warning level and skipped; Recv returns
// an error only when the socket itself fails (for example after Close).
func (c *Channel) Recv() (Message, error) {
	for {
		raw, err := c.sock.Recv()
		if err != nil {
			return Message{}, fmt.Errorf("wire: recv on %s: %w", c.Name, err)
		}
		m, err := Decode(raw.Frames, c.signer)
		if err != nil {
			c.log.Warn("dropped message", "channel", c.Name, "frames", len(raw.Frames), "err", err)
			continue
		}
		return m, nil
	}
}

// Sockets are the five sockets of a kernel.
type Sockets struct {
	Shell, Control, Stdin, IOPub *Channel
	HB                           zmq4.Socket
	HBPort                       int
	Signer                       *Signer

	cancel context.CancelFunc
	log    *slog.Logger
}

// Bind listens on every port of info. A port of 0 binds a free port, which
// Sockets reports (see [Sockets.Info]).
func Bind(ctx context.Context, info ConnectionInfo, logger *slog.Logger) (*Sockets, error) {
	if err := info.Validate(); err != nil {
		return nil, fmt.Errorf("wire: %w", err)
	}
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	signer, err := NewSigner(info.SignatureScheme, []byte(info.Key))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &Sockets{Signer: signer, cancel: cancel, log: logger}
	// zmq4 logs through the standard log package; route it to slog.
	zlog := log.New(slogWriter{logger}, "", 0)
	opts := []zmq4.Option{zmq4.WithLogger(zlog)}
	listen := func(name string, sock zmq4.Socket, port int) (int, error) {
		ep := info.Endpoint(port)
		if err := sock.Listen(ep); err != nil {
			return 0, fmt.Errorf("wire: bind %s on %s: %w", name, ep, err)
		}
		if a, ok := sock.Addr().(*net.TCPAddr); ok {
			port = a.Port
		}
		return port, nil
	}
	channel := func(name string, sock zmq4.Socket, port int) (*Channel, error) {
		p, err := listen(name, sock, port)
		if err != nil {
			sock.Close()
			return nil, err
		}
		return &Channel{Name: name, Port: p, sock: sock, signer: signer, log: logger}, nil
	}
	fail := func(err error) (*Sockets, error) {
		s.Close()
		return nil, err
	}
	if s.Shell, err = channel("shell", zmq4.NewRouter(ctx, opts...), info.ShellPort); err != nil {
		return fail(err)
	}
	if s.Control, err = channel("control", zmq4.NewRouter(ctx, opts...), info.ControlPort); err != nil {
		return fail(err)
	}
	if s.Stdin, err = channel("stdin", zmq4.NewRouter(ctx, opts...), info.StdinPort); err != nil {
		return fail(err)
	}
	if s.IOPub, err = channel("iopub", zmq4.NewPub(ctx, opts...), info.IOPubPort); err != nil {
		return fail(err)
	}
	s.HB = zmq4.NewRep(ctx, opts...)
	if s.HBPort, err = listen("hb", s.HB, info.HBPort); err != nil {
		s.HB.Close()
		s.HB = nil
		return fail(err)
	}
	return s, nil
}

// Info returns info with the ports actually bound.
func (s *Sockets) Info(info ConnectionInfo) ConnectionInfo {
	info.ShellPort = s.Shell.Port
	info.ControlPort = s.Control.Port
	info.StdinPort = s.Stdin.Port
	info.IOPubPort = s.IOPub.Port
	info.HBPort = s.HBPort
	return info
}

// Heartbeat echoes every heartbeat ping until ctx ends or the socket closes.
// Run it on its own goroutine: it never waits for the kernel's other work.
func (s *Sockets) Heartbeat(ctx context.Context) {
	for ctx.Err() == nil {
		msg, err := s.HB.Recv()
		if err != nil {
			if ctx.Err() == nil {
				s.log.Debug("heartbeat stopped", "err", err)
			}
			return
		}
		if err := s.HB.Send(msg); err != nil {
			s.log.Debug("heartbeat send", "err", err)
		}
	}
}

// Close closes every socket.
func (s *Sockets) Close() error {
	var errs []error
	for _, c := range []*Channel{s.Shell, s.Control, s.Stdin, s.IOPub} {
		if c != nil {
			errs = append(errs, c.sock.Close())
		}
	}
	if s.HB != nil {
		errs = append(errs, s.HB.Close())
	}
	if s.cancel != nil {
		s.cancel()
	}
	return errors.Join(errs...)
}

// slogWriter turns zmq4's log lines into slog records.
type slogWriter struct{ l *slog.Logger }

func (w slogWriter) Write(p []byte) (int, error) {
	w.l.Debug("zmq4", "msg", string(p))
	return len(p), nil
}
