package interp_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/interp"
)

// TestProcessEndingLimits pins the ways a cell still ends the process
// (doc.go, known limits), each in a child process: a panic in an
// interpreted func that compiled code runs on a goroutine of its own
// (time.AfterFunc), and os.Exit called by compiled code (a log.Logger's
// Fatal taken as a func value). The crash report reaches the process's
// original stderr.
func TestProcessEndingLimits(t *testing.T) {
	if cell := os.Getenv("ARCHLAB_TEST_CELL"); cell != "" {
		s, err := interp.New(interp.Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Execute(context.Background(), cell, &transcript{})
		t.Fatalf("the cell returned (%v); the process was expected to end", err)
	}
	if testing.Short() {
		t.Skip("runs child processes")
	}
	for _, tc := range []struct {
		name, cell, want string
		code             int
	}{
		{"AfterFunc", "time.AfterFunc(time.Millisecond, func() { panic(\"in a timer\") })\ntime.Sleep(5 * time.Second)", "panic: in a timer", 2},
		{"compiled os.Exit", "fatal := log.New(os.Stderr, \"\", 0).Fatal\nfatal(\"compiled exit\")", "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestProcessEndingLimits$", "-test.v")
			cmd.Env = append(os.Environ(), "ARCHLAB_TEST_CELL="+tc.cell)
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("child: %v, want exit status %d\n%s", err, tc.code, out)
			}
			if !strings.Contains(string(out), tc.want) || strings.Contains(string(out), "the cell returned") {
				t.Errorf("child output lacks %q:\n%s", tc.want, out)
			}
		})
	}
}

// TestPanicWithAddress: a panic with a value Go's runtime prints by its
// type and address (a struct, slice, map, pointer or func without Error or
// String methods) reads "(main.T) 0x...", as under go run; named basic
// values print with their type, and recover gives the value back.
func TestPanicWithAddress(t *testing.T) {
	s := newSession(t)
	ctx := context.Background()
	if _, err := s.Execute(ctx, "type panT struct{ A int }\ntype panC int", newEvents()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ cell, want string }{
		{"panic(panT{1})", `^\(main\.panT\) 0x[0-9a-f]+$`},
		{"panic(&panT{1})", `^\(\*main\.panT\) 0x[0-9a-f]+$`},
		{"panic([]int{1})", `^\(\[\]int\) 0x[0-9a-f]+$`},
		{"panic(map[string]panT{})", `^\(map\[string\]main\.panT\) 0x[0-9a-f]+$`},
		{"panic(panC(2))", `^main\.panC\(2\)$`},
		{"func() (s string) { defer func() { s = fmt.Sprint(recover()) }(); panic(panT{3}) }()", ""},
	} {
		v, err := s.Execute(ctx, tc.cell, newEvents())
		if tc.want == "" {
			if err != nil || v.Data[display.MIMEText] != "{3}" {
				t.Errorf("%s = %v, %v; want {3}", tc.cell, v, err)
			}
			continue
		}
		var ce *interp.CellError
		if !errors.As(err, &ce) || ce.Name != "Panic" || !regexp.MustCompile(tc.want).MatchString(ce.Value) {
			t.Errorf("%s: %v; want a panic matching %s", tc.cell, err, tc.want)
		}
	}
}

// TestStackOverflow: a runaway recursion ends its cell with Go's fatal
// error "stack overflow" within seconds, where it went on until the Go
// runtime killed the kernel, and the session goes on.
func TestStackOverflow(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("recurses 1.2 million calls deep")
	}
	s := newSession(t)
	ctx := context.Background()
	_, err := s.Execute(ctx, "func soRec(n int) int { return soRec(n+1) + 1 }\nsoRec(0)", newEvents())
	var ce *interp.CellError
	if !errors.As(err, &ce) || ce.Name != "FatalError" || ce.Value != "stack overflow" {
		t.Fatalf("runaway recursion: %v; want FatalError stack overflow", err)
	}
	v, err := s.Execute(ctx, "func soDeep(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n\treturn soDeep(n-1) + 1\n}\nsoDeep(1000000)", newEvents())
	if err != nil || v.Data[display.MIMEText] != "1000000" {
		t.Fatalf("after the overflow, a recursion a million calls deep = %v, %v; want 1000000", v, err)
	}
}
