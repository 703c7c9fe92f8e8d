package arch

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeBin writes a shell script standing in for the archlab binary.
func fakeBin(t *testing.T, script string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "archlab")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCheckInChildCrash: a child that dies gives a report that says how,
// and the caller goes on.
func TestCheckInChildCrash(t *testing.T) {
	tests := []struct {
		name, script string
		want         []string
	}{
		{"fatal error", "echo 'fatal error: runtime: out of memory' >&2\necho 'goroutine 1 [running]:' >&2\nexit 2\n",
			[]string{"exit status 2", "fatal error: runtime: out of memory"}},
		{"killed", "kill -9 $$\n", []string{"signal: killed"}},
		{"no report", "echo 'not json'\nexit 1\n", []string{"exited 1 without a report"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := CheckInChild(context.Background(), fakeBin(t, tc.script), "mine.go", minimal)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK || rep.Arch != "mine.go" || rep.Error == nil || rep.Error.Stage != StageCrash || len(rep.Checks) != 7 {
				t.Fatalf("report: %+v", rep)
			}
			for _, w := range tc.want {
				if !strings.Contains(rep.Checks[0].Reason, w) {
					t.Errorf("reason %q lacks %q", rep.Checks[0].Reason, w)
				}
			}
		})
	}
	if _, err := CheckInChild(context.Background(), filepath.Join(t.TempDir(), "missing"), "x", minimal); err == nil {
		t.Error("a missing binary: want an error")
	}
}

// TestCheckInChild runs the real binary (built once) on a passing layer,
// a cheating one and the sources that used to kill the process.
func TestCheckInChild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the archlab binary")
	}
	bin := filepath.Join(t.TempDir(), "archlab")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/archlab/archlab").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	noncausal, err := os.ReadFile("testdata/noncausal.go")
	if err != nil {
		t.Fatal(err)
	}
	bomb := strings.Replace(minimal, "return &Layer", "var a [65536][65536][16]float64\n\t_ = a\n\treturn &Layer", 1)
	tests := []struct {
		name, src string
		ok        bool
		failed    string // the first failing check
		msg       string
	}{
		{"minimal", minimal, true, "", ""},
		{"noncausal", string(noncausal), false, CheckCausal, "reads the future"},
		{"huge array", bomb, false, CheckCompiles, "over the sandbox limit"},
		{"shift bomb", minimal + "\nconst big = 1 << (1 << 50)\n", false, CheckCompiles, "shift count"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := CheckInChild(context.Background(), bin, tc.name, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK != tc.ok || rep.Arch != tc.name {
				t.Fatalf("report: %+v", rep)
			}
			if f := rep.Failed(); !tc.ok && (f[0].Name != tc.failed || !strings.Contains(f[0].Reason, tc.msg)) {
				t.Fatalf("first failure %+v, want %s with %q", f[0], tc.failed, tc.msg)
			}
		})
	}
}
