// Package gen writes kernel/symbols' yaegi tables: one file per package in
// Packages, produced by yaegi's extractor.
package gen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"go/importer"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Packages is the one list of compiled packages notebooks see, beside
// yaegi's standard library. Add a package here and run
// `go generate ./kernel/symbols`.
var Packages = []string{
	"github.com/archlab/archlab/kernel/nb",
	"github.com/archlab/archlab/kernel/display",

	"gonum.org/v1/gonum/floats",
	"gonum.org/v1/gonum/mat",
	"gonum.org/v1/gonum/stat",
	"gonum.org/v1/gonum/stat/distuv",
	"gonum.org/v1/gonum/stat/distmv",
	"gonum.org/v1/gonum/stat/combin",
	"gonum.org/v1/gonum/floats/scalar",
	"gonum.org/v1/gonum/optimize",
	"gonum.org/v1/gonum/integrate",
	"gonum.org/v1/gonum/integrate/quad",
	"gonum.org/v1/gonum/diff/fd",
	"gonum.org/v1/gonum/interp",
	"gonum.org/v1/gonum/dsp/fourier",
	"gonum.org/v1/gonum/mathext",

	"gonum.org/v1/plot",
	"gonum.org/v1/plot/plotter",
	"gonum.org/v1/plot/plotutil",
	"gonum.org/v1/plot/vg",
	"gonum.org/v1/plot/vg/draw",
	"gonum.org/v1/plot/vg/vgimg",
	"gonum.org/v1/plot/vg/vgsvg",
	"gonum.org/v1/plot/font",

	"github.com/go-gota/gota/dataframe",
	"github.com/go-gota/gota/series",
}

// Optional packages are other teams' archlab libraries: included when they
// exist and type-check, skipped (with a note on stderr) otherwise, so a
// half-written library never breaks the kernel's build.
var Optional = []string{
	"github.com/archlab/archlab/lib/results",
	"github.com/archlab/archlab/lib/plot",
	"github.com/archlab/archlab/lib/train",
	"github.com/archlab/archlab/lib/arch",
	"github.com/archlab/archlab/lib/data",
	"github.com/archlab/archlab/lib/eval",
	"github.com/archlab/archlab/lib/search",
	"github.com/archlab/archlab/lib/store",
	"github.com/archlab/archlab/agents",
	// lib/exec's name is os/exec's: a cell imports it explicitly, e.g.
	// import lexec "github.com/archlab/archlab/lib/exec" (search.Open
	// needs none: its default is the local process pool).
	"github.com/archlab/archlab/lib/exec",
}

// FileName is the generated file's name for an import path.
func FileName(importPath string) string {
	r := strings.NewReplacer("/", "_", ".", "_", "-", "_")
	return "z_" + r.Replace(importPath) + ".go"
}

// Generate writes one file per package into dir and returns the names
// written. Required packages that fail abort; optional ones are skipped.
func Generate(dir string, note func(format string, args ...any)) ([]string, error) {
	ex := Extractor{Dest: "symbols"}
	exports, listErrs := exportData(append(append([]string{}, Packages...), Optional...))
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		f, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(f)
	})
	var names []string
	one := func(p string) error {
		if e, ok := listErrs[p]; ok {
			return errors.New(e)
		}
		pkg, err := imp.Import(p)
		if err != nil {
			return err
		}
		src, err := ex.ExtractTypes(p, pkg)
		if err != nil {
			return err
		}
		// The extractor stamps the building Go version as a build tag;
		// the tables are version-independent for our purposes, so drop it
		// to keep regeneration stable across toolchains.
		src = dropBuildTags(src)
		if f, err := format.Source(src); err == nil {
			src = f
		}
		name := FileName(p)
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			return err
		}
		names = append(names, name)
		return nil
	}
	for _, p := range Packages {
		if err := one(p); err != nil {
			return nil, fmt.Errorf("gen: %s: %w", p, err)
		}
	}
	for _, p := range Optional {
		if err := one(p); err != nil {
			if note != nil {
				note("gen: skipping %s: %v", p, firstLine(err.Error()))
			}
		}
	}
	return names, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func dropBuildTags(src []byte) []byte {
	var out [][]byte
	for _, l := range bytes.Split(src, []byte("\n")) {
		if bytes.HasPrefix(l, []byte("//go:build ")) || bytes.HasPrefix(l, []byte("// +build ")) {
			continue
		}
		out = append(out, l)
	}
	return bytes.Join(out, []byte("\n"))
}

// exportData runs `go list -export -deps` once and returns the export data
// file of every package, and the errors of packages that do not build.
func exportData(pkgs []string) (map[string]string, map[string]string) {
	args := append([]string{"list", "-e", "-export", "-deps", "-json=ImportPath,Export,Error,DepsErrors"}, pkgs...)
	out, _ := exec.Command("go", args...).Output()
	files := map[string]string{}
	errs := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath string
			Export     string
			Error      *struct{ Err string }
			DepsErrors []struct{ Err string }
		}
		if dec.Decode(&p) != nil {
			break
		}
		if p.Export != "" {
			files[p.ImportPath] = p.Export
		}
		switch {
		case p.Error != nil:
			errs[p.ImportPath] = p.Error.Err
		case len(p.DepsErrors) > 0:
			errs[p.ImportPath] = p.DepsErrors[0].Err
		}
	}
	return files, errs
}
