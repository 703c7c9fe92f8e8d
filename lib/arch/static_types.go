package arch

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math/big"
	"sort"
	"strings"
)

// Bounds on what a source may allocate, in bytes, checked before anything
// runs: an allocation the Go runtime cannot satisfy is a fatal error that
// no recover catches, so it must never be attempted.
const (
	maxTypeBytes  = 64 << 20  // largest value of any one type (arrays, structs), e.g. [8192][1024]float64
	maxMakeBytes  = 256 << 20 // largest make, length × element size (also checked at run time)
	maxShiftCount = 1100      // largest constant shift count (go/types allows up to 1074)
	maxConstBits  = 4096      // largest literal constant the pre-check folds
)

// typeProblems type-checks f with go/types and bounds sizes: a type larger
// than maxTypeBytes, a make whose constant length × element size is over
// maxMakeBytes, a constant shift bomb, and the type errors that would
// hang or crash the interpreter (invalid recursive types, constant
// overflow). The imports are stood in for by empty packages, so errors that
// only come from them are left to the interpreter's own type check. It
// returns the problems and, for every make call, its element size in bytes
// (for the run-time guard on non-constant lengths).
func typeProblems(fset *token.FileSet, f *ast.File) ([]Problem, map[token.Pos]int64) {
	var probs []Problem
	at := func(pos token.Pos, format string, args ...any) {
		p := fset.Position(pos)
		probs = append(probs, Problem{p.Line, p.Column, fmt.Sprintf(format, args...)})
	}
	// go/types folds constants exactly; check literal shift counts first
	// so that folding never starts on a bomb.
	ast.Inspect(f, func(n ast.Node) bool {
		var y ast.Expr
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if n.Op == token.SHL || n.Op == token.SHR {
				y = n.Y
			}
		case *ast.AssignStmt:
			if (n.Tok == token.SHL_ASSIGN || n.Tok == token.SHR_ASSIGN) && len(n.Rhs) == 1 {
				y = n.Rhs[0]
			}
		}
		if y == nil {
			return true
		}
		if v, ok := foldLiteral(y, 0); !ok || v.Cmp(big.NewInt(maxShiftCount)) > 0 {
			if ok || isLiteralExpr(y) {
				at(y.Pos(), "constant shift count %s is too large (limit %d)", shortExpr(y), maxShiftCount)
				return false
			}
		}
		return true
	})
	if len(probs) > 0 {
		return probs, nil
	}

	var typeErrs []types.Error
	conf := types.Config{
		Importer: emptyImporter{},
		Sizes:    types.SizesFor("gc", "amd64"),
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				typeErrs = append(typeErrs, te)
			}
		},
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	conf.Check(f.Name.Name, fset, []*ast.File{f}, info) // errors collected above
	for _, te := range typeErrs {
		if fatalTypeError(te.Msg) {
			at(te.Pos, "%s", strings.TrimSpace(te.Msg))
		}
	}

	sz := &sizer{sizes: conf.Sizes, seen: map[types.Type]bool{}}
	reported := map[string]bool{} // by type: one problem each, at its first position
	var exprs []ast.Expr
	for e := range info.Types {
		exprs = append(exprs, e)
	}
	sort.Slice(exprs, func(i, j int) bool { return exprs[i].Pos() < exprs[j].Pos() })
	for _, e := range exprs {
		tv := info.Types[e]
		if tv.Type == nil || reported[tv.Type.String()] {
			continue
		}
		if n := sz.of(tv.Type); n > maxTypeBytes {
			reported[tv.Type.String()] = true
			at(e.Pos(), "type %s takes %s, over the sandbox limit of %s: use a slice or a tensor", shortType(tv.Type), bytesText(n), bytesText(maxTypeBytes))
		}
	}
	makes := map[token.Pos]int64{}
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.CompositeLit); ok {
			// A keyed slice literal is as long as its largest index:
			// []float64{1 << 30: 1} allocates 8 GiB.
			tv, ok := info.Types[lit]
			if !ok || tv.Type == nil {
				return true
			}
			sl, ok := tv.Type.Underlying().(*types.Slice)
			if !ok {
				return true
			}
			n, idx := int64(len(lit.Elts)), int64(0)
			for _, e := range lit.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if v := info.Types[kv.Key].Value; v != nil && v.Kind() == constant.Int {
						k, exact := constant.Int64Val(v)
						if !exact {
							k = 1 << 62
						}
						idx = k
					}
				} else {
					idx++
				}
				n = max(n, idx+1)
			}
			if elem := max(sz.of(sl.Elem()), 1); n > maxMakeBytes/elem {
				at(lit.Pos(), "slice literal of %d elements of %s each is over the sandbox limit of %s", n, bytesText(elem), bytesText(maxMakeBytes))
			}
			return true
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		id, ok := call.Fun.(*ast.Ident)
		if !ok || id.Name != "make" || len(call.Args) == 0 {
			return true
		}
		if _, builtin := info.Uses[id].(*types.Builtin); !builtin {
			return true
		}
		elem := int64(8)
		if tv, ok := info.Types[call.Args[0]]; ok && tv.Type != nil {
			switch t := tv.Type.Underlying().(type) {
			case *types.Slice:
				elem = sz.of(t.Elem())
			case *types.Map:
				elem = sz.of(t.Key()) + sz.of(t.Elem())
			}
		}
		elem = max(elem, 1)
		makes[call.Pos()] = elem
		for _, a := range call.Args[1:] {
			tv := info.Types[a]
			if tv.Value == nil || tv.Value.Kind() != constant.Int {
				continue
			}
			n, exact := constant.Int64Val(tv.Value)
			if !exact || n < 0 || n > maxMakeBytes/elem {
				at(a.Pos(), "make of %s elements of %s each is over the sandbox limit of %s", tv.Value.ExactString(), bytesText(elem), bytesText(maxMakeBytes))
			}
		}
		return true
	})
	return probs, makes
}

// fatalTypeError reports whether a go/types message is one the sandbox
// must reject before the interpreter sees the source (which would hang,
// overflow its stack or fold a huge constant).
func fatalTypeError(msg string) bool {
	for _, s := range []string{"invalid recursive type", "refers to", "invalid shift count", "overflow", "array length", "too large"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// emptyImporter stands in for "archlab/op" and "math" with empty packages:
// the size checks need the source's own types only.
type emptyImporter struct{}

func (emptyImporter) Import(path string) (*types.Package, error) {
	name := path[strings.LastIndex(path, "/")+1:]
	p := types.NewPackage(path, name)
	p.MarkComplete()
	return p, nil
}

// sizer computes type sizes saturating at maxInt64 (types.Sizes may
// overflow on nested arrays); types from the imports count 64 bytes.
type sizer struct {
	sizes types.Sizes
	seen  map[types.Type]bool // on the current path: a cycle counts 8
}

func (s *sizer) of(t types.Type) int64 {
	const big = int64(1) << 62
	if s.seen[t] {
		return 8
	}
	switch u := t.Underlying().(type) {
	case *types.Array:
		s.seen[t] = true
		e := s.of(u.Elem())
		delete(s.seen, t)
		if u.Len() <= 0 || e == 0 {
			return 0
		}
		if e > big/u.Len() {
			return big
		}
		return e * u.Len()
	case *types.Struct:
		s.seen[t] = true
		var n int64
		for i := range u.NumFields() {
			n = min(n+s.of(u.Field(i).Type()), big)
		}
		delete(s.seen, t)
		return n
	case *types.Basic:
		if u.Kind() == types.Invalid {
			return 64 // a type from an import: op's value types are at most 48 bytes
		}
		if u.Info()&types.IsUntyped != 0 {
			return 8
		}
		return s.sizes.Sizeof(u)
	case nil:
		return 8
	default:
		return s.sizes.Sizeof(u)
	}
}

// foldLiteral evaluates an integer expression made of literals only
// (shifts, + - * |, parentheses), bounded in size; ok is false for
// anything else or on overflow of the bound.
func foldLiteral(e ast.Expr, depth int) (*big.Int, bool) {
	if depth > 64 {
		return nil, false
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.INT {
			return nil, false
		}
		v, ok := new(big.Int).SetString(strings.ReplaceAll(e.Value, "_", ""), 0)
		return v, ok
	case *ast.ParenExpr:
		return foldLiteral(e.X, depth+1)
	case *ast.UnaryExpr:
		v, ok := foldLiteral(e.X, depth+1)
		if !ok || e.Op != token.SUB && e.Op != token.ADD {
			return nil, false
		}
		if e.Op == token.SUB {
			v.Neg(v)
		}
		return v, true
	case *ast.BinaryExpr:
		a, ok1 := foldLiteral(e.X, depth+1)
		b, ok2 := foldLiteral(e.Y, depth+1)
		if !ok1 || !ok2 {
			return nil, false
		}
		switch e.Op {
		case token.SHL:
			if b.Sign() < 0 || b.Cmp(big.NewInt(maxConstBits)) > 0 || a.BitLen()+int(b.Int64()) > maxConstBits {
				return nil, false
			}
			return a.Lsh(a, uint(b.Int64())), true
		case token.SHR:
			if b.Sign() < 0 || b.Cmp(big.NewInt(maxConstBits)) > 0 {
				return nil, false
			}
			return a.Rsh(a, uint(b.Int64())), true
		case token.ADD:
			return a.Add(a, b), true
		case token.SUB:
			return a.Sub(a, b), true
		case token.MUL:
			if a.BitLen()+b.BitLen() > maxConstBits {
				return nil, false
			}
			return a.Mul(a, b), true
		case token.OR:
			return a.Or(a, b), true
		}
	}
	return nil, false
}

// isLiteralExpr reports whether e is built from integer literals and
// operators only (so a failed fold means a constant too large to fold).
func isLiteralExpr(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil, *ast.ParenExpr, *ast.UnaryExpr, *ast.BinaryExpr:
		case *ast.BasicLit:
			ok = ok && n.Kind == token.INT
		default:
			ok = false
		}
		return ok
	})
	return ok
}

func shortExpr(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

func shortType(t types.Type) string {
	s := types.TypeString(t, func(*types.Package) string { return "" })
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

// bytesText writes a byte count as "512 MiB", "1.5 TiB" or "96 B".
func bytesText(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	f := float64(n)
	i := 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if f == float64(int64(f)) {
		return fmt.Sprintf("%d %s", int64(f), units[i])
	}
	return fmt.Sprintf("%.3g %s", f, units[i])
}
