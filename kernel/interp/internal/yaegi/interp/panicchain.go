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
	"sync"
	"sync/atomic"
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

// unwinding counts the functions running their deferred calls for a panic.
type unwinding = atomic.Int64

// Unwinding reports whether some goroutine is running deferred calls for a
// panic: an embedder that ends a program when its main returns may wait
// for it to end, as Go's runtime would crash first (a goroutine's deferred
// wg.Done() lets main return before the panic reaches its report).
func (interp *Interpreter) Unwinding() bool { return interp.unwinding.Load() > 0 }

// PanicChain returns the panics in flight before the last one, oldest
// first: what Go prints before the last panic's own line.
func (interp *Interpreter) PanicChain() []PanicLink {
	interp.panics.mu.Lock()
	defer interp.panics.mu.Unlock()
	return append([]PanicLink(nil), interp.panics.links...)
}

// ResetPanicChain forgets the chain (an embedder calls it before it runs
// new code).
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
