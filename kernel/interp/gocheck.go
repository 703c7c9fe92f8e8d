package interp

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
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
	stdTypes.once.Do(func() {
		stdTypes.fset = token.NewFileSet()
		stdTypes.imp = importer.ForCompiler(stdTypes.fset, "source", nil)
	})
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

// programError is one error of a program's type check.
type programError struct {
	pos token.Position
	msg string
}

// checkProgram type-checks src, a whole program, and returns its errors as
// a CompileError (nil when there are none). complete reports whether every
// import was found, so that the check saw the whole program.
func checkProgram(src string) (err error, complete bool) {
	fset := token.NewFileSet()
	f, perr := parser.ParseFile(fset, "prog.go", src, parser.SkipObjectResolution)
	if perr != nil {
		return nil, false // the segments' own parse reports it
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
	if fromSource {
		imp = lockedImporter{}
	}
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
			case strings.HasPrefix(msg, "undefined: ") && pkgByName[strings.TrimPrefix(msg, "undefined: ")] != "":
				// A package a cell may use without importing it
				// (autoImport).
				return
			}
			pos := compilerPos(f, te.Pos, msg)
			p := fset.PositionFor(pos, false)
			if strings.HasPrefix(msg, "\t") && len(errs) > 0 {
				// A further part of the last error ("\tprevious
				// case"), printed under it with its position.
				last := &errs[len(errs)-1]
				last.msg += fmt.Sprintf("\n\tline %d:%d: %s", p.Line, p.Column, strings.TrimPrefix(msg, "\t"))
				return
			}
			if len(errs) == maxProgramErrors {
				return // the compiler stops at the tenth
			}
			errs = append(errs, programError{p, compilerMessage(msg)})
		},
	}
	pkg, _ := conf.Check("main", fset, []*ast.File{f}, nil)
	if fromSource && pkg != nil {
		var save []*types.Package
		for _, p := range pkg.Imports() {
			if isStdPath(p.Path()) && p.Path() != "unsafe" && p.Complete() {
				save = append(save, p)
			}
		}
		saveTypes(save)
	}
	if len(errs) == 0 {
		return nil, complete
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
	return newCellError("CompileError", first, rest), complete
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
	}
	return pos
}
