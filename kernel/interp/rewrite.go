package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

func applyEdits(src string, edits []edit) string {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	for _, e := range edits {
		src = src[:e.start] + e.text + src[e.end:]
	}
	return src
}

// apply applies edits to the segment's source and records them, so that
// positions in the rewritten source map back to the cell (origOffset).
func (s *segment) apply(edits []edit) {
	s.src = applyEdits(s.src, edits)
	done := append([]edit(nil), edits...)
	sort.SliceStable(done, func(i, j int) bool { return done[i].start < done[j].start })
	s.passes = append(s.passes, done)
}

// origOffset maps an offset in the rewritten source back to the source
// splitCell made, undoing each rewrite pass, newest first. An offset inside
// inserted text maps to where the text was inserted.
func (s *segment) origOffset(off int) int {
	for p := len(s.passes) - 1; p >= 0; p-- {
		delta := 0
		mapped := false
		for _, e := range s.passes[p] {
			start := e.start + delta
			if off < start {
				break
			}
			if off < start+len(e.text) {
				off, mapped = e.start, true
				break
			}
			delta += len(e.text) - (e.end - e.start)
		}
		if !mapped {
			off -= delta
		}
	}
	return off
}

// inserted reports whether an offset in the rewritten source lies in text
// a rewrite inserted (not in text it replaced, which maps to what it
// replaced): the kernel's own code, such as a func literal wrapped around
// a loop, that a traceback must not show as the cell's.
func (s *segment) inserted(off int) bool {
	for p := len(s.passes) - 1; p >= 0; p-- {
		delta := 0
		mapped := false
		for _, e := range s.passes[p] {
			start := e.start + delta
			if off < start {
				break
			}
			if off < start+len(e.text) {
				if e.end == e.start {
					return true
				}
				off, mapped = e.start, true
				break
			}
			delta += len(e.text) - (e.end - e.start)
		}
		if !mapped {
			off -= delta
		}
	}
	return false
}

// origText returns the cell's own text between two positions of the
// rewritten source: what the user wrote, for Inspect.
func (s *segment) origText(from, to token.Pos) string {
	a, b := s.origOffset(s.offset(from)), s.origOffset(s.offset(to))
	if a < 0 || b > len(s.orig) || a > b {
		return s.src[s.offset(from):s.offset(to)]
	}
	return s.orig[a:b]
}

// cellPos maps a line and column of the wrapped, rewritten source (as
// go/parser and yaegi report them) to the cell's own line and column.
func (s *segment) cellPos(line, col int) (int, int) {
	if line < 2 {
		return 1, col
	}
	start := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(s.src[start:], '\n')
		if i < 0 {
			return line - 1, col
		}
		start += i + 1
	}
	off := s.origOffset(min(start+col-1, len(s.src)))
	if off < 0 || off > len(s.orig) {
		return line - 1, col
	}
	l := strings.Count(s.orig[:off], "\n")
	c := off - strings.LastIndexByte(s.orig[:off], '\n')
	return max(l, 1), c
}

// typeInfo type-checks a segment on its own (other cells' globals and
// imported packages are unknown to it) and returns what it could learn.
func (s *segment) typeInfo() *types.Info {
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	s.check(info)
	return info
}

// check type-checks the segment alone into info, without importing
// anything: unknown identifiers are expected, and their errors dropped.
// It returns the package, or nil where nothing could be checked.
func (s *segment) check(info *types.Info) *types.Package {
	conf := types.Config{Importer: noImporter{}, Error: func(error) {}}
	pkg, _ := conf.Check("main", s.fset, []*ast.File{s.file}, info)
	return pkg
}

// checkGoRejects reports, with Go's own message, what Go refuses to
// compile and yaegi would run, where the cell alone decides it
// (goRejects): typed constant arithmetic that overflows (uint8(200) +
// uint8(100), int32(1) << 40, -uint(1): yaegi wraps around to 44, 0,
// 18446744073709551615), untyped constants that overflow or are truncated
// on assignment, and a pointer method called on a value with no address
// (S{}.Inc(): yaegi runs it on a copy). The cell's segments are checked
// together, so what one declares is known to the others; names from
// earlier cells and imported packages are unknown here, and go/types says
// nothing about expressions that use them. A program (a pasted file with
// its package clause, or archlab run prog.go) is all there: its unused
// variables and standard imports are errors too, as in go run.
func checkGoRejects(segs []*segment, program bool) error {
	fset := token.NewFileSet()
	files := make([]*ast.File, 0, len(segs))
	for i, sg := range segs {
		f, err := parser.ParseFile(fset, strconv.Itoa(i), sg.wrapped(), parser.SkipObjectResolution)
		if err != nil {
			return nil // reported by the segment's own parse
		}
		files = append(files, f)
	}
	// The first in the source, as go build reports them (go/types finds
	// unused imports last).
	var first *types.Error
	var at token.Position
	seg := func(p token.Position) int { i, _ := strconv.Atoi(p.Filename); return i }
	dot := map[string]bool{} // dot imports: nothing of the stand-in package is ever used
	for _, f := range files {
		for _, is := range f.Imports {
			if is.Name != nil && is.Name.Name == "." {
				dot[is.Path.Value] = true
			}
		}
	}
	var all []token.Pos       // every error's position
	var missing []types.Error // "missing return", kept only where nothing else failed
	keep := func(te types.Error) {
		p := fset.PositionFor(te.Pos, false) // the file's own name, not its line directive's
		if first == nil || seg(p) < seg(at) || seg(p) == seg(at) && p.Offset < at.Offset {
			first, at = &te, p
		}
	}
	conf := types.Config{
		Importer: stubImporter{},
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok {
				return
			}
			all = append(all, te.Pos)
			switch {
			case te.Msg == "missing return":
				missing = append(missing, te)
			case goRejects(te.Msg) || program && unusedError(te.Msg, dot):
				keep(te)
			}
		},
	}
	_, _ = conf.Check("main", fset, files, nil)
	// A body with another error (an unknown name, so panic(fmt.Errorf(...))
	// was not seen as a panic) may end as Go sees it end: no missing return.
	for _, te := range missing {
		if !errorInBody(files, te.Pos, all) {
			keep(te)
		}
	}
	if first == nil {
		return nil
	}
	line, col := segs[seg(at)].cellPos(at.Line, at.Column)
	msg := first.Msg
	if strings.HasPrefix(msg, "label ") {
		msg = strings.Replace(msg, " declared and not used", " defined and not used", 1) // the compiler's words
	}
	if m := atLineRE.FindStringSubmatch(msg); m != nil {
		// A line the message names is the segment's: the cell's instead.
		n, _ := strconv.Atoi(m[1])
		l, _ := segs[seg(at)].cellPos(n, 1)
		msg = msg[:len(msg)-len(m[0])] + fmt.Sprintf(" at line %d", l)
	}
	return newCellError("CompileError", fmt.Sprintf("line %d:%d: %s", line, col, msg))
}

// atLineRE is a line a go/types message names at its end ("goto L jumps
// over variable declaration at line 8").
var atLineRE = regexp.MustCompile(` at line (\d+)$`)

// errorInBody reports whether an error other than the one at end lies in
// the body of the function that ends at end (its closing brace).
func errorInBody(files []*ast.File, end token.Pos, all []token.Pos) bool {
	var body *ast.BlockStmt
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch fn := n.(type) {
			case *ast.FuncDecl:
				if fn.Body != nil && fn.Body.Rbrace == end {
					body = fn.Body
				}
			case *ast.FuncLit:
				if fn.Body.Rbrace == end {
					body = fn.Body
				}
			}
			return body == nil
		})
	}
	if body == nil {
		return true // not found: say nothing
	}
	for _, p := range all {
		if p != end && p > body.Lbrace && p < body.Rbrace {
			return true
		}
	}
	return false
}

// goRejects reports whether a go/types message is one checkGoRejects
// passes on: a constant value that does not fit its type, a pointer
// method called on a value that has no address (S{}.Inc(), f().Inc(),
// m[k].Inc()), a value whose methods have pointer receivers used as an
// interface, an assignment to a field of a map element, nil == nil
// (which crashed yaegi), an unused label, a goto over a declaration, or a
// constant index out of range. A missing return is checked apart.
func goRejects(msg string) bool {
	switch {
	case strings.HasPrefix(msg, "cannot call pointer method "),
		strings.HasSuffix(msg, "(operator == not defined on untyped nil)"),
		strings.HasSuffix(msg, "(operator != not defined on untyped nil)"),
		strings.HasSuffix(msg, "has pointer receiver)"),          // var s Shape = Sq{2} with (*Sq).Area
		strings.HasPrefix(msg, "cannot assign to struct field "), // m["a"].X = 2
		strings.HasPrefix(msg, "label ") && strings.HasSuffix(msg, " declared and not used"),
		strings.HasPrefix(msg, "goto ") && strings.Contains(msg, " jumps over "),
		strings.HasPrefix(msg, "invalid argument: index ") && (strings.HasSuffix(msg, "must not be negative") || strings.Contains(msg, "out of bounds")):
		return true
	}
	return strings.Contains(msg, "constant") && (strings.HasSuffix(msg, "(overflows)") ||
		strings.HasSuffix(msg, "(truncated)") || strings.Contains(msg, ") overflows ") || strings.HasPrefix(msg, "constant "))
}

// unusedError reports whether a go/types message is about a variable
// declared and not used, or a standard package imported and not used
// (another package's name is not known without importing it, and a dot
// import's stand-in, in dot, is never used).
func unusedError(msg string, dot map[string]bool) bool {
	if strings.HasPrefix(msg, "declared and not used: ") {
		return true
	}
	quoted, ok := strings.CutSuffix(msg, " imported and not used")
	if !ok {
		return false
	}
	path, err := strconv.Unquote(quoted)
	return err == nil && !dot[quoted] && isStdPath(path)
}

// isStdPath reports whether path looks like a standard package's (no dot
// in its first element).
func isStdPath(path string) bool { return !strings.Contains(strings.Split(path, "/")[0], ".") }

// stubImporter gives each standard import an empty package of the name Go
// would give it, so that go/types can tell an unused import; names used
// from it are unknown, as with noImporter.
type stubImporter struct{}

func (stubImporter) Import(path string) (*types.Package, error) {
	if !isStdPath(path) {
		return nil, fmt.Errorf("interp: no importer")
	}
	p := types.NewPackage(path, pathBase(path))
	p.MarkComplete()
	return p, nil
}

type noImporter struct{}

func (noImporter) Import(path string) (*types.Package, error) {
	return nil, fmt.Errorf("interp: no importer")
}

// rewriteRangeInt turns `for i := range n` with an integer n (Go 1.22)
// into a three-clause loop yaegi understands. isIntGlobal answers for
// names the segment cannot type by itself (globals from earlier cells).
// Columns after the rewrite shift on the loop's own line; lines do not.
func (s *segment) rewriteRangeInt(isIntGlobal func(expr string) bool) bool {
	var ranges []*ast.RangeStmt
	ast.Inspect(s.file, func(n ast.Node) bool {
		if r, ok := n.(*ast.RangeStmt); ok && r.Value == nil {
			ranges = append(ranges, r)
		}
		return true
	})
	if len(ranges) == 0 {
		return false
	}
	info := s.typeInfo()
	var edits []edit
	for k, r := range ranges {
		if !s.isIntExpr(r.X, info, isIntGlobal) {
			continue
		}
		x := "(" + s.text(r.X) + ")"
		n := fmt.Sprintf("__n%d", k)
		var head string
		key := ""
		if id, ok := r.Key.(*ast.Ident); ok && id.Name != "_" {
			key = id.Name
		}
		switch {
		case r.Key == nil || key == "":
			i := fmt.Sprintf("__i%d", k)
			head = fmt.Sprintf("for %s, %s := %s*0, %s; %s < %s; %s++ ", i, n, x, x, i, n, i)
		case r.Tok == token.DEFINE:
			head = fmt.Sprintf("for %s, %s := %s*0, %s; %s < %s; %s++ ", key, n, x, x, key, n, key)
		default:
			head = fmt.Sprintf("for %s = %s*0; %s < %s; %s++ ", s.text(r.Key), x, s.text(r.Key), x, s.text(r.Key))
		}
		edits = append(edits, edit{s.offset(r.For), s.offset(r.Body.Lbrace), head})
	}
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}

func (s *segment) text(e ast.Node) string {
	return s.src[s.offset(e.Pos()):s.offset(e.End())]
}

func (s *segment) isIntExpr(e ast.Expr, info *types.Info, isIntGlobal func(string) bool) bool {
	if tv, ok := info.Types[e]; ok && tv.Type != nil && tv.Type != types.Typ[types.Invalid] {
		if b, ok := tv.Type.Underlying().(*types.Basic); ok {
			return b.Info()&types.IsInteger != 0
		}
		if _, ok := tv.Type.(*types.Basic); !ok { // a known non-basic type
			return false
		}
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		return e.Kind == token.INT
	case *ast.ParenExpr:
		return s.isIntExpr(e.X, info, isIntGlobal)
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok {
			switch id.Name {
			case "len", "cap", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr":
				return true
			}
		}
		return isIntGlobal != nil && isIntGlobal(forceUnknown)
	case *ast.BinaryExpr:
		switch e.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.SHL, token.SHR, token.AND, token.OR, token.XOR, token.AND_NOT:
			return s.isIntExpr(e.X, info, isIntGlobal) || s.isIntExpr(e.Y, info, isIntGlobal)
		}
		return false
	case *ast.Ident, *ast.SelectorExpr:
		return isIntGlobal != nil && (isIntGlobal(s.text(e)) || isIntGlobal(forceUnknown))
	}
	return false
}

// forceUnknown is passed to the isIntGlobal callback to ask whether an
// expression of unknown type should be taken as an integer (the retry
// after yaegi rejected a range loop).
const forceUnknown = "\x00unknown"

// assumeInt answers isIntGlobal queries on a retry: globals as usual,
// anything still unknown as an integer.
func assumeInt(isIntGlobal func(string) bool) func(string) bool {
	return func(expr string) bool {
		return expr == forceUnknown || isIntGlobal(expr)
	}
}

func isIntKind(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// isSimpleSelector reports whether expr is an identifier or a chain of
// field selections: safe to evaluate (no calls, no side effects).
func isSimpleSelector(expr string) bool {
	for _, part := range strings.Split(expr, ".") {
		if !token.IsIdentifier(part) {
			return false
		}
	}
	return expr != ""
}

// mainName is what a cell's func main is renamed to: yaegi runs a
// declared main on every later evaluation, so cells must not declare one.
// Calls to main() are renamed too, so `func main` followed by `main()`
// behaves as written.
const mainName = "__archlab_main"

// renameMain renames the identifier main (declarations and uses, not
// selectors such as pkg.main) and reports whether it changed anything.
func (s *segment) renameMain() bool {
	var edits []edit
	sels := map[*ast.Ident]bool{}
	ast.Inspect(s.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			sels[n.Sel] = true
		case *ast.Ident:
			if n.Name == "main" && !sels[n] && n != s.file.Name {
				o := s.offset(n.Pos())
				if o >= 0 {
					edits = append(edits, edit{o, o + len("main"), mainName})
				}
			}
		}
		return true
	})
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}

// rewriteMethodExprs turns a method expression whose signature the
// segment's own type check knows (T.M, (*T).M, Shape.Area, on types the
// segment declares) into the func literal it stands for:
//
//	get := counter.Get   →   get := (func(__r counter) int { return __r.Get() })
//
// yaegi calls T.M(r, ...) on a concrete type but cannot use it as a value,
// nor call one on an interface type. Types the segment cannot type (an
// earlier cell's, an imported package's) are left alone.
func (s *segment) rewriteMethodExprs(compiled compiledTypes) bool {
	var sels []*ast.SelectorExpr
	ast.Inspect(s.file, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			sels = append(sels, sel)
		}
		return true
	})
	if len(sels) == 0 {
		return false
	}
	info := &types.Info{Selections: map[*ast.SelectorExpr]*types.Selection{}}
	pkg := s.check(info)
	if pkg == nil {
		return false
	}
	qual := types.RelativeTo(pkg)
	var edits []edit
	for _, sel := range sels {
		selection, ok := info.Selections[sel]
		if !ok && compiled.typeOf != nil {
			// A method expression on a compiled package's type, which
			// this check does not import: reflect knows its method.
			if text, ok := s.compiledMethodExpr(sel, compiled); ok {
				edits = append(edits, edit{s.offset(sel.Pos()), s.offset(sel.End()), "(" + text + ")"})
			}
			continue
		}
		if !ok || selection.Kind() != types.MethodExpr {
			continue
		}
		sig, ok := selection.Type().(*types.Signature)
		if !ok || sig.Params().Len() == 0 {
			continue
		}
		text, ok := methodExprFunc(sig, sel.Sel.Name, qual)
		if !ok {
			// A parameter of an imported package's type (io.Writer), which
			// this check does not import: the method's own declaration
			// writes the types.
			if text, ok = s.methodExprFromDecl(sel); !ok {
				continue
			}
		}
		edits = append(edits, edit{s.offset(sel.Pos()), s.offset(sel.End()), "(" + text + ")"})
	}
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}

// compiledTypes gives rewriteMethodExprs the compiled packages' types:
// typeOf the type name of package pkg (as the source names the package),
// or nil; imported whether the segment may name package pkg.
type compiledTypes struct {
	typeOf   func(pkg, name string) reflect.Type
	imported func(pkg string) bool
	cell     []*ast.File // the cell's segments, for the interfaces it declares
}

// compiledMethodExpr writes the func literal of a method expression on a
// compiled type (time.Time.Compare, (*strings.Builder).WriteString,
// io.Reader.Read) from reflect's view of the method. It is false where
// sel is not one, or its signature names a package the segment has not
// imported.
func (s *segment) compiledMethodExpr(sel *ast.SelectorExpr, compiled compiledTypes) (string, bool) {
	x := unparen(sel.X)
	ptr := false
	if st, ok := x.(*ast.StarExpr); ok {
		ptr, x = true, unparen(st.X)
	}
	var rt reflect.Type
	switch tx := x.(type) {
	case *ast.SelectorExpr:
		pkgID, ok := tx.X.(*ast.Ident)
		if !ok {
			return "", false
		}
		rt = compiled.typeOf(pkgID.Name, tx.Sel.Name)
	case *ast.Ident:
		// An interface the segment declares that embeds a compiled one
		// with the method (type Named interface{ fmt.Stringer }):
		// Named.String is that interface's method, on a Named.
		if !ptr {
			rt = s.embeddedCompiledIface(tx.Name, sel.Sel.Name, compiled)
		}
	}
	if rt == nil {
		return "", false
	}
	recv := rt
	if ptr {
		recv = reflect.PointerTo(rt)
	}
	m, ok := recv.MethodByName(sel.Sel.Name)
	if !ok {
		return "", false
	}
	first := 1 // reflect's method type: the receiver first
	if rt.Kind() == reflect.Interface && !ptr {
		first = 0 // an interface's method has none
	}
	mt := m.Type
	valid := true
	typeText := func(t reflect.Type) string {
		if !namesImported(t, compiled.imported, map[reflect.Type]bool{}) {
			valid = false
		}
		return t.String()
	}
	params := []string{"__a0 " + s.text(sel.X)}
	args := []string{"__a0"}
	for i := first; i < mt.NumIn(); i++ {
		arg := fmt.Sprintf("__a%d", len(args))
		if mt.IsVariadic() && i == mt.NumIn()-1 {
			params = append(params, arg+" ..."+typeText(mt.In(i).Elem()))
			args = append(args, arg+"...")
			continue
		}
		params = append(params, arg+" "+typeText(mt.In(i)))
		args = append(args, arg)
	}
	var results []string
	for i := 0; i < mt.NumOut(); i++ {
		results = append(results, typeText(mt.Out(i)))
	}
	if !valid {
		return "", false
	}
	return funcLiteral(params, results, "__a0."+sel.Sel.Name+"("+strings.Join(args[1:], ", ")+")"), true
}

// embeddedCompiledIface returns the compiled interface that the interface
// type name, declared in the segment, embeds and that has the method, or
// nil.
func (s *segment) embeddedCompiledIface(name, method string, compiled compiledTypes) reflect.Type {
	var found reflect.Type
	files := compiled.cell
	if len(files) == 0 {
		files = []*ast.File{s.file}
	}
	for _, file := range files {
		if found != nil {
			break
		}
		ast.Inspect(file, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok || ts.Name.Name != name || found != nil {
				return found == nil
			}
			it, ok := ts.Type.(*ast.InterfaceType)
			if !ok || it.Methods == nil {
				return false
			}
			for _, f := range it.Methods.List {
				if len(f.Names) > 0 {
					continue
				}
				es, ok := f.Type.(*ast.SelectorExpr)
				if !ok {
					continue
				}
				pkgID, ok := es.X.(*ast.Ident)
				if !ok {
					continue
				}
				if rt := compiled.typeOf(pkgID.Name, es.Sel.Name); rt != nil && rt.Kind() == reflect.Interface {
					if _, ok := rt.MethodByName(method); ok {
						found = rt
					}
				}
			}
			return false
		})
	}
	return found
}

// namesImported reports whether every named type in t is predeclared or
// of a package the segment may name.
func namesImported(t reflect.Type, imported func(string) bool, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return true // int, error, ...
		}
		pkg, _, ok := strings.Cut(t.String(), ".")
		return ok && imported(pkg)
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Chan:
		return namesImported(t.Elem(), imported, seen)
	case reflect.Map:
		return namesImported(t.Key(), imported, seen) && namesImported(t.Elem(), imported, seen)
	case reflect.Func:
		for i := 0; i < t.NumIn(); i++ {
			if !namesImported(t.In(i), imported, seen) {
				return false
			}
		}
		for i := 0; i < t.NumOut(); i++ {
			if !namesImported(t.Out(i), imported, seen) {
				return false
			}
		}
		return true
	case reflect.Struct, reflect.Interface:
		return t.NumMethod() == 0 && (t.Kind() == reflect.Interface || t.NumField() == 0)
	}
	return true
}

// unparen strips parentheses from e.
func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// methodExprFromDecl writes the func literal of the method expression sel
// (T.M or (*T).M) from the declaration of M in the segment, its parameter
// and result types as the source writes them.
func (s *segment) methodExprFromDecl(sel *ast.SelectorExpr) (string, bool) {
	recv := sel.X
	if p, ok := recv.(*ast.ParenExpr); ok {
		recv = p.X
	}
	if st, ok := recv.(*ast.StarExpr); ok {
		recv = st.X
	}
	base, ok := recv.(*ast.Ident)
	if !ok {
		return "", false
	}
	var decl *ast.FuncDecl
	for _, d := range s.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || fd.Name.Name != sel.Sel.Name {
			continue
		}
		rt := fd.Recv.List[0].Type
		if st, ok := rt.(*ast.StarExpr); ok {
			rt = st.X
		}
		if id, ok := rt.(*ast.Ident); ok && id.Name == base.Name {
			decl = fd
		}
	}
	if decl == nil {
		return "", false
	}
	params := []string{"__a0 " + s.text(sel.X)}
	args := []string{"__a0"}
	for _, f := range decl.Type.Params.List {
		names := len(f.Names)
		if names == 0 {
			names = 1
		}
		for range names {
			arg := fmt.Sprintf("__a%d", len(args))
			if el, ok := f.Type.(*ast.Ellipsis); ok {
				params = append(params, arg+" ..."+s.text(el.Elt))
				args = append(args, arg+"...")
				continue
			}
			params = append(params, arg+" "+s.text(f.Type))
			args = append(args, arg)
		}
	}
	var results []string
	if decl.Type.Results != nil {
		for _, f := range decl.Type.Results.List {
			names := len(f.Names)
			if names == 0 {
				names = 1
			}
			for range names {
				results = append(results, s.text(f.Type))
			}
		}
	}
	return funcLiteral(params, results, "__a0."+sel.Sel.Name+"("+strings.Join(args[1:], ", ")+")"), true
}

// methodExprFunc writes the func literal of a method expression of
// signature sig (the receiver its first parameter) calling method name.
func methodExprFunc(sig *types.Signature, name string, qual types.Qualifier) (string, bool) {
	var params, args []string
	valid := true
	typeText := func(t types.Type) string {
		str := types.TypeString(t, qual)
		if strings.Contains(str, "invalid type") {
			valid = false
		}
		return str
	}
	for i := 0; i < sig.Params().Len(); i++ {
		p := sig.Params().At(i)
		arg := fmt.Sprintf("__a%d", i)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			params = append(params, arg+" ..."+typeText(p.Type().(*types.Slice).Elem()))
			args = append(args, arg+"...")
			continue
		}
		params = append(params, arg+" "+typeText(p.Type()))
		args = append(args, arg)
	}
	var results []string
	for i := 0; i < sig.Results().Len(); i++ {
		results = append(results, typeText(sig.Results().At(i).Type()))
	}
	if !valid {
		return "", false
	}
	return funcLiteral(params, results, args[0]+"."+name+"("+strings.Join(args[1:], ", ")+")"), true
}

// funcLiteral writes a func literal with the given parameters ("name
// type") and result types whose body is call, returned when it has results.
func funcLiteral(params, results []string, call string) string {
	res := ""
	switch len(results) {
	case 0:
	case 1:
		res = " " + results[0]
		call = "return " + call
	default:
		res = " (" + strings.Join(results, ", ") + ")"
		call = "return " + call
	}
	return "func(" + strings.Join(params, ", ") + ")" + res + " { " + call + " }"
}
