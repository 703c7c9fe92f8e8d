package interp

import (
	"go/ast"
	"go/types"
	"strings"
)

// rewriteInferredCalls writes the type arguments go/types inferred into
// the segment's calls of generic functions that give none: Then(b, f)
// becomes Then[string, int](b, f). yaegi infers fewer type arguments than
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
		id, ok := c.Fun.(*ast.Ident)
		if !ok {
			return true
		}
		inst, ok := info.Instances[id]
		if !ok || inst.TypeArgs.Len() == 0 {
			return true
		}
		args := make([]string, inst.TypeArgs.Len())
		for i := range args {
			args[i] = types.TypeString(inst.TypeArgs.At(i), qual)
			if strings.Contains(args[i], "invalid type") {
				return true
			}
		}
		edits = append(edits, edit{s.offset(id.End()), s.offset(id.End()), "[" + strings.Join(args, ", ") + "]"})
		return true
	})
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}
