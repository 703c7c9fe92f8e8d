package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"strconv"
	"strings"
)

// A panic's traceback. yaegi (patched: internal/yaegi/README.md) writes one
// line to its Stderr for each interpreted frame a panic leaves, innermost
// first:
//
//	seg12/_.go:3:13: panic: main(...)
//
// The position is the expression that failed in the innermost frame and
// the call in each outer one; the directory names the segment whose source
// it is (lineDirective), so a frame in a function an earlier cell declared
// maps back to that cell's own line and column. Lines of a panic that
// interpreted code recovered are dropped when recover returns it
// (rewriteRecover), so what is left when a cell fails is that failure's.

// frameLineRE matches one frame line: segment, line, column, function.
var frameLineRE = regexp.MustCompile(`^(?:(?:seg(\d+)/)?_\.go:)?(\d+):(\d+): panic: (.*)\(\.\.\.\)$`)

// segInfo is what a compiled segment leaves for mapping its positions
// later: the source yaegi compiled and how it maps back to the cell.
type segInfo struct {
	decl   bool
	src    string
	orig   string
	passes [][]edit
	cell   int // the Execute it ran in (session.cells)
}

// info snapshots sg as compiled. Rewrites after it replace src rather
// than change it, so the snapshot never sees them.
func (sg *segment) info(cell int) *segInfo {
	return &segInfo{decl: sg.decl, src: sg.src, orig: sg.orig, passes: sg.passes[:len(sg.passes):len(sg.passes)], cell: cell}
}

// parsed returns a parsed segment for the snapshot.
func (si *segInfo) parsed() *segment {
	sg := &segment{decl: si.decl, src: si.src, orig: si.orig, passes: si.passes}
	if sg.parse() != nil {
		return nil
	}
	return sg
}

// tbFrame is one frame of a cell's traceback.
type tbFrame struct {
	fn        string // "" at a cell's top level
	line, col int    // in the cell; 0 when the frame is the session's own code
	earlier   bool   // in a cell run before the failing one
	text      string // the frame's source line, for an earlier cell
	nodes     []ast.Node
	seg       *segment
}

// String renders the frame as a traceback line.
func (f tbFrame) String() string {
	if f.line == 0 {
		return "  in " + f.fn
	}
	s := fmt.Sprintf("  at line %d:%d", f.line, f.col)
	if f.fn != "" {
		s += " in " + f.fn
	}
	if f.earlier {
		t := strings.TrimSpace(f.text)
		if len(t) > 60 {
			t = t[:57] + "..."
		}
		s += " (an earlier cell: " + t + ")"
	}
	return s
}

// frames turns yaegi's frame lines into the traceback, innermost first.
func (s *session) frames(diag string) []tbFrame {
	var out []tbFrame
	parsed := map[int]*segment{}
	for _, l := range strings.Split(diag, "\n") {
		m := frameLineRE.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		id, _ := strconv.Atoi(m[1])
		s.mu.Lock()
		si := s.segs[id]
		cells := s.cells
		s.mu.Unlock()
		if si == nil {
			// The session's prelude (slices.Min, ...), or the wrapper that
			// calls a pasted program's main.
			name := strings.TrimPrefix(m[4], "main.")
			if name != "main" && name != "" && !strings.HasPrefix(name, "__archlab") {
				out = append(out, tbFrame{fn: name})
			}
			continue
		}
		sg := parsed[id]
		if sg == nil {
			if sg = si.parsed(); sg == nil {
				continue
			}
			parsed[id] = sg
		}
		f := tbFrame{seg: sg, earlier: si.cell != cells}
		f.line, f.col = sg.cellPos(line, col)
		if f.earlier {
			if ls := strings.Split(sg.orig, "\n"); f.line < len(ls) {
				f.text = ls[f.line]
			}
		}
		pos := sg.posAt(line, col)
		if pos.IsValid() && sg.inserted(sg.offset(pos)) {
			continue // a call the kernel's rewrites made
		}
		f.fn = sg.funcAt(pos)
		f.nodes = sg.nodesAt(pos)
		out = append(out, f)
	}
	return out
}

// posAt converts a line and column of the wrapped source to a Pos.
func (sg *segment) posAt(line, col int) token.Pos {
	var file *token.File
	sg.fset.Iterate(func(f *token.File) bool { file = f; return false })
	if file == nil || line < 1 || line > file.LineCount() {
		return token.NoPos
	}
	p := file.LineStart(line) + token.Pos(col-1)
	if int(p) > file.Base()+file.Size() {
		return token.NoPos
	}
	return p
}

// nodesAt returns the nodes that start at pos, outermost first.
func (sg *segment) nodesAt(pos token.Pos) []ast.Node {
	var out []ast.Node
	if pos == token.NoPos {
		return nil
	}
	ast.Inspect(sg.file, func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		if n.Pos() == pos {
			out = append(out, n)
		}
		return true
	})
	return out
}

// funcAt names the function whose body holds pos: "check", "(*T).M",
// "main" (a cell's func main), "a func literal" (in check), or "" at the
// top level of a cell. Func literals the kernel's rewrites added do not
// count.
func (sg *segment) funcAt(pos token.Pos) string {
	var decl *ast.FuncDecl
	lit := false
	ast.Inspect(sg.file, func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			decl = n
		case *ast.FuncLit:
			if !sg.inserted(sg.offset(n.Pos())) {
				lit = true
			}
		}
		return true
	})
	name := ""
	if decl != nil && !(decl.Recv == nil && decl.Name.Name == "main" && !sg.decl) {
		name = decl.Name.Name
		if name == mainName {
			name = "main"
		}
		if decl.Recv != nil && len(decl.Recv.List) == 1 {
			name = recvString(decl.Recv.List[0].Type) + "." + name
		}
	}
	switch {
	case lit && name != "":
		return "a func literal in " + name
	case lit:
		return "a func literal"
	}
	return name
}

func recvString(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.StarExpr:
		return "(*" + strings.TrimPrefix(strings.TrimSuffix(recvString(t.X), ")"), "(") + ")"
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr:
		return recvString(t.X)
	case *ast.IndexListExpr:
		return recvString(t.X)
	case *ast.ParenExpr:
		return recvString(t.X)
	}
	return "?"
}

// traceLines renders frames, at most 8 of them.
func traceLines(fs []tbFrame) []string {
	var out []string
	for i, f := range fs {
		if i == 8 {
			out = append(out, fmt.Sprintf("  ... %d more", len(fs)-8))
			break
		}
		out = append(out, f.String())
	}
	return out
}

var (
	// yaegi's messages for Go's runtime errors, by kind.
	zeroValueRE   = regexp.MustCompile(`^reflect: call of reflect\.Value\.\w+ on zero Value$`)
	cfgPosPrefixR = regexp.MustCompile(`^(?:(?:seg\d+/)?_\.go:)?\d+:\d+: `)
)

// goMessage returns the message Go gives for a runtime panic that yaegi
// reports in its own words, judged by the failing expression (the
// innermost frame's nodes), and whether it changed msg. The fork raises
// Go's own run-time errors for index and slice bounds, nil dereferences
// and type assertions; this is the safety net for what it does not.
func (s *session) goMessage(msg string, inner *tbFrame) (string, bool) {
	if m := cfgPosPrefixR.FindString(msg); m != "" {
		return msg[len(m):], false // position shown in the traceback
	}
	if inner == nil || inner.seg == nil {
		return msg, false
	}
	switch {
	case zeroValueRE.MatchString(msg):
		if len(inner.nodes) > 0 {
			return "runtime error: invalid memory address or nil pointer dereference", true
		}
	}
	return msg, false
}

// segFileRE matches the file of a segment's positions (lineDirective).
var segFileRE = regexp.MustCompile(`^seg(\d+)/_\.go$`)

// cellLine returns the line of the cell (or program) as written at pos, a
// position in a segment as yaegi compiled it.
func (s *session) cellLine(pos token.Position) int {
	m := segFileRE.FindStringSubmatch(pos.Filename)
	if m == nil {
		return pos.Line
	}
	id, _ := strconv.Atoi(m[1])
	s.mu.Lock()
	si := s.segs[id]
	s.mu.Unlock()
	if si == nil {
		return pos.Line
	}
	l, _ := (&segment{decl: si.decl, src: si.src, orig: si.orig, passes: si.passes}).cellPos(pos.Line, pos.Column)
	return l
}
