package interp

import (
	"go/ast"
	"go/token"
)

// rewriteGenericAlias turns a generic type alias (Go 1.24), which yaegi
// cannot declare ("incomplete type T"), into a defined type of the same
// structure, in place of its "=":
//
//	type Set[T comparable] = map[T]struct{}   →   type Set[T comparable]   map[T]struct{}
//
// Values of either type are assignable to the other as with the alias
// (one of the two is unnamed); %T names Set[string] where Go names the
// map type, and methods cannot be declared on an alias anyway.
func (s *segment) rewriteGenericAlias() bool {
	var edits []edit
	ast.Inspect(s.file, func(n ast.Node) bool {
		if ts, ok := n.(*ast.TypeSpec); ok && ts.TypeParams != nil && ts.Assign != token.NoPos {
			at := s.offset(ts.Assign)
			edits = append(edits, edit{at, at + 1, " "})
		}
		return true
	})
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}
