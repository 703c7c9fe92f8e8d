package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// yaegi v0.16.1 follows Go before 1.22: a for loop's variables are shared
// by all iterations, so closures, goroutines and deferred calls made in a
// loop see the last value. rewriteLoopVars gives each iteration its own
// copy, as Go 1.22 does:
//
//	for i := 0; i < n; i++ { BODY }
//	for __lv1_i := 0; __lv1_i < n; __lv1_i++ {i := __lv1_i; { BODY }}
//
// (yaegi resolves the right side of `i := i` to the new i, hence the
// rename.) When BODY assigns i, the copy is written back at the end of the
// body, so the post statement sees it: `...; { BODY }; __lv1_i = i}`. A
// continue would skip that write-back, so a loop that assigns its variable,
// captures it and continues is rejected with a LoopVarError instead of
// running with different results. Range loops get the same copy; the
// write-back is never needed there.
//
// Only loops whose body could keep a reference to a variable are rewritten
// (a func literal, go, defer, &, a slice expression or a selector on the
// variable), so plain loops run as before.
func (s *segment) rewriteLoopVars() (bool, error) {
	var edits []edit
	var fail error
	k := 0
	ast.Inspect(s.file, func(n ast.Node) bool {
		if fail != nil {
			return false
		}
		var (
			header []*ast.Ident // the loop's own variables, in its header
			cond   []ast.Node   // other header parts that use them
			body   *ast.BlockStmt
			three  bool
		)
		switch l := n.(type) {
		case *ast.RangeStmt:
			if l.Tok != token.DEFINE {
				return true
			}
			header = loopIdents(l.Key, l.Value)
			body = l.Body
		case *ast.ForStmt:
			a, ok := l.Init.(*ast.AssignStmt)
			if !ok || a.Tok != token.DEFINE {
				return true
			}
			header = loopIdents(a.Lhs...)
			body, three = l.Body, true
			if l.Cond != nil {
				cond = append(cond, l.Cond)
			}
			if l.Post != nil {
				cond = append(cond, l.Post)
			}
		default:
			return true
		}
		for _, c := range cond {
			if fl := firstFuncLit(c); fl != nil && len(header) > 0 {
				p := s.fset.Position(fl.Pos())
				line, col := s.cellPos(p.Line, p.Column)
				fail = newCellError("CompileError", fmt.Sprintf(
					"line %d:%d: a func literal in a for loop's condition or post statement is not supported "+
						"(this interpreter cannot give it each iteration's variables as Go 1.22 does); move it into the loop body",
					line, col))
				return false
			}
		}
		used := usedNames(body)
		var vars []*ast.Ident
		for _, id := range header {
			if used[id.Name] {
				vars = append(vars, id)
			}
		}
		if len(vars) == 0 {
			return true
		}
		if !mayKeepRef(body, vars) && (three || !assigns(body, namesOf(vars))) {
			return true // range over an integer must not see the body's changes
		}
		names := map[string]string{} // variable → header name
		var lhs, rhs []string
		for _, id := range vars {
			k++
			hn := fmt.Sprintf("__lv%d_%s", k, id.Name)
			names[id.Name] = hn
			edits = append(edits, edit{s.offset(id.Pos()), s.offset(id.End()), hn})
			lhs, rhs = append(lhs, id.Name), append(rhs, hn)
		}
		for _, c := range cond {
			ast.Inspect(c, func(m ast.Node) bool {
				switch m := m.(type) {
				case *ast.FuncLit:
					return false
				case *ast.SelectorExpr:
					ast.Inspect(m.X, func(x ast.Node) bool {
						if id, ok := x.(*ast.Ident); ok && names[id.Name] != "" {
							edits = append(edits, edit{s.offset(id.Pos()), s.offset(id.End()), names[id.Name]})
						}
						return true
					})
					return false
				case *ast.Ident:
					if hn := names[m.Name]; hn != "" {
						edits = append(edits, edit{s.offset(m.Pos()), s.offset(m.End()), hn})
					}
				}
				return true
			})
		}
		open := strings.Join(lhs, ", ") + " := " + strings.Join(rhs, ", ") + "; {"
		closing := "}"
		if three && assigns(body, names) {
			if continues(body) {
				id := vars[0]
				p := s.fset.Position(id.Pos())
				line, col := s.cellPos(p.Line, p.Column)
				fail = newCellError("CompileError", fmt.Sprintf(
					"line %d:%d: loop variable %s is changed in the loop body, which also keeps a reference to it and uses continue: "+
						"this interpreter cannot give each iteration its own %s as Go 1.22 does; "+
						"copy the value into a variable declared in the body (v := %s) and use that in the closure, or drop the continue",
					line, col, id.Name, id.Name, id.Name))
				return false
			}
			closing = "}; " + strings.Join(rhs, ", ") + " = " + strings.Join(lhs, ", ")
		}
		edits = append(edits,
			edit{s.offset(body.Lbrace) + 1, s.offset(body.Lbrace) + 1, open},
			edit{s.offset(body.Rbrace), s.offset(body.Rbrace), closing})
		return true
	})
	if fail != nil {
		return false, fail
	}
	if len(edits) == 0 {
		return false, nil
	}
	s.apply(edits)
	return true, nil
}

func firstFuncLit(n ast.Node) *ast.FuncLit {
	var fl *ast.FuncLit
	ast.Inspect(n, func(m ast.Node) bool {
		if f, ok := m.(*ast.FuncLit); ok && fl == nil {
			fl = f
		}
		return fl == nil
	})
	return fl
}

// loopIdents returns the named identifiers among exprs (not _ nor the
// kernel's own __ names).
func loopIdents(exprs ...ast.Expr) []*ast.Ident {
	var out []*ast.Ident
	for _, e := range exprs {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" && !strings.HasPrefix(id.Name, "__") {
			out = append(out, id)
		}
	}
	return out
}

func namesOf(ids []*ast.Ident) map[string]string {
	m := map[string]string{}
	for _, id := range ids {
		m[id.Name] = id.Name
	}
	return m
}

// usedNames returns the identifiers used in n, selectors' names excluded.
func usedNames(n ast.Node) map[string]bool {
	used := map[string]bool{}
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.SelectorExpr:
			for k, v := range usedNames(m.X) {
				used[k] = v
			}
			return false
		case *ast.Ident:
			used[m.Name] = true
		}
		return true
	})
	return used
}

// mayKeepRef reports whether body could keep a reference to one of vars
// beyond its iteration: a func literal that names one, taking the address
// of one (or of a part of it), slicing one (an array), or a selector on
// one (a method value or a call with a pointer receiver). Other func
// literals, addresses and slice expressions (s[start:i]) keep none.
func mayKeepRef(body *ast.BlockStmt, vars []*ast.Ident) bool {
	is := map[string]bool{}
	for _, v := range vars {
		is[v.Name] = true
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			for name := range usedNames(n.Body) {
				found = found || is[name]
			}
		case *ast.SliceExpr:
			found = is[rootName(n.X)]
		case *ast.UnaryExpr:
			found = n.Op == token.AND && is[rootName(n.X)]
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && is[id.Name] {
				found = true
			}
		}
		return !found
	})
	return found
}

// rootName returns the variable an operand is part of (a in a.b[i].c,
// (*a), a[i]), or "".
func rootName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x.Name
		case *ast.ParenExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return ""
		}
	}
}

// assigns reports whether body may change one of the variables: an
// assignment, ++ or --, or taking its address (func literals included).
func assigns(body *ast.BlockStmt, names map[string]string) bool {
	is := func(e ast.Expr) bool {
		for {
			p, ok := e.(*ast.ParenExpr)
			if !ok {
				break
			}
			e = p.X
		}
		id, ok := e.(*ast.Ident)
		return ok && names[id.Name] != ""
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					found = found || is(l)
				}
			}
		case *ast.IncDecStmt:
			found = found || is(n.X)
		case *ast.UnaryExpr:
			found = found || (n.Op == token.AND && is(n.X))
		}
		return !found
	})
	return found
}

// continues reports whether body holds a continue that would leave it: an
// unlabelled continue outside nested loops, or any labelled one.
func continues(body *ast.BlockStmt) bool {
	found := false
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt:
				walk(m.Body, true)
				return false
			case *ast.RangeStmt:
				walk(m.Body, true)
				return false
			case *ast.BranchStmt:
				if m.Tok == token.CONTINUE && (m.Label != nil || !nested) {
					found = true
				}
			}
			return true
		})
	}
	walk(body, false)
	return found
}

// checkTopLevelDefer rejects defer among a cell's top-level statements:
// yaegi v0.16.1 keeps the cell's deferred calls and runs them again at the
// end of every later cell.
func (s *segment) checkTopLevelDefer() error {
	var fail error
	for _, st := range s.body() {
		ast.Inspect(st, func(n ast.Node) bool {
			if fail != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.DeferStmt:
				p := s.fset.Position(n.Pos())
				line, col := s.cellPos(p.Line, p.Column)
				fail = newCellError("CompileError", fmt.Sprintf(
					"line %d:%d: defer at the top level of a cell is not supported "+
						"(this interpreter would run it again after every later cell); put it in a function, e.g. func() { defer ...; ... }()",
					line, col))
			}
			return true
		})
	}
	return fail
}
