//go:build unix

package exec

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/archlab/archlab/lib/train"
)

// newFake returns a Local executor whose worker is this test binary
// (TestMain's fake worker).
func newFake(t *testing.T, c LocalConfig) *Local {
	t.Helper()
	c.Bin = os.Args[0]
	c.Args = []string{"fake-worker"}
	c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	l, err := NewLocal(c)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// fakeJob writes a job whose fake worker acts out behaviour.
func fakeJob(t *testing.T, dir string, id int64, behaviour string) Job {
	t.Helper()
	jf := JobFile{ID: id, Mode: ModeCheck, Source: "layer.go", Spec: train.Spec{Arch: behaviour}}
	if err := WriteJob(dir, jf, "package layer\n"); err != nil {
		t.Fatal(err)
	}
	return Job{Dir: dir, ID: id}
}

func TestLocalOutcomes(t *testing.T) {
	tests := []struct {
		behaviour string
		job       Job // limits
		reason    string
		exit      int
		signal    string
		err       string // substring of Outcome.Error
		tail      string // substring of Outcome.LogTail
	}{
		{"ok", Job{Threads: 2}, "", 0, "", "", "openblas=2 gomaxprocs=2"},
		{"panic", Job{}, ReasonCrash, 2, "", "worker panicked: boom at step 3", "goroutine 1"},
		{"hang", Job{Wall: time.Second}, ReasonTimeout, -1, "SIGKILL", "worker ran past its 1s limit: killed", "fake worker hang"},
		{"memory", Job{MemBytes: 96 << 20}, ReasonMemory, -1, "SIGKILL", "worker exceeded its 96 MiB memory limit (peak ", "fake worker memory"},
		{"nonfinite", Job{}, ReasonNonFinite, ExitNonFinite, "", "the loss became NaN or Inf: train: step 3: loss is NaN", ""},
		{"compile", Job{}, ReasonCompile, ExitCompile, "", "the source did not build: compiles: arch: static: 3:1: expected declaration", ""},
		{"check", Job{}, ReasonCheck, ExitCheck, "", "check failed: causality: the output at position 3 changed", ""},
		{"segv", Job{}, ReasonCrash, -1, "SIGSEGV", "worker was killed by SIGSEGV", "fake worker segv"},
		{"usage", Job{}, ReasonCrash, ExitUsage, "", "worker rejected the job: archlab worker: exp/1/layer.go: no such file", ""},
		{"exit7", Job{}, ReasonCrash, 7, "", "worker exited with status 7: something odd", "something odd"},
	}
	l := newFake(t, LocalConfig{Workers: len(tests), Poll: 20 * time.Millisecond})
	for i, tc := range tests {
		t.Run(tc.behaviour, func(t *testing.T) {
			t.Parallel()
			j := fakeJob(t, t.TempDir(), int64(i+1), tc.behaviour)
			j.Threads, j.Wall, j.MemBytes = tc.job.Threads, tc.job.Wall, tc.job.MemBytes
			out := l.Run(context.Background(), j)
			if out.OK != (tc.reason == "") || out.Reason != tc.reason || out.Exit != tc.exit || out.Signal != tc.signal {
				t.Errorf("ok %v reason %q exit %d signal %q, want reason %q exit %d signal %q\nerror: %s\nlog:\n%s",
					out.OK, out.Reason, out.Exit, out.Signal, tc.reason, tc.exit, tc.signal, out.Error, out.LogTail)
			}
			if !strings.Contains(out.Error, tc.err) || (tc.err == "") != (out.Error == "") {
				t.Errorf("error %q, want it to contain %q", out.Error, tc.err)
			}
			if !strings.Contains(out.LogTail, tc.tail) || strings.Count(out.LogTail, "\n") >= 40 {
				t.Errorf("log tail does not hold %q:\n%s", tc.tail, out.LogTail)
			}
			if out.ID != j.ID || out.WallS <= 0 || out.MaxRSS <= 0 {
				t.Errorf("id %d wall %v max rss %d: not measured", out.ID, out.WallS, out.MaxRSS)
			}
			if tc.behaviour == "memory" && out.MaxRSS <= 96<<20 {
				t.Errorf("max rss %d, want above the 96 MiB limit", out.MaxRSS)
			}
		})
	}
}

// TestLocalLogAppends pins that a re-run appends to worker.log, with its
// header on a line of its own, and that the tail holds only the last
// attempt.
func TestLocalLogAppends(t *testing.T) {
	l := newFake(t, LocalConfig{Workers: 1})
	dir := t.TempDir()
	j := fakeJob(t, dir, 7, "partial")
	if out := l.Run(context.Background(), j); out.Error != "worker exited with status 7: half a line" {
		t.Errorf("first attempt: %q", out.Error)
	}
	fakeJob(t, dir, 7, "ok")
	out := l.Run(context.Background(), j)
	if !out.OK || strings.Contains(out.LogTail, "half a line") || !strings.HasPrefix(out.LogTail, "=== ") {
		t.Fatalf("second attempt: ok %v, tail:\n%s", out.OK, out.LogTail)
	}
	b, err := os.ReadFile(filepath.Join(ExpDir(dir, 7), LogFileName))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "=== "); n != 2 || !strings.Contains(string(b), "half a line\n=== ") {
		t.Errorf("worker.log has %d attempt headers, want 2:\n%s", n, b)
	}
}

// TestLocalKillsGrandchild: a process the worker leaves behind dies with
// the worker's group.
func TestLocalKillsGrandchild(t *testing.T) {
	l := newFake(t, LocalConfig{Workers: 1})
	dir := t.TempDir()
	j := fakeJob(t, dir, 1, "grandchild")
	if out := l.Run(context.Background(), j); !out.OK {
		t.Fatalf("%s\n%s", out.Error, out.LogTail)
	}
	b, err := os.ReadFile(filepath.Join(ExpDir(dir, 1), "grandchild.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(string(b))
	for deadline := time.Now().Add(3 * time.Second); alive(pid); {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("grandchild %d outlived the job", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// alive reports whether pid runs (a zombie waiting for its reaper is dead).
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := strings.LastIndexByte(string(b), ')')
	return i < 0 || !strings.HasPrefix(string(b[i+1:]), " Z")
}

func TestLocalCancel(t *testing.T) {
	tests := []struct {
		behaviour string
		exit      int
		signal    string
		err       string
	}{
		{"term", ExitCancelled, "", "cancelled: the worker stopped on SIGTERM"},
		{"ignore-term", -1, "SIGKILL", "cancelled: the worker ignored SIGTERM for 300ms and was killed"},
	}
	l := newFake(t, LocalConfig{Workers: 2, Grace: 300 * time.Millisecond})
	for i, tc := range tests {
		t.Run(tc.behaviour, func(t *testing.T) {
			t.Parallel()
			j := fakeJob(t, t.TempDir(), int64(i+1), tc.behaviour)
			ctx, cancel := context.WithCancel(context.Background())
			go func() {
				// The worker says "waiting" once its SIGTERM handling is set:
				// a signal before that would find Go's default and kill it.
				waitForLog(ExpDir(j.Dir, j.ID), "fake: waiting")
				cancel()
			}()
			t0 := time.Now()
			out := l.Run(ctx, j)
			cancel()
			if out.Reason != ReasonCancelled || out.Exit != tc.exit || out.Signal != tc.signal || out.Error != tc.err {
				t.Errorf("reason %q exit %d signal %q error %q, want cancelled %d %q %q\n%s",
					out.Reason, out.Exit, out.Signal, out.Error, tc.exit, tc.signal, tc.err, out.LogTail)
			}
			if d := time.Since(t0); d > 5*time.Second {
				t.Errorf("cancel took %v", d)
			}
		})
	}
	t.Run("before start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if out := l.Run(ctx, Job{Dir: t.TempDir(), ID: 1}); out.Reason != ReasonCancelled {
			t.Errorf("reason %q, want cancelled", out.Reason)
		}
	})
}

// waitForLog waits until the worker log in expDir holds s (the worker is
// up and has set its signal handling), at most 5 s.
func waitForLog(expDir, s string) {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, _ := os.ReadFile(filepath.Join(expDir, LogFileName)); strings.Contains(string(b), s) {
			return
		}
	}
}

// TestLocalSlots runs 4 jobs from 4 goroutines on 2 workers: at most 2
// run at once, and 2 do.
func TestLocalSlots(t *testing.T) {
	l := newFake(t, LocalConfig{Workers: 2})
	if l.Slots() != 2 {
		t.Fatalf("Slots() = %d, want 2", l.Slots())
	}
	dir := t.TempDir()
	var wg sync.WaitGroup
	outs := make([]Outcome, 4)
	for i := range outs {
		j := fakeJob(t, dir, int64(i+1), "sleep")
		wg.Go(func() { outs[i] = l.Run(context.Background(), j) })
	}
	wg.Wait()
	type event struct {
		t     int64
		delta int
	}
	var evs []event
	for i, o := range outs {
		if !o.OK {
			t.Fatalf("job %d: %s\n%s", i+1, o.Error, o.LogTail)
		}
		b, err := os.ReadFile(filepath.Join(ExpDir(dir, int64(i+1)), "span"))
		if err != nil {
			t.Fatal(err)
		}
		f := strings.Fields(string(b))
		a, _ := strconv.ParseInt(f[0], 10, 64)
		z, _ := strconv.ParseInt(f[1], 10, 64)
		evs = append(evs, event{a, 1}, event{z, -1})
	}
	most, n := 0, 0
	for len(evs) > 0 { // sweep in time order, ends before starts at a tie
		k := 0
		for i, e := range evs {
			if e.t < evs[k].t || e.t == evs[k].t && e.delta < evs[k].delta {
				k = i
			}
		}
		n += evs[k].delta
		most = max(most, n)
		evs = append(evs[:k], evs[k+1:]...)
	}
	if most != 2 {
		t.Errorf("at most %d jobs ran at once, want 2", most)
	}
}

func TestNewLocal(t *testing.T) {
	tests := []struct {
		name string
		c    LocalConfig
		ok   bool
	}{
		{"defaults", LocalConfig{}, true},
		{"missing binary", LocalConfig{Bin: filepath.Join(t.TempDir(), "nope")}, false},
		{"negative", LocalConfig{Workers: -1}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := NewLocal(tc.c)
			if (err == nil) != tc.ok {
				t.Fatalf("err %v, want ok %v", err, tc.ok)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "exec: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if l != nil && (l.Slots() < 1 || l.Name() != "local" || l.cfg.Threads != 1 || l.cfg.LogTailLines != 40) {
				t.Errorf("defaults not applied: %+v", l.cfg)
			}
		})
	}
}

func TestReadJob(t *testing.T) {
	dir := t.TempDir()
	good := JobFile{ID: 3, Mode: ModeTrain, Source: "layer.go", Spec: train.Spec{Preset: "tiny"}}
	if err := WriteJob(dir, good, "package layer\n"); err != nil {
		t.Fatal(err)
	}
	if j, err := ReadJob(dir, 3); err != nil || j.Spec.Preset != "tiny" {
		t.Fatalf("ReadJob = %+v, %v", j, err)
	}
	tests := []struct {
		name, body, want string
	}{
		{"missing", "", "no such file"},
		{"bad json", "{", "unexpected end of JSON"},
		{"wrong id", `{"id": 9, "mode": "check", "source": "a.go"}`, "it is job 9, not 1"},
		{"mode", `{"id": 1, "mode": "fly", "source": "a.go"}`, `unknown mode "fly"`},
		{"path", `{"id": 1, "mode": "check", "source": "../a.go"}`, "must be a file name"},
		{"no source", `{"id": 1, "mode": "check"}`, "no source file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.body != "" {
				os.MkdirAll(ExpDir(dir, 1), 0o755)
				os.WriteFile(filepath.Join(ExpDir(dir, 1), JobFileName), []byte(tc.body), 0o644)
			}
			_, err := ReadJob(dir, 1)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "exec: ") {
				t.Errorf("err %v, want exec: ...%s", err, tc.want)
			}
			if tc.name == "missing" && !errors.Is(err, os.ErrNotExist) {
				t.Errorf("err %v does not wrap ErrNotExist", err)
			}
		})
	}
}

func TestParseStat(t *testing.T) {
	tests := []struct {
		line  string
		pgid  int
		pages int64
		ok    bool
	}{
		{"42 (archlab) S 1 42 42 0 -1 4194560 100 0 0 0 5 1 0 0 20 0 3 0 100 123456 789 18446744073709551615", 42, 789, true},
		{"43 (a b) c)) R 42 42 42 0 -1 4194560 100 0 0 0 5 1 0 0 20 0 3 0 100 123456 12 18446744073709551615", 42, 12, true},
		{"44 (short) S 1 2", 0, 0, false},
	}
	for _, tc := range tests {
		pg, pages, ok := parseStat([]byte(tc.line))
		if pg != tc.pgid || pages != tc.pages || ok != tc.ok {
			t.Errorf("parseStat(%q) = %d, %d, %v, want %d, %d, %v", tc.line, pg, pages, ok, tc.pgid, tc.pages, tc.ok)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{{0, "none"}, {512, "512 B"}, {96 << 20, "96 MiB"}, {2 << 30, "2 GiB"}, {2470000000, "2.3 GiB"}}
	for _, tc := range tests {
		if got := formatBytes(tc.n); got != tc.want {
			t.Errorf("formatBytes(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// A worker that cannot start is a crash, recorded in worker.log too.
func TestLocalStartFails(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "archlab")
	if err := os.WriteFile(bin, []byte("not a program"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := NewLocal(LocalConfig{Bin: bin, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := l.Run(context.Background(), fakeJob(t, dir, 1, "ok"))
	if out.OK || out.Reason != ReasonCrash || !strings.HasPrefix(out.Error, "exec: start worker: ") || !strings.Contains(out.LogTail, out.Error) {
		t.Errorf("ok %v reason %q error %q, tail:\n%s", out.OK, out.Reason, out.Error, out.LogTail)
	}
}

// A report left by an earlier attempt is not this attempt's verdict.
func TestLocalStaleReport(t *testing.T) {
	l := newFake(t, LocalConfig{Workers: 1})
	dir := t.TempDir()
	j := fakeJob(t, dir, 1, "check-nofile")
	stale := filepath.Join(ExpDir(dir, 1), CheckFileName)
	if err := WriteJSON(stale, map[string]any{"checks": []map[string]any{{"name": "causality", "reason": "old news"}}}); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	out := l.Run(context.Background(), j)
	if want := "check failed: no readable check.json (left by an earlier attempt)"; out.Reason != ReasonCheck || out.Error != want {
		t.Errorf("reason %q error %q, want check, %q", out.Reason, out.Error, want)
	}
}

// Run leaves no goroutine behind, whichever way the worker ends.
func TestLocalNoGoroutineLeak(t *testing.T) {
	l := newFake(t, LocalConfig{Workers: 1, Poll: 20 * time.Millisecond, Grace: 200 * time.Millisecond})
	before := runtime.NumGoroutine()
	dir := t.TempDir()
	l.Run(context.Background(), fakeJob(t, dir, 1, "ok"))
	l.Run(context.Background(), Job{Dir: fakeJob(t, dir, 2, "hang").Dir, ID: 2, Wall: 300 * time.Millisecond})
	l.Run(context.Background(), Job{Dir: fakeJob(t, dir, 3, "memory").Dir, ID: 3, MemBytes: 64 << 20})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	l.Run(ctx, fakeJob(t, dir, 4, "ignore-term"))
	for deadline := time.Now().Add(2 * time.Second); runtime.NumGoroutine() > before; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after the jobs, %d before", runtime.NumGoroutine(), before)
		}
	}
}
