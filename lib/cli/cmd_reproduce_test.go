package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// asiArchData returns ../shared/data/asi-arch from the module root, or skips.
func asiArchData(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			t.Skip("no go.mod above the package")
		}
		dir = filepath.Dir(dir)
	}
	d := filepath.Join(dir, "..", "shared", "data", "asi-arch")
	if _, err := os.Stat(filepath.Join(d, "106.json")); err != nil {
		t.Skipf("ASI-ARCH data not found at %s (module root/../shared/data/asi-arch): %v", d, err)
	}
	return d
}

func TestReproduceAndResultsCommands(t *testing.T) {
	data := asiArchData(t)
	out := filepath.Join(t.TempDir(), "rep")
	csvDir := filepath.Join(t.TempDir(), "csv")
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout []string // substrings
		stderr []string
	}{
		{"reproduce", []string{"reproduce", "asi-arch", "--data", data, "--out", out}, 0,
			[]string{"GPU-hours = 4 × (experiment index − 49)", "fig1.tsv", "table2.tsv", "fig6b.tsv", "tree.svg", "diagnostics.tsv"}, nil},
		{"reproduce help", []string{"reproduce", "--help"}, 0, []string{"--data", "fig1.tsv"}, nil},
		{"reproduce unknown target", []string{"reproduce", "nas-bench", "--data", data, "--out", out}, 2, nil, []string{"unknown or missing target"}},
		{"reproduce no out", []string{"reproduce", "asi-arch", "--data", data}, 2, nil, []string{"--data and --out are required"}},
		{"reproduce bad data", []string{"reproduce", "asi-arch", "--data", filepath.Join(out, "missing"), "--out", out}, 1, nil, []string{"results: load"}},
		{"results summary", []string{"results", "asi-arch", "--data", data}, 0, []string{"explored architectures: 1772", "SOTA architectures: 106"}, nil},
		{"results table", []string{"results", "asi-arch", "--data", data, "--table", "table2"}, 0, []string{"index,name,final_loss,score", "HybridGateFlow"}, nil},
		{"results csv", []string{"results", "asi-arch", "--data", data, "--csv", csvDir}, 0, []string{"tree.csv", "sota.csv", "losses.csv"}, nil},
		{"results bad table", []string{"results", "asi-arch", "--data", data, "--table", "nope"}, 2, nil, []string{"unknown table"}},
		{"results help", []string{"results", "--help"}, 0, []string{"--table", "--csv"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var o, e bytes.Buffer
			code := Main(c.args, nil, &o, &e)
			if code != c.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, o.String(), e.String())
			}
			for _, s := range c.stdout {
				if !strings.Contains(o.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, o.String())
				}
			}
			for _, s := range c.stderr {
				if !strings.Contains(e.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, e.String())
				}
			}
		})
	}
	for _, f := range []string{"fig1.tsv", "fig1.png", "table2.tsv", "fig6b.tsv", "tree.svg", "diagnostics.tsv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("reproduce did not write %s: %v", f, err)
		}
	}
}
