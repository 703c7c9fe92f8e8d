package lib_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoKernelImports enforces the layering: no package under lib/, nor
// its tests, imports kernel/ (directly or through another package). The
// kernel's own subcommands live in kernel/cmd, and main.go wires both sets.
func TestNoKernelImports(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	const kernel = "github.com/archlab/archlab/kernel"
	// One line per package and test variant: its import path, then its
	// dependencies, tab-separated (a test variant's path has a space:
	// "p [q.test]").
	out, err := exec.Command(goTool, "list", "-e", "-test",
		"-f", `{{.ImportPath}}{{"\t"}}{{join .Deps "\t"}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\t")
		for _, dep := range f[1:] {
			if dep == kernel || strings.HasPrefix(dep, kernel+"/") {
				t.Errorf("%s imports %s: lib/ must not import kernel/", f[0], dep)
				break
			}
		}
	}
}
