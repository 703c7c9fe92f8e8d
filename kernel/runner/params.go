package runner

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
)

// InjectParams inserts, after the cell tagged "parameters", a cell tagged
// "injected-parameters" that assigns each name=value. A value is typed by
// the parameter's declaration in the tagged cell (string values are
// quoted, numbers and booleans checked); a name the cell does not declare
// is an error. An earlier injected cell is replaced (papermill's rule).
func InjectParams(nb *Notebook, params []string) error {
	if len(params) == 0 {
		return nil
	}
	at := -1
	for i, c := range nb.Cells {
		if c.Type() == "code" && c.HasTag("parameters") {
			at = i
			break
		}
	}
	if at < 0 {
		return fmt.Errorf("runner: parameters given but no cell is tagged \"parameters\"")
	}
	kinds := paramKinds(nb.Cells[at].Source())
	var lines []string
	for _, p := range params {
		name, val, ok := strings.Cut(p, "=")
		name = strings.TrimSpace(name)
		if !ok || !token.IsIdentifier(name) {
			return fmt.Errorf("runner: parameter %q: want name=value", p)
		}
		kind, ok := kinds[name]
		if !ok {
			return fmt.Errorf("runner: parameter %q: the parameters cell declares no %s", p, name)
		}
		lit, err := literal(kind, val)
		if err != nil {
			return fmt.Errorf("runner: parameter %s: %w", name, err)
		}
		lines = append(lines, fmt.Sprintf("%s = %s", name, lit))
	}
	cell := NewCodeCell("// Injected parameters\n"+strings.Join(lines, "\n")+"\n", "injected-parameters")
	if at+1 < len(nb.Cells) && nb.Cells[at+1].HasTag("injected-parameters") {
		nb.Cells[at+1] = cell
		return nil
	}
	nb.Cells = append(nb.Cells[:at+1], append([]Cell{cell}, nb.Cells[at+1:]...)...)
	return nil
}

// paramKinds maps each name the parameters cell declares to its type:
// "string", "int", "float64", "bool", another type name, or "" when only
// an untyped non-literal initialiser says what it is.
func paramKinds(src string) map[string]string {
	out := map[string]string{}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p; func _() {\n"+src+"\n}", 0)
	if err != nil {
		return out
	}
	litKind := func(e ast.Expr) string {
		switch e := e.(type) {
		case *ast.BasicLit:
			switch e.Kind {
			case token.STRING:
				return "string"
			case token.INT:
				return "int"
			case token.FLOAT:
				return "float64"
			}
		case *ast.Ident:
			if e.Name == "true" || e.Name == "false" {
				return "bool"
			}
		case *ast.UnaryExpr:
			if b, ok := e.X.(*ast.BasicLit); ok {
				if b.Kind == token.INT {
					return "int"
				}
				if b.Kind == token.FLOAT {
					return "float64"
				}
			}
		}
		return ""
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && i < len(n.Rhs) {
					out[id.Name] = litKind(n.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				switch {
				case n.Type != nil:
					if t, ok := n.Type.(*ast.Ident); ok {
						out[id.Name] = t.Name
					} else {
						out[id.Name] = ""
					}
				case i < len(n.Values):
					out[id.Name] = litKind(n.Values[i])
				default:
					out[id.Name] = ""
				}
			}
		}
		return true
	})
	return out
}

// literal renders val as Go source for a parameter of the given kind.
func literal(kind, val string) (string, error) {
	switch kind {
	case "string":
		return strconv.Quote(val), nil
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		if _, err := strconv.ParseInt(val, 0, 64); err != nil {
			return "", fmt.Errorf("%q is not an integer", val)
		}
		return val, nil
	case "float32", "float64":
		if _, err := strconv.ParseFloat(val, 64); err != nil {
			return "", fmt.Errorf("%q is not a number", val)
		}
		return val, nil
	case "bool":
		b, err := strconv.ParseBool(val)
		if err != nil {
			return "", fmt.Errorf("%q is not a boolean", val)
		}
		return strconv.FormatBool(b), nil
	}
	return val, nil // other types: the value is Go source
}
