package interp_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/kernel/interp"
)

// TestProgramsMatchGoRun runs each testdata/gorun/*.go program with go run
// and in a session (a pasted program runs its main), and compares: the
// same stdout, and a panic with the same message on the same line (or
// the same fatal error).
func TestProgramsMatchGoRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	realStderr(t)
	files, _ := filepath.Glob("testdata/gorun/*.go")
	if len(files) == 0 {
		t.Fatal("no programs")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			if raceEnabled && strings.HasPrefix(filepath.Base(file), "concurrent") {
				// Their many goroutines first build the interpreter's
				// lazy per-node caches at once; -race checks the
				// interpreter's own code elsewhere, these check results.
				t.Skip("many goroutines run the same code at once")
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var goOut, goErr bytes.Buffer
			cmd := exec.Command(goCmd, "run", file)
			cmd.Stdout, cmd.Stderr = &goOut, &goErr
			runErr := cmd.Run()
			wantPanic, wantLine := goPanic(goErr.String(), filepath.Base(file))
			wantFatal := ""
			if first, _, _ := strings.Cut(goErr.String(), "\n"); strings.HasPrefix(first, "fatal error: ") {
				wantFatal = strings.TrimPrefix(first, "fatal error: ")
			}
			if runErr != nil && wantPanic == "" && wantFatal == "" {
				t.Fatalf("go run: %v\n%s", runErr, goErr.String())
			}

			// The goroutines of the programs before (their sessions'
			// watchers and pumps) end first: a program may count its own
			// (kernel/cmd/testdata/gorunfile/numgoroutine.go runs alone).
			settleGoroutines()
			s, err := interp.New(interp.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			tr := &transcript{}
			_, err = s.Execute(context.Background(), string(src), tr)
			got := strings.TrimPrefix(tr.b.String(), "[stdout]\n")
			got = strings.TrimSuffix(got, "⏎\n")
			if got != goOut.String() {
				t.Errorf("stdout:\n-go run:\n%s\n+interp:\n%s", goOut.String(), got)
			}
			var ce *interp.CellError
			errors.As(err, &ce)
			switch {
			case wantFatal != "":
				if ce == nil || ce.Name != "FatalError" || ce.Value != wantFatal {
					t.Errorf("interp: %v, go run: fatal error: %s", err, wantFatal)
				}
			case wantPanic == "" && err != nil:
				t.Errorf("interp: %v, go run succeeded", err)
			case wantPanic != "" && (ce == nil || ce.Name != "Panic" || !samePanic(ce.Value, wantPanic)):
				t.Errorf("interp: %v, go run: panic: %s", err, wantPanic)
			case wantPanic != "" && !strings.Contains(strings.Join(ce.Traceback, "\n"), "at line "+wantLine+":"):
				t.Errorf("interp traceback %q, go run panicked on line %s", ce.Traceback, wantLine)
			}
		})
	}
}

// samePanic compares a cell's panic message with go run's. Inside a
// function the interpreter cannot give an index's value and length (doc.go,
// known limits), so "index out of range" matches Go's
// "index out of range [5] with length 2".
func samePanic(got, want string) bool {
	got, _, _ = strings.Cut(got, "\n") // go run's first line: a chain's oldest panic
	return got == want || strings.HasSuffix(got, "out of range") && strings.HasPrefix(want, got+" [")
}

var goFrameRE = regexp.MustCompile(`(?m)^\t.*/([^/]+\.go):(\d+)`)

// goPanic returns a go run panic's message and the line of its innermost
// frame in file.
func goPanic(stderr, file string) (msg, line string) {
	_, rest, ok := strings.Cut(stderr, "panic: ")
	if !ok {
		return "", ""
	}
	msg, _, _ = strings.Cut(rest, "\n")
	for _, m := range goFrameRE.FindAllStringSubmatch(rest, -1) {
		if m[1] == file {
			return msg, m[2]
		}
	}
	return msg, ""
}

// settleGoroutines waits, at most half a second, until the process's
// goroutine count has stayed the same for three polls.
func settleGoroutines() {
	last, same := runtime.NumGoroutine(), 0
	for i := 0; i < 100 && same < 3; i++ {
		time.Sleep(5 * time.Millisecond)
		if n := runtime.NumGoroutine(); n == last {
			same++
		} else {
			last, same = n, 0
		}
	}
}
