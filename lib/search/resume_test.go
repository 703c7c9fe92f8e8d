package search_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/lib/search"
	"github.com/archlab/archlab/lib/store"
	"github.com/archlab/archlab/lib/train"
)

func offlineLoop(t *testing.T, dir string, cfg *search.Config) *search.Loop {
	t.Helper()
	rec := &forward{}
	probe := search.Defaults()
	if cfg != nil {
		probe = *cfg
	}
	team, err := search.NewTeam(probe, rec)
	if err != nil {
		t.Fatal(err)
	}
	loop, err := search.Open(dir, cfg, search.Options{Team: team, Executor: executor(t, 1)})
	if err != nil {
		t.Fatal(err)
	}
	rec.loop = loop
	return loop
}

type forward struct{ loop *search.Loop }

func (f *forward) RecordCall(ctx context.Context, c agents.CallRecord) error {
	return f.loop.RecordCall(ctx, c)
}

func list(t *testing.T, l *search.Loop) []*store.Experiment {
	t.Helper()
	es, err := l.Store().List(context.Background(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// TestResumeEqualsUninterrupted: with the offline agents and one worker, a
// search stopped after 4 experiments and resumed to 8 stores the same
// sources and losses as an uninterrupted search of 8.
func TestResumeEqualsUninterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("two searches of 8 experiments")
	}
	ctx := context.Background()
	a, b := t.TempDir(), t.TempDir()

	la := offlineLoop(t, a, testConfig())
	if err := la.Run(ctx, search.Budget{Experiments: 4}); err != nil {
		t.Fatal(err)
	}
	if n, _ := la.Finished(ctx); n != 4 {
		t.Fatalf("first leg finished %d, want 4", n)
	}
	la.Close()
	la = offlineLoop(t, a, nil)
	if err := la.Run(ctx, search.Budget{Experiments: 8}); err != nil {
		t.Fatal(err)
	}
	defer la.Close()

	lb := offlineLoop(t, b, testConfig())
	if err := lb.Run(ctx, search.Budget{Experiments: 8}); err != nil {
		t.Fatal(err)
	}
	defer lb.Close()

	ea, eb := list(t, la), list(t, lb)
	if len(ea) != len(eb) || len(ea) < 8 {
		t.Fatalf("resumed run has %d rows, uninterrupted %d", len(ea), len(eb))
	}
	for i := range ea {
		x, y := ea[i], eb[i]
		if x.SourceHash != y.SourceHash || x.Name != y.Name || x.Status != y.Status || x.Parent != y.Parent {
			t.Errorf("#%d: resumed %s %s %s (parent %d), uninterrupted %s %s %s (parent %d)", x.ID, x.Name, x.Status, x.SourceHash[:8], x.Parent,
				y.Name, y.Status, y.SourceHash[:8], y.Parent)
		}
		if x.ValLoss != y.ValLoss && !(x.ValLoss != x.ValLoss && y.ValLoss != y.ValLoss) {
			t.Errorf("#%d %s: resumed val loss %v, uninterrupted %v", x.ID, x.Name, x.ValLoss, y.ValLoss)
		}
	}
}

// TestKillAndResume kills `archlab search` with SIGKILL at 10 random
// moments and resumes it each time: the run ends with exactly the
// requested experiments, every row whole, the database intact.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("a search killed ten times")
	}
	dir := t.TempDir()
	cfgFile := filepath.Join(t.TempDir(), "search.json")
	b, _ := json.Marshal(testConfig())
	if err := os.WriteFile(cfgFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	want := 6
	rng := rand.New(rand.NewPCG(42, 1))
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1")
	start := func() *osexec.Cmd {
		args := []string{"search", "--dir", dir, "--experiments", fmt.Sprint(want), "--quiet"}
		if _, err := os.Stat(filepath.Join(dir, "archlab.db")); err != nil {
			args = append(args, "--config", cfgFile)
		}
		cmd := osexec.Command(os.Args[0], args...)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	kills := 0
	for kills < 10 {
		cmd := start()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				holders(t, filepath.Join(dir, "lock"))
				t.Fatalf("search exited on its own with %v", err)
			}
			want += 2 // it finished before the kill: ask for more, so every kill lands mid-search
		case <-time.After(time.Duration(150+rng.IntN(1500)) * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
		}
	}
	t.Logf("killed %d times; %d experiments requested", kills, want)
	// The last run goes to the end.
	cmd := start()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("final resume: %v", err)
	}
	st, err := store.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	es, err := st.List(ctx, store.Filter{Stage: 1})
	if err != nil {
		t.Fatal(err)
	}
	finished := 0
	for i, e := range es {
		if e.ID != int64(i+1) {
			t.Errorf("row %d has id %d", i, e.ID)
		}
		switch e.Status {
		case store.Done:
			finished++
			var r train.Result
			raw, err := st.ReadFile(e.ID, "result.json")
			if err != nil || json.Unmarshal(raw, &r) != nil || r.Status != train.StatusOK {
				t.Errorf("#%d done but its result.json is not whole: %v", e.ID, err)
			}
			if src, err := st.ReadFile(e.ID, "layer.go"); err != nil || string(src) != e.Source {
				t.Errorf("#%d: layer.go differs from the stored source", e.ID)
			}
		case store.Failed, store.Rejected:
			finished++
		default:
			t.Errorf("#%d left %s", e.ID, e.Status)
		}
	}
	if finished != want {
		t.Errorf("finished = %d, want exactly %d", finished, want)
	}
}

// holders logs the processes that hold path open (a failed test's clue).
func holders(t *testing.T, path string) {
	fds, _ := filepath.Glob("/proc/[0-9]*/fd/*")
	for _, fd := range fds {
		if l, err := os.Readlink(fd); err == nil && l == path {
			pid := strings.Split(fd, "/")[2]
			cmd, _ := os.ReadFile("/proc/" + pid + "/cmdline")
			t.Logf("%s held by pid %s: %s", path, pid, strings.ReplaceAll(string(cmd), "\x00", " "))
		}
	}
}

// TestInterruptStopsCleanly: cancelling Run (a notebook's Interrupt, or
// Ctrl-C) leaves nothing running, and a later Run finishes the budget.
func TestInterruptStopsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in worker processes")
	}
	dir := t.TempDir()
	l := offlineLoop(t, dir, testConfig())
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	err := l.Run(ctx, search.Budget{Experiments: 5})
	if err == nil {
		t.Skip("the search finished before the interrupt; nothing to test on this machine")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Run after an interrupt = %v, want the context's error", err)
	}
	for _, e := range list(t, l) {
		if e.Status == store.Running {
			t.Errorf("#%d left running after the interrupt", e.ID)
		}
	}
	if err := l.Run(context.Background(), search.Budget{Experiments: 5}); err != nil {
		t.Fatal(err)
	}
	if n, _ := l.Finished(context.Background()); n != 5 {
		t.Errorf("finished %d after the resume, want 5", n)
	}
	l.Close()
}
