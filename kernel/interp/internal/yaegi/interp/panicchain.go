package interp

// archlab addition: the chain of panics Go prints when a deferred call
// panics while another panic is in flight:
//
//	panic: first [recovered]
//		panic: wrapped: first
//
// runCfg links the panic in flight to the interpreter's chain when one of
// the function's deferred calls panics, and clears the chain when a panic
// ends (recovered, the function returns normally). The chain is the
// interpreter's, not a goroutine's: two goroutines panicking through
// deferred calls at once may mix their links.

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
}

type panicChain struct {
	mu    sync.Mutex
	links []PanicLink
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
	interp.panics.mu.Lock()
	defer interp.panics.mu.Unlock()
	return append([]PanicLink(nil), interp.panics.links...)
}

// ResetPanicChain forgets the chain (an embedder calls it before it runs
// new code).
// ResetUnwinding forgets the goroutines with a panic in flight (at the
// start of a run: a panic that ended the last one was not recovered).
func (interp *Interpreter) ResetUnwinding() { interp.unwinding.reset() }

func (interp *Interpreter) ResetPanicChain() {
	interp.panics.mu.Lock()
	interp.panics.links = nil
	interp.panics.mu.Unlock()
}

func (interp *Interpreter) linkPanic(v interface{}, recovered bool) {
	interp.panics.mu.Lock()
	interp.panics.links = append(interp.panics.links, PanicLink{Value: v, Recovered: recovered})
	interp.panics.mu.Unlock()
}
