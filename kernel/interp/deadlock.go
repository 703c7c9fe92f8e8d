package interp

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/signal"
	"reflect"
	"runtime"
	"runtime/metrics"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/archlab/archlab/kernel/nb"
)

// Go stops a program whose goroutines are all blocked with "fatal error:
// all goroutines are asleep - deadlock!". The kernel's own goroutines
// (sockets, signals, the cell's runner) never sleep for good, so the
// runtime cannot see it; a watcher looks at the cell's goroutines instead
// and ends the cell the same way.
//
// It is conservative: it calls a deadlock only when every goroutine that
// runs interpreted code is blocked on a channel operation, a select or a
// sync primitive called from interpreted code itself (not inside a
// compiled function, which may wait on something the interpreter cannot
// see, such as a child process), stays so across two looks, and nothing
// outside the goroutines can wake one: no timer or ticker the program
// made may fire (time.After and context deadlines are followed; a
// time.Timer, Ticker or AfterFunc, which the program may Reset, turn the
// watch off for the session, as does os/signal.Notify), and the cell has
// not taken nb.Context(), whose Done channel an interrupt closes.

// deadlockError is the cause a cell is cancelled with when it deadlocks.
type deadlockError struct {
	states []string // each blocked goroutine's id and state, e.g. "18 chan send"
}

func (e *deadlockError) Error() string { return "all goroutines are asleep - deadlock!" }

// summary counts the blocked goroutines by state, in Go's words: "1
// goroutine [chan send]", "2 goroutines [chan receive]".
func (e *deadlockError) summary() []string {
	count := map[string]int{}
	var order []string
	for _, st := range e.states {
		_, state, _ := strings.Cut(st, " ")
		if count[state] == 0 {
			order = append(order, state)
		}
		count[state]++
	}
	sort.Strings(order)
	lines := make([]string, len(order))
	for i, state := range order {
		noun := "goroutines"
		if count[state] == 1 {
			noun = "goroutine"
		}
		lines[i] = fmt.Sprintf("%d %s [%s]", count[state], noun, state)
	}
	return lines
}

// wakers records what outside the goroutines may still wake one.
type wakers struct {
	mu      sync.Mutex
	until   time.Time // the last moment a time.After or context deadline fires
	unknown bool      // a Timer, Ticker, AfterFunc or signal.Notify: no watch
	cell    bool      // the running cell took nb.Context(), which an interrupt ends: no watch
}

// newCell forgets what the last cell's nb.Context() allowed.
func (w *wakers) newCell() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.cell = false
}

func (w *wakers) after(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if t := time.Now().Add(d); t.After(w.until) {
		w.until = t
	}
}

func (w *wakers) at(t time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if t.After(w.until) {
		w.until = t
	}
}

func (w *wakers) forever() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.unknown = true
}

// quiet reports whether nothing outside the goroutines can wake one now.
func (w *wakers) quiet(now time.Time) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return !w.unknown && !w.cell && now.After(w.until)
}

// wakerSymbols wraps the standard functions that start timers or deliver
// signals, so that the watcher knows of them.
func (s *session) wakerSymbols() map[string]map[string]reflect.Value {
	w := &s.wake
	return map[string]map[string]reflect.Value{
		// A cell may wait for its interrupt: <-nb.Context().Done().
		"github.com/archlab/archlab/kernel/nb/nb": {
			"Context": reflect.ValueOf(func() context.Context {
				w.mu.Lock()
				w.cell = true
				w.mu.Unlock()
				return nb.Context()
			}),
		},
		"time/time": {
			"After": reflect.ValueOf(func(d time.Duration) <-chan time.Time { w.after(d); return time.After(d) }),
			"AfterFunc": reflect.ValueOf(func(d time.Duration, f func()) *time.Timer {
				w.forever()
				return time.AfterFunc(d, f)
			}),
			"NewTimer":  reflect.ValueOf(func(d time.Duration) *time.Timer { w.forever(); return time.NewTimer(d) }),
			"NewTicker": reflect.ValueOf(func(d time.Duration) *time.Ticker { w.forever(); return time.NewTicker(d) }),
			"Tick":      reflect.ValueOf(func(d time.Duration) <-chan time.Time { w.forever(); return time.Tick(d) }),
		},
		"os/signal/signal": {
			"Notify": reflect.ValueOf(func(c chan<- os.Signal, sig ...os.Signal) { w.forever(); signal.Notify(c, sig...) }),
			"NotifyContext": reflect.ValueOf(func(p context.Context, sig ...os.Signal) (context.Context, context.CancelFunc) {
				w.forever()
				return signal.NotifyContext(p, sig...)
			}),
		},
		"context/context": {
			"WithTimeout": reflect.ValueOf(func(p context.Context, d time.Duration) (context.Context, context.CancelFunc) {
				w.after(d)
				return context.WithTimeout(p, d)
			}),
			"WithTimeoutCause": reflect.ValueOf(func(p context.Context, d time.Duration, cause error) (context.Context, context.CancelFunc) {
				w.after(d)
				return context.WithTimeoutCause(p, d, cause)
			}),
			"WithDeadline": reflect.ValueOf(func(p context.Context, t time.Time) (context.Context, context.CancelFunc) {
				w.at(t)
				return context.WithDeadline(p, t)
			}),
			"WithDeadlineCause": reflect.ValueOf(func(p context.Context, t time.Time, cause error) (context.Context, context.CancelFunc) {
				w.at(t)
				return context.WithDeadlineCause(p, t, cause)
			}),
			"AfterFunc": reflect.ValueOf(func(ctx context.Context, f func()) (stop func() bool) {
				w.forever()
				return context.AfterFunc(ctx, f)
			}),
		},
	}
}

// interpFrame prefixes the functions of the interpreter (the fork below
// this package) in a stack dump.
var interpFrame = reflect.TypeOf(interpMarker{}).PkgPath() + "/internal/yaegi/interp."

type interpMarker struct{}

// blockedStates are the goroutine states (as runtime.Stack prints them)
// of a goroutine that only another goroutine can wake.
var blockedStates = map[string]bool{
	"chan send": true, "chan receive": true, "select": true, "select (no cases)": true,
	"chan send (nil chan)": true, "chan receive (nil chan)": true,
	"sync.Mutex.Lock": true, "sync.RWMutex.Lock": true, "sync.RWMutex.RLock": true,
	"sync.WaitGroup.Wait": true, "sync.Cond.Wait": true, "semacquire": true,
}

// deadlocked looks at a dump of every goroutine (runtime.Stack's) and
// returns the ids and states of the interpreter's goroutines ("18 chan
// send") when they are all blocked from interpreted code, or nil.
func deadlocked(dump []byte) []string {
	var states []string
	for _, g := range bytes.Split(dump, []byte("\n\n")) {
		lines := strings.Split(strings.TrimSpace(string(g)), "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[0], "goroutine ") {
			continue
		}
		// The program's: running interpreted code, or started by a go
		// statement of it (go http.ListenAndServe(...) runs compiled code
		// only, and may wake the others).
		interpreted := false
		for _, l := range lines[1:] {
			if strings.HasPrefix(l, interpFrame) || strings.HasPrefix(l, "created by "+interpFrame) {
				interpreted = true
				break
			}
		}
		if !interpreted {
			continue
		}
		state := lines[0][strings.IndexByte(lines[0], '[')+1:]
		state, _, _ = strings.Cut(strings.TrimSuffix(state, "]:"), ",")
		op := blockingFrame(lines[1:])
		if strings.HasPrefix(op, interpFrame+"(*Interpreter).") {
			continue // the caller waiting for the program (EvalWithContext), not the program
		}
		if !blockedStates[state] || !strings.HasPrefix(op, interpFrame) {
			return nil
		}
		// yaegi's channel operations are selects (with the cell's
		// cancellation): name them as Go would.
		switch op := strings.TrimPrefix(op, interpFrame); {
		case state != "select":
		case strings.HasPrefix(op, "send."), strings.HasPrefix(op, "send("):
			state = "chan send"
		case strings.HasPrefix(op, "recv"), strings.HasPrefix(op, "rangeChan"):
			state = "chan receive"
		}
		id, _, _ := strings.Cut(strings.TrimPrefix(lines[0], "goroutine "), " ")
		states = append(states, id+" "+state)
	}
	return states
}

// othersRunning reports whether the scheduler counts more than one
// goroutine (the caller) running or ready to run. False where the runtime
// does not keep those counts.
func othersRunning(samples []metrics.Sample) bool {
	metrics.Read(samples)
	var n uint64
	for _, s := range samples {
		if s.Value.Kind() != metrics.KindUint64 {
			return false
		}
		n += s.Value.Uint64()
	}
	return n > 1
}

// programRunning reports whether a (maybe partial) dump of every
// goroutine shows one of the program's, other than the first (the caller's
// own), running or runnable in interpreted code.
func programRunning(dump []byte) bool {
	for i, g := range bytes.Split(dump, []byte("\n\n")) {
		if i == 0 {
			continue
		}
		head, rest, _ := bytes.Cut(g, []byte("\n"))
		if !bytes.HasPrefix(head, []byte("goroutine ")) {
			continue
		}
		state := string(head[bytes.IndexByte(head, '[')+1:])
		state, _, _ = strings.Cut(strings.TrimSuffix(state, "]:"), ",")
		if (state == "running" || state == "runnable") && bytes.Contains(rest, []byte(interpFrame)) {
			return true
		}
	}
	return false
}

// blockingFrame returns the first frame of a goroutine's stack outside
// the runtime, sync and reflect: when it is the interpreter's, the wait
// is a channel operation, select or lock of the interpreted code, not of
// a compiled function it called.
func blockingFrame(frames []string) string {
	for _, l := range frames {
		if strings.HasPrefix(l, "\t") || strings.HasPrefix(l, "created by ") {
			continue
		}
		switch {
		case strings.HasPrefix(l, "runtime."), strings.HasPrefix(l, "sync."), strings.HasPrefix(l, "sync/atomic."),
			strings.HasPrefix(l, "internal/"), strings.HasPrefix(l, "reflect."), strings.HasPrefix(l, "panic("):
			continue
		}
		return l
	}
	return ""
}

// watchDeadlock watches the cell's goroutines every interval until stop
// is called, and cancels the cell with a *deadlockError when they are
// all blocked (twice in a row, the same goroutines in the same states).
func (s *session) watchDeadlock(ctx context.Context, cancel context.CancelCauseFunc, interval time.Duration) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		var last string
		buf := make([]byte, 64<<10)
		samples := []metrics.Sample{{Name: "/sched/goroutines/running:goroutines"}, {Name: "/sched/goroutines/runnable:goroutines"}}
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case now := <-t.C:
				if !s.wake.quiet(now) || runtime.NumGoroutine() > 10000 {
					last = ""
					continue
				}
				if othersRunning(samples) {
					// Some goroutine besides this one runs: no deadlock
					// now, and no dump, which costs time in proportion to
					// the goroutines' depth (a recursion 500,000 calls
					// deep took a second a tick).
					last = ""
					continue
				}
				n := runtime.Stack(buf, true)
				if n == len(buf) && programRunning(buf[:n]) {
					last = ""
					continue
				}
				for n == len(buf) && len(buf) < 16<<20 {
					buf = make([]byte, 2*len(buf))
					n = runtime.Stack(buf, true)
				}
				if n == len(buf) {
					last = ""
					continue
				}
				states := deadlocked(buf[:n])
				if states == nil {
					last = ""
					continue
				}
				key := strings.Join(states, ",")
				if key == last {
					cancel(&deadlockError{states: states})
					return
				}
				last = key
			}
		}
	}()
	return func() { close(done); <-finished }
}

// deadlockPoll is how often the watcher looks at the goroutines.
const deadlockPoll = 250 * time.Millisecond
