package interp

import (
	"fmt"
	"go/ast"
	"sort"
	"strings"
)

// Which package a name reaches. Several packages a cell may use share a
// name: plot is gonum's (gonum.org/v1/plot) and archlab's figures
// (lib/plot), exec is os/exec and archlab's executors (lib/exec), rand is
// math/rand and crypto/rand. A name used as pkg.X that nothing in the
// session defines is resolved by the selectors the cell writes after it:
//
//   - the usual package (pkgByName: gonum's plot, os/exec, math/rand) when
//     it exports every one of them;
//   - otherwise the other package of that name that exports them all
//     (plot.Spearman reaches lib/plot, exec.NewLocal lib/exec);
//   - when no single package has them all (plot.New with plot.Spearman),
//     the cell is a compile error that names both packages and how to
//     import the other one under a name of its own.
//
// A name imported already, by an import line or an earlier cell, keeps
// its package; a selector it lacks that another package of the name has is
// a compile error with the same advice.

// sameName lists, for each package name shared by several packages, their
// import paths, the usual one (pkgByName) first. Built with allExports.
var sameName map[string][]string

// buildSameName fills sameName from the export table keys
// ("path/name").
func buildSameName(ex map[string]struct{}) {
	byName := map[string][]string{}
	for k := range ex {
		i := strings.LastIndex(k, "/")
		if i < 0 {
			continue
		}
		p, name := k[:i], k[i+1:]
		if p == "." || strings.Contains(p, "internal") {
			continue
		}
		byName[name] = append(byName[name], p)
	}
	sameName = map[string][]string{}
	for name, ps := range byName {
		if len(ps) < 2 {
			continue
		}
		first := pkgByName[name]
		sort.Slice(ps, func(i, j int) bool {
			if (ps[i] == first) != (ps[j] == first) {
				return ps[i] == first
			}
			if len(ps[i]) != len(ps[j]) {
				return len(ps[i]) < len(ps[j])
			}
			return ps[i] < ps[j]
		})
		sameName[name] = ps
	}
}

// selUse is one pkg.Sel a cell writes, at the cell's line:col.
type selUse struct {
	sel       string
	line, col int
}

// selectorUses returns, for each unresolved identifier used as X in X.Sel,
// the selectors written after it.
func (s *segment) selectorUses() map[string][]selUse {
	unresolved := map[*ast.Ident]bool{}
	for _, id := range s.file.Unresolved {
		unresolved[id] = true
	}
	out := map[string][]selUse{}
	ast.Inspect(s.file, func(n ast.Node) bool {
		se, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := se.X.(*ast.Ident); ok && unresolved[id] {
			p := s.fset.Position(se.Pos())
			line, col := s.cellPos(p.Line, p.Column)
			out[id.Name] = append(out[id.Name], selUse{se.Sel.Name, line, col})
		}
		return true
	})
	return out
}

// exports reports whether the compiled package at path exports sym.
func exports(path, sym string) bool {
	_, ok := allExports()[path+"/"+pathBase(path)][sym]
	return ok
}

// pickPackage returns the import path an unimported name reaches given
// the selectors the cell writes after it, or a compile error when no
// package of that name has them all.
func pickPackage(name string, uses []selUse) (string, error) {
	allExports()
	cands := sameName[name]
	if len(cands) == 0 {
		return pkgByName[name], nil
	}
	// Selectors no package of the name exports are left to the compiler's
	// own "no symbol" error.
	var known []selUse
	for _, u := range uses {
		for _, p := range cands {
			if exports(p, u.sel) {
				known = append(known, u)
				break
			}
		}
	}
	for _, p := range cands {
		all := true
		for _, u := range known {
			if !exports(p, u.sel) {
				all = false
				break
			}
		}
		if all {
			return p, nil
		}
	}
	// Some selectors are only in the usual package, others only elsewhere.
	first := cands[0]
	for _, u := range known {
		if exports(first, u.sel) {
			continue
		}
		other := ""
		for _, p := range cands[1:] {
			if exports(p, u.sel) {
				other = p
				break
			}
		}
		but := ""
		for _, v := range known {
			if !exports(other, v.sel) {
				but = fmt.Sprintf(" but %s.%s (line %d:%d) is not", name, v.sel, v.line, v.col)
				break
			}
		}
		return "", newCellError("CompileError", fmt.Sprintf(
			"line %d:%d: %s.%s is in %s%s; %s stays %s here: %s",
			u.line, u.col, name, u.sel, other, but, name, first, importAdvice(name, other, u.sel)))
	}
	return first, nil
}

// checkImported reports a selector that the package a name already
// reaches lacks but another package of that name exports.
func checkImported(name, path string, uses []selUse) error {
	allExports()
	cands := sameName[name]
	if len(cands) == 0 {
		return nil
	}
	if _, ok := allExports()[path+"/"+pathBase(path)]; !ok {
		return nil // a source package: yaegi knows its symbols
	}
	for _, u := range uses {
		if exports(path, u.sel) {
			continue
		}
		for _, p := range cands {
			if p != path && exports(p, u.sel) {
				return newCellError("CompileError", fmt.Sprintf(
					"line %d:%d: %s is %s in this session (imported by an earlier cell), which has no %s; %s has it: %s",
					u.line, u.col, name, path, u.sel, p, importAdvice(name, p, u.sel)))
			}
		}
	}
	return nil
}

// importAdvice says how to import path under a name of its own.
func importAdvice(name, path, sel string) string {
	alias := path[:1] + name // os/exec: oexec, gonum.org/v1/plot: gplot
	if strings.HasPrefix(path, "github.com/archlab/archlab/") {
		alias = "a" + name
	}
	return fmt.Sprintf("import %s %q and write %s.%s", alias, path, alias, sel)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
