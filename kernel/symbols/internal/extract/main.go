// Command extract regenerates kernel/symbols' tables in the current
// directory (run by `go generate ./kernel/symbols`). Stale z_*.go files
// are removed first.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/archlab/archlab/kernel/symbols/internal/gen"
)

func main() {
	old, _ := filepath.Glob("z_*.go")
	for _, f := range old {
		os.Remove(f)
	}
	names, err := gen.Generate(".", func(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...) })
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "extract: wrote %d files\n", len(names))
}
