package arch

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"sort"
	"strconv"
	"strings"
)

// Allowed imports of an architecture source, by import path.
var allowedImports = map[string]bool{
	"archlab/op": true,
	"math":       true,
}

// reservedPrefix starts the names of the guard helpers the sandbox appends
// to a source; a source may not declare or use such names.
const reservedPrefix = "_archlab"

// maxArrayLen bounds array types written in a source ([N]T).
const maxArrayLen = 1 << 16

// Problem is one thing wrong with a source, at a position in it.
type Problem struct {
	Line int    `json:"line"` // 1-based; 0 when the problem has no position
	Col  int    `json:"col"`  // 1-based
	Msg  string `json:"msg"`
}

func (p Problem) String() string {
	if p.Line == 0 {
		return p.Msg
	}
	return fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg)
}

// parsed is a source after the static check: its AST, the package name,
// the layer type and the rewritten text the sandbox interprets.
type parsed struct {
	fset      *token.FileSet
	file      *ast.File
	pkg       string              // package clause, e.g. "layer"
	layerType string              // the type New returns, e.g. "Layer"
	opName    string              // local name of the "archlab/op" import, e.g. "op"
	text      string              // rewritten source (guards inserted, same lines)
	makeElem  map[token.Pos]int64 // element size in bytes of every make call, by its position
	edits     []edit              // insertions made by the rewrite, for mapping positions back
}

// edit is one insertion of text at a byte offset of the original source.
type edit struct {
	off  int
	text string
	line int // line of off in the original
	col  int // column of off in the original (1-based)
}

// Static checks src without running it: it must parse, import only
// "archlab/op" and "math", use no goroutines, channels, select or recover,
// and define New and a Forward method on New's result. It returns every
// problem found, each with its line and column.
func Static(src string) []Problem {
	_, probs := staticCheck(src)
	return probs
}

func staticCheck(src string) (*parsed, []Problem) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "layer.go", src, parser.AllErrors|parser.SkipObjectResolution)
	if err != nil {
		var probs []Problem
		if list, ok := err.(scanner.ErrorList); ok {
			for _, e := range list {
				probs = append(probs, Problem{e.Pos.Line, e.Pos.Column, e.Msg})
			}
		} else {
			probs = append(probs, Problem{Msg: err.Error()})
		}
		return nil, probs
	}
	p := &parsed{fset: fset, file: f, pkg: f.Name.Name}
	var probs []Problem
	bad := func(n ast.Node, format string, args ...any) {
		pos := fset.Position(n.Pos())
		probs = append(probs, Problem{pos.Line, pos.Column, fmt.Sprintf(format, args...)})
	}
	switch p.pkg {
	case "main", "op", "math", "host":
		bad(f.Name, "package %s: name the package layer (any name but main, op, math, host)", p.pkg)
	}
	for _, im := range f.Imports {
		path, _ := strconv.Unquote(im.Path.Value)
		if !allowedImports[path] {
			bad(im, "import %q is not allowed: a layer may import only \"archlab/op\" and \"math\"", path)
			continue
		}
		name := ""
		if im.Name != nil {
			name = im.Name.Name
			if name == "_" || name == "." {
				bad(im, "import %s %q: blank and dot imports are not allowed", name, path)
			}
		}
		if path == "archlab/op" {
			p.opName = "op"
			if name != "" {
				p.opName = name
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			bad(n, "go statements are not allowed: a layer runs on one goroutine")
		case *ast.SelectStmt:
			bad(n, "select is not allowed")
		case *ast.SendStmt:
			bad(n, "channel sends are not allowed")
		case *ast.ChanType:
			bad(n, "channels are not allowed")
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				bad(n, "channel receives are not allowed")
			}
		case *ast.Ident:
			if strings.HasPrefix(n.Name, reservedPrefix) {
				bad(n, "names starting with %s are reserved", reservedPrefix)
			}
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "recover" {
				bad(n, "recover is not allowed: let errors surface")
			}
		case *ast.ArrayType:
			if n.Len == nil {
				break
			}
			if _, ok := n.Len.(*ast.Ellipsis); ok {
				break
			}
			lit, ok := n.Len.(*ast.BasicLit)
			v, err := int64(0), error(nil)
			if ok && lit.Kind == token.INT {
				v, err = strconv.ParseInt(lit.Value, 0, 64)
			}
			if !ok || lit.Kind != token.INT || err != nil || v > maxArrayLen {
				bad(n, "array length must be an integer literal up to %d; use a slice", maxArrayLen)
			}
		}
		return true
	})
	probs = append(probs, p.checkShape()...)
	if len(probs) == 0 {
		var tp []Problem
		tp, p.makeElem = typeProblems(fset, f)
		probs = append(probs, tp...)
	}
	if len(probs) > 0 {
		sort.SliceStable(probs, func(i, j int) bool {
			if probs[i].Line != probs[j].Line {
				return probs[i].Line < probs[j].Line
			}
			return probs[i].Col < probs[j].Col
		})
		return p, probs
	}
	p.rewrite(src)
	return p, nil
}

// checkShape checks the contract's outline: New(p *op.Params, c op.Config)
// returning *T, and (l *T) Forward(x *op.Node) *op.Node.
func (p *parsed) checkShape() []Problem {
	var probs []Problem
	at := func(n ast.Node, format string, args ...any) {
		pos := p.fset.Position(n.Pos())
		probs = append(probs, Problem{pos.Line, pos.Column, fmt.Sprintf(format, args...)})
	}
	if p.opName == "" {
		at(p.file.Name, "the source must import \"archlab/op\"")
		return probs
	}
	var newFn *ast.FuncDecl
	forward := map[string]*ast.FuncDecl{}
	for _, d := range p.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		if fd.Recv == nil && fd.Name.Name == "New" {
			newFn = fd
		}
		if fd.Recv != nil && fd.Name.Name == "Forward" && len(fd.Recv.List) == 1 {
			forward[recvTypeName(fd.Recv.List[0].Type)] = fd
		}
	}
	if newFn == nil {
		at(p.file.Name, "missing func New(p *%[1]s.Params, c %[1]s.Config) *Layer", p.opName)
		return probs
	}
	if n := fieldCount(newFn.Type.Params); n != 2 {
		at(newFn, "New must take (p *%[1]s.Params, c %[1]s.Config), it takes %d parameters", p.opName, n)
	}
	res := newFn.Type.Results
	if fieldCount(res) != 1 {
		at(newFn, "New must return exactly one value, a pointer to the layer struct (*Layer)")
		return probs
	}
	star, ok := res.List[0].Type.(*ast.StarExpr)
	id, ok2 := ast.Expr(nil), false
	if ok {
		id, ok2 = star.X.(*ast.Ident)
	}
	if !ok || !ok2 {
		at(res.List[0].Type, "New must return a pointer to a struct declared in this file, e.g. *Layer")
		return probs
	}
	p.layerType = id.(*ast.Ident).Name
	fw := forward[p.layerType]
	if fw == nil {
		at(newFn, "missing method func (l *%s) Forward(x *%s.Node) *%s.Node", p.layerType, p.opName, p.opName)
		return probs
	}
	if fieldCount(fw.Type.Params) != 1 || fieldCount(fw.Type.Results) != 1 {
		at(fw, "Forward must be func (l *%s) Forward(x *%s.Node) *%s.Node", p.layerType, p.opName, p.opName)
	}
	return probs
}

func recvTypeName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func fieldCount(fl *ast.FieldList) int {
	if fl == nil {
		return 0
	}
	n := 0
	for _, f := range fl.List {
		if len(f.Names) == 0 {
			n++
		}
		n += len(f.Names)
	}
	return n
}

// rewrite inserts the guards into the source on the same lines, so
// positions stay put: an import of the host package after the package
// clause; at the start of every function body a call-depth count (an
// endless recursion would overflow the Go stack, which no recover can
// catch); before every statement a record of its position (for errors); and
// a bound around every make length (a huge make would abort the process).
func (p *parsed) rewrite(src string) {
	tf := p.fset.File(p.file.Pos())
	var eds []edit
	add := func(pos token.Pos, text string) {
		position := p.fset.Position(pos)
		eds = append(eds, edit{off: tf.Offset(pos), text: text, line: position.Line, col: position.Column})
	}
	add(p.file.Name.End(), "; import _archlabhost \"archlab/host\"")
	body := func(b *ast.BlockStmt) {
		if b != nil {
			add(b.Lbrace+1, " _archlabhost.Enter(); defer _archlabhost.Leave();")
		}
	}
	stmts := func(list []ast.Stmt) {
		for _, st := range list {
			pos := p.fset.Position(st.Pos())
			add(st.Pos(), fmt.Sprintf("_archlabhost.At(%d, %d); ", pos.Line, pos.Column))
		}
	}
	ast.Inspect(p.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			body(n.Body)
		case *ast.FuncLit:
			body(n.Body)
		case *ast.BlockStmt:
			stmts(n.List)
		case *ast.CaseClause:
			stmts(n.Body)
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "make" {
				elem, ok := p.makeElem[n.Pos()]
				if !ok {
					elem = 8
				}
				for _, a := range n.Args[1:] {
					add(a.Pos(), "_archlabhost.Len(int(")
					add(a.End(), fmt.Sprintf("), %d)", elem))
				}
			}
		}
		return true
	})
	sort.SliceStable(eds, func(i, j int) bool { return eds[i].off < eds[j].off })
	var b strings.Builder
	last := 0
	for _, e := range eds {
		b.WriteString(src[last:e.off])
		b.WriteString(e.text)
		last = e.off
	}
	b.WriteString(src[last:])
	p.text = b.String()
	p.edits = eds
}

// origPos maps a line:col of the rewritten text back to the original.
func (p *parsed) origPos(line, col int) (int, int) {
	shift := 0
	for _, e := range p.edits {
		if e.line != line {
			continue
		}
		// e is at original column e.col, i.e. rewritten column e.col+shift.
		if e.col+shift+len(e.text) <= col {
			shift += len(e.text)
		} else if e.col+shift <= col {
			return line, e.col
		}
	}
	return line, col - shift
}
