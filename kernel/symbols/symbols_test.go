package symbols_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/archlab/archlab/kernel/symbols"
	"github.com/archlab/archlab/kernel/symbols/internal/gen"
)

// TestTablesFresh regenerates the tables into a temporary folder and
// compares them with the committed ones: it fails when a package in the
// list changed its API (or joined or left the list) without
// `go generate ./kernel/symbols`.
func TestTablesFresh(t *testing.T) {
	dir := t.TempDir()
	names, err := gen.Generate(dir, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	have, _ := filepath.Glob("z_*.go")
	sort.Strings(names)
	sort.Strings(have)
	if len(names) != len(have) {
		t.Errorf("generated %d tables, %d committed; run `go generate ./kernel/symbols`\ngenerated: %v\ncommitted: %v", len(names), len(have), names, have)
	}
	for _, n := range names {
		want, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(n)
		if err != nil {
			t.Errorf("%s missing; run `go generate ./kernel/symbols`", n)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s is stale; run `go generate ./kernel/symbols`", n)
		}
	}
}

func TestTablesCover(t *testing.T) {
	for _, p := range gen.Packages {
		key := p + "/" + filepath.Base(p)
		if len(symbols.Symbols[key]) == 0 {
			t.Errorf("no symbols for %s", key)
		}
	}
}
