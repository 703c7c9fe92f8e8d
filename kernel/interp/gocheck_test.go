package interp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckProgram: a whole program is type-checked with the standard
// library's types, in the compiler's words and positions.
func TestCheckProgram(t *testing.T) {
	t.Setenv(TypesCacheEnv, "off")
	tests := []struct {
		name, src, want string // want: the error's lines, "" for none
	}{
		{"valid", "package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nfunc main() { fmt.Println(strings.ToUpper(\"a\")) }\n", ""},
		{"send on receive-only", "package main\n\nfunc f(ch <-chan int) {\n\tch <- 1\n}\n\nfunc main() { f(nil) }\n",
			"line 4:2: invalid operation: cannot send to receive-only channel <-chan int ch (variable of type <-chan int)"},
		{"break outside loop", "package main\n\nfunc main() {\n\tif true {\n\t\tbreak\n\t}\n}\n",
			"line 5:3: break is not in a loop, switch, or select"},
		{"library types", "package main\n\nimport \"strconv\"\n\nfunc main() {\n\tn := strconv.Atoi(\"1\")\n\t_ = n\n}\n",
			"line 6:7: assignment mismatch: 1 variable but strconv.Atoi returns 2 values"},
		{"have and want", "package main\n\nfunc f() (int, error) { return 0, nil }\n\nfunc g() int { return f() }\n\nfunc main() { g() }\n",
			"line 5:23: too many return values\n\thave (int, error)\n\twant (int)"},
		{"package not imported", "package main\n\nfunc main() { fmt.Println(1) }\n", "line 3:15: undefined: fmt"},
		{"module import", "package main\n\nimport \"example.com/x\"\n\nfunc main() { x.F() }\n", ""},
		{"statement outside a function", "package main\n\nfunc main() {}\n\nprintln(\"top\")\n",
			"line 5:1: syntax error: non-declaration statement outside function body"},
		{"missing brace at the end", "package main\n\nfunc main() {\n\tprintln(1)\n",
			"line 5:1: syntax error: unexpected EOF, expected }"},
		{"missing comma", "package main\n\nfunc main() {\n\tx := []int{1, 2\n\t}\n\t_ = x\n}\n",
			"line 4:17: syntax error: unexpected newline in composite literal; possibly missing comma or }"},
		{"else on its own line", "package main\n\nfunc main() {\n\tif true {\n\t}\n\telse {\n\t}\n}\n",
			"line 6:2: syntax error: unexpected keyword else, expected }"},
		{"if without a brace", "package main\n\nfunc main() {\n\tx := 3\n\tif x == 3\n\t\tprintln(x)\n}\n",
			"line 6:13: syntax error: unexpected newline, expected { after if clause"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err, _ := checkProgram(tt.src)
			got := ""
			if err != nil {
				ce := err.(*CellError)
				got = strings.Join(append([]string{ce.Value}, ce.Traceback[1:]...), "\n")
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTypesCache: the standard packages' types are written to the cache
// by a check from source and read by the next check, which finds the same
// errors; a damaged file is dropped and written again.
func TestTypesCache(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(TypesCacheEnv, dir)
	resetExportTypes()
	t.Cleanup(resetExportTypes)
	src := "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tvar w fmt.Stringer = os.Stdout\n\tfmt.Fprintln(os.Stdout, w)\n}\n"
	want := "line 9:23: cannot use os.Stdout (variable of type *os.File) as fmt.Stringer value in variable declaration: *os.File does not implement fmt.Stringer (missing method String)"
	check := func(when string) {
		t.Helper()
		_, err, complete := checkProgram(src)
		if err == nil || err.(*CellError).Value != want || !complete {
			t.Fatalf("%s: got %v (complete %v), want %q", when, err, complete, want)
		}
	}
	check("from source")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.x"))
	if len(files) != 2 {
		t.Fatalf("cache files %v, want fmt and os", files)
	}
	if cachedImporter([]string{"fmt", "os"}) == nil {
		t.Fatal("the cache is not used")
	}
	check("from the cache")

	// A damaged file: the check goes on without it, and the file is gone.
	resetExportTypes()
	fmtFile := filepath.Join(filepath.Dir(files[0]), "fmt.x")
	if err := os.WriteFile(fmtFile, []byte("iGARBAGE"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, complete := checkProgram(src); complete {
		t.Error("a damaged cache file gave a complete check")
	}
	if _, err := os.Stat(fmtFile); !os.IsNotExist(err) {
		t.Errorf("the damaged file is still there: %v", err)
	}
	check("after the damaged file")
	if _, err := os.Stat(fmtFile); err != nil {
		t.Errorf("not written again: %v", err)
	}
}

// TestWriteInstances: generic functions used as values get the type
// arguments go/types inferred written out; calls and explicit
// instantiations are left as they are.
func TestWriteInstances(t *testing.T) {
	t.Setenv(TypesCacheEnv, "off")
	src := "package main\n\nimport (\n\t\"cmp\"\n\t\"slices\"\n)\n\nfunc Id[T any](x T) T { return x }\n\nfunc main() {\n\txs := []int{2, 1}\n\tslices.SortFunc(xs, cmp.Compare)\n\tvar f func(string) string = Id\n\tg := Id[int]\n\t_, _ = f, g(Id(1))\n}\n"
	want := strings.Replace(strings.Replace(src, "cmp.Compare)", "cmp.Compare[int])", 1), "= Id\n", "= Id[string]\n", 1)
	want = strings.Replace(want, "g(Id(1))", "g(Id[int](1))", 1) // a call of the program's generic function
	got, err, complete := checkProgram(src)
	if err != nil || !complete || got != want {
		t.Errorf("got %v %v\n%s\nwant\n%s", err, complete, got, want)
	}
}
