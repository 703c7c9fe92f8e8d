package interp

import (
	"go/ast"
	"strings"
)

// labelPrefix marks a label renamed by rewriteLabels.
const labelPrefix = "__archlab_label_"

// rewriteLabels renames the labels whose name something else in the
// segment, or a global, also has: Go keeps labels apart from other names,
// yaegi puts them in one scope, so a label named like a variable, func,
// type or package (retry:, done:, outer:) broke its loop ("label x not
// defined", "undefined type", a crash).
//
//	x := 1; x: for { break x }   →   x := 1; __archlab_label_x: for { break __archlab_label_x }
//
// taken reports a name declared outside the segment. It reports whether
// it changed the segment.
func (s *segment) rewriteLabels(taken func(string) bool) bool {
	labels := map[*ast.Ident]bool{}
	ast.Inspect(s.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.LabeledStmt:
			labels[n.Label] = true
		case *ast.BranchStmt:
			if n.Label != nil {
				labels[n.Label] = true
			}
		}
		return true
	})
	if len(labels) == 0 {
		return false
	}
	others := map[string]bool{}
	ast.Inspect(s.file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !labels[id] {
			others[id.Name] = true
		}
		return true
	})
	var edits []edit
	for id := range labels {
		if id.Name == "_" || !others[id.Name] && !taken(id.Name) {
			continue
		}
		edits = append(edits, edit{s.offset(id.Pos()), s.offset(id.End()), labelPrefix + id.Name})
	}
	if len(edits) == 0 {
		return false
	}
	s.apply(edits)
	return true
}

// unrenameLabels takes rewriteLabels' prefix out of a message.
func unrenameLabels(msg string) string { return strings.ReplaceAll(msg, labelPrefix, "") }
