package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// rewriteRangeAssign turns a range loop that assigns existing variables
// (for j = range xs, for k, v = range m) into one that declares its own and
// assigns them first thing in the body:
//
//	for j = range xs { ... }   →   for __archlab_rk0 := range xs { j = __archlab_rk0; ... }
//
// yaegi declares new variables for the range's key and value whatever the
// statement's token, so j kept its value before the loop (0 1 2 0 printed
// for Go's 0 1 2 2). The assignment runs at each iteration, as Go's does,
// and the targets may be any assignable expression (t.n, a[0]).
func (s *segment) rewriteRangeAssign() bool {
	var ranges []*ast.RangeStmt
	ast.Inspect(s.file, func(n ast.Node) bool {
		if r, ok := n.(*ast.RangeStmt); ok && r.Tok == token.ASSIGN && r.Key != nil {
			ranges = append(ranges, r)
		}
		return true
	})
	if len(ranges) == 0 {
		return false
	}
	var edits []edit
	for i, r := range ranges {
		var vars, targets, temps []string
		add := func(e ast.Expr, temp string) {
			if id, ok := e.(*ast.Ident); ok && id.Name == "_" {
				vars = append(vars, "_")
				return
			}
			vars = append(vars, temp)
			targets = append(targets, s.text(e))
			temps = append(temps, temp)
		}
		add(r.Key, fmt.Sprintf("__archlab_rk%d", i))
		if r.Value != nil {
			add(r.Value, fmt.Sprintf("__archlab_rv%d", i))
		}
		head := vars[0]
		if len(vars) > 1 {
			head += ", " + vars[1]
		}
		if len(targets) == 0 {
			head = "" // for _ = range ch: for range ch
		} else {
			head += " :="
		}
		edits = append(edits, edit{s.offset(r.Key.Pos()), s.offset(r.TokPos) + len(token.ASSIGN.String()), head})
		if len(targets) > 0 {
			assign := " " + strings.Join(targets, ", ") + " = " + strings.Join(temps, ", ") + ";"
			edits = append(edits, edit{s.offset(r.Body.Lbrace) + 1, s.offset(r.Body.Lbrace) + 1, assign})
		}
	}
	s.apply(edits)
	return true
}
