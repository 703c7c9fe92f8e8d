package arch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing/fstest"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/lib/arch/op"
)

// Limits bound one sandboxed run of a source (loading it, building layer
// instances and tracing their forward passes). Zero fields take the
// defaults of DefaultLimits.
type Limits struct {
	Time      time.Duration // wall time for the whole run, e.g. 20s
	HeapBytes int64         // growth of the process's Go heap, e.g. 2 GiB
	MaxElems  int           // largest tensor a source may make, in elements
	MaxNodes  int           // most graph nodes one run may trace
	MaxParams int           // most parameter elements one run may declare (all layer instances)
}

// DefaultLimits are the limits used where a field of Limits is zero.
var DefaultLimits = Limits{Time: 20 * time.Second, HeapBytes: 2 << 30, MaxElems: 1 << 27, MaxNodes: 1 << 17, MaxParams: 1 << 28}

func (l Limits) withDefaults() Limits {
	if l.Time <= 0 {
		l.Time = DefaultLimits.Time
	}
	if l.HeapBytes <= 0 {
		l.HeapBytes = DefaultLimits.HeapBytes
	}
	if l.MaxElems <= 0 {
		l.MaxElems = DefaultLimits.MaxElems
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = DefaultLimits.MaxNodes
	}
	if l.MaxParams <= 0 {
		l.MaxParams = DefaultLimits.MaxParams
	}
	return l
}

// Stages of Error.
const (
	StageStatic  = "static"  // rejected before running: syntax, imports, forbidden constructs
	StageCompile = "compile" // the interpreter's type check
	StageRun     = "run"     // a panic while building or tracing (shape errors, guards)
	StageTime    = "time"    // the time limit ran out (an endless loop?)
	StageMemory  = "memory"  // the heap limit was crossed
)

// Error is why a source failed: the stage and the problems, each with the
// source line and column where known.
type Error struct {
	Stage    string    `json:"stage"`
	Problems []Problem `json:"problems"`
}

func (e *Error) Error() string {
	var parts []string
	for _, p := range e.Problems {
		parts = append(parts, p.String())
	}
	return fmt.Sprintf("arch: %s: %s", e.Stage, strings.Join(parts, "; "))
}

// Layer is an architecture source that passed the static check. Trace runs
// it; a Layer can be traced any number of times, each run in a fresh
// interpreter.
type Layer struct {
	Name string // e.g. "deltanet" or "mine.go"
	Src  string // the source as written
	p    *parsed
}

// Parse checks src statically and returns the layer, or an *Error of stage
// "static" listing every problem.
func Parse(name, src string) (*Layer, error) {
	p, probs := staticCheck(src)
	if len(probs) > 0 {
		return nil, &Error{Stage: StageStatic, Problems: probs}
	}
	return &Layer{Name: name, Src: src, p: p}, nil
}

// Forward is one layer instance's forward pass: x (B,T,C) to (B,T,C). It
// panics on misuse; Trace turns the panic into an error.
type Forward func(x *gpu.Node) *gpu.Node

// Builder makes layer instances during Trace.
type Builder struct {
	scope *op.HostScope
	mk    func(*op.Params, op.Config) func(*op.Node) *op.Node
}

// New builds one instance of the layer: its parameters are declared in g
// (give each instance its own g.Sub("layer3")), and the returned Forward
// traces its forward pass into g.
func (b *Builder) New(g *gpu.Graph, c op.Config) Forward {
	fw := b.mk(op.HostParams(b.scope, g), c)
	if fw == nil {
		panic("arch: New returned nil")
	}
	return func(x *gpu.Node) *gpu.Node {
		y := op.HostUnwrap(fw(op.HostWrap(b.scope, x)))
		if y == nil {
			panic("arch: Forward returned nil")
		}
		return y
	}
}

// ParamCount returns the parameter elements declared so far by New.
func (b *Builder) ParamCount() int { return b.scope.HostParamCount() }

// Trace loads the source in a fresh sandboxed interpreter and calls fn,
// which builds layer instances with the Builder and traces them. The whole
// run (loading, every New and Forward, and fn itself) is bounded by lim;
// a panic, a timeout or a heap overrun anywhere in it comes back as an
// *Error, and the process goes on. fn should only trace: after an error its
// graph is incomplete.
func (l *Layer) Trace(ctx context.Context, lim Limits, fn func(b *Builder) error) error {
	lim = lim.withDefaults()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	ctx, cancelT := context.WithTimeoutCause(ctx, lim.Time, errTimeLimit)
	defer cancelT()
	stop := watchHeap(lim.HeapBytes, cancel)
	defer stop()

	var out limitedBuffer
	i := interp.New(interp.Options{
		Stdout: &out, Stderr: &out,
		GoPath:               "/nonexistent",
		SourcecodeFilesystem: fstest.MapFS{},
		Env:                  []string{},
		Args:                 []string{},
	})
	scope := &op.HostScope{Ctx: ctx, MaxElems: lim.MaxElems, MaxNodes: lim.MaxNodes, MaxParams: lim.MaxParams}
	st := &runState{}
	var fnErr error
	called := false
	host := st.symbols()
	host["Run"] = reflect.ValueOf(func(mk func(*op.Params, op.Config) func(*op.Node) *op.Node) {
		called = true
		fnErr = fn(&Builder{scope: scope, mk: mk})
	})
	if err := i.Use(interp.Exports{
		"archlab/op/op":     opSymbols,
		"math/math":         stdlib.Symbols["math/math"],
		"archlab/host/host": host,
	}); err != nil {
		return fmt.Errorf("arch: sandbox symbols: %w", err)
	}
	if _, err := i.EvalWithContext(ctx, l.p.text); err != nil {
		return l.failure(ctx, err, st, StageCompile)
	}
	if _, err := i.EvalWithContext(ctx, glueImports); err != nil {
		return fmt.Errorf("arch: sandbox glue: %w", err)
	}
	call := fmt.Sprintf(`_archlabhost.Run(func(p *_archlabop.Params, c _archlabop.Config) func(*_archlabop.Node) *_archlabop.Node { l := %s.New(p, c); return l.Forward })`, l.p.pkg)
	if _, err := i.EvalWithContext(ctx, call); err != nil {
		return l.failure(ctx, err, st, StageRun)
	}
	if !called {
		return fmt.Errorf("arch: sandbox: the layer was never built")
	}
	return fnErr
}

// glueImports and the Run call after it are the sandbox's own code: they
// hand the source's New and Forward to the host as one closure.
const glueImports = `import (
	_archlabop "archlab/op"
	_archlabhost "archlab/host"
)`

var (
	errTimeLimit = errors.New("time limit")
	errHeapLimit = errors.New("heap limit")
)

// failure turns an interpreter error into an *Error with source positions.
func (l *Layer) failure(ctx context.Context, err error, st *runState, stage string) error {
	line, col := st.pos()
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, errTimeLimit):
		return &Error{Stage: StageTime, Problems: []Problem{{Line: line, Col: col, Msg: "stopped at the time limit: the source ran too long building or tracing (an endless loop?)"}}}
	case errors.Is(cause, errHeapLimit):
		return &Error{Stage: StageMemory, Problems: []Problem{{Line: line, Col: col, Msg: "stopped at the heap limit: the source allocated too much memory"}}}
	case cause != nil && ctx.Err() != nil:
		return fmt.Errorf("arch: %w", cause)
	}
	var pan interp.Panic
	if errors.As(err, &pan) {
		msg := fmt.Sprint(pan.Value)
		if e, ok := pan.Value.(error); ok {
			msg = e.Error()
			var c op.HostCancelled
			if errors.As(e, &c) {
				return l.failure(ctx, nil, st, stage)
			}
		}
		return &Error{Stage: StageRun, Problems: []Problem{{Line: line, Col: col, Msg: "panic: " + msg}}}
	}
	// Compile errors read "12:5: undefined: foo".
	msg := err.Error()
	if m := posRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		line, col = l.p.origPos(line, col)
		return &Error{Stage: stage, Problems: []Problem{{Line: line, Col: col, Msg: m[3]}}}
	}
	return &Error{Stage: stage, Problems: []Problem{{Msg: msg}}}
}

var posRE = regexp.MustCompile(`^(?:[^:\s]*:)?(\d+):(\d+): (?s)(.*)$`)

// maxDepth bounds nested calls in a source.
const maxDepth = 200

// runState is the host side of the guards the rewrite inserts: the call
// depth and the position of the statement that started last (where a panic
// or a time-out is reported). Only the interpreter's goroutine calls its
// functions; pos may be read from another goroutine.
type runState struct {
	depth int
	cur   atomic.Int64 // line<<20 | col
}

func (s *runState) symbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"Enter": reflect.ValueOf(func() {
			s.depth++
			if s.depth > maxDepth {
				panic(fmt.Sprintf("arch: calls nested deeper than %d (endless recursion?)", maxDepth))
			}
		}),
		"Leave": reflect.ValueOf(func() {
			s.depth--
		}),
		"At": reflect.ValueOf(func(line, col int) { s.cur.Store(int64(line)<<20 | int64(col)) }),
		"Len": reflect.ValueOf(func(n int, elem int64) int {
			if n < 0 || n > maxMakeLen || int64(n) > maxMakeBytes/max(elem, 1) {
				panic(fmt.Sprintf("arch: make size %d out of range (limit %d elements and %s; elements here are %s each)", n, maxMakeLen, bytesText(maxMakeBytes), bytesText(elem)))
			}
			return n
		}),
	}
}

// maxMakeLen bounds the length of any make in a source.
const maxMakeLen = 1 << 24

// pos returns the line and column of the statement running last.
func (s *runState) pos() (int, int) {
	v := s.cur.Load()
	return int(v >> 20), int(v & (1<<20 - 1))
}

// watchHeap cancels with errHeapLimit when the Go heap grows by more than
// limit bytes; it polls every few milliseconds until stop is called.
func watchHeap(limit int64, cancel context.CancelCauseFunc) (stop func()) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() int64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return int64(sample[0].Value.Uint64())
	}
	base := read()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if read()-base > limit {
					cancel(errHeapLimit)
					return
				}
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// limitedBuffer keeps the first 64 KiB written to it (the interpreter's
// stdout and stderr: prints and panic positions).
type limitedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *limitedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if room := 64<<10 - w.b.Len(); room > 0 {
		w.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (w *limitedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}
