package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// rewriteSelectAssign turns a select case that receives into existing
// variables (case s.v = <-ch:, case a[i], ok = <-ch:) into one that
// declares its own and assigns them first thing in the clause:
//
//	case s.v = <-ch:   →   case __archlab_sv0 := <-ch: s.v = __archlab_sv0;
//
// yaegi's select stores a received value only into a plain variable: a
// field, an element or a map entry on the left was left as it was.
func (s *segment) rewriteSelectAssign() bool {
	var clauses []*ast.CommClause
	ast.Inspect(s.file, func(n ast.Node) bool {
		if c, ok := n.(*ast.CommClause); ok {
			if a, ok := c.Comm.(*ast.AssignStmt); ok && a.Tok == token.ASSIGN {
				clauses = append(clauses, c)
			}
		}
		return true
	})
	if len(clauses) == 0 {
		return false
	}
	var edits []edit
	for i, c := range clauses {
		a := c.Comm.(*ast.AssignStmt)
		var vars, targets, temps []string
		for j, e := range a.Lhs {
			if id, ok := e.(*ast.Ident); ok && id.Name == "_" {
				vars = append(vars, "_")
				continue
			}
			temp := fmt.Sprintf("__archlab_sv%d_%d", i, j)
			vars = append(vars, temp)
			targets = append(targets, s.text(e))
			temps = append(temps, temp)
		}
		head := ""
		if len(targets) > 0 {
			head = strings.Join(vars, ", ") + " := "
		}
		edits = append(edits, edit{s.offset(a.Pos()), s.offset(a.Rhs[0].Pos()), head})
		if len(targets) > 0 {
			assign := " " + strings.Join(targets, ", ") + " = " + strings.Join(temps, ", ") + ";"
			edits = append(edits, edit{s.offset(c.Colon) + 1, s.offset(c.Colon) + 1, assign})
		}
	}
	s.apply(edits)
	return true
}
