package runner_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/archlab/archlab/kernel/interp"
	"github.com/archlab/archlab/kernel/runner"
)

// TestRunScriptPanicPositions: a script's runtime panic names the script's
// own line and column, with or without a package clause, and a goroutine
// started on a method ends the script with its panic, not the process.
func TestRunScriptPanicPositions(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"top level", "xs := []int{1, 2}\ni := 5\nfmt.Println(xs[i])\n",
			"Panic: runtime error: index out of range [5] with length 2\n  at line 3:13\n"},
		{"func main", "func at(xs []int, i int) int {\n\treturn xs[i]\n}\n\nfunc main() {\n\tfmt.Println(at(nil, 1))\n}\n",
			"Panic: runtime error: index out of range [1] with length 0\n  at line 2:9 in at\n  at line 6:14 in main\n"},
		{"package clause", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar m map[string]int\n\tfmt.Println(\"before\")\n\tm[\"a\"] = 1\n}\n",
			"Panic: assignment to entry in nil map\n  at line 8:2 in main\n"},
		{"go x.M()", "type w struct{ m map[int]int }\n\nfunc (x *w) run(done chan bool) { x.m[1] = 1; done <- true }\n\nfunc main() {\n\tdone := make(chan bool)\n\tgo (&w{}).run(done)\n\t<-done\n}\n",
			"Panic: assignment to entry in nil map (in a goroutine)\n  at line 3:35 in (*w).run\n  in a goroutine started at line 7:2\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			err := runner.RunScript(context.Background(), tc.src, &out, &errb)
			var ce *interp.CellError
			if !errors.As(err, &ce) {
				t.Fatalf("err %v, want a panic", err)
			}
			if got := strings.Join(ce.Traceback, "\n") + "\n"; !strings.HasPrefix(got, tc.want) {
				t.Errorf("traceback:\n%s\nwant it to start with:\n%s", got, tc.want)
			}
		})
	}
}
