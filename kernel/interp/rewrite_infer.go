package interp

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// rewriteInferredCalls writes the type arguments go/types inferred into
// the segment's calls of generic functions that give none: Then(b, f)
// becomes Then[string, int](b, f), and First[MySlice](s) becomes
// First[MySlice, int](s). yaegi infers fewer type arguments than
// Go (a type parameter found only inside a generic type of a callback's
// result: "cannot infer U"); the session retries a segment that failed so
// with this rewrite. Calls whose type arguments go/types could not write
// (a type of an imported package, which this check does not import) are
// left alone.
func (s *segment) rewriteInferredCalls() bool {
	info := &types.Info{Instances: map[*ast.Ident]types.Instance{}}
	pkg := s.check(info)
	if pkg == nil {
		return false
	}
	qual := types.RelativeTo(pkg)
	var edits []edit
	ast.Inspect(s.file, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		// A call gives no type arguments (Then(b, f)), or some of them
		// (First[MySlice](s), whose E comes from MySlice's core type).
		var id *ast.Ident
		from, given := token.NoPos, 0
		switch f := c.Fun.(type) {
		case *ast.Ident:
			id = f
		case *ast.IndexExpr:
			id, _ = f.X.(*ast.Ident)
			from, given = f.Lbrack, 1
		case *ast.IndexListExpr:
			id, _ = f.X.(*ast.Ident)
			from, given = f.Lbrack, len(f.Indices)
		}
		if id == nil {
			return true
		}
		inst, ok := info.Instances[id]
		if !ok || inst.TypeArgs.Len() <= given {
			return true
		}
		args := make([]string, inst.TypeArgs.Len())
		for i := range args {
			args[i] = types.TypeString(inst.TypeArgs.At(i), qual)
			if strings.Contains(args[i], "invalid type") {
				return true
			}
		}
		start, end := s.offset(id.End()), s.offset(id.End())
		if from.IsValid() {
			start, end = s.offset(from), s.offset(c.Fun.End())
		}
		edits = append(edits, edit{start, end, "[" + strings.Join(args, ", ") + "]"})
		return true
	})
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}
