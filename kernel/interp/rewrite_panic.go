package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"sync"
	"unsafe"

	"github.com/archlab/archlab/kernel/interp/internal/yaegi/interp"
)

// rewriteRecover makes every call of the builtin recover tell the session
// what it recovered, so that the frame lines yaegi wrote for that panic
// are dropped and cannot pass for a later panic's (traceback.go):
//
//	recover()  →  __archlab_recovered(recover())
//
// recover is still called by the deferred function itself, as Go requires,
// and the value is returned unchanged.
func (s *segment) rewriteRecover() bool {
	var edits []edit
	ast.Inspect(s.file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return true
		}
		if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "recover" || id.Obj != nil {
			return true
		}
		edits = append(edits,
			edit{s.offset(call.Pos()), s.offset(call.Pos()), "__archlab_recovered("},
			edit{s.offset(call.End()), s.offset(call.End()), ")"})
		return true
	})
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}

// rewriteGoRecover makes a goroutine the cell starts recover its own
// panic and hand it to the cell (goPanic), which then ends with the panic
// shown instead of the process dying:
//
//	go func(p T) { BODY }(a)  →  {__gc1 := __archlab_cell(); go func(p T) {defer __archlab_gorecover(__gc1, L, C); func() { BODY }()}(a)}
//	go f(a, 2)                →  {__gc1, __ga2 := __archlab_cell(), a; go func() {defer __archlab_gorecover(__gc1, L, C); f(__ga2, 2)}()}
//	go x.M(a)                 →  {__gc1, __gf2, __ga3 := __archlab_cell(), x.M, a; go func() {defer __archlab_gorecover(__gc1, L, C); __gf2(__ga3)}()}
//
// __archlab_cell() is the cell running the go statement: a goroutine that
// outlives its cell and panics later does not end another cell. L:C is the
// go statement's position in the cell. A func literal's body runs in a
// literal of its own so that yaegi reports the frame where it panicked
// (the frame that recovers reports nothing).
//
// Arguments, and the method value of go x.M() (or the func of go fs[i]()),
// are evaluated before the goroutine starts, as in Go (constants stay in
// place, so they keep their untyped kind). A method of a type the cell's
// own type check does not know (a compiled package's, as in go
// srv.Serve(ln), or an earlier cell's) is called as written, its receiver
// read in the goroutine: yaegi cannot take a compiled type's method value.
// A generic function's instance (go f[int](a)) is called as written too:
// yaegi cannot take its value. go on a builtin is left alone.
func (s *segment) rewriteGoRecover(builtin, isPackage, isType func(string) bool) bool {
	var edits []edit
	k := 0
	info := (*types.Info)(nil)
	ast.Inspect(s.file, func(n ast.Node) bool {
		g, ok := n.(*ast.GoStmt)
		if !ok {
			return true
		}
		k++
		cell := fmt.Sprintf("__gc%d", k)
		p := s.fset.Position(g.Pos())
		line, col := s.cellPos(p.Line, p.Column)
		deferText := fmt.Sprintf("defer __archlab_gorecover(%s, %d, %d); ", cell, line, col)
		if fl, ok := g.Call.Fun.(*ast.FuncLit); ok {
			at, end := s.offset(fl.Body.Lbrace)+1, s.offset(fl.Body.Rbrace)
			edits = append(edits, edit{s.offset(g.Pos()), s.offset(g.Pos()), "{" + cell + " := __archlab_cell(); "})
			if at == end {
				edits = append(edits, edit{at, at, deferText + "func() {}()"})
			} else {
				edits = append(edits, edit{at, at, deferText + "func() {"}, edit{end, end, "}()"})
			}
			edits = append(edits, edit{s.offset(g.End()), s.offset(g.End()), "}"})
			return true
		}
		hoist, names := []string{"__archlab_cell()"}, []string{cell}
		fun := s.text(g.Call.Fun)
		if info == nil {
			info = s.typeInfo()
		}
		switch f := g.Call.Fun.(type) {
		case *ast.Ident:
			if f.Obj == nil && builtin(f.Name) {
				return true
			}
		case *ast.SelectorExpr:
			if x, ok := f.X.(*ast.Ident); ok && x.Obj == nil && isPackage(x.Name) {
				break // a package's function
			}
			if !knownType(info, f.X) {
				// yaegi cannot take a compiled type's method value
				// (srv.Serve of an *http.Server): the receiver is read
				// when the goroutine calls it, as written.
				break
			}
			k++
			fun = fmt.Sprintf("__gf%d", k)
			hoist, names = append(hoist, s.text(g.Call.Fun)), append(names, fun)
		case *ast.IndexExpr:
			if !isTypeExpr(f.Index, isType, isPackage) {
				k++ // a func taken from a slice or map: hoisted like a method value
				fun = fmt.Sprintf("__gf%d", k)
				hoist, names = append(hoist, s.text(g.Call.Fun)), append(names, fun)
			} // else a generic function's instance, called as written
		case *ast.IndexListExpr:
			// a generic function's instance, called as written
		case *ast.CallExpr, *ast.ParenExpr:
			k++
			fun = fmt.Sprintf("__gf%d", k)
			hoist, names = append(hoist, s.text(g.Call.Fun)), append(names, fun)
		default:
			return true
		}
		var args []string
		for _, a := range g.Call.Args {
			if isConstExpr(a, info) || isNilExpr(a, info) {
				// nil too: __ga1 := nil has no type.
				args = append(args, s.text(a))
				continue
			}
			k++
			n := fmt.Sprintf("__ga%d", k)
			hoist, names = append(hoist, s.text(a)), append(names, n)
			args = append(args, n)
		}
		call := fun + "(" + strings.Join(args, ", ")
		if g.Call.Ellipsis.IsValid() {
			call += "..."
		}
		call += ")"
		text := "{" + strings.Join(names, ", ") + " := " + strings.Join(hoist, ", ") + "; " +
			"go func() {" + deferText + call + "}()}"
		edits = append(edits, edit{s.offset(g.Pos()), s.offset(g.End()), text})
		return false
	})
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}

// isTypeExpr reports whether e, the index of f[e], is a type: a
// predeclared or declared type name, or a type literal.
func isTypeExpr(e ast.Expr, isType, isPackage func(string) bool) bool {
	switch e := e.(type) {
	case *ast.Ident:
		if _, ok := types.Universe.Lookup(e.Name).(*types.TypeName); ok {
			return true
		}
		return isType(e.Name)
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		return ok && x.Obj == nil && isPackage(x.Name) // pkg.T
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StarExpr, *ast.StructType, *ast.InterfaceType:
		return true
	}
	return false
}

// isConstExpr reports a constant expression: a literal (maybe signed) or
// one go/types folded.
func isConstExpr(e ast.Expr, info *types.Info) bool {
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return true
	}
	if u, ok := e.(*ast.UnaryExpr); ok && (u.Op == token.SUB || u.Op == token.ADD) {
		e = u.X
	}
	_, ok := e.(*ast.BasicLit)
	return ok
}

// panicMessage renders a panic value as the cell error shows it.
func panicMessage(v any) string {
	if e, ok := v.(error); ok {
		return e.Error()
	}
	return fmt.Sprint(v)
}

// goPanicError is the cause a cell's context is cancelled with when a
// goroutine the cell started panics.
type goPanicError struct {
	msg   string
	trace []string
}

func (e *goPanicError) Error() string { return "panic in a goroutine: " + e.msg }

// running is the cell executing now, for goroutine panics: cancel is nil
// between cells, id counts the cells run in this process.
var running struct {
	mu     sync.Mutex
	cancel func(error)
	id     int
}

// runningCell returns the id of the cell running now, 0 when none.
func runningCell() int {
	running.mu.Lock()
	defer running.mu.Unlock()
	if running.cancel == nil {
		return 0
	}
	return running.id
}

// goPanic ends cell with a goroutine's panic when that cell is still
// running; otherwise the panic is logged to the kernel's log. line:col is
// the go statement that started the goroutine.
func (s *session) goPanic(cell, line, col int, v any) {
	if e, ok := v.(exitPanic); ok {
		// os.Exit in a goroutine ends the cell as it would the program:
		// the other goroutines stop where they are.
		running.mu.Lock()
		if running.id == cell && running.cancel != nil {
			s.in.PanicEndsRun()
			running.cancel(e)
		}
		running.mu.Unlock()
		return
	}
	msg := panicMessage(v)
	fs := s.frames(s.diag.take())
	var inner *tbFrame
	if len(fs) > 0 {
		inner = &fs[0]
	}
	msg, changed := s.goMessage(msg, inner)
	msg = s.panicChainText(v, msg, s.in.GoroutinePanicChain())
	running.mu.Lock()
	cancel := running.cancel
	if running.id != cell {
		cancel = nil
	}
	running.mu.Unlock()
	if cancel == nil {
		if inner != nil {
			msg += " " + strings.TrimSpace(inner.String())
		}
		fmt.Fprintf(LogOutput(), "archlab: a goroutine panicked after its cell ended: %s\n", msg)
		return
	}
	// The other goroutines stop where they are, as Go's runtime would end
	// the program now (main must not print after wg.Wait returns).
	s.in.PanicEndsRun()
	trace := traceLines(fs)
	trace = append(trace, fmt.Sprintf("  in a goroutine started at line %d:%d", line, col))
	if changed {
		trace = append(trace, "  (recover() sees yaegi's message: "+panicMessage(v)+")")
	}
	cancel(&goPanicError{msg: msg, trace: trace})
}

// recovered drops the frame lines of a panic that interpreted code has
// just recovered (see rewriteRecover).
func (s *session) recovered(v any) {
	if v != nil {
		s.diag.take()
	}
}

// panicChainText returns the message of v, the panic that ended the cell
// (msg, its own message), as Go prints it: after the panics of its
// goroutine's chain that were in
// flight when a deferred call raised it, oldest first, each marked
// "[recovered]" where that deferred call recovered it ("first
// [recovered]\n\tpanic: wrapped: first"). A panic raised again with the
// value just recovered is one line, "first [recovered, repanicked]", and a
// message's further lines are indented with a tab, as Go does.
func (s *session) panicChainText(v any, msg string, chain []interp.PanicLink) string {
	type entry struct {
		v         any
		msg       string
		recovered bool
	}
	list := make([]entry, 0, len(chain)+1)
	for _, l := range chain {
		m, _ := s.goMessage(panicMessage(l.Value), nil)
		list = append(list, entry{l.Value, m, l.Recovered})
	}
	list = append(list, entry{v: v, msg: msg})
	var parts []string
	for i, e := range list {
		if i > 0 && samePanicValue(list[i-1].v, e.v) {
			continue // printed as the earlier one's repanic
		}
		line := strings.ReplaceAll(e.msg, "\n", "\n\t")
		switch again := i+1 < len(list) && samePanicValue(e.v, list[i+1].v); {
		case e.recovered && again:
			line += " [recovered, repanicked]"
		case e.recovered:
			line += " [recovered]"
		}
		parts = append(parts, line)
	}
	return strings.Join(parts, "\n\tpanic: ")
}

// samePanicValue reports whether a and b are one panic value raised again
// (Go compares the interface words; equal comparable values stand in).
func samePanicValue(a, b any) (same bool) {
	defer func() {
		if recover() != nil { // a comparable type holding an uncomparable value
			same = false
		}
	}()
	if tp, ok := a.(interp.TypedPanic); ok {
		a = tp.Value
	}
	if tp, ok := b.(interp.TypedPanic); ok {
		b = tp.Value
	}
	if a == nil || b == nil {
		return false
	}
	// The interface words: panic(recover()) raises the very value, where
	// panic(fmt.Sprint(r)) raises an equal but new one, which Go prints
	// as a panic of its own.
	return *(*[2]uintptr)(unsafe.Pointer(&a)) == *(*[2]uintptr)(unsafe.Pointer(&b))
}

// knownType reports whether the cell's own type check typed x: a type the
// cell declares or a builtin one. Types of compiled packages (and of
// earlier cells' globals) are unknown to it.
func knownType(info *types.Info, x ast.Expr) bool {
	tv, ok := info.Types[x]
	// A compiled package's type is invalid here, also inside a pointer
	// (&http.Server{...} is *invalid type).
	return ok && tv.Type != nil && !strings.Contains(types.TypeString(tv.Type, nil), "invalid type")
}

// isNilExpr reports whether e is the predeclared nil.
func isNilExpr(e ast.Expr, info *types.Info) bool {
	if info != nil {
		if tv, ok := info.Types[e]; ok {
			return tv.IsNil()
		}
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil" && id.Obj == nil
}
