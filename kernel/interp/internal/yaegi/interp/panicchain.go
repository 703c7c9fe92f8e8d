package interp

// archlab addition: the chain of panics Go prints when a deferred call
// panics while another panic is in flight:
//
//	panic: first [recovered]
//		panic: wrapped: first
//
// runCfg links the panic in flight to the interpreter's chain when one of
// the function's deferred calls panics, and clears the chain when a panic
// ends (recovered, the function returns normally). Each link names its
// goroutine, and a report shows the chain of the goroutine whose panic
// ended the run.

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// PanicLink is a panic that was in flight when a deferred call panicked:
// its value (as panic raised it, a TypedPanic for a named basic type), and
// whether the deferred call recovered it first.
type PanicLink struct {
	Value     interface{}
	Recovered bool
	gid       uint64 // the goroutine whose panic it is
}

type panicChain struct {
	mu    sync.Mutex
	links []PanicLink
	top   uint64 // the goroutine whose panic ended the run, where known
}

// unwinding tracks the goroutines with a panic in flight: from the first
// function that runs deferred calls for it until interpreted code recovers
// it. The count is how many goroutines are marked.
type unwinding struct {
	atomic.Int64
	mu       sync.Mutex
	gids     map[uint64]time.Time // goroutine id: when its panic began
	terminal map[uint64]bool      // goroutines whose panic ends the run
}

// staleUnwinding is how long a goroutine stays marked at most: a panic that
// compiled code recovers (fmt, calling a String method) is not seen ending.
const staleUnwinding = 200 * time.Millisecond

// begin marks the current goroutine: a function of it runs deferred calls
// for a panic.
func (u *unwinding) begin() uint64 {
	id := goid()
	u.mu.Lock()
	if u.gids == nil {
		u.gids = map[uint64]time.Time{}
	}
	if _, ok := u.gids[id]; !ok {
		u.gids[id] = time.Now()
	}
	u.Store(int64(len(u.gids)))
	u.mu.Unlock()
	return id
}

// end unmarks goroutine id: its panic was recovered.
func (u *unwinding) end(id uint64) {
	u.mu.Lock()
	if u.terminal[id] {
		u.mu.Unlock()
		return // recovered by the embedder, to end the run
	}
	delete(u.gids, id)
	u.Store(int64(len(u.gids)))
	u.mu.Unlock()
}

// ending reports whether a goroutine's panic is ending the run.
func (u *unwinding) ending() bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.terminal) > 0
}

// reset unmarks every goroutine.
func (u *unwinding) reset() {
	u.mu.Lock()
	u.gids, u.terminal = nil, nil
	u.Store(0)
	u.mu.Unlock()
}

// others reports whether a goroutine other than id has a panic in flight
// (not for longer than staleUnwinding).
func (u *unwinding) others(id uint64) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	for g, since := range u.gids {
		if g != id && (u.terminal[g] || time.Since(since) < staleUnwinding) {
			return true
		}
	}
	return false
}

// awaitUnwinding waits, before a call into compiled code, while another
// goroutine runs deferred calls for a panic, at most 200 ms: in Go the
// runtime ends the program as soon as they are done, so a goroutine that
// one of them unblocked (defer wg.Done()) does not print in between. It
// reports whether the run was stopped meanwhile (the panic ended it).
func (interp *Interpreter) awaitUnwinding(f *frame) bool {
	id := goid()
	deadline := time.Now().Add(2 * time.Second)
	for interp.unwinding.Load() > 0 && interp.unwinding.others(id) && f.runid() == interp.runid() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Microsecond)
	}
	return f.runid() != interp.runid()
}

// PanicEndsRun marks the current goroutine, whose panic the embedder has
// recovered to end the run with it: the other goroutines make no more
// calls into compiled code (no more output) until the run is stopped, as
// Go's runtime would have ended the program.
func (interp *Interpreter) PanicEndsRun() {
	u := &interp.unwinding
	id := u.begin()
	u.mu.Lock()
	if u.terminal == nil {
		u.terminal = map[uint64]bool{}
	}
	u.terminal[id] = true
	u.mu.Unlock()
}

// goid returns the current goroutine's id, read from its stack header
// ("goroutine 18 [running]:").
func goid() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseUint(string(b), 10, 64)
	return id
}

// Unwinding reports whether some goroutine is running deferred calls for a
// panic: an embedder that ends a program when its main returns may wait
// for it to end, as Go's runtime would crash first (a goroutine's deferred
// wg.Done() lets main return before the panic reaches its report).
func (interp *Interpreter) Unwinding() bool {
	return interp.unwinding.Load() > 0 && interp.unwinding.others(0)
}

// PanicChain returns the panics in flight before the last one, oldest
// first: what Go prints before the last panic's own line.
func (interp *Interpreter) PanicChain() []PanicLink {
	gid := interp.panics.topGoroutine(&interp.unwinding)
	interp.panics.mu.Lock()
	defer interp.panics.mu.Unlock()
	var out []PanicLink
	for _, l := range interp.panics.links {
		// Only the chain of the goroutine whose panic ended the run
		// (archlab patch: another goroutine's showed up in the report).
		if gid == 0 || l.gid == gid {
			out = append(out, l)
		}
	}
	return out
}

// GoroutinePanicChain is PanicChain for the calling goroutine's panic (an
// embedder reporting a goroutine's panic from that goroutine).
func (interp *Interpreter) GoroutinePanicChain() []PanicLink {
	gid := goid()
	interp.panics.mu.Lock()
	defer interp.panics.mu.Unlock()
	var out []PanicLink
	for _, l := range interp.panics.links {
		if l.gid == gid {
			out = append(out, l)
		}
	}
	return out
}

// topGoroutine returns the goroutine whose panic ended the run: one the
// embedder marked (PanicEndsRun), else the run's main one, else 0.
func (c *panicChain) topGoroutine(u *unwinding) uint64 {
	u.mu.Lock()
	for g := range u.terminal {
		u.mu.Unlock()
		return g
	}
	u.mu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.top
}

// endedRun records the current goroutine as the one whose panic ended
// the run.
func (interp *Interpreter) endedRun() {
	id := goid()
	interp.panics.mu.Lock()
	interp.panics.top = id
	interp.panics.mu.Unlock()
}

// resetChainOf forgets goroutine gid's links: its panic was recovered.
func (interp *Interpreter) resetChainOf(gid uint64) {
	interp.panics.mu.Lock()
	defer interp.panics.mu.Unlock()
	kept := interp.panics.links[:0]
	for _, l := range interp.panics.links {
		if l.gid != gid {
			kept = append(kept, l)
		}
	}
	interp.panics.links = kept
}

// ResetPanicChain forgets the chain (an embedder calls it before it runs
// new code).
// ResetUnwinding forgets the goroutines with a panic in flight (at the
// start of a run: a panic that ended the last one was not recovered).
func (interp *Interpreter) ResetUnwinding() { interp.unwinding.reset() }

func (interp *Interpreter) ResetPanicChain() {
	interp.panics.mu.Lock()
	interp.panics.links, interp.panics.top = nil, 0
	interp.panics.mu.Unlock()
}

func (interp *Interpreter) linkPanic(v interface{}, recovered bool) {
	id := goid()
	interp.panics.mu.Lock()
	interp.panics.links = append(interp.panics.links, PanicLink{Value: v, Recovered: recovered, gid: id})
	interp.panics.mu.Unlock()
}
