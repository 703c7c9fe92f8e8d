package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
	"sync/atomic"
)

// Wrappers yaegi puts around incremental source (see yaegi's ast.go). We
// parse segments with the same wrappers so positions agree.
const (
	declPrefix = "package main;"
	stmtPrefix = "package main; func main() {"
	stmtSuffix = "\n}"
)

// segment is a run of top-level declarations or of statements from one
// cell, padded so that yaegi's positions are the cell's line+1 and column.
type segment struct {
	id   int // process-wide, named in the //line directive of src
	decl bool
	line int    // first line in the cell, 1-based
	src  string // padded source handed to yaegi, rewritten
	orig string // src as splitCell made it, before any rewrite
	// passes are the rewrites applied to src, each sorted by start, in
	// the coordinates of the source it applied to (see origOffset).
	passes [][]edit
	file   *ast.File
	fset   *token.FileSet
}

// body returns the statements of a statement segment.
func (s *segment) body() []ast.Stmt {
	if s.decl || s.file == nil || len(s.file.Decls) == 0 {
		return nil
	}
	fd, ok := s.file.Decls[len(s.file.Decls)-1].(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return nil
	}
	return fd.Body.List
}

func (s *segment) wrapped() string {
	if s.decl {
		return declPrefix + s.src
	}
	return stmtPrefix + s.src + stmtSuffix
}

// offset converts a position in the wrapped source to an offset in s.src.
func (s *segment) offset(p token.Pos) int {
	off := s.fset.Position(p).Offset
	if s.decl {
		return off - len(declPrefix)
	}
	return off - len(stmtPrefix)
}

// segIDs numbers segments across the process.
var segIDs atomic.Int64

// lineDirective names the source of segment id for yaegi's positions
// without moving them: the comment sits on the wrapper's first line and
// says that line is line 1, so every later line keeps its number. The file
// is "seg<id>/_.go" because yaegi scopes imports by the position's base
// name, which must stay its default "_.go" for the session's imports to be
// seen; the directory tells which segment a runtime position belongs to,
// in a cell that ran long ago (segmentAt).
func lineDirective(id int) string {
	return fmt.Sprintf("/*line seg%d/_.go:1:1*/", id)
}

// unit is one top-level declaration or statement start in a cell.
type unit struct {
	off  int
	decl bool
}

// splitCell cuts code into segments of declarations and statements and
// parses each. A syntax error is returned as a *CellError with cell
// positions.
func splitCell(code string) ([]*segment, error) {
	units := scanUnits(code)
	var segs []*segment
	for i := 0; i < len(units); {
		j := i + 1
		for j < len(units) && units[j].decl == units[i].decl {
			j++
		}
		start := units[i].off
		end := len(code)
		if j < len(units) {
			end = units[j].off
		}
		line := 1 + strings.Count(code[:start], "\n")
		col := start - (strings.LastIndex(code[:start], "\n") + 1)
		text := code[start:end]
		id := int(segIDs.Add(1))
		src := lineDirective(id) + strings.Repeat("\n", line) + strings.Repeat(" ", col) + text
		if !units[i].decl {
			// A leading ";" makes yaegi wrap the segment in its main
			// function even when it starts with a func literal (otherwise
			// yaegi would declare a global main that runs on every later
			// evaluation).
			src = ";" + src
		}
		segs = append(segs, &segment{id: id, decl: units[i].decl, line: line, src: src, orig: src})
		i = j
	}
	for _, s := range segs {
		if err := s.parse(); err != nil {
			return nil, err
		}
	}
	return segs, nil
}

func (s *segment) parse() error {
	s.fset = token.NewFileSet()
	f, err := parser.ParseFile(s.fset, "cell.go", s.wrapped(), parser.ParseComments|parser.AllErrors)
	if err != nil {
		return syntaxError(err, s)
	}
	s.file = f
	return nil
}

// syntaxError turns a go/parser error on a wrapped segment into a
// CellError in cell coordinates. Errors past the segment's text (the
// parser reaching the wrapper's closing brace) are reported once, at the
// end of the text, as "unexpected end of cell".
func syntaxError(err error, s *segment) *CellError {
	text := strings.TrimLeft(s.src, ";")
	lastLine := strings.Count(text, "\n")
	lastCol := len(text) - strings.LastIndex(text, "\n")
	var lines []string
	seen := map[string]bool{}
	list, ok := err.(scanner.ErrorList)
	if !ok {
		return newCellError("SyntaxError", err.Error())
	}
	for _, e := range list {
		var l string
		if e.Pos.Line-1 > lastLine || (e.Pos.Line-1 == lastLine && e.Pos.Column > lastCol) {
			l = fmt.Sprintf("line %d:%d: unexpected end of cell (%s)", lastLine, lastCol, e.Msg)
			if seen["end"] {
				continue
			}
			seen["end"] = true
		} else {
			line, col := s.cellPos(e.Pos.Line, e.Pos.Column)
			l = fmt.Sprintf("line %d:%d: %s", line, col, e.Msg)
		}
		if !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	// An error inside the cell explains the rest; drop the end-of-cell echo.
	if len(lines) > 1 && !strings.Contains(lines[0], "unexpected end of cell") {
		kept := lines[:0]
		for _, l := range lines {
			if !strings.Contains(l, "unexpected end of cell") {
				kept = append(kept, l)
			}
		}
		lines = kept
	}
	if len(lines) > 10 {
		lines = append(lines[:10], fmt.Sprintf("(%d more errors)", len(lines)-10))
	}
	return newCellError("SyntaxError", lines[0], lines[1:]...)
}

// scanUnits finds where top-level declarations and statements begin: a
// token at bracket depth 0 that starts a line or follows a semicolon.
// func followed by a name or a method receiver starts a declaration; a
// function literal (func(...) {...}()) is a statement.
func scanUnits(code string) []unit {
	fset := token.NewFileSet()
	file := fset.AddFile("cell.go", -1, len(code))
	var sc scanner.Scanner
	sc.Init(file, []byte(code), nil, 0)
	type tok struct {
		pos token.Pos
		tok token.Token
		lit string
	}
	var toks []tok
	for {
		pos, t, lit := sc.Scan()
		if t == token.EOF {
			break
		}
		toks = append(toks, tok{pos, t, lit})
	}
	var units []unit
	depth := 0
	atStart := true
	for i, t := range toks {
		if t.tok == token.SEMICOLON {
			if depth == 0 {
				atStart = true
			}
			continue
		}
		if atStart && depth == 0 {
			decl := false
			switch t.tok {
			case token.TYPE, token.CONST, token.VAR, token.IMPORT:
				decl = true
			case token.FUNC:
				decl = isFuncDecl(func(k int) (token.Token, bool) {
					if i+k < len(toks) {
						return toks[i+k].tok, true
					}
					return token.EOF, false
				})
			}
			units = append(units, unit{off: file.Offset(t.pos), decl: decl})
			atStart = false
		}
		switch t.tok {
		case token.LBRACE, token.LPAREN, token.LBRACK:
			depth++
		case token.RBRACE, token.RPAREN, token.RBRACK:
			if depth > 0 {
				depth--
			}
		}
	}
	if len(units) == 0 {
		return []unit{{off: 0, decl: false}}
	}
	units[0].off = 0 // keep leading comments with the first unit
	return units
}

// isFuncDecl decides whether the func token at(0) starts a declaration.
func isFuncDecl(at func(k int) (token.Token, bool)) bool {
	t1, _ := at(1)
	if t1 == token.IDENT {
		return true
	}
	if t1 != token.LPAREN {
		return false
	}
	// func (recv) Name(  → method; func (params) ... → literal.
	d := 0
	for k := 1; ; k++ {
		t, ok := at(k)
		if !ok {
			return false
		}
		switch t {
		case token.LPAREN:
			d++
		case token.RPAREN:
			d--
			if d == 0 {
				n1, _ := at(k + 1)
				n2, _ := at(k + 2)
				return n1 == token.IDENT && (n2 == token.LPAREN || n2 == token.LBRACK)
			}
		}
	}
}

// declaredNames returns the top-level names a segment declares, by kind
// ("func", "type", "var", "const", "import").
func (s *segment) declaredNames() map[string]string {
	out := map[string]string{}
	if s.decl {
		for _, d := range s.file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					out[d.Name.Name] = "func"
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						out[sp.Name.Name] = "type"
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							out[n.Name] = strings.ToLower(d.Tok.String())
						}
					case *ast.ImportSpec:
						name := importName(sp)
						out[name] = "import"
					}
				}
			}
		}
		return out
	}
	// Statements: yaegi makes top-level := and var declarations global.
	for _, st := range s.body() {
		switch st := st.(type) {
		case *ast.AssignStmt:
			if st.Tok == token.DEFINE {
				for _, l := range st.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						out[id.Name] = "var"
					}
				}
			}
		case *ast.DeclStmt:
			if gd, ok := st.Decl.(*ast.GenDecl); ok {
				for _, sp := range gd.Specs {
					switch sp := sp.(type) {
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							out[n.Name] = strings.ToLower(gd.Tok.String())
						}
					case *ast.TypeSpec:
						out[sp.Name.Name] = "type"
					}
				}
			}
		}
	}
	return out
}

func importName(sp *ast.ImportSpec) string {
	p := strings.Trim(sp.Path.Value, "\"`")
	if sp.Name != nil {
		return sp.Name.Name
	}
	return pathBase(p)
}

// pathBase is the default package name of an import path: its last
// element, or the one before a major version (math/rand/v2 is rand).
func pathBase(p string) string {
	parts := strings.Split(p, "/")
	name := parts[len(parts)-1]
	if len(parts) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = parts[len(parts)-2]
	}
	return name
}
