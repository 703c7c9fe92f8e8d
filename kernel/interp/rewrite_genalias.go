package interp

import (
	"go/ast"
	"go/parser"
	"go/token"
)

// aliasDef is a generic type alias a cell declared: its type
// parameters' names, in order, and the aliased type's source.
type aliasDef struct {
	params []string
	typ    string
}

// genericAliases returns the generic alias declarations of the segment,
// by name.
func (s *segment) genericAliases() map[string]aliasDef {
	out := map[string]aliasDef{}
	ast.Inspect(s.file, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.TypeParams == nil || ts.Assign == token.NoPos {
			return true
		}
		var params []string
		for _, f := range ts.TypeParams.List {
			for _, name := range f.Names {
				params = append(params, name.Name)
			}
		}
		out[ts.Name.Name] = aliasDef{params, s.exprText(ts.Type)}
		return true
	})
	return out
}

// declaredTypes returns the names of the types the segment declares at
// its top level other than generic aliases (a type declared again).
func (s *segment) declaredTypes() []string {
	var out []string
	for _, d := range s.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, sp := range g.Specs {
			if ts := sp.(*ast.TypeSpec); ts.TypeParams == nil || ts.Assign == token.NoPos {
				out = append(out, ts.Name.Name)
			}
		}
	}
	return out
}

// rewriteGenericAlias handles generic type aliases (Go 1.24), which yaegi
// cannot declare ("incomplete type T"). Each instantiation of one that
// this segment or an earlier one declared (aliases) is replaced by the
// aliased type with its type arguments written in, as Go reads it:
//
//	type List[T any] = []T;  var l List[int]   →   var l []int
//
// so %T, assertions and assignability are the aliased type's. The
// declaration itself becomes a defined type of the same structure, in
// place of its "=", so that the name stays declared. It reports whether
// it changed the segment, whose AST it keeps in step.
func (s *segment) rewriteGenericAlias(aliases map[string]aliasDef) bool {
	changed := false
	// An instantiation inside another one's arguments (List[List[int]])
	// is expanded on a later pass, once the outer one is written out.
	for range 16 {
		if len(aliases) == 0 || !s.expandGenericAliases(aliases) {
			break
		}
		changed = true
		if s.parse() != nil {
			return true // the caller parses again and reports it
		}
	}
	var edits []edit
	ast.Inspect(s.file, func(n ast.Node) bool {
		if ts, ok := n.(*ast.TypeSpec); ok && ts.TypeParams != nil && ts.Assign != token.NoPos {
			at := s.offset(ts.Assign)
			edits = append(edits, edit{at, at + 1, " "})
		}
		return true
	})
	if len(edits) == 0 {
		return changed
	}
	s.apply(edits)
	return true
}

// expandGenericAliases replaces the outermost instantiations of aliases
// in the segment by the aliased types, and reports whether it replaced
// any.
func (s *segment) expandGenericAliases(aliases map[string]aliasDef) bool {
	var edits []edit
	ast.Inspect(s.file, func(n ast.Node) bool {
		if ts, ok := n.(*ast.TypeSpec); ok && ts.Assign != token.NoPos && ts.TypeParams != nil {
			return false // the declaration's own parameters and type
		}
		var x ast.Expr
		var args []ast.Expr
		switch e := n.(type) {
		case *ast.IndexExpr:
			x, args = e.X, []ast.Expr{e.Index}
		case *ast.IndexListExpr:
			x, args = e.X, e.Indices
		default:
			return true
		}
		id, ok := x.(*ast.Ident)
		if !ok {
			return true
		}
		a, ok := aliases[id.Name]
		if !ok || len(args) != len(a.params) || !refersToAlias(id) {
			return true
		}
		text, ok := s.instantiateAlias(a, args)
		if !ok {
			return true
		}
		edits = append(edits, edit{s.offset(n.Pos()), s.offset(n.End()), text})
		return false
	})
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}

// refersToAlias reports whether id, resolved by the parser within the
// segment, is not some other declaration of its name (a local variable
// or type): either it resolves to a generic alias's declaration or not
// at all (declared by an earlier segment).
func refersToAlias(id *ast.Ident) bool {
	if id.Obj == nil {
		return true
	}
	ts, ok := id.Obj.Decl.(*ast.TypeSpec)
	return ok && ts.TypeParams != nil && ts.Assign != token.NoPos
}

// instantiateAlias returns the source of a's aliased type with args, the
// type arguments' source, in place of its type parameters.
func (s *segment) instantiateAlias(a aliasDef, args []ast.Expr) (string, bool) {
	fset := token.NewFileSet()
	t, err := parser.ParseExprFrom(fset, "", a.typ, 0)
	if err != nil {
		return "", false
	}
	index := map[string]int{}
	for i, p := range a.params {
		index[p] = i
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	names := map[*ast.Ident]bool{} // field and parameter names
	var subs []edit
	ast.Inspect(t, func(n ast.Node) bool {
		switch e := n.(type) {
		case *ast.Field:
			for _, name := range e.Names {
				names[name] = true
			}
		case *ast.SelectorExpr:
			return false // pkg.Type: neither side is a type parameter
		case *ast.Ident:
			if i, ok := index[e.Name]; ok && !names[e] {
				subs = append(subs, edit{off(e.Pos()), off(e.End()), s.exprText(args[i])})
			}
		}
		return true
	})
	return applyEdits(a.typ, subs), true
}

// exprText returns the source of e in the segment.
func (s *segment) exprText(e ast.Expr) string {
	return s.src[s.offset(e.Pos()):s.offset(e.End())]
}
