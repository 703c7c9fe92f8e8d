package interp

import (
	"go/ast"
	"go/token"
	"go/types"
)

// An untyped constant shifted by a variable count takes the type the
// context gives it in Go (masks = append(masks, 1<<k-1) with masks a
// []uint64 shifts a uint64); yaegi computes it as an int and then fails to
// store it ("reflect: call of reflect.Value.SetUint on int Value").
// rewriteShiftConsts writes the type go/types found for such a constant:
// 1<<k becomes uint64(1)<<k. Only predeclared integer types other than int
// are written (an int needs nothing; a named type may not be in scope by
// its name), and only where the shift is not itself constant.
func (s *segment) rewriteShiftConsts() bool {
	var shifts []*ast.BinaryExpr
	ast.Inspect(s.file, func(n ast.Node) bool {
		if b, ok := n.(*ast.BinaryExpr); ok && (b.Op == token.SHL || b.Op == token.SHR) {
			shifts = append(shifts, b)
		}
		return true
	})
	if len(shifts) == 0 {
		return false
	}
	info := s.typeInfo()
	var edits []edit
	for _, b := range shifts {
		if tv, ok := info.Types[b]; !ok || tv.Value != nil {
			continue // unknown, or a constant shift go/types folds
		}
		x, ok := info.Types[b.X]
		if !ok || x.Value == nil {
			continue // the shifted operand is not a constant
		}
		basic, ok := x.Type.(*types.Basic)
		if !ok || basic.Info()&types.IsInteger == 0 || basic.Info()&types.IsUntyped != 0 || basic.Kind() == types.Int {
			continue
		}
		edits = append(edits, edit{s.offset(b.X.Pos()), s.offset(b.X.End()), basic.Name() + "(" + s.text(b.X) + ")"})
	}
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}
