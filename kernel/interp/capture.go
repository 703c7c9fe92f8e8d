package interp

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// execMu serialises cells process-wide: capture redirects the process's
// file descriptors 1 and 2, which cannot belong to two cells at once.
var execMu sync.Mutex

func dupFD(fd int, name string, fallback *os.File) *os.File {
	d, err := syscall.Dup(fd)
	if err != nil {
		return fallback
	}
	syscall.CloseOnExec(d)
	return os.NewFile(uintptr(d), name)
}

// lockedSink serialises calls to a Sink.
type lockedSink struct {
	mu sync.Mutex
	s  Sink
}

func (l *lockedSink) stream(name, text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.s.Stream(name, text)
}

// syncMarker is written through a captured fd to learn that everything
// written before it has been forwarded (so a display never overtakes a
// print that preceded it).
const syncMarker = "\x00\x1b[archlab-sync]\x00"

// capture redirects fds 1 and 2 to pipes for one cell and forwards what
// arrives to the sink, at most limit bytes in all.
type capture struct {
	sink    *lockedSink
	limit   int64
	used    atomic.Int64
	dropped atomic.Int64
	streams [2]*captured
}

type captured struct {
	name  string
	fd    int      // 1 or 2
	saved int      // dup of the original fd
	r     *os.File // read end
	done  chan struct{}
	syncs chan struct{} // one receive per marker seen
}

func startCapture(sink *lockedSink, limit int) (*capture, error) {
	c := &capture{sink: sink, limit: int64(limit)}
	for i, fd := range []int{1, 2} {
		name := "stdout"
		if fd == 2 {
			name = "stderr"
		}
		s, err := redirect(name, fd)
		if err != nil {
			c.stop()
			return nil, err
		}
		c.streams[i] = s
		go c.pump(s)
	}
	return c, nil
}

func redirect(name string, fd int) (*captured, error) {
	saved, err := syscall.Dup(fd)
	if err != nil {
		return nil, fmt.Errorf("interp: capture %s: dup: %w", name, err)
	}
	syscall.CloseOnExec(saved)
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC); err != nil {
		syscall.Close(saved)
		return nil, fmt.Errorf("interp: capture %s: pipe: %w", name, err)
	}
	// The read end is non-blocking so the runtime poller serves it; the
	// write end stays blocking, as C code and os.Stdout expect of fd 1.
	if err := syscall.SetNonblock(p[0], true); err != nil {
		syscall.Close(p[0])
		syscall.Close(p[1])
		syscall.Close(saved)
		return nil, fmt.Errorf("interp: capture %s: %w", name, err)
	}
	if err := syscall.Dup3(p[1], fd, 0); err != nil {
		syscall.Close(p[0])
		syscall.Close(p[1])
		syscall.Close(saved)
		return nil, fmt.Errorf("interp: capture %s: dup2: %w", name, err)
	}
	syscall.Close(p[1]) // fd now holds the only write reference
	return &captured{
		name: name, fd: fd, saved: saved,
		r:     os.NewFile(uintptr(p[0]), name+" pipe"),
		done:  make(chan struct{}),
		syncs: make(chan struct{}, 16),
	}, nil
}

func (c *capture) pump(s *captured) {
	defer close(s.done)
	buf := make([]byte, 64<<10)
	var pending []byte
	for {
		n, err := s.r.Read(buf)
		if n > 0 {
			pending = append(pending, buf[:n]...)
			for {
				i := bytes.Index(pending, []byte(syncMarker))
				if i < 0 {
					break
				}
				c.forward(s.name, pending[:i])
				pending = append(pending[:0], pending[i+len(syncMarker):]...)
				s.syncs <- struct{}{}
			}
			// Keep back a tail that could be the start of a marker.
			keep := 0
			for k := min(len(pending), len(syncMarker)-1); k > 0; k-- {
				if bytes.HasSuffix(pending, []byte(syncMarker[:k])) {
					keep = k
					break
				}
			}
			c.forward(s.name, pending[:len(pending)-keep])
			pending = append(pending[:0], pending[len(pending)-keep:]...)
		}
		if err != nil {
			c.forward(s.name, pending)
			return
		}
	}
}

func (c *capture) forward(name string, b []byte) {
	if len(b) == 0 {
		return
	}
	room := c.limit - c.used.Load()
	if room <= 0 {
		c.dropped.Add(int64(len(b)))
		return
	}
	if int64(len(b)) > room {
		c.dropped.Add(int64(len(b)) - room)
		b = b[:room]
	}
	c.used.Add(int64(len(b)))
	c.sink.stream(name, string(b))
}

// flush waits until everything written to fds 1 and 2 so far has reached
// the sink. It gives up after a second (a writer holding the pipe full).
func (c *capture) flush() {
	for _, s := range c.streams {
		if s == nil {
			continue
		}
		if _, err := syscall.Write(s.fd, []byte(syncMarker)); err != nil {
			continue
		}
		select {
		case <-s.syncs:
		case <-time.After(time.Second):
		}
	}
}

// stop restores fds 1 and 2, drains the pipes and reports dropped output.
func (c *capture) stop() {
	for _, s := range c.streams {
		if s == nil {
			continue
		}
		_ = syscall.Dup3(s.saved, s.fd, 0) // closes the pipe's last write end
		syscall.Close(s.saved)
	}
	for _, s := range c.streams {
		if s == nil {
			continue
		}
		select {
		case <-s.done:
		case <-time.After(2 * time.Second):
			// A child process still holds the pipe: stop reading it.
		}
		s.r.Close()
	}
	if d := c.dropped.Load(); d > 0 {
		c.sink.stream("stderr", fmt.Sprintf("\n[output truncated: %d bytes dropped after the first %d]\n", d, c.limit))
	}
}
