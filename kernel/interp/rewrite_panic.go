package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"sync"
)

// yaegi v0.16.1 reports a panic at the first statement of the function it
// happened in, not at the panicking line. rewritePanics makes each call of
// the builtin panic record its own cell position first:
//
//	panic(x)  →  panic(__archlab_at(3, 2, x))
//
// __archlab_at returns x unchanged, so recover sees the value panic was
// given. The position is the cell's, fixed when the cell is rewritten, so
// a panic in a function an earlier cell declared still names that cell's
// line. Runtime panics (index out of range, nil map) are not calls and
// keep yaegi's function-level report.
func (s *segment) rewritePanics() bool {
	var edits []edit
	ast.Inspect(s.file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || call.Ellipsis.IsValid() {
			return true
		}
		id, ok := call.Fun.(*ast.Ident)
		if !ok || id.Name != "panic" || id.Obj != nil {
			return true
		}
		p := s.fset.Position(call.Pos())
		line, col := s.cellPos(p.Line, p.Column)
		edits = append(edits,
			edit{s.offset(call.Lparen) + 1, s.offset(call.Lparen) + 1, fmt.Sprintf("__archlab_at(%d, %d, ", line, col)},
			edit{s.offset(call.Rparen), s.offset(call.Rparen), ")"})
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
//	go func() { BODY }()  →  {__gc1 := __archlab_cell(); go func() {defer __archlab_gorecover(__gc1); BODY }()}
//	go f(a, 2)            →  {__gc1, __ga2 := __archlab_cell(), a; go func() {defer __archlab_gorecover(__gc1); f(__ga2, 2)}()}
//
// __archlab_cell() is the cell running the go statement: a goroutine that
// outlives its cell and panics later does not end another cell.
//
// Arguments are evaluated before the goroutine starts, as in Go (constants
// stay in place, so they keep their untyped kind). Only calls of a named
// function or a package's function are wrapped so; a method call (go
// x.M()) is left alone.
func (s *segment) rewriteGoRecover(builtin func(string) bool) bool {
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
		if fl, ok := g.Call.Fun.(*ast.FuncLit); ok {
			at := s.offset(fl.Body.Lbrace) + 1
			edits = append(edits,
				edit{s.offset(g.Pos()), s.offset(g.Pos()), "{" + cell + " := __archlab_cell(); "},
				edit{at, at, "defer __archlab_gorecover(" + cell + "); "},
				edit{s.offset(g.End()), s.offset(g.End()), "}"})
			return true
		}
		switch f := g.Call.Fun.(type) {
		case *ast.Ident:
			if f.Obj == nil && builtin(f.Name) {
				return true
			}
		case *ast.SelectorExpr:
			if x, ok := f.X.(*ast.Ident); !ok || x.Obj != nil {
				return true // a method call on a local value
			}
		default:
			return true
		}
		if info == nil {
			info = s.typeInfo()
		}
		hoist, names := []string{"__archlab_cell()"}, []string{cell}
		var args []string
		for _, a := range g.Call.Args {
			if isConstExpr(a, info) {
				args = append(args, s.text(a))
				continue
			}
			k++
			n := fmt.Sprintf("__ga%d", k)
			hoist, names = append(hoist, s.text(a)), append(names, n)
			args = append(args, n)
		}
		call := s.text(g.Call.Fun) + "(" + strings.Join(args, ", ")
		if g.Call.Ellipsis.IsValid() {
			call += "..."
		}
		call += ")"
		text := "{" + strings.Join(names, ", ") + " := " + strings.Join(hoist, ", ") + "; " +
			"go func() {defer __archlab_gorecover(" + cell + "); " + call + "}()}"
		edits = append(edits, edit{s.offset(g.Pos()), s.offset(g.End()), text})
		return false
	})
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
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

// panicSite is the cell position the last explicit panic call recorded,
// with its message to match it against the panic that ends the cell (a
// recovered panic must not lend its line to a later runtime error).
var panicSite struct {
	mu        sync.Mutex
	line, col int
	msg       string
	set       bool
}

func recordPanicSite(line, col int, v any) {
	panicSite.mu.Lock()
	defer panicSite.mu.Unlock()
	panicSite.line, panicSite.col, panicSite.msg, panicSite.set = line, col, panicMessage(v), true
}

func resetPanicSite() {
	panicSite.mu.Lock()
	defer panicSite.mu.Unlock()
	panicSite.set = false
}

// sitePosition returns "line L:C" when the last recorded panic call
// carried msg.
func sitePosition(msg string) (string, bool) {
	panicSite.mu.Lock()
	defer panicSite.mu.Unlock()
	if !panicSite.set || panicSite.msg != msg {
		return "", false
	}
	return fmt.Sprintf("line %d:%d", panicSite.line, panicSite.col), true
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
	msg, at string
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
// running; otherwise the panic is logged to the kernel's log.
func goPanic(cell int, v any) {
	msg := panicMessage(v)
	at, _ := sitePosition(msg)
	running.mu.Lock()
	cancel := running.cancel
	if running.id != cell {
		cancel = nil
	}
	running.mu.Unlock()
	if cancel == nil {
		if at != "" {
			msg += " (at " + at + ")"
		}
		fmt.Fprintf(LogOutput(), "archlab: a goroutine panicked after its cell ended: %s\n", msg)
		return
	}
	cancel(&goPanicError{msg: msg, at: at})
}
