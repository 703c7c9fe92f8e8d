package interp

import (
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A program (a cell with its package clause, or archlab run prog.go) is
// type-checked whole before it runs, as go build checks it, with the
// standard library's own types: what go/types rejects is a compile error
// with Go's messages, sorted by position, at most ten as the compiler
// prints them. yaegi checks far less (a send on a receive-only channel, a
// duplicate case, an assignment mismatch or a break outside a loop would
// run).
//
// The standard packages come from the Go source tree the binary was built
// with (go/importer's "source" importer, one per process), kept on disk as
// export data for the next run (gotypescache.go). Where it is
// missing, or a package cannot be imported (a module's), that import's
// names are unknown to the check and go/types says nothing about what
// uses them; the cell checks of checkGoRejects still apply.

// maxProgramErrors is how many errors the compiler lists before "too many
// errors".
const maxProgramErrors = 10

// stdTypes is the process's importer of standard packages: go/types
// packages are immutable once checked, so one importer serves every
// session.
var stdTypes struct {
	once sync.Once
	mu   sync.Mutex
	imp  types.Importer
	fset *token.FileSet
}

// lockedImporter imports through the shared source importer, one import at
// a time (it is not safe for concurrent use).
type lockedImporter struct{}

func (lockedImporter) Import(path string) (*types.Package, error) {
	return lockedImporter{}.ImportFrom(path, "", 0)
}

func (lockedImporter) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	sourceFileSet()
	if !isStdPath(path) || path == "C" {
		return nil, fmt.Errorf("interp: %s is not a standard package", path)
	}
	stdTypes.mu.Lock()
	defer stdTypes.mu.Unlock()
	if from, ok := stdTypes.imp.(types.ImporterFrom); ok {
		return from.ImportFrom(path, dir, mode)
	}
	return stdTypes.imp.Import(path)
}

// sourceFileSet returns the file set of the packages checked from source.
func sourceFileSet() *token.FileSet {
	stdTypes.once.Do(func() {
		stdTypes.fset = token.NewFileSet()
		stdTypes.imp = importer.ForCompiler(stdTypes.fset, "source", nil)
	})
	return stdTypes.fset
}

// programFile is the name a program has in the check: positions in
// messages ("declared at prog.go:8:9") are given as the cell's lines.
const programFile = "prog.go"

// programSyntaxError returns a program's first syntax error in the compiler's
// words (a statement outside a function body, which a cell may have,
// included), or nil where it has no translation: the segments' own parse
// reports it then.
func programSyntaxError(err error, src string) error {
	var list scanner.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		return nil
	}
	p := list[0].Pos
	lines := strings.Split(src, "\n")
	// The statement a missing { belongs to: its line or one of the two
	// before (an if whose condition goes on to the next line).
	var stmt []string
	for n := p.Line; n >= 1 && n > p.Line-3 && n <= len(lines); n-- {
		stmt = append(stmt, lines[n-1])
	}
	msg := compilerSyntax(list[0].Msg, stmt)
	if msg == "" {
		return nil
	}
	line, col := p.Line, p.Column
	if strings.HasSuffix(list[0].Msg, "found 'EOF'") {
		// The compiler places it at the end of the file.
		line, col = len(lines), len(lines[len(lines)-1])+1
	}
	return newCellError("SyntaxError", fmt.Sprintf("line %d:%d: %s", line, col, msg))
}

var expectedFoundRE = regexp.MustCompile(`^expected (.+), found (.+)$`)

// compilerSyntax returns go/parser's message msg, about a place on the
// first of lines (the source line, then the ones before it), as the
// compiler's syntax error, or "" where there is no translation.
func compilerSyntax(msg string, lines []string) string {
	if ctx, ok := strings.CutPrefix(msg, "missing ',' before newline in "); ok {
		closer := ")"
		if ctx == "composite literal" {
			closer = "}"
		}
		return "syntax error: unexpected newline in " + ctx + "; possibly missing comma or " + closer
	}
	m := expectedFoundRE.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	want, found := strings.Trim(m[1], "'"), compilerToken(m[2])
	switch {
	case want == "declaration":
		return "syntax error: non-declaration statement outside function body"
	case found == "EOF":
		return "syntax error: unexpected EOF, expected }"
	case want == "statement" && (found == ")" || found == "]"):
		return "syntax error: unexpected " + found + " at end of statement"
	case want == "statement":
		return "syntax error: unexpected " + found + ", expected }"
	case want == "{":
		for _, line := range lines {
			for _, kw := range []string{"if", "for", "switch"} {
				if strings.HasPrefix(strings.TrimSpace(line), kw+" ") {
					return "syntax error: unexpected " + found + ", expected { after " + kw + " clause"
				}
			}
		}
	}
	return "syntax error: unexpected " + found + ", expected " + want
}

// compilerToken names a token go/parser quoted as the compiler names it:
// keyword else, name x, literal 5, newline, ).
func compilerToken(t string) string {
	if q, ok := strings.CutPrefix(t, "'"); ok {
		q = strings.TrimSuffix(q, "'")
		if token.IsKeyword(q) {
			return "keyword " + q
		}
		return q
	}
	switch {
	case t == "newline":
		return t
	case token.IsIdentifier(t):
		return "name " + t
	}
	return "literal " + t
}

// messagePositions rewrites the positions a message names: the program's
// as its lines (line 8:9), the Go tree's from $GOROOT, as go build prints
// them.
func messagePositions(msg string) string {
	msg = strings.ReplaceAll(msg, programFile+":", "line ")
	if root := build.Default.GOROOT; root != "" {
		msg = strings.ReplaceAll(msg, filepath.Join(root, "src")+string(filepath.Separator), "$GOROOT/src/")
	}
	return funcLitRE.ReplaceAllString(msg, "$1 {…}")
}

// funcLitRE is a func literal as go/types writes it in a message, "(func(i,
// j int) int literal)"; the compiler writes "func(i, j int) int {…}".
var funcLitRE = regexp.MustCompile(`\((func\(.*?) literal\)`)

// programError is one error of a program's type check.
type programError struct {
	pos token.Position
	msg string
}

// checkProgram type-checks src, a whole program, and returns its errors as
// a CompileError (nil when there are none). complete reports whether every
// import was found, so that the check saw the whole program.
//
// Where the check completed without errors, fixed is src with the type
// arguments go/types inferred for generic functions used as values
// written out (slices.SortFunc(xs, cmp.Compare[int]), var f func(int)
// string = Format[int]), and for calls of the program's own generic
// functions (Then[int, float64](b, half)), which the interpreter cannot
// always infer; else src.
func checkProgram(src string) (fixed string, err error, complete bool) {
	f, perr := parser.ParseFile(token.NewFileSet(), programFile, src, parser.SkipObjectResolution)
	if perr != nil {
		return src, programSyntaxError(perr, src), false
	}
	allExports()
	var std []string
	for _, is := range f.Imports {
		if path, err := strconv.Unquote(is.Path.Value); err == nil && isStdPath(path) && path != "C" && path != "unsafe" {
			std = append(std, path)
		}
	}
	imp := cachedImporter(std)
	fromSource := imp == nil
	// The program is parsed into the file set of the packages' world, so
	// that a message naming a declaration there says where it is.
	var fset *token.FileSet
	if fromSource {
		imp = lockedImporter{}
		fset = sourceFileSet()
	} else {
		fset = exportFileSet()
	}
	f, _ = parser.ParseFile(fset, programFile, src, parser.SkipObjectResolution)
	var errs []programError
	complete = true
	conf := types.Config{
		Importer: imp,
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok {
				return
			}
			msg := te.Msg
			switch {
			case strings.HasPrefix(msg, "could not import "):
				complete = false
				return
			}
			pos := compilerPos(f, te.Pos, msg)
			p := fset.PositionFor(pos, false)
			if strings.HasPrefix(msg, "\t") && len(errs) > 0 {
				// A further part of the last error ("\tprevious
				// case"), printed under it with its position.
				last := &errs[len(errs)-1]
				last.msg += fmt.Sprintf("\n\tline %d:%d: %s", p.Line, p.Column, messagePositions(strings.TrimPrefix(msg, "\t")))
				return
			}
			if len(errs) == maxProgramErrors {
				return // the compiler stops at the tenth
			}
			msg = labelMessage(f, fset, msg)
			errs = append(errs, programError{p, messagePositions(compilerMessage(msg))})
		},
	}
	info := &types.Info{Instances: map[*ast.Ident]types.Instance{}, Uses: map[*ast.Ident]types.Object{}}
	pkg, _ := conf.Check("main", fset, []*ast.File{f}, info)
	if fromSource && pkg != nil {
		var save []*types.Package
		for _, p := range pkg.Imports() {
			if isStdPath(p.Path()) && p.Path() != "unsafe" && p.Complete() {
				save = append(save, p)
			}
		}
		saveTypes(save)
	}
	errs = dropUsedLabels(errs)
	if len(errs) == 0 {
		if complete {
			src = writeInstances(fset, f, info, src)
		}
		return src, nil, complete
	}
	// The compiler stops at the tenth error it finds (go/types finds them
	// in the same order), then prints them sorted by position and "too
	// many errors" at the tenth.
	tenth := errs[len(errs)-1].pos
	slices.SortStableFunc(errs, func(a, b programError) int {
		return cmp.Or(cmp.Compare(a.pos.Line, b.pos.Line), cmp.Compare(a.pos.Column, b.pos.Column))
	})
	errs = slices.CompactFunc(errs, func(a, b programError) bool { return a == b })
	lines := make([]string, 0, len(errs)+1)
	for _, e := range errs {
		// A message's further lines (have, want) begin with a tab, as
		// the compiler prints them.
		lines = append(lines, fmt.Sprintf("line %d:%d: %s", e.pos.Line, e.pos.Column, e.msg))
	}
	if len(errs) == maxProgramErrors {
		lines = append(lines, fmt.Sprintf("line %d:%d: too many errors", tenth.Line, tenth.Column))
	}
	all := strings.Join(lines, "\n")
	first, rest, _ := strings.Cut(all, "\n")
	return src, newCellError("CompileError", first, rest), complete
}

// compilerMessage returns a go/types message in the words of the compiler
// (types2), where they differ.
func compilerMessage(msg string) string {
	switch {
	case strings.HasPrefix(msg, "label ") && strings.HasSuffix(msg, " declared and not used"):
		return strings.TrimSuffix(msg, " declared and not used") + " defined and not used"
	case msg == "break not in for, switch, or select statement":
		return "break is not in a loop, switch, or select"
	case msg == "continue not in for statement":
		return "continue is not in a loop"
	}
	return msg
}

// compilerPos returns where the compiler (types2) reports an error that
// go/types reports at pos, where they differ: a call with too few
// arguments at its last argument (its name when it has none), a send on a
// receive-only channel at the statement.
func compilerPos(f *ast.File, pos token.Pos, msg string) token.Pos {
	switch {
	case strings.Contains(msg, " does not satisfy "):
		// A type argument inferred for a call: at its "(", where
		// go/types says the function's name.
		ast.Inspect(f, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && c.Fun.Pos() == pos {
				pos = c.Lparen
				return false
			}
			return true
		})
	case strings.HasPrefix(msg, "not enough arguments in call"):
		ast.Inspect(f, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && c.Rparen == pos {
				if len(c.Args) > 0 {
					pos = c.Args[len(c.Args)-1].Pos()
				} else {
					pos = c.Pos()
				}
				return false
			}
			return true
		})
	case strings.HasPrefix(msg, "invalid operation: cannot send to receive-only channel"):
		ast.Inspect(f, func(n ast.Node) bool {
			if s, ok := n.(*ast.SendStmt); ok && s.Arrow == pos {
				pos = s.Pos()
				return false
			}
			return true
		})
	default:
		pos = sliceStart(f, pos)
	}
	return pos
}

// sliceStart returns where the compiler places an expression that go/types
// places at pos, its first character: the compiler places a slice
// expression at its "[", and an operation, index, call or selector at its
// leftmost operand, so one that begins with a slice expression there too.
func sliceStart(f *ast.File, pos token.Pos) token.Pos {
	var outer ast.Expr
	ast.Inspect(f, func(n ast.Node) bool {
		if outer != nil || n == nil {
			return false
		}
		if e, ok := n.(ast.Expr); ok && e.Pos() == pos {
			outer = e
			return false
		}
		return n.Pos() <= pos && pos < n.End()
	})
	for e := outer; e != nil; {
		switch x := e.(type) {
		case *ast.SliceExpr:
			return x.Lbrack
		case *ast.BinaryExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.CallExpr:
			e = x.Fun
		case *ast.SelectorExpr:
			e = x.X
		case *ast.TypeAssertExpr:
			e = x.X
		default:
			e = nil
		}
	}
	return pos
}

// dropUsedLabels drops "label L defined and not used" where a break or
// continue names L from a place it cannot: the compiler counts that a use.
func dropUsedLabels(errs []programError) []programError {
	named := map[string]bool{}
	for _, e := range errs {
		for _, p := range []string{"invalid break label ", "invalid continue label "} {
			if l, ok := strings.CutPrefix(e.msg, p); ok {
				named[l] = true
			}
		}
	}
	return slices.DeleteFunc(errs, func(e programError) bool {
		l, ok := strings.CutPrefix(e.msg, "label ")
		l, used := strings.CutSuffix(l, " defined and not used")
		return ok && used && named[l]
	})
}

// writeInstances returns src with the inferred type arguments of each
// generic function used as a value (not called, not instantiated) written
// out after its name, where they can be written in the file (their
// packages imported by their names).
func writeInstances(fset *token.FileSet, f *ast.File, info *types.Info, src string) string {
	imported := map[string]string{} // name in the file: path
	for _, is := range f.Imports {
		path, _ := strconv.Unquote(is.Path.Value)
		name := pathBase(path)
		if is.Name != nil {
			name = is.Name.Name
		}
		imported[name] = path
	}
	called := map[*ast.Ident]bool{}       // names called or instantiated as written
	instantiated := map[*ast.Ident]bool{} // names given type arguments as written
	name := func(e ast.Expr) *ast.Ident {
		switch x := e.(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			return x.Sel
		}
		return nil
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			if id := name(ast.Unparen(x.Fun)); id != nil {
				called[id] = true
			}
		case *ast.IndexExpr:
			if id := name(x.X); id != nil {
				called[id] = true
				instantiated[id] = true
			}
		case *ast.IndexListExpr:
			if id := name(x.X); id != nil {
				called[id] = true
				instantiated[id] = true
			}
		}
		return true
	})
	// A call of a generic function the program declares gets the type
	// arguments go/types inferred too: yaegi's own inference fails where
	// an argument is a declared function (Then(b, half)), a multi-value
	// call (Try(strconv.Atoi(s))) or the result of such a call.
	declaredCall := func(id *ast.Ident) bool {
		if instantiated[id] || info.Uses == nil {
			return false
		}
		fn, ok := info.Uses[id].(*types.Func)
		return ok && fn.Pkg() != nil && fn.Pkg().Path() == "main"
	}
	type insertion struct {
		off  int
		text string
	}
	var ins []insertion
	for id, inst := range info.Instances {
		if called[id] && !declaredCall(id) || inst.TypeArgs.Len() == 0 {
			continue
		}
		if _, ok := info.Uses[id]; !ok && info.Uses != nil {
			continue
		}
		args := make([]string, inst.TypeArgs.Len())
		ok := true
		for i := range args {
			args[i] = types.TypeString(inst.TypeArgs.At(i), func(p *types.Package) string {
				if p.Path() == "main" {
					return ""
				}
				if imported[p.Name()] != p.Path() {
					ok = false
				}
				return p.Name()
			})
		}
		if !ok {
			continue
		}
		ins = append(ins, insertion{fset.Position(id.End()).Offset, "[" + strings.Join(args, ", ") + "]"})
	}
	slices.SortFunc(ins, func(a, b insertion) int { return cmp.Compare(b.off, a.off) })
	for _, in := range ins {
		if in.off < 0 || in.off > len(src) {
			continue
		}
		src = src[:in.off] + in.text + src[in.off:]
	}
	return src
}

var gotoOverRE = regexp.MustCompile(`^goto (\w+) jumps over variable declaration at line (\d+)$`)

// labelMessage returns a go/types message about a label in the
// compiler's words: "continue label not defined: L" where no statement
// has label L, "label L not defined", and the declaration a goto jumps
// over named with its position.
func labelMessage(f *ast.File, fset *token.FileSet, msg string) string {
	labels := func() map[string]bool {
		m := map[string]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			if l, ok := n.(*ast.LabeledStmt); ok {
				m[l.Label.Name] = true
			}
			return true
		})
		return m
	}
	for _, kw := range []string{"break", "continue"} {
		if l, ok := strings.CutPrefix(msg, "invalid "+kw+" label "); ok && !labels()[l] {
			return kw + " label not defined: " + l
		}
	}
	if l, ok := strings.CutPrefix(msg, "label "); ok {
		if l, ok := strings.CutSuffix(l, " not declared"); ok {
			return "label " + l + " not defined"
		}
	}
	m := gotoOverRE.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	line, _ := strconv.Atoi(m[2])
	var names []string
	var at token.Pos
	ast.Inspect(f, func(n ast.Node) bool {
		if at.IsValid() || n == nil {
			return false
		}
		switch x := n.(type) {
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE && fset.Position(x.TokPos).Line == line {
				for _, e := range x.Lhs {
					if id, ok := e.(*ast.Ident); ok {
						names = append(names, id.Name)
					}
				}
				at = x.TokPos
			}
		case *ast.GenDecl:
			// var v = 1, or var ( ... ) from its first line: the first
			// name declared.
			if x.Tok == token.VAR && fset.Position(x.Pos()).Line == line && len(x.Specs) > 0 {
				if vs, ok := x.Specs[0].(*ast.ValueSpec); ok && len(vs.Names) > 0 {
					names, at = []string{vs.Names[0].Name}, vs.Names[0].Pos()
				}
			}
		}
		return true
	})
	if !at.IsValid() {
		return msg
	}
	p := fset.Position(at)
	return fmt.Sprintf("goto %s jumps over declaration of %s at line %d:%d", m[1], strings.Join(names, ", "), p.Line, p.Column)
}
