package cmd

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/archlab/archlab/kernel/runner"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := archlab(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestCmdRunNotebook(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "out.ipynb")
	code, stdout, stderr := runCLI("run", "../runner/testdata/params.ipynb", "-o", dst, "-p", "steps=5", "-p", "name=cli")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "cli 5 0.50 false 3") {
		t.Errorf("stdout %q", stdout)
	}
	if !strings.Contains(stderr, "archlab run: wrote "+dst+" (") || strings.Contains(stderr, "[1/") {
		t.Errorf("stderr %q: want where it wrote, and no progress lines outside a terminal", stderr)
	}
	nb, err := runner.Read(dst)
	if err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) != 5 {
		t.Errorf("%d cells written", len(nb.Cells))
	}
}

func TestCmdRunFailure(t *testing.T) {
	code, _, stderr := runCLI("run", "-q", "../runner/testdata/fail.ipynb")
	if code != 1 || !strings.Contains(stderr, "cell 3 (In [2]: x := 1) failed") || !strings.Contains(stderr, "Panic: second cell fails") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestCmdRunScript(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.go")
	if err := os.WriteFile(p, []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"script ran\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("run", p)
	if code != 0 || stdout != "script ran\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestCmdRunUsage(t *testing.T) {
	if code, _, _ := runCLI("run"); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
	if code, _, _ := runCLI("run", "-p", "x=1", "missing.ipynb"); code != 1 {
		t.Errorf("missing file: exit %d, want 1", code)
	}
}

// TestCmdRunScriptPanicLine: a script's panic names its own line and column.
func TestCmdRunScriptPanicLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "p.go")
	src := "x := 1\ny := 2\npanic(fmt.Sprint(\"boom\", x+y))\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("run", p)
	if code != 1 || stderr != "panic: boom3\n\n  at line 3:1\nexit status 2\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestCmdRunScriptExit: a script's os.Exit, log.Fatal, panic and
// deadlock end it as go run reports a program's exit status; os.Exit(0)
// is a success.
func TestCmdRunScriptExit(t *testing.T) {
	for _, tc := range []struct {
		src    string
		code   int
		stderr string
	}{
		{"package main\n\nimport \"os\"\n\nfunc main() { os.Exit(3) }\n", 1, "exit status 3\n"},
		{"package main\n\nimport \"os\"\n\nfunc main() { os.Exit(0) }\n", 0, ""},
		{"package main\n\nimport \"os\"\n\nfunc main() { os.Exit(256) }\n", 0, ""},
		{"package main\n\nimport \"os\"\n\nfunc main() { os.Exit(-1) }\n", 1, "exit status 255\n"},
		{"log.SetFlags(0)\nlog.Fatal(\"bad input\")\n", 1, "bad input\nexit status 1\n"},
		{"x := []int{1}\ni := 3\n_ = x[i]\n", 1, "panic: runtime error: index out of range [3] with length 1\n\n  at line 3:5\nexit status 2\n"},
		{"panic(\"two\\nlines\")\n", 1, "panic: two\n\tlines\n\n  at line 1:1\nexit status 2\n"},
		{"package main\n\nimport \"flag\"\n\nfunc main() {\n\tfs := flag.NewFlagSet(\"sub\", flag.ExitOnError)\n\tfs.Parse([]string{\"-bogus\"})\n}\n", 1,
			"flag provided but not defined: -bogus\nUsage of sub:\nexit status 2\n"},
		{"package main\n\nfunc main() {\n\tch := make(chan int)\n\tch <- 1\n}\n", 1,
			"fatal error: all goroutines are asleep - deadlock!\n\n  1 goroutine [chan send]\nexit status 2\n"},
	} {
		p := filepath.Join(t.TempDir(), "p.go")
		if err := os.WriteFile(p, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCLI("run", p)
		if code != tc.code || stderr != tc.stderr {
			t.Errorf("%q: exit %d, stderr %q; want %d, %q", tc.src, code, stderr, tc.code, tc.stderr)
		}
	}
}

// TestCmdRunScriptArgs: the arguments after a script are the program's
// os.Args[1:], and flag.Parse reads them, as with go run; a bad flag
// exits with status 2 and the usage.
func TestCmdRunScriptArgs(t *testing.T) {
	p := filepath.Join(t.TempDir(), "args.go")
	src := `package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	n := flag.Int("n", 1, "repeat")
	flag.Parse()
	fmt.Println(len(os.Args), *n, flag.Args())
}
`
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("run", "-q", p, "-n", "3", "x", "-o")
	if code != 0 || stdout != "5 3 [x -o]\n" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0, \"5 3 [x -o]\"", code, stdout, stderr)
	}
	code, stdout, _ = runCLI("run", p)
	if code != 0 || stdout != "1 1 []\n" {
		t.Errorf("no arguments: exit %d, stdout %q; want os.Args of length 1", code, stdout)
	}
	code, stdout, _ = runCLI("run", p, "x", "-h")
	if code != 0 || stdout != "3 1 [x -h]\n" {
		t.Errorf("-h after the script: exit %d, stdout %q; want the program's", code, stdout)
	}
	code, _, stderr = runCLI("run", p, "-h")
	if code != 0 || !strings.Contains(stderr, "Usage of "+p) || !strings.Contains(stderr, "-n int") {
		t.Errorf("-h for the program: exit %d, stderr %q; want the program's usage", code, stderr)
	}
	code, _, stderr = runCLI("run", p, "-bad")
	if code != 1 || !strings.Contains(stderr, "flag provided but not defined: -bad") || !strings.HasSuffix(stderr, "exit status 2\n") {
		t.Errorf("bad flag: exit %d, stderr %q", code, stderr)
	}
}

// TestCmdRunScriptCompileError: a script that does not compile is
// reported as go run reports it: go build's lines and exit status 1.
func TestCmdRunScriptCompileError(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	src := "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 5\n\tfmt.Println(\"hi\")\n}\n"
	if err := os.WriteFile("unused.go", []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("run", "unused.go")
	want := "# command-line-arguments\n./unused.go:6:2: declared and not used: x\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1 and %q", code, stdout, stderr, want)
	}
}

// TestCmdRunAllowErrors: --allow-errors runs past the failing cell, keeps
// its error in the written notebook and exits 0.
func TestCmdRunAllowErrors(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "out.ipynb")
	code, stdout, stderr := runCLI("run", "--allow-errors", "../runner/testdata/fail.ipynb", "-o", dst)
	if code != 0 || !strings.Contains(stdout, "never") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	nb, err := runner.Read(dst)
	if err != nil {
		t.Fatal(err)
	}
	outs, _ := nb.Cells[2]["outputs"].([]any)
	if len(outs) != 1 || outs[0].(map[string]any)["ename"] != "Panic" {
		t.Errorf("failing cell outputs %v", outs)
	}
}

// TestCmdRunScriptTypeErrors: programs go build rejects
// (testdata/gobuild) fail under archlab run with go build's lines: the
// same errors, positions and words, at most ten, and exit status 1.
func TestCmdRunScriptTypeErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	files, _ := filepath.Glob("testdata/gobuild/*.go")
	if len(files) == 0 {
		t.Fatal("no programs")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			name := filepath.Base(file)
			if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
				t.Fatal(err)
			}
			build := exec.Command(goCmd, "build", "-o", os.DevNull, name)
			build.Dir = dir
			want, err := build.CombinedOutput()
			if err == nil {
				t.Fatalf("go build accepts %s", name)
			}
			t.Chdir(dir)
			code, stdout, stderr := runCLI("run", name)
			if code != 1 || stdout != "" || stderr != string(want) {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 1 and go build's:\n%s", code, stdout, stderr, want)
			}
		})
	}
}

// TestTuneGC: a script runs with GOGC=400 under a memory limit of half the
// machine's memory, unless GOGC or GOMEMLIMIT is set; the settings are
// restored after.
func TestTuneGC(t *testing.T) {
	if physicalMemory() == 0 {
		t.Skip("no /proc/meminfo")
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := tuneGC()
	if got := debug.SetGCPercent(400); got != 400 {
		t.Errorf("GOGC while a script runs: %d, want 400", got)
	}
	if limit := debug.SetMemoryLimit(-1); uint64(limit) != physicalMemory()/2 {
		t.Errorf("memory limit %d, want %d", limit, physicalMemory()/2)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC after: %d, want 100", got)
	}
	t.Setenv("GOGC", "50")
	tuneGC()()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set by the user was overridden: %d", got)
	}
}

// TestCmdRunScriptMatchesGoRun runs each testdata/gorunfile program with
// go run and archlab run, from the program's directory, and compares
// stdout and the exit status: programs whose output names their own file
// (log's Lshortfile and Llongfile).
func TestCmdRunScriptMatchesGoRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	files, _ := filepath.Glob("testdata/gorunfile/*.go")
	if len(files) == 0 {
		t.Fatal("no programs")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			name := filepath.Base(file)
			if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			run := exec.Command(goCmd, "run", name)
			run.Dir, run.Stdout = dir, &want
			wantCode := 0
			if err := run.Run(); err != nil {
				var ee *exec.ExitError
				if !errors.As(err, &ee) {
					t.Fatal(err)
				}
				wantCode = ee.ExitCode()
			}
			t.Chdir(dir)
			code, stdout, stderr := runCLI("run", name)
			if code != wantCode || stdout != want.String() {
				t.Errorf("exit %d, stdout:\n%s\nstderr: %s\nwant exit %d and go run's stdout:\n%s", code, stdout, stderr, wantCode, want.String())
			}
		})
	}
}
