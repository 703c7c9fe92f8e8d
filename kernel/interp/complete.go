package interp

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/doc"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/archlab/archlab/kernel/display"
)

var goKeywords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface",
	"map", "package", "range", "return", "select", "struct", "switch", "type", "var",
}

var goBuiltins = []string{
	"append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len",
	"make", "max", "min", "new", "panic", "print", "println", "real", "recover",
	"bool", "byte", "complex128", "complex64", "error", "float32", "float64",
	"int", "int16", "int32", "int64", "int8", "rune", "string",
	"uint", "uint16", "uint32", "uint64", "uint8", "uintptr", "any",
	"true", "false", "nil", "iota",
}

// sourcePkgs lists members of packages that live as interpreted source
// (yaegi's generic slices/maps/cmp plus our prelude).
var (
	sourcePkgsOnce sync.Once
	sourcePkgs     map[string][]string
	sourceVoids    map[string]bool // "slices.Sort" → no results
)

func sourceVoid(pkg, name string) bool {
	sourceMembers(pkg)
	return sourceVoids[pkg+"."+name]
}

func sourceMembers(path string) []string {
	sourcePkgsOnce.Do(func() {
		sourcePkgs = map[string][]string{}
		sourceVoids = map[string]bool{}
		for _, src := range preludeSources {
			f, err := parser.ParseFile(token.NewFileSet(), "", src, 0)
			if err != nil {
				continue
			}
			for _, d := range f.Decls {
				if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
					for _, sp := range gd.Specs {
						if ts := sp.(*ast.TypeSpec); ts.Name.IsExported() {
							sourcePkgs[f.Name.Name] = append(sourcePkgs[f.Name.Name], ts.Name.Name)
						}
					}
				}
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.IsExported() {
					sourcePkgs[f.Name.Name] = append(sourcePkgs[f.Name.Name], fd.Name.Name)
					if fd.Type.Results == nil {
						sourceVoids[f.Name.Name+"."+fd.Name.Name] = true
					}
				}
			}
		}
		sourcePkgs["cmp"] = []string{"Compare", "Less", "Or", "Ordered"}
	})
	return sourcePkgs[path]
}

func isIdentRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// identBefore returns the identifier (or dotted chain) ending at cursor.
func identBefore(code string, cursor int) (chain string, start int) {
	start = cursor
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(code[:start])
		if !isIdentRune(r) && r != '.' {
			break
		}
		start -= n
	}
	return code[start:cursor], start
}

func clampCursor(code string, cursor int) int {
	// Jupyter sends cursor_pos in Unicode code points; convert.
	if cursor < 0 {
		return 0
	}
	i := 0
	for n := range code {
		if i == cursor {
			return n
		}
		i++
	}
	return len(code)
}

// packageOf returns the import path a name in cells refers to.
func (s *session) packageOf(name string) (string, bool) {
	s.mu.Lock()
	p, ok := s.imported[name]
	_, glob := s.globals[name]
	s.mu.Unlock()
	if ok {
		return p, true
	}
	if glob {
		return "", false
	}
	allExports()
	p, ok = pkgByName[name]
	return p, ok
}

// members lists the exported names of a package.
func members(path string) []string {
	var out []string
	for n := range allExports()[path+"/"+pathBase(path)] {
		if token.IsExported(n) {
			out = append(out, n)
		}
	}
	out = append(out, sourceMembers(path)...)
	return out
}

// valueOf evaluates a global name chain without running user code, or
// returns false when a cell is running (the interpreter is busy).
func (s *session) valueOf(chain string) (reflect.Value, bool) {
	if !isSimpleSelector(chain) {
		return reflect.Value{}, false
	}
	root := strings.SplitN(chain, ".", 2)[0]
	s.mu.Lock()
	g, ok := s.globals[root]
	s.mu.Unlock()
	if !ok || g.kind == "func" || g.kind == "type" {
		return reflect.Value{}, false
	}
	if !execMu.TryLock() {
		return reflect.Value{}, false
	}
	defer execMu.Unlock()
	v, err := s.in.Eval(chain)
	s.diag.take()
	return v, err == nil && v.IsValid()
}

// fieldsAndMethods lists a value's exported fields and methods.
func fieldsAndMethods(v reflect.Value) []string {
	var out []string
	t := v.Type()
	for _, tt := range []reflect.Type{t, reflect.PointerTo(t)} {
		for i := 0; i < tt.NumMethod(); i++ {
			out = append(out, tt.Method(i).Name)
		}
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		for i := 0; i < st.NumField(); i++ {
			if f := st.Field(i); f.IsExported() {
				out = append(out, f.Name)
			}
		}
	}
	return out
}

func (s *session) complete(code string, cursor int) ([]string, int, int) {
	cur := clampCursor(code, cursor)
	chain, start := identBefore(code, cur)
	var cands []string
	prefix := chain
	if i := strings.LastIndexByte(chain, '.'); i >= 0 {
		base := chain[:i]
		prefix = chain[i+1:]
		start += i + 1
		if p, ok := s.packageOf(base); ok && !strings.Contains(base, ".") {
			cands = members(p)
			s.mu.Lock()
			_, imp := s.imported[base]
			s.mu.Unlock()
			if !imp {
				// Not imported yet: the selector may pick another package
				// of the name (names.go), so offer theirs too.
				for _, q := range sameName[base] {
					if q != p {
						cands = append(cands, members(q)...)
					}
				}
			}
		} else if v, ok := s.valueOf(base); ok {
			cands = fieldsAndMethods(v)
		}
	} else {
		cands = append(cands, goKeywords...)
		cands = append(cands, goBuiltins...)
		s.mu.Lock()
		for n := range s.globals {
			if !strings.HasPrefix(n, "__") {
				cands = append(cands, n)
			}
		}
		for n := range s.imported {
			if !strings.HasPrefix(n, "__") {
				cands = append(cands, n)
			}
		}
		s.mu.Unlock()
		allExports()
		for n := range pkgByName {
			cands = append(cands, n)
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, c := range cands {
		if strings.HasPrefix(c, prefix) && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out, runeIndex(code, start), runeIndex(code, cur)
}

// runeIndex converts a byte offset to a code-point offset (Jupyter's unit).
func runeIndex(code string, off int) int { return utf8.RuneCountInString(code[:off]) }

func (s *session) inspect(code string, cursor, detail int) (display.Bundle, bool) {
	cur := clampCursor(code, cursor)
	// Extend the identifier to the right of the cursor too.
	end := cur
	for end < len(code) {
		r, n := utf8.DecodeRuneInString(code[end:])
		if !isIdentRune(r) {
			break
		}
		end += n
	}
	chain, _ := identBefore(code, end)
	chain = strings.Trim(chain, ".")
	text, ok := "", false
	if chain != "" {
		text, ok = s.describe(chain, detail)
	}
	if !ok {
		// Inside a call's brackets (fmt.Println(|) or f(x, |)): describe
		// the function called, as ipykernel does.
		if open := openParen(code[:cur]); open >= 0 {
			if callee, _ := identBefore(code, open); strings.Trim(callee, ".") != "" {
				text, ok = s.describe(strings.Trim(callee, "."), detail)
			}
		}
	}
	if !ok {
		return display.Bundle{}, false
	}
	return display.Text(text), true
}

// openParen returns the offset of the innermost "(" still open at the end
// of code, or -1. Strings and comments are skipped.
func openParen(code string) int {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var sc scanner.Scanner
	sc.Init(file, []byte(code), func(token.Position, string) {}, 0)
	var stack []int
	for {
		pos, tok, _ := sc.Scan()
		switch tok {
		case token.EOF:
			if len(stack) == 0 {
				return -1
			}
			return stack[len(stack)-1]
		case token.LPAREN:
			stack = append(stack, file.Offset(pos))
		case token.RPAREN:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

func (s *session) describe(chain string, detail int) (string, bool) {
	parts := strings.Split(chain, ".")
	// A cell-defined global.
	s.mu.Lock()
	g, ok := s.globals[parts[0]]
	s.mu.Unlock()
	if ok && len(parts) == 1 {
		out := g.kind + " " + parts[0]
		if g.src != "" {
			out = g.src
		}
		if v, ok := s.valueOf(parts[0]); ok {
			out += fmt.Sprintf("\n\ntype: %s\nvalue: %s", v.Type(), short(fmt.Sprintf("%v", safeInterface(v))))
		}
		if g.doc != "" {
			out += "\n\n" + g.doc
		}
		if detail > 0 && g.full != "" {
			out += "\n\n" + g.full
		}
		return out, true
	}
	if len(parts) >= 2 {
		if p, ok := s.packageOf(parts[0]); ok {
			name := parts[1]
			s.mu.Lock()
			_, imp := s.imported[parts[0]]
			s.mu.Unlock()
			if !imp {
				// The package the selector would reach (names.go).
				if q, err := pickPackage(parts[0], []selUse{{sel: name}}); err == nil && q != "" {
					p = q
				}
			}
			sym, ok := allExports()[p+"/"+pathBase(p)][name]
			var sig string
			if ok {
				sig = signature(pathBase(p), name, sym)
			}
			d := docFor(p, name)
			if sig == "" && d == "" {
				return "", false
			}
			if sig == "" {
				sig = pathBase(p) + "." + name
			}
			if d != "" {
				sig += "\n\n" + d
			}
			return sig, true
		}
		if v, ok := s.valueOf(strings.Join(parts, ".")); ok {
			return fmt.Sprintf("%s: %s", chain, v.Type()), true
		}
		return "", false
	}
	if p, ok := s.packageOf(parts[0]); ok {
		out := fmt.Sprintf("package %s // import %q", pathBase(p), p)
		if d := docFor(p, ""); d != "" {
			out += "\n\n" + d
		}
		return out, true
	}
	return "", false
}

func safeInterface(v reflect.Value) (out any) {
	defer func() {
		if recover() != nil {
			out = "?"
		}
	}()
	if v.CanInterface() {
		return v.Interface()
	}
	return v.String()
}

func short(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// signature renders a compiled symbol: "func fmt.Println(a ...interface {}) (n int, err error)".
func signature(pkg, name string, v reflect.Value) string {
	t := v.Type()
	switch {
	case v.Kind() == reflect.Func:
		return fmt.Sprintf("func %s.%s%s", pkg, name, strings.TrimPrefix(t.String(), "func"))
	case v.Kind() == reflect.Pointer && v.IsNil():
		et := t.Elem()
		return fmt.Sprintf("type %s.%s %s", pkg, name, et.Kind())
	default:
		if t.Kind() == reflect.Pointer && v.CanInterface() {
			return fmt.Sprintf("var %s.%s %s", pkg, name, t.Elem())
		}
		return fmt.Sprintf("%s.%s %s", pkg, name, t)
	}
}

var (
	docMu    sync.Mutex
	docCache = map[string]*doc.Package{}
)

// docFor returns the doc comment of name in package path (the package's
// own doc when name is empty), read from source with go/doc; "" when the
// source is not on this machine.
func docFor(path, name string) string {
	docMu.Lock()
	dp, ok := docCache[path]
	if !ok {
		dp = loadDoc(path)
		docCache[path] = dp
	}
	docMu.Unlock()
	if dp == nil {
		return ""
	}
	if name == "" {
		return strings.TrimSpace(dp.Doc)
	}
	for _, f := range dp.Funcs {
		if f.Name == name {
			return strings.TrimSpace(f.Doc)
		}
	}
	for _, t := range dp.Types {
		if t.Name == name {
			return strings.TrimSpace(t.Doc)
		}
		for _, f := range t.Funcs {
			if f.Name == name {
				return strings.TrimSpace(f.Doc)
			}
		}
	}
	for _, vs := range [][]*doc.Value{dp.Vars, dp.Consts} {
		for _, v := range vs {
			for _, n := range v.Names {
				if n == name {
					return strings.TrimSpace(v.Doc)
				}
			}
		}
	}
	return ""
}

func loadDoc(path string) *doc.Package {
	bp, err := build.Default.Import(path, ".", build.FindOnly)
	if err != nil || bp.Dir == "" {
		return nil
	}
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, bp.Dir, func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.ParseComments)
	if err != nil {
		return nil
	}
	for name, p := range pkgs {
		if name == "main" || strings.HasSuffix(name, "_test") {
			continue
		}
		return doc.New(p, path, doc.AllDecls)
	}
	return nil
}

// isComplete implements Session.IsComplete.
func isComplete(code string) (string, string) {
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	fset := token.NewFileSet()
	file := fset.AddFile("cell.go", -1, len(code))
	var errs []string
	var sc scanner.Scanner
	sc.Init(file, []byte(code), func(pos token.Position, msg string) { errs = append(errs, msg) }, scanner.ScanComments)
	depth := 0
	for {
		_, t, _ := sc.Scan()
		if t == token.EOF {
			break
		}
		switch t {
		case token.LBRACE, token.LPAREN, token.LBRACK:
			depth++
		case token.RBRACE, token.RPAREN, token.RBRACK:
			depth--
		}
	}
	for _, e := range errs {
		if e == "raw string literal not terminated" || e == "comment not terminated" {
			return "incomplete", ""
		}
	}
	if len(errs) > 0 {
		return "invalid", ""
	}
	if depth < 0 {
		return "invalid", ""
	}
	if depth > 0 {
		return "incomplete", strings.Repeat("\t", depth)
	}
	if _, err := splitCell(code); err != nil {
		lines := strings.Count(code, "\n") + 1
		if ce, ok := err.(*CellError); ok && atEnd(ce.Value, lines) {
			return "incomplete", ""
		}
		return "invalid", ""
	}
	return "complete", ""
}

// atEnd reports whether a "line L:C: ..." message points past the cell.
func atEnd(msg string, lines int) bool {
	var l, c int
	if _, err := fmt.Sscanf(msg, "line %d:%d:", &l, &c); err != nil {
		return false
	}
	return l > lines || strings.Contains(msg, "unexpected end of cell") || strings.Contains(msg, "found 'EOF'")
}
