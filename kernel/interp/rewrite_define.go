package interp

import (
	"go/ast"
	"go/token"
	"strings"
)

// yaegi v0.16.1 loses the names of a multi-value definition from one
// expression (a, err := f()) when it sits in a nested block of a cell's
// top-level statements: `for ... { a, err := f(); use(a) }` fails with
// "undefined: a". The same code inside a function body works, so
// rewriteNestedDefine wraps each affected top-level statement in an
// immediately called func literal. The opening "func() {" goes at the end
// of the previous line (the segment's padding, or the previous statement's
// line) and the closing "}()" after the statement, so the lines and columns
// of the cell's own text do not move. Statements whose meaning a closure
// would change (return, defer, goto, labelled branches) are left alone.
//
// yaegi also turns a := in such a nested block into an assignment when the
// name is a global (a cell's top-level variable): `for i := 0; ...` with
// a global i would overwrite it, and closures would share it. Statements
// that define a global's name below the top level are wrapped the same way,
// so the name is a new local as in Go. isGlobal answers for names.
func (s *segment) rewriteNestedDefine(isGlobal func(string) bool) bool {
	body := s.body()
	if len(body) == 0 {
		return false
	}
	var edits []edit
	for _, st := range body {
		switch st.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.BlockStmt,
			*ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
		default:
			continue
		}
		if !(hasNestedMultiDefine(st) || definesGlobal(st, isGlobal)) || changesUnderClosure(st) {
			continue
		}
		start, end := s.offset(st.Pos()), s.offset(st.End())
		nl := strings.LastIndexByte(s.src[:start], '\n')
		if nl < 0 {
			continue
		}
		at := nl
		if strings.Contains(s.src[strings.LastIndexByte(s.src[:nl], '\n')+1:nl], "//") {
			at = start // a line comment would swallow the opener: shift this line instead
		}
		edits = append(edits, edit{at, at, ";func() {"}, edit{end, end, "}()"})
	}
	if len(edits) == 0 {
		return false
	}
	// A closer and the next opener can land on one offset: keep them in
	// that order by merging them into one edit.
	merged := edits[:1]
	for _, e := range edits[1:] {
		if last := &merged[len(merged)-1]; last.start == e.start && last.end == e.end {
			last.text += e.text
			continue
		}
		merged = append(merged, e)
	}
	s.apply(merged)
	return true
}

// hasNestedMultiDefine reports whether st contains a := with several names
// and one right-hand expression, below the top level.
func hasNestedMultiDefine(st ast.Stmt) bool {
	found := false
	ast.Inspect(st, func(n ast.Node) bool {
		if found {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false // its own function body: yaegi handles it
		}
		if a, ok := n.(*ast.AssignStmt); ok && a.Tok == token.DEFINE && len(a.Lhs) > 1 && len(a.Rhs) == 1 {
			found = true
		}
		return true
	})
	return found
}

// definesGlobal reports whether st declares, below the top level and
// outside func literals, a name isGlobal knows.
func definesGlobal(st ast.Stmt, isGlobal func(string) bool) bool {
	found := false
	check := func(es ...ast.Expr) {
		for _, e := range es {
			if id, ok := e.(*ast.Ident); ok && id.Name != "_" && isGlobal(id.Name) {
				found = true
			}
		}
	}
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				check(n.Lhs...)
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				check(n.Key, n.Value)
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				check(id)
			}
		}
		return !found
	})
	return found
}

// changesUnderClosure reports statements that would mean something else
// inside a func literal.
func changesUnderClosure(st ast.Stmt) bool {
	changes := false
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.DeferStmt, *ast.LabeledStmt:
			changes = true
		case *ast.BranchStmt:
			if n.Label != nil || n.Tok == token.GOTO || n.Tok == token.FALLTHROUGH {
				changes = true
			}
		}
		return !changes
	})
	return changes
}
