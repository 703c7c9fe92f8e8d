package interp

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"
	"strings"
)

// min and max are generic session functions here (prelude.go), so their
// type comes from the first argument: max(1, 2.5) would be 2. Go types
// untyped constant arguments together. rewriteMinMax restores that:
//
//	max(1, 2.5)  →  (2.5)       all constant: go/types folds the call
//	max(C(3), 2) →  (C(3))      (a typed constant keeps its type)
//	max(1, f)    →  max(f, 1)   a constant first: the first variable
//	                            argument goes first and types the call
//
// Moving constants does not change what is evaluated or in which order.
// builtin reports whether min and max are still the session's builtins.
func (s *segment) rewriteMinMax(builtin bool) bool {
	if !builtin {
		return false
	}
	var calls []*ast.CallExpr
	ast.Inspect(s.file, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && len(c.Args) > 1 && !c.Ellipsis.IsValid() {
			if id, ok := c.Fun.(*ast.Ident); ok && (id.Name == "min" || id.Name == "max") && id.Obj == nil {
				calls = append(calls, c)
			}
		}
		return true
	})
	if len(calls) == 0 {
		return false
	}
	info := s.typeInfo()
	var edits []edit
	for _, c := range calls {
		if tv, ok := info.Types[c]; ok && tv.Value != nil {
			if lit := constLiteral(tv.Value); lit != "" {
				// A typed constant keeps its type: max(Celsius(3), 2) is
				// a Celsius.
				if b, ok := tv.Type.(*types.Basic); !ok || b.Info()&types.IsUntyped == 0 {
					lit = types.TypeString(tv.Type, func(*types.Package) string { return "" }) + "(" + lit + ")"
				}
				edits = append(edits, edit{s.offset(c.Pos()), s.offset(c.End()), "(" + lit + ")"})
			}
			continue
		}
		first := -1
		for i, a := range c.Args {
			if !isConstExpr(a, info) {
				first = i
				break
			}
		}
		if first <= 0 {
			continue // no constant leads, or only constants go/types could not fold
		}
		args := make([]string, 0, len(c.Args))
		args = append(args, s.text(c.Args[first]))
		for i, a := range c.Args {
			if i != first {
				args = append(args, s.text(a))
			}
		}
		edits = append(edits, edit{s.offset(c.Args[0].Pos()), s.offset(c.Args[len(c.Args)-1].End()), strings.Join(args, ", ")})
	}
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}

// constLiteral writes an untyped constant so that it keeps its kind.
func constLiteral(v constant.Value) string {
	switch v.Kind() {
	case constant.Int:
		return v.ExactString()
	case constant.Float:
		f, _ := constant.Float64Val(v)
		lit := strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(lit, ".eEIN") {
			lit += ".0"
		}
		return lit
	case constant.String:
		return v.ExactString()
	}
	return ""
}
