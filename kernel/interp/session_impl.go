package interp

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"log"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/archlab/archlab/kernel/interp/internal/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
	yaegisyscall "github.com/traefik/yaegi/stdlib/syscall"
	"github.com/traefik/yaegi/stdlib/unrestricted"
	yaegiunsafe "github.com/traefik/yaegi/stdlib/unsafe"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/nb"
	"github.com/archlab/archlab/kernel/symbols"
)

// fd1 writes to file descriptor 1 whatever os.Stdout holds (tests swap
// it); interpreted fmt.Print goes here and is captured like compiled code.
// Being a package variable it is never finalized (which would close fd 1).
var fd1 = os.NewFile(1, "/dev/stdout")

// fd2 is fd1 for standard error: what a program's flag package prints.
var fd2 = os.NewFile(2, "/dev/stderr")

// exitPanic is what os.Exit and log.Fatal panic with inside a cell.
type exitPanic struct{ code int }

// ExitCode marks exitPanic as the interpreter's process exit: deferred
// calls do not run, as in Go.
func (e exitPanic) ExitCode() int { return e.code }

// Error makes exitPanic the cause of a cell's context when a goroutine
// calls os.Exit.
func (e exitPanic) Error() string { return fmt.Sprintf("os.Exit(%d)", e.code) }

// global is one name a cell defined.
type global struct {
	kind string // func, type, var, const
	src  string // declaration source, for Inspect
	full string // whole declaration (a func's body included), for Inspect detail 1
	doc  string
	void bool // a func without results
}

type session struct {
	opts Options
	in   *interp.Interpreter

	mu       sync.Mutex          // guards the maps below (read by Complete/Inspect)
	imported map[string]string   // package name in scope → import path
	globals  map[string]*global  // names cells defined
	methods  map[string]bool     // method name → declared without results (in cells)
	aliases  map[string]aliasDef // generic type aliases cells declared (rewrite_genalias.go)
	segs     map[int]*segInfo    // every segment compiled, by id, for tracebacks
	cells    int                 // Execute calls so far: the running cell's number
	diag     syncBuffer          // yaegi's own diagnostics (panic frames)
	wake     wakers              // timers and signals that may wake a blocked goroutine (deadlock.go)
	maxStack atomic.Int64        // the program's debug.SetMaxStack, not applied (setMaxStack)

	flagSets atomic.Bool // a cell made a FlagSet with ExitOnError (newFlagSet)

	// baseGoroutines are the process's goroutines that are not the
	// program's (the kernel's, output capture's), counted as a cell
	// starts: runtime.NumGoroutine in a cell leaves them out, so that a
	// program starts with 1 as under go run.
	baseGoroutines atomic.Int64
}

// syncBuffer is a goroutine-safe bytes.Buffer.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 1<<16 {
		return len(p), nil
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	b.buf.Reset()
	return s
}

// exports is every compiled package a session offers: yaegi's standard
// library, with os.Exit and log.Fatal made into cell errors, plus the
// generated tables in kernel/symbols. Built once.
var (
	exportsOnce sync.Once
	exportsAll  interp.Exports
	pkgByName   map[string]string // default package name → import path
)

// preferred breaks ties between packages that share a name.
var preferred = map[string]string{
	"rand":     "math/rand",
	"template": "text/template",
	"scanner":  "text/scanner",
	"plot":     "gonum.org/v1/plot",
	"pprof":    "runtime/pprof",
	"constant": "go/constant",
}

// mergeExports adds the symbols of add to ex's packages, in new maps (the
// tables ex holds may be shared).
func mergeExports(ex interp.Exports, add map[string]map[string]reflect.Value) {
	for k, v := range add {
		m := map[string]reflect.Value{}
		for n, s := range ex[k] {
			m[n] = s
		}
		for n, s := range v {
			m[n] = s
		}
		ex[k] = m
	}
}

func allExports() interp.Exports {
	exportsOnce.Do(func() {
		ex := interp.Exports{}
		for k, v := range stdlib.Symbols {
			ex[k] = v
		}
		mergeExports(ex, unrestricted.Symbols)
		mergeExports(ex, yaegisyscall.Symbols) // errors.Is(err, syscall.ENOENT)
		mergeExports(ex, yaegiunsafe.Symbols)
		osm := map[string]reflect.Value{}
		for n, s := range ex["os/os"] {
			osm[n] = s
		}
		osm["Exit"] = reflect.ValueOf(func(code int) { panic(exitPanic{code}) })
		ex["os/os"] = osm
		logm := map[string]reflect.Value{}
		for n, s := range ex["log/log"] {
			logm[n] = s
		}
		// As log's own: through the standard logger (its prefix and flags,
		// a newline added), then the exit.
		logm["Fatal"] = reflect.ValueOf(func(v ...any) { log.Output(2, fmt.Sprint(v...)); panic(exitPanic{1}) })
		logm["Fatalln"] = reflect.ValueOf(func(v ...any) { log.Output(2, fmt.Sprintln(v...)); panic(exitPanic{1}) })
		logm["Fatalf"] = reflect.ValueOf(func(f string, v ...any) { log.Output(2, fmt.Sprintf(f, v...)); panic(exitPanic{1}) })
		ex["log/log"] = logm
		mergeExports(ex, newerStdlib())
		for k, v := range symbols.Symbols {
			ex[k] = v
		}
		delete(ex, "github.com/traefik/yaegi/stdlib/stdlib")
		delete(ex, "github.com/traefik/yaegi/stdlib/unrestricted/unrestricted")
		delete(ex, "github.com/traefik/yaegi/stdlib/syscall/syscall")
		exportsAll = ex

		pkgByName = map[string]string{}
		for k := range ex {
			if !strings.Contains(k, "/") {
				continue
			}
			p := k[:strings.LastIndex(k, "/")]
			if p == "." || strings.Contains(p, "internal") {
				continue
			}
			name := k[strings.LastIndex(k, "/")+1:]
			if old, ok := pkgByName[name]; ok {
				if pr, ok := preferred[name]; ok {
					pkgByName[name] = pr
					continue
				}
				if len(old) <= len(p) {
					continue
				}
			}
			pkgByName[name] = p
		}
		for n, p := range preferred {
			if _, ok := ex[p+"/"+n]; ok {
				pkgByName[n] = p
			}
		}
		keys := map[string]struct{}{}
		for k := range ex {
			keys[k] = struct{}{}
		}
		buildSameName(keys)
	})
	return exportsAll
}

// numGoroutine is runtime.NumGoroutine for cells: the goroutines of the
// program, the cell's own counted as main.
func (s *session) numGoroutine() int {
	return max(runtime.NumGoroutine()-int(s.baseGoroutines.Load()), 1)
}

func newSession(opts Options) (*session, error) {
	if opts.MaxOutput <= 0 {
		opts.MaxOutput = DefaultMaxOutput
	}
	s := &session{opts: opts, imported: map[string]string{}, globals: map[string]*global{}, methods: map[string]bool{}, segs: map[int]*segInfo{}}
	s.in = interp.New(interp.Options{
		Stdout:       fd1,     // captured per cell
		Stderr:       &s.diag, // yaegi's diagnostics, parsed for panics
		Unrestricted: true,
		Env:          os.Environ(),
		Args:         []string{"archlab"},
	})
	if err := s.in.Use(allExports()); err != nil {
		return nil, fmt.Errorf("interp: load symbols: %w", err)
	}
	// yaegi's Use rewires log.Fatal to panic with its own message; make
	// log.Fatal and os.Exit end the cell as "Exit" errors instead.
	ex := allExports()
	if err := s.in.Use(interp.Exports{"log/log": ex["log/log"], "os/os": ex["os/os"]}); err != nil {
		return nil, fmt.Errorf("interp: load symbols: %w", err)
	}
	if err := s.in.Use(s.rtSymbols()); err != nil {
		return nil, fmt.Errorf("interp: load symbols: %w", err)
	}
	if err := s.in.Use(s.wakerSymbols()); err != nil {
		return nil, fmt.Errorf("interp: load symbols: %w", err)
	}
	if err := s.in.Use(interp.Exports{"runtime/runtime": {"NumGoroutine": reflect.ValueOf(s.numGoroutine)}}); err != nil {
		return nil, fmt.Errorf("interp: load symbols: %w", err)
	}
	if err := s.in.Use(interp.Exports{"runtime/debug/debug": {"SetMaxStack": reflect.ValueOf(s.setMaxStack)}}); err != nil {
		return nil, fmt.Errorf("interp: load symbols: %w", err)
	}
	if err := s.in.Use(interp.Exports{"flag/flag": {"NewFlagSet": reflect.ValueOf(func(name string, h flag.ErrorHandling) *flag.FlagSet {
		if h == flag.ExitOnError {
			s.flagSets.Store(true)
		}
		return newFlagSet(name, h)
	})}}); err != nil {
		return nil, fmt.Errorf("interp: load symbols: %w", err)
	}
	if opts.Args != nil {
		if err := s.in.Use(argsSymbols(opts.Args)); err != nil {
			return nil, fmt.Errorf("interp: load symbols: %w", err)
		}
		if len(opts.Args) > 0 && strings.HasSuffix(opts.Args[0], ".go") {
			s.in.SetSourceName(opts.Args[0]) // log's Lshortfile (archlab run prog.go)
		}
	}
	s.in.SetLineMapper(s.cellLine)
	for _, src := range preludeSources {
		if _, err := s.in.Compile(src); err != nil {
			return nil, fmt.Errorf("interp: prelude: %w", err)
		}
	}
	for _, x := range stdExtensions {
		if err := s.in.CompileExtension(x.path, x.src); err != nil {
			return nil, fmt.Errorf("interp: prelude: %w", err)
		}
	}
	if _, err := s.in.Eval(builtinPrelude); err != nil {
		return nil, fmt.Errorf("interp: prelude: %w", err)
	}
	s.diag.take()
	return s, nil
}

func (s *session) close() error { return nil }

// cell is the nb.Cell bound while Execute runs.
type cell struct {
	ctx  context.Context
	sink *lockedSink
	cap  *capture
}

func (c *cell) Context() context.Context { return c.ctx }

func (c *cell) Display(b display.Bundle, id string, update bool) {
	if c.cap != nil {
		c.cap.flush()
	}
	c.sink.mu.Lock()
	defer c.sink.mu.Unlock()
	c.sink.s.Display(b, id, update)
}

func (c *cell) Clear(wait bool) {
	if c.cap != nil {
		c.cap.flush()
	}
	c.sink.mu.Lock()
	defer c.sink.mu.Unlock()
	c.sink.s.Clear(wait)
}

func (c *cell) Input(prompt string, password bool) (string, error) {
	if c.cap != nil {
		c.cap.flush()
	}
	c.sink.mu.Lock()
	defer c.sink.mu.Unlock()
	return c.sink.s.Input(prompt, password)
}

func (s *session) execute(ctx context.Context, code string, sink Sink) (*display.Bundle, error) {
	execMu.Lock()
	defer execMu.Unlock()
	ls := &lockedSink{s: sink}
	cp, err := startCapture(ls, s.opts.MaxOutput)
	if err != nil {
		return nil, err
	}
	// A goroutine's panic cancels the cell with the panic as the cause.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	running.mu.Lock()
	running.cancel = cancel
	running.id++
	running.mu.Unlock()
	defer func() {
		running.mu.Lock()
		running.cancel = nil
		running.mu.Unlock()
	}()
	s.mu.Lock()
	s.cells++
	s.mu.Unlock()
	c := &cell{ctx: ctx, sink: ls, cap: cp}
	restore := nb.Bind(c)
	s.wake.newCell()
	s.in.ResetPanicChain()
	s.in.ResetUnwinding()
	stopWatch := s.watchDeadlock(ctx, cancel, deadlockPoll)
	// The cell runs on a goroutine of its own, the program's main.
	s.baseGoroutines.Store(int64(runtime.NumGoroutine()))
	val, err := s.run(ctx, code)
	if msg := s.in.Fatal(); msg != "" {
		// A fatal error of sync (Unlock of an unlocked mutex) ended the
		// run, as Go's runtime ends the process.
		s.diag.take()
		val, err = nil, newCellError("FatalError", msg)
	} else if s.in.Overflowed() {
		// A runaway recursion ended the run: Go's fatal error.
		s.diag.take()
		val, err = nil, newCellError("FatalError", "stack overflow", fmt.Sprintf("  calls nested deeper than %d", interp.MaxCallDepth))
	}
	if err == nil && s.in.Unwinding() {
		// A goroutine of the cell is running deferred calls for a panic
		// (one of them may have let the cell end: defer wg.Done()). Go
		// would crash with that panic: give it time to be reported.
		for deadline := time.Now().Add(time.Second); s.in.Unwinding() && context.Cause(ctx) == nil && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		var gp *goPanicError
		if errors.As(context.Cause(ctx), &gp) {
			err = s.cellError(ctx, gp, nil)
		}
	}
	stopWatch()
	var b *display.Bundle
	if err == nil && val != nil {
		b = renderValue(val)
	}
	restore()
	cp.stop()
	return b, err
}

// renderValue renders a result, recovering panics from String methods.
func renderValue(v any) (out *display.Bundle) {
	defer func() {
		if r := recover(); r != nil {
			t := display.Text(fmt.Sprintf("<value could not be shown: %v>", r))
			out = &t
		}
	}()
	if b, ok := display.Of(v); ok {
		return &b
	}
	return nil
}

// run evaluates a cell and returns the last expression's value (nil when
// none).
func (s *session) run(ctx context.Context, code string) (any, error) {
	if strings.TrimSpace(code) == "" {
		return nil, nil
	}
	// A pasted program: blank its package clause (positions kept) and
	// call its main after the declarations, as `go run` would.
	program, checked := false, false
	if f, err := parser.ParseFile(token.NewFileSet(), "", code, parser.PackageClauseOnly); err == nil {
		// The whole program type-checked as go build checks it
		// (gocheck.go).
		fixed, err, complete := checkProgram(code)
		if err != nil {
			return nil, err
		}
		code, checked = fixed, complete
		start, end := int(f.Package)-1, int(f.Name.End())-1
		code = code[:start] + strings.Repeat(" ", end-start) + code[end:]
		program = true
	}
	segs, err := splitCell(code)
	if err != nil {
		return nil, err
	}

	for _, sg := range segs {
		if sg.renameMain() {
			if err := sg.parse(); err != nil {
				return nil, err
			}
		}
	}
	// Before imports are added or dropped: the source as written.
	// A program the whole check saw complete has nothing more for the
	// segments' own check to find.
	if !checked {
		if err := checkGoRejects(segs, program); err != nil {
			return nil, err
		}
	}
	// Names the cell declares, so auto-import does not shadow them.
	declared := map[string]string{}
	for _, sg := range segs {
		for n, k := range sg.declaredNames() {
			declared[n] = k
		}
	}
	if err := s.autoImport(ctx, segs, declared); err != nil {
		return nil, err
	}
	for _, sg := range segs {
		if sg.decl && s.dropKnownImports(sg) {
			if err := sg.parse(); err != nil {
				return nil, err
			}
		}
	}
	if err := s.checkUndefined(segs, declared); err != nil {
		return nil, err
	}
	var last reflect.Value
	for i, sg := range segs {
		if err := sg.checkTopLevelDefer(); err != nil {
			return nil, err
		}
		if ok, err := sg.rewriteLoopVars(); err != nil {
			return nil, err
		} else if ok {
			if err := sg.parse(); err != nil {
				return nil, err
			}
		}
		isGlobal := func(name string) bool {
			if _, ok := declared[name]; ok {
				return true
			}
			s.mu.Lock()
			_, ok := s.globals[name]
			s.mu.Unlock()
			if ok {
				return true
			}
			// yaegi keeps more globals than cells declare (a top-level
			// loop's variables): ask it. A bare name runs no code.
			_, err := s.in.Eval(name)
			s.diag.take()
			return err == nil
		}
		if sg.rewriteNestedDefine(isGlobal) {
			if err := sg.parse(); err != nil { // keep the AST in step with src
				return nil, err
			}
		}
		if sg.rewriteRangeAssign() {
			if err := sg.parse(); err != nil { // keep the AST in step with src
				return nil, err
			}
		}
		if sg.rewriteSelectAssign() {
			if err := sg.parse(); err != nil { // keep the AST in step with src
				return nil, err
			}
		}
		if sg.rewriteLabels(func(name string) bool { return isGlobal(name) || s.isPackage(name) }) {
			if err := sg.parse(); err != nil {
				return nil, err
			}
		}
		if sg.rewriteGenericAlias(s.noteGenericAliases(sg)) {
			if err := sg.parse(); err != nil {
				return nil, err
			}
		}
		if sg.rewriteRangeInt(s.isIntGlobal) {
			if err := sg.parse(); err != nil { // keep the AST in step with src
				return nil, err
			}
		}
		if sg.rewriteMethodExprs(s.compiledTypes(sg, segs)) {
			if err := sg.parse(); err != nil {
				return nil, err
			}
		}
		if sg.rewriteMinMax(s.builtinMinMax()) {
			if err := sg.parse(); err != nil {
				return nil, err
			}
		}
		if sg.rewriteShiftConsts() {
			if err := sg.parse(); err != nil {
				return nil, err
			}
		}
		if s.isBuiltinFunc("recover") && sg.rewriteRecover() {
			if err := sg.parse(); err != nil {
				return nil, err
			}
		}
		if sg.rewriteGoRecover(s.isBuiltinFunc, s.isPackage, func(name string) bool {
			if k, ok := declared[name]; ok {
				return k == "type"
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			g, ok := s.globals[name]
			return ok && g.kind == "type"
		}) {
			if err := sg.parse(); err != nil {
				return nil, err
			}
		}
		s.diag.take()
		s.register(sg)
		quiet := strings.Contains(sg.src, "range")
		prog, err := s.compile(sg.src, quiet)
		if err != nil && isNilType(err) {
			// yaegi rejects (while compiling: nothing ran) a range over an
			// integer whose type the rewrite could not see, e.g. a method
			// of a compiled package's type: retry with unknown bounds taken
			// as integers.
			prog2, tried, err2 := s.recompile(sg, quiet, func() bool { return sg.rewriteRangeInt(assumeInt(s.isIntGlobal)) })
			if tried {
				prog, err = prog2, err2
			}
		}
		if err != nil && inferRE.MatchString(err.Error()) {
			// yaegi could not infer a generic call's type arguments: retry
			// with those go/types inferred written out, keeping the first
			// error (and its hint) if that fails too.
			if prog2, tried, err2 := s.recompile(sg, quiet, sg.rewriteInferredCalls); tried && err2 == nil {
				prog, err = prog2, nil
			}
		}
		var v reflect.Value
		if err == nil {
			v, err = s.in.ExecuteWithContext(ctx, prog)
		}
		if err != nil {
			return nil, s.cellError(ctx, err, sg)
		}
		s.remember(sg)
		if i == len(segs)-1 {
			last = v
		}
	}
	if program {
		for _, sg := range segs {
			if k, ok := sg.declaredNames()[mainName]; ok && k == "func" {
				_, err := s.in.EvalWithContext(ctx, mainName+"()")
				if err != nil {
					return nil, s.cellError(ctx, err, nil)
				}
				return nil, nil
			}
		}
	}
	lastSeg := segs[len(segs)-1]
	body := lastSeg.body()
	if lastSeg.decl || len(body) == 0 {
		return nil, nil
	}
	es, ok := body[len(body)-1].(*ast.ExprStmt)
	if !ok || !last.IsValid() || s.hideCall(es.X) || s.voidCall(es.X) {
		return nil, nil
	}
	if last.Kind() == reflect.Pointer && last.Type().Elem().Kind() == reflect.Interface {
		return nil, nil // yaegi's placeholder for a call without results
	}
	if last.Kind() == reflect.Interface && last.IsNil() {
		return nil, nil
	}
	if !last.CanInterface() {
		return nil, nil
	}
	if str, ok := s.interpretedString(es.X, last); ok {
		return display.Text(str), nil
	}
	return last.Interface(), nil
}

// interpretedString renders the result through the interpreter's own fmt
// when a cell declared a String method: compiled fmt cannot see methods
// of interpreted types. Only side-effect-free expressions (a name or a
// field chain) are evaluated again.
func (s *session) interpretedString(x ast.Expr, v reflect.Value) (string, bool) {
	s.mu.Lock()
	_, hasString := s.methods["String"]
	s.mu.Unlock()
	chain := exprChain(x)
	if !hasString || chain == "" || !isSimpleSelector(chain) {
		return "", false
	}
	if b, ok := display.Of(v.Interface()); ok && len(b.Data) > 1 {
		return "", false // rich output (plot, table, image) wins
	}
	r, err := s.in.Eval("__archlab_fmt.Sprint(" + chain + ")")
	s.diag.take()
	if err != nil || r.Kind() != reflect.String {
		return "", false
	}
	return r.String(), true
}

// hideCall reports whether the last expression is a call whose value is
// noise: fmt.Println and friends return (n int, err error); so do
// strconv.Atoi and others whose value matters, hence the name test.
func (s *session) hideCall(x ast.Expr) bool {
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	s.mu.Lock()
	path, ok := s.imported[pkg.Name]
	s.mu.Unlock()
	if !ok {
		return false
	}
	fn, ok := allExports()[path+"/"+pathBase(path)][sel.Sel.Name]
	if !ok || fn.Kind() != reflect.Func {
		return false
	}
	n := sel.Sel.Name
	if !strings.HasPrefix(n, "Print") && !strings.HasPrefix(n, "Fprint") && !strings.HasPrefix(n, "Write") {
		return false
	}
	t := fn.Type()
	errType := reflect.TypeOf((*error)(nil)).Elem()
	return t.NumOut() == 2 && t.Out(0).Kind() == reflect.Int && t.Out(1) == errType
}

// compile compiles a segment without running it. With quiet, the
// standard logger is muted meanwhile: yaegi log.Panics on some type errors
// ("nil type"), which would print a timestamped line into the cell's
// output; no user code runs during compilation.
// recompile compiles sg again after rewrite changed its source, a retry
// after yaegi rejected it while compiling (nothing ran); tried is false
// where rewrite changed nothing. The failed compile declared the segment's
// imports already: again, they would be "redeclared", so they are made
// blank.
func (s *session) recompile(sg *segment, quiet bool, rewrite func() bool) (prog *interp.Program, tried bool, err error) {
	if err := sg.parse(); err != nil || !rewrite() {
		return nil, false, nil
	}
	if err := sg.parse(); err != nil {
		return nil, true, err
	}
	if sg.blankImports() {
		if err := sg.parse(); err != nil {
			return nil, true, err
		}
	}
	s.diag.take()
	s.register(sg)
	prog, err = s.compile(sg.src, quiet)
	return prog, true, err
}

func (s *session) compile(src string, quiet bool) (prog *interp.Program, err error) {
	if quiet {
		w := log.Writer()
		log.SetOutput(io.Discard)
		defer log.SetOutput(w)
	}
	defer func() {
		if r := recover(); r != nil {
			err = interp.Panic{Value: r}
		}
	}()
	return s.in.Compile(src)
}

// isNilType reports yaegi's "nil type" failure (range over a value it
// could not type).
func isNilType(err error) bool {
	var p interp.Panic
	if errors.As(err, &p) {
		return fmt.Sprint(p.Value) == "nil type"
	}
	return err.Error() == "nil type"
}

// checkUndefined reports the first identifier a cell uses that nothing
// defines, with its position: yaegi's own message for this common mistake
// is often misleading ("constant definition loop"). A name the parser
// cannot resolve is checked against the cell's declarations, the
// session's globals and imports, the universe and, to be safe, yaegi
// itself (evaluating a bare name runs no code).
func (s *session) checkUndefined(segs []*segment, declared map[string]string) error {
	for _, sg := range segs {
		for _, is := range sg.file.Imports {
			if is.Name != nil && is.Name.Name == "." {
				// A dot import's names (Println after . "fmt") are
				// unresolved too: the interpreter reports a name
				// that is undefined indeed.
				return nil
			}
		}
	}
	for _, sg := range segs {
		for _, id := range sg.file.Unresolved {
			n := id.Name
			if _, ok := declared[n]; ok || n == "_" || types.Universe.Lookup(n) != nil {
				continue
			}
			switch n {
			case "min", "max", "clear":
				continue
			}
			s.mu.Lock()
			_, g := s.globals[n]
			_, imp := s.imported[n]
			s.mu.Unlock()
			if g || imp {
				continue
			}
			if _, ok := pkgByName[n]; ok {
				continue
			}
			if _, err := s.in.Eval(n); err == nil {
				s.diag.take()
				continue
			}
			s.diag.take()
			p := sg.fset.Position(id.Pos())
			line, col := sg.cellPos(p.Line, p.Column)
			msg := fmt.Sprintf("line %d:%d: undefined: %s", line, col, n)
			if pkg, ok := missingStdlib[n]; ok {
				msg += fmt.Sprintf(" (the standard package %s is newer than this interpreter's library tables)", pkg)
			}
			return newCellError("CompileError", msg)
		}
	}
	return nil
}

// voidCall reports whether x is a call of a function or method without
// results: yaegi then returns an unrelated value, which must not be shown.
// It runs after the cell, so names the cell defined are known.
func (s *session) voidCall(x ast.Expr) bool {
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return false
	}
	switch f := call.Fun.(type) {
	case *ast.FuncLit:
		return f.Type.Results == nil
	case *ast.Ident:
		switch f.Name {
		case "clear", "panic", "print", "println", "close", "delete", "copy":
			return f.Name != "copy"
		}
		s.mu.Lock()
		g, ok := s.globals[f.Name]
		s.mu.Unlock()
		return ok && g.kind == "func" && g.void
	case *ast.SelectorExpr:
		chain := exprChain(f.X)
		if chain == "" {
			return false
		}
		if !strings.Contains(chain, ".") {
			if p, ok := s.packageOf(chain); ok {
				if fn, ok := allExports()[p+"/"+pathBase(p)][f.Sel.Name]; ok && fn.Kind() == reflect.Func {
					return fn.Type().NumOut() == 0
				}
				return sourceVoid(p, f.Sel.Name)
			}
		}
		if v, ok := s.valueOfLocked(chain); ok {
			for _, m := range []reflect.Value{v, addr(v)} {
				if !m.IsValid() {
					continue
				}
				if mm := m.MethodByName(f.Sel.Name); mm.IsValid() {
					return mm.Type().NumOut() == 0
				}
			}
		}
		s.mu.Lock()
		void, ok := s.methods[f.Sel.Name]
		s.mu.Unlock()
		return ok && void
	}
	return false
}

func addr(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v.Addr()
	}
	return reflect.Value{}
}

// exprChain renders a.b.c, or "" for anything else.
func exprChain(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		if x := exprChain(e.X); x != "" {
			return x + "." + e.Sel.Name
		}
	}
	return ""
}

// autoImport imports the packages a cell uses without importing them.
func (s *session) autoImport(ctx context.Context, segs []*segment, declared map[string]string) error {
	uses := map[string][]selUse{}
	for _, sg := range segs {
		for name, us := range sg.selectorUses() {
			uses[name] = append(uses[name], us...)
		}
	}
	need := map[string]string{}
	for _, name := range sortedKeys(uses) {
		if _, ok := declared[name]; ok {
			continue
		}
		s.mu.Lock()
		path, imp := s.imported[name]
		_, glob := s.globals[name]
		s.mu.Unlock()
		if glob {
			continue
		}
		if imp {
			if err := checkImported(name, path, uses[name]); err != nil {
				return err
			}
			continue
		}
		allExports()
		if _, ok := pkgByName[name]; !ok {
			continue
		}
		p, err := pickPackage(name, uses[name])
		if err != nil {
			return err
		}
		need[name] = p
	}
	if len(need) == 0 {
		return nil
	}
	names := make([]string, 0, len(need))
	for n := range need {
		names = append(names, n)
	}
	sort.Strings(names)
	var src strings.Builder
	src.WriteString("import (\n")
	for _, n := range names {
		p := need[n]
		if pathBase(p) == n {
			fmt.Fprintf(&src, "\t%q\n", p)
		} else {
			fmt.Fprintf(&src, "\t%s %q\n", n, p)
		}
	}
	src.WriteString(")")
	if _, err := s.in.EvalWithContext(ctx, src.String()); err != nil {
		return newCellError("CompileError", "automatic import: "+err.Error())
	}
	s.mu.Lock()
	for n, p := range need {
		s.imported[n] = p
	}
	s.mu.Unlock()
	return nil
}

// dropKnownImports blanks import specs that are already in scope with the
// same name and path (yaegi rejects importing a package twice), keeping
// line and column positions. It reports whether it changed sg.
func (s *session) dropKnownImports(sg *segment) bool {
	var edits []edit
	s.mu.Lock()
	for _, d := range sg.file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		for _, sp := range gd.Specs {
			is := sp.(*ast.ImportSpec)
			p := strings.Trim(is.Path.Value, "\"`")
			if s.imported[importName(is)] == p {
				a, b := sg.offset(is.Pos()), sg.offset(is.End())
				if len(gd.Specs) == 1 && !gd.Lparen.IsValid() {
					a, b = sg.offset(gd.Pos()), sg.offset(gd.End())
				}
				edits = append(edits, edit{a, b, strings.Repeat(" ", b-a)})
			}
		}
	}
	s.mu.Unlock()
	if len(edits) == 0 {
		return false
	}
	sg.apply(edits)
	return true
}

// blankImports blanks the segment's import declarations (positions kept)
// and reports whether it had any.
func (sg *segment) blankImports() bool {
	var edits []edit
	for _, d := range sg.file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			a, b := sg.offset(gd.Pos()), sg.offset(gd.End())
			edits = append(edits, edit{a, b, blankKeepLines(sg.src[a:b])})
		}
	}
	if len(edits) == 0 {
		return false
	}
	sg.apply(edits)
	return true
}

// blankKeepLines replaces each byte of s with a space, keeping its
// newlines (the length and the lines stay).
func blankKeepLines(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c != '\n' {
			b[i] = ' '
		}
	}
	return string(b)
}

// valueOfLocked evaluates a global chain while execMu is already held.
func (s *session) valueOfLocked(chain string) (reflect.Value, bool) {
	root := strings.SplitN(chain, ".", 2)[0]
	s.mu.Lock()
	g, ok := s.globals[root]
	s.mu.Unlock()
	if !ok || g.kind == "func" || g.kind == "type" || !isSimpleSelector(chain) {
		return reflect.Value{}, false
	}
	v, err := s.in.Eval(chain)
	s.diag.take()
	return v, err == nil && v.IsValid()
}

// isIntGlobal reports whether expr, a name or field chain over earlier
// cells' globals, has an integer type. Evaluating it runs no user code.
func (s *session) isIntGlobal(expr string) bool {
	if !isSimpleSelector(expr) {
		return false
	}
	root := strings.SplitN(expr, ".", 2)[0]
	s.mu.Lock()
	g, ok := s.globals[root]
	s.mu.Unlock()
	if !ok || (g.kind != "var" && g.kind != "const") {
		return false
	}
	v, err := s.in.Eval(expr)
	s.diag.take()
	return err == nil && v.IsValid() && isIntKind(v.Kind())
}

// remember records what a successfully evaluated segment declared.
func (s *session) remember(sg *segment) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sg.decl {
		for _, d := range sg.file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil {
					s.methods[d.Name.Name] = d.Type.Results == nil
					continue
				}
				src := sg.origText(d.Pos(), d.End())
				if d.Body != nil {
					src = sg.origText(d.Pos(), d.Body.Lbrace)
				}
				s.globals[d.Name.Name] = &global{kind: "func", src: strings.TrimSpace(src), full: sg.origText(d.Pos(), d.End()), doc: d.Doc.Text(), void: d.Type.Results == nil}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.ImportSpec:
						s.imported[importName(sp)] = strings.Trim(sp.Path.Value, "\"`")
					case *ast.TypeSpec:
						s.globals[sp.Name.Name] = &global{kind: "type", src: "type " + sg.origText(sp.Pos(), sp.End()), doc: firstDoc(sp.Doc, d.Doc)}
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							s.globals[n.Name] = &global{kind: strings.ToLower(d.Tok.String()), src: strings.ToLower(d.Tok.String()) + " " + sg.origText(sp.Pos(), sp.End()), doc: firstDoc(sp.Doc, d.Doc)}
						}
					}
				}
			}
		}
		return
	}
	for n, k := range sg.declaredNames() {
		s.globals[n] = &global{kind: k}
	}
}

func firstDoc(gs ...*ast.CommentGroup) string {
	for _, g := range gs {
		if g != nil {
			return g.Text()
		}
	}
	return ""
}

var posRE = regexp.MustCompile(`(?:(?:seg(\d+)/)?_\.go:)?(\d+):(\d+): `)

// mapPositions rewrites yaegi's "L:C: " positions (in the wrapped,
// rewritten source of sg, or of an earlier segment that the position
// names) into the cell's "line L:C: ". Without a segment it only drops the
// wrapper's line.
func (s *session) mapPositions(msg string, sg *segment) string {
	return posRE.ReplaceAllStringFunc(msg, func(m string) string {
		sm := posRE.FindStringSubmatch(m)
		id, _ := strconv.Atoi(sm[1])
		l, _ := strconv.Atoi(sm[2])
		c, _ := strconv.Atoi(sm[3])
		if sg != nil && id == sg.id {
			l, c = sg.cellPos(l, c)
			return fmt.Sprintf("line %d:%d: ", l, c)
		}
		s.mu.Lock()
		si := s.segs[id]
		s.mu.Unlock()
		if si != nil {
			// yaegi points into a declaration an earlier cell made (a
			// generic function's body, say).
			l, c = (&segment{decl: si.decl, src: si.src, orig: si.orig, passes: si.passes}).cellPos(l, c)
			return fmt.Sprintf("an earlier cell's line %d:%d: ", l, c)
		}
		return fmt.Sprintf("line %d:%d: ", max(l-1, 1), c)
	})
}

// register records sg as it is about to be compiled, for tracebacks
// that pass through it later.
func (s *session) register(sg *segment) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.segs[sg.id] = sg.info(s.cells)
}

// isPackage reports whether name, unresolved in a cell, is a package: one
// imported already or one auto-import would bring in. Globals win.
func (s *session) isPackage(name string) bool {
	s.mu.Lock()
	_, imp := s.imported[name]
	_, glob := s.globals[name]
	s.mu.Unlock()
	if glob {
		return false
	}
	allExports()
	_, auto := pkgByName[name]
	return imp || auto
}

// isBuiltinFunc reports whether name is a Go builtin or one of the
// session's own (min, max, clear) that no cell redefined.
func (s *session) isBuiltinFunc(name string) bool {
	s.mu.Lock()
	_, g := s.globals[name]
	s.mu.Unlock()
	if g {
		return false
	}
	_, ok := types.Universe.Lookup(name).(*types.Builtin)
	return ok
}

// builtinMinMax reports whether min and max are still the session's
// (no cell declared its own).
func (s *session) builtinMinMax() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, mn := s.globals["min"]
	_, mx := s.globals["max"]
	return !mn && !mx
}

// cellError converts a yaegi error into a *CellError. sg is the segment
// that ran, for positions in compile errors (nil when none applies).
func (s *session) cellError(ctx context.Context, err error, sg *segment) *CellError {
	ce := s.cellError1(ctx, err, sg)
	if ce != nil && strings.Contains(ce.Value, labelPrefix) {
		ce.Value = unrenameLabels(ce.Value)
		for i, l := range ce.Traceback {
			ce.Traceback[i] = unrenameLabels(l)
		}
	}
	return ce
}

func (s *session) cellError1(ctx context.Context, err error, sg *segment) *CellError {
	diag := s.diag.take()
	var gp *goPanicError
	if errors.As(context.Cause(ctx), &gp) {
		return newCellError("Panic", gp.msg+" (in a goroutine)", gp.trace...)
	}
	var dl *deadlockError
	if errors.As(context.Cause(ctx), &dl) {
		return newCellError("FatalError", dl.Error(), dl.summary()...)
	}
	var ge exitPanic
	if errors.As(context.Cause(ctx), &ge) {
		err = interp.Panic{Value: ge}
	}
	if ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || ctx.Err() == err) {
		return newCellError("Interrupted", "stopped by the user; the session and its variables are kept")
	}
	var p interp.Panic
	if errors.As(err, &p) {
		if e, ok := p.Value.(exitPanic); ok {
			ce := newCellError("Exit", fmt.Sprintf("os.Exit(%d) called; the kernel keeps running", e.code))
			ce.Code = e.code
			return ce
		}
		if code, ok := flagExit(p.Value); ok && s.flagSets.Load() {
			// A bad flag for a FlagSet made with ExitOnError (newFlagSet).
			ce := newCellError("Exit", fmt.Sprintf("os.Exit(%d) called by the flag package; the kernel keeps running", code))
			ce.Code = code
			return ce
		}
		fs := s.frames(diag)
		var inner *tbFrame
		if len(fs) > 0 {
			inner = &fs[0]
		}
		msg, changed := s.goMessage(panicMessage(p.Value), inner)
		msg = s.panicChainText(p.Value, msg, s.in.PanicChain())
		trace := traceLines(fs)
		if changed {
			trace = append(trace, "  (recover() sees yaegi's message: "+panicMessage(p.Value)+")")
		}
		return newCellError("Panic", msg, trace...)
	}
	msg := s.mapPositions(err.Error(), sg)
	lines := strings.Split(msg, "\n")
	if hint := s.inferenceHint(lines[0], sg); hint != "" {
		lines = append(lines, hint)
	}
	lines[0] = importMessage(lines[0])
	return newCellError("CompileError", lines[0], lines[1:]...)
}

var importRE = regexp.MustCompile(`import "([^"]+)" error: unable to find source related to: "[^"]+"\. Either the GOPATH environment variable, or the Interpreter\.Options\.GoPath needs to be set`)

// importMessage rewrites yaegi's error for an import it cannot find (which
// talks of GOPATH, as if sources were looked up) to say what a cell can
// import.
func importMessage(msg string) string {
	m := importRE.FindStringSubmatchIndex(msg)
	if m == nil {
		return msg
	}
	path := msg[m[2]:m[3]]
	why := "the package is not compiled into this kernel: cells import the standard library and the packages of kernel/symbols (add one there and rebuild)"
	if !strings.Contains(strings.Split(path, "/")[0], ".") {
		why = "the standard library tables of this interpreter do not have it"
		if pkg, ok := missingStdlib[path[strings.LastIndex(path, "/")+1:]]; ok {
			why = "the standard package " + pkg + " is newer than this interpreter's library tables"
		}
	}
	return msg[:m[0]] + fmt.Sprintf("import %q: %s", path, why) + msg[m[1]:]
}

var inferRE = regexp.MustCompile(`undefined type for (\w+)|cannot infer (\w+)`)

// inferenceHint tells how to write a call of a generic function whose type
// arguments cannot be inferred (as in Go: func Zero[T any]() T called as
// Zero()), when sg calls a generic function without type arguments.
func (s *session) inferenceHint(msg string, sg *segment) string {
	if sg == nil || !inferRE.MatchString(msg) {
		return ""
	}
	generic := map[string]bool{}
	s.mu.Lock()
	for n, g := range s.globals {
		if g.kind == "func" && strings.HasPrefix(g.src, "func "+n+"[") {
			generic[n] = true
		}
	}
	s.mu.Unlock()
	name := ""
	ast.Inspect(sg.file, func(n ast.Node) bool {
		if fd, ok := n.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Type.TypeParams != nil {
			generic[fd.Name.Name] = true
		}
		if c, ok := n.(*ast.CallExpr); ok && name == "" {
			if id, ok := c.Fun.(*ast.Ident); ok && generic[id.Name] {
				name = id.Name
			}
		}
		return true
	})
	if name == "" {
		return ""
	}
	return fmt.Sprintf("hint: give the type arguments explicitly, e.g. %s[int](...)", name)
}

// noteGenericAliases adds sg's generic alias declarations to those of
// earlier segments, forgets those whose name sg declares another type
// with, and returns them all.
func (s *session) noteGenericAliases(sg *segment) map[string]aliasDef {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, name := range sg.declaredTypes() {
		delete(s.aliases, name)
	}
	for name, a := range sg.genericAliases() {
		if s.aliases == nil {
			s.aliases = map[string]aliasDef{}
		}
		s.aliases[name] = a
	}
	return s.aliases
}

// compiledTypes looks up the compiled packages' types for sg's method
// expressions: a package name sg imports, or the session has, or
// auto-import would bring in (a cell).
func (s *session) compiledTypes(sg *segment, segs []*segment) compiledTypes {
	var cell []*ast.File
	for _, o := range segs {
		if o.file != nil {
			cell = append(cell, o.file)
		}
	}
	own := map[string]string{}
	for _, im := range sg.file.Imports {
		path, err := strconv.Unquote(im.Path.Value)
		if err != nil {
			continue
		}
		name := path[strings.LastIndex(path, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		own[name] = path
	}
	pathOf := func(pkg string) string {
		if p, ok := own[pkg]; ok {
			return p
		}
		s.mu.Lock()
		p, ok := s.imported[pkg]
		s.mu.Unlock()
		if ok {
			return p
		}
		return ""
	}
	ex := allExports()
	return compiledTypes{
		typeOf: func(pkg, name string) reflect.Type {
			path := pathOf(pkg)
			if path == "" {
				return nil
			}
			v, ok := ex[path+"/"+path[strings.LastIndex(path, "/")+1:]][name]
			if !ok || v.Kind() != reflect.Pointer || !v.IsNil() {
				return nil // not a type: types are exported as (*T)(nil)
			}
			return v.Type().Elem()
		},
		imported: func(pkg string) bool { return pathOf(pkg) != "" },
		cell:     cell,
	}
}

// setMaxStack is debug.SetMaxStack for programs: it keeps the limit the
// program sets and returns the one before (Go's default, 1 GB, at first)
// without applying it. Applied, a small limit (1 << 16) crashed the
// kernel's own goroutines and the deep Go stacks of interpreted calls,
// which need the limit New set.
func (s *session) setMaxStack(n int) int {
	prev := s.maxStack.Swap(int64(n))
	if prev == 0 {
		prev = 1_000_000_000
	}
	return int(prev)
}
