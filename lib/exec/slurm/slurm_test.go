package slurm

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	osexec "os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/exec/slurm/slurmtest"
	"github.com/archlab/archlab/lib/train"
)

// The test binary doubles as a fake worker: the jobs run
// `TESTBIN fake-worker worker --dir D --exp ID --threads T`, and TestMain
// acts out the behaviour named in the job's spec.arch.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "fake-worker" {
		os.Exit(fakeWorker(os.Args[3:]))
	}
	os.Exit(m.Run())
}

func fakeWorker(args []string) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	dir := fs.String("dir", "", "")
	id := fs.Int64("exp", 0, "")
	fs.Int("threads", 0, "")
	if fs.Parse(args) != nil {
		return exec.ExitUsage
	}
	j, err := exec.ReadJob(*dir, *id)
	if err != nil {
		fmt.Fprintln(os.Stderr, "archlab worker:", err)
		return exec.ExitUsage
	}
	ed := exec.ExpDir(*dir, *id)
	fmt.Fprintf(os.Stderr, "fake worker %s: gomaxprocs=%s gpus=%q\n", j.Spec.Arch, os.Getenv("GOMAXPROCS"), os.Getenv("SLURM_GPUS_ON_NODE"))
	os.WriteFile(filepath.Join(ed, "pid"), []byte(strconv.Itoa(os.Getpid())), 0o644)
	switch j.Spec.Arch {
	case "ok":
		exec.WriteJSON(filepath.Join(ed, exec.ResultFileName), map[string]string{"status": "ok"})
		return 0
	case "panic":
		panic("boom at step 3")
	case "nonfinite":
		exec.WriteJSON(filepath.Join(ed, exec.ResultFileName), map[string]string{"status": "failed", "error": "train: step 3: loss is NaN"})
		return exec.ExitNonFinite
	case "hang":
		time.Sleep(time.Hour)
	case "memory": // grows about 160 MB/s until killed
		var keep [][]byte
		for {
			b := make([]byte, 8<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1
			}
			keep = append(keep, b)
			time.Sleep(50 * time.Millisecond)
		}
	case "slow": // runs a few seconds, long enough to be found running
		time.Sleep(4 * time.Second)
		return 0
	}
	return 1
}

func newTest(t *testing.T, s Settings) *Executor {
	t.Helper()
	slurmtest.Require(t)
	s.PollS = 0.2
	x, err := New(Config{Settings: s, Args: []string{"fake-worker"}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	x.bin = os.Args[0]
	return x
}

// fakeJob writes a job whose fake worker acts out behaviour, to be
// scancelled if the test leaves it in Slurm.
func fakeJob(t *testing.T, dir string, id int64, behaviour string) exec.Job {
	t.Helper()
	jf := exec.JobFile{ID: id, Mode: exec.ModeCheck, Source: "layer.go", Spec: train.Spec{Arch: behaviour}}
	if err := exec.WriteJob(dir, jf, "package layer\n"); err != nil {
		t.Fatal(err)
	}
	slurmtest.CancelUnder(t, dir)
	return exec.Job{Dir: dir, ID: id, Threads: 1, MemBytes: 256 << 20}
}

// squeueState returns Slurm's state of job id, "" when it knows none.
func squeueState(t *testing.T, x *Executor, id string) string {
	q, err := x.squeue(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	return q[id].State
}

// waitRunning waits until experiment id's job is RUNNING and returns its id.
func waitRunning(t *testing.T, x *Executor, dir string, id int64) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if r, err := ReadRecord(dir, id); err == nil && r.JobID != "" {
			if _, err := os.Stat(filepath.Join(exec.ExpDir(dir, id), "pid")); err == nil && squeueState(t, x, r.JobID) == "RUNNING" {
				return r.JobID
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("experiment %d: no running Slurm job after 60 s", id)
	return ""
}

func TestSlurmOutcomes(t *testing.T) {
	t.Parallel()
	x := newTest(t, Settings{})
	tests := []struct {
		behaviour, reason string
		exit              int
		err, tail         string
	}{
		{"ok", "", 0, "", "=== "},
		{"memory", exec.ReasonMemory, -1, "exceeded its memory (128 MiB)", "fake worker memory"},
		{"panic", exec.ReasonCrash, 2, "worker panicked: boom at step 3", "goroutine 1"},
		{"nonfinite", exec.ReasonNonFinite, exec.ExitNonFinite, "the loss became NaN or Inf: train: step 3: loss is NaN", "gomaxprocs=1"},
	}
	for i, tc := range tests {
		t.Run(tc.behaviour, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			j := fakeJob(t, dir, int64(i+1), tc.behaviour)
			if tc.behaviour == "memory" {
				j.MemBytes = 128 << 20
			}
			out := x.Run(context.Background(), j)
			if out.OK != (tc.reason == "") || out.Reason != tc.reason || out.Exit != tc.exit || !strings.Contains(out.Error, tc.err) {
				t.Errorf("ok %v reason %q exit %d error %q, want reason %q exit %d error %q\nlog:\n%s",
					out.OK, out.Reason, out.Exit, out.Error, tc.reason, tc.exit, tc.err, out.LogTail)
			}
			if !strings.Contains(out.LogTail, tc.tail) || !strings.Contains(out.LogTail, "attempt: Slurm job ") {
				t.Errorf("log tail lacks %q and the attempt header:\n%s", tc.tail, out.LogTail)
			}
		})
	}
}

// TestSlurmGPU asks for one of the test cluster's two (fake) GPUs: Slurm
// allocates it and tells the worker (SLURM_GPUS_ON_NODE; the fake devices
// get no CUDA_VISIBLE_DEVICES in a batch step).
func TestSlurmGPU(t *testing.T) {
	t.Parallel()
	x := newTest(t, Settings{GPUs: 1})
	out := x.Run(context.Background(), fakeJob(t, t.TempDir(), 1, "ok"))
	if !out.OK || !strings.Contains(out.LogTail, `gpus="1"`) {
		t.Errorf("ok %v (%s); want the worker to see SLURM_GPUS_ON_NODE=1:\n%s", out.OK, out.Error, out.LogTail)
	}
}

// TestSlurmKilledMidRun kills a running job two ways: its worker process
// by SIGKILL, and the whole job by an scancel from outside the search.
func TestSlurmKilledMidRun(t *testing.T) {
	t.Parallel()
	x := newTest(t, Settings{})
	t.Run("worker SIGKILL", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		done := make(chan exec.Outcome, 1)
		go func() { done <- x.Run(context.Background(), fakeJob(t, dir, 1, "hang")) }()
		waitRunning(t, x, dir, 1)
		b, _ := os.ReadFile(filepath.Join(exec.ExpDir(dir, 1), "pid"))
		pid, _ := strconv.Atoi(string(b))
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		out := <-done
		if out.OK || out.Reason != exec.ReasonCrash || out.Signal != "SIGKILL" || !strings.Contains(out.Error, "killed by SIGKILL") {
			t.Errorf("reason %q signal %q error %q, want a crash by SIGKILL", out.Reason, out.Signal, out.Error)
		}
	})
	t.Run("scancel", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		done := make(chan exec.Outcome, 1)
		go func() { done <- x.Run(context.Background(), fakeJob(t, dir, 2, "hang")) }()
		id := waitRunning(t, x, dir, 2)
		if out, err := osexec.Command("scancel", id).CombinedOutput(); err != nil {
			t.Fatalf("scancel: %v %s", err, out)
		}
		out := <-done
		if out.OK || out.Reason != exec.ReasonCrash || !strings.Contains(out.Error, "cancelled outside the search") {
			t.Errorf("reason %q error %q, want a crash: cancelled outside the search", out.Reason, out.Error)
		}
	})
}

// TestSlurmTimeLimit runs a job past its one-minute --time: Slurm kills it
// (Slurm's resolution is a minute, and it checks limits every 30 s).
func TestSlurmTimeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for Slurm's one-minute time limit")
	}
	t.Parallel() // a minute of waiting: the other tests run meanwhile
	x := newTest(t, Settings{})
	j := fakeJob(t, t.TempDir(), 1, "hang")
	j.Wall = 40 * time.Second // rounds up to --time=1
	out := x.Run(context.Background(), j)
	if out.OK || out.Reason != exec.ReasonTimeout || !strings.Contains(out.Error, "ran past its time limit") {
		t.Errorf("reason %q error %q, want a timeout\nlog:\n%s", out.Reason, out.Error, out.LogTail)
	}
	if out.WallS < 55 {
		t.Errorf("wall %.0f s, want about a minute (the --time of 1)", out.WallS)
	}
}

// TestSlurmCancel ends ctx while the job runs: the job is scancelled and
// gone from Slurm when Run returns.
func TestSlurmCancel(t *testing.T) {
	t.Parallel()
	x := newTest(t, Settings{})
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan exec.Outcome, 1)
	go func() { done <- x.Run(ctx, fakeJob(t, dir, 1, "hang")) }()
	id := waitRunning(t, x, dir, 1)
	cancel()
	out := <-done
	if out.Reason != exec.ReasonCancelled {
		t.Errorf("reason %q error %q, want cancelled", out.Reason, out.Error)
	}
	if st := squeueState(t, x, id); st != "CANCELLED" && st != "" {
		t.Errorf("Slurm job %s is %s after Run returned, want it cancelled", id, st)
	}
}

// TestSlurmAdopt is a coordinator restart: a job submitted by a
// coordinator that died is adopted by the next Run of the same
// experiment, not submitted again; a job left running an older job.json
// is cancelled and replaced.
func TestSlurmAdopt(t *testing.T) {
	t.Parallel()
	x := newTest(t, Settings{})
	t.Run("same job", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		j := fakeJob(t, dir, 1, "slow")
		rec, err := x.submit(context.Background(), j, hashOf(t, dir, 1), Record{}, false) // the coordinator dies here
		if err != nil {
			t.Fatal(err)
		}
		y := newTest(t, Settings{}) // the restarted coordinator
		out := y.Run(context.Background(), j)
		got, _ := ReadRecord(dir, 1)
		if !out.OK || got.JobID != rec.JobID || len(got.Earlier) != 0 {
			t.Errorf("ok %v (%s), job %s earlier %v; want job %s adopted and nothing resubmitted", out.OK, out.Error, got.JobID, got.Earlier, rec.JobID)
		}
		if b, _ := os.ReadFile(filepath.Join(exec.ExpDir(dir, 1), exec.LogFileName)); strings.Count(string(b), "attempt: Slurm job") != 1 {
			t.Errorf("worker.log has %d attempts, want 1:\n%s", strings.Count(string(b), "attempt: Slurm job"), b)
		}
	})
	t.Run("interrupted submission", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		j := fakeJob(t, dir, 2, "slow")
		rec, err := x.submit(context.Background(), j, hashOf(t, dir, 2), Record{}, false)
		if err != nil {
			t.Fatal(err)
		}
		id := rec.JobID
		rec.JobID = "" // died between sbatch and recording its id
		exec.WriteJSON(filepath.Join(exec.ExpDir(dir, 2), RecordFileName), rec)
		out := newTest(t, Settings{}).Run(context.Background(), j)
		got, _ := ReadRecord(dir, 2)
		if !out.OK || got.JobID != id {
			t.Errorf("ok %v (%s), job %q, want job %s found by name and adopted", out.OK, out.Error, got.JobID, id)
		}
	})
	for _, mode := range []string{exec.ModeTrain, exec.ModeCheck} {
		t.Run("ended "+mode, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			j := fakeJob(t, dir, 4, "ok")
			if mode == exec.ModeTrain {
				jf, _ := exec.ReadJob(dir, 4)
				jf.Mode, jf.Spec.Preset = exec.ModeTrain, "tiny"
				exec.WriteJob(dir, jf, "package layer\n")
			}
			rec, err := x.submit(context.Background(), j, hashOf(t, dir, 4), Record{}, false) // the coordinator dies here
			if err != nil {
				t.Fatal(err)
			}
			for deadline := time.Now().Add(60 * time.Second); squeueState(t, x, rec.JobID) != "COMPLETED"; time.Sleep(200 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("job %s did not complete in 60 s", rec.JobID)
				}
			}
			out := newTest(t, Settings{}).Run(context.Background(), j)
			got, _ := ReadRecord(dir, 4)
			adopted := got.JobID == rec.JobID && len(got.Earlier) == 0
			if !out.OK || adopted != (mode == exec.ModeTrain) {
				t.Errorf("ok %v (%s), record %+v after job %s; want a training job's end adopted, a check job run again", out.OK, out.Error, got, rec.JobID)
			}
		})
	}
	// Ctrl-C cancels the training job; the restarted coordinator must
	// train again, not take the CANCELLED end as the layer's failure.
	t.Run("cancelled by the search", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		j := fakeJob(t, dir, 5, "slow")
		jf, _ := exec.ReadJob(dir, 5)
		jf.Mode, jf.Spec.Preset = exec.ModeTrain, "tiny"
		exec.WriteJob(dir, jf, "package layer\n")
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan exec.Outcome, 1)
		go func() { done <- x.Run(ctx, j) }()
		old := waitRunning(t, x, dir, 5)
		cancel()
		if out := <-done; out.Reason != exec.ReasonCancelled {
			t.Fatalf("reason %q (%s), want cancelled", out.Reason, out.Error)
		}
		if rec, _ := ReadRecord(dir, 5); !rec.Cancelled || rec.JobID != old {
			t.Errorf("record %+v after Ctrl-C, want job %s marked cancelled", rec, old)
		}
		y := newTest(t, Settings{})
		if y.Holds(context.Background(), j) {
			t.Errorf("Holds says the cancelled job %s would be adopted", old)
		}
		out := y.Run(context.Background(), j)
		got, _ := ReadRecord(dir, 5)
		if !out.OK || got.JobID == old || !slices.Equal(got.Earlier, []string{old}) || got.Cancelled {
			t.Errorf("ok %v (%s %s), record %+v; want a new job after the cancelled %s", out.OK, out.Reason, out.Error, got, old)
		}
	})
	t.Run("stale job", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		j := fakeJob(t, dir, 3, "hang")
		old, err := x.submit(context.Background(), j, hashOf(t, dir, 3), Record{}, false)
		if err != nil {
			t.Fatal(err)
		}
		j = fakeJob(t, dir, 3, "ok") // the loop wrote another job.json
		out := newTest(t, Settings{}).Run(context.Background(), j)
		got, _ := ReadRecord(dir, 3)
		if !out.OK || got.JobID == old.JobID || len(got.Earlier) != 1 || got.Earlier[0] != old.JobID {
			t.Errorf("ok %v (%s), record %+v; want a new job after %s", out.OK, out.Error, got, old.JobID)
		}
		deadline := time.Now().Add(30 * time.Second)
		for st := squeueState(t, x, old.JobID); st != "CANCELLED" && st != ""; st = squeueState(t, x, old.JobID) {
			if time.Now().After(deadline) {
				t.Fatalf("the stale job %s is %s, want it cancelled", old.JobID, st)
			}
			time.Sleep(200 * time.Millisecond)
		}
	})
}

// TestCancelRun: a job no Run waits for (its experiment never revisited
// after a restart) is cancelled when the search ends.
func TestCancelRun(t *testing.T) {
	t.Parallel()
	x := newTest(t, Settings{})
	dir := t.TempDir()
	j := fakeJob(t, dir, 1, "hang")
	rec, err := x.submit(context.Background(), j, hashOf(t, dir, 1), Record{}, false)
	if err != nil {
		t.Fatal(err)
	}
	other := t.TempDir() // another run's job is not touched
	oj := fakeJob(t, other, 1, "slow")
	orec, err := x.submit(context.Background(), oj, hashOf(t, other, 1), Record{}, false)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := x.CancelRun(context.Background(), dir)
	if err != nil || len(ids) != 1 || ids[0] != rec.JobID {
		t.Fatalf("CancelRun = %v, %v; want [%s]", ids, err, rec.JobID)
	}
	if st := squeueState(t, x, orec.JobID); st == "CANCELLED" {
		t.Errorf("another run's job %s was cancelled", orec.JobID)
	}
}

// TestSlurmArray: jobs of one run submitted together go as one job array
// (task id = experiment id), each with its own outcome, log and record;
// a restarted coordinator adopts array tasks like jobs.
func TestSlurmArray(t *testing.T) {
	t.Parallel()
	x := newTest(t, Settings{ArrayWindowS: 1})
	dir := t.TempDir()
	behaviours := map[int64]string{3: "ok", 5: "nonfinite", 8: "ok"}
	outs := make(map[int64]chan exec.Outcome)
	for id, b := range behaviours {
		j := fakeJob(t, dir, id, b)
		outs[id] = make(chan exec.Outcome, 1)
		go func() { outs[id] <- x.Run(context.Background(), j) }()
	}
	var array string
	for id, b := range behaviours {
		out := <-outs[id]
		if out.OK != (b == "ok") || (b == "nonfinite" && out.Reason != exec.ReasonNonFinite) {
			t.Errorf("experiment %d (%s): ok %v reason %q error %q\n%s", id, b, out.OK, out.Reason, out.Error, out.LogTail)
		}
		rec, _ := ReadRecord(dir, id)
		a, task, _ := strings.Cut(rec.JobID, "_")
		if task != strconv.FormatInt(id, 10) || (array != "" && a != array) {
			t.Errorf("experiment %d ran as Slurm job %q, want task %d of one array (%s)", id, rec.JobID, id, array)
		}
		array = a
		if !strings.Contains(out.LogTail, "attempt: Slurm job "+rec.JobID+" ") {
			t.Errorf("experiment %d's log lacks its task's header:\n%s", id, out.LogTail)
		}
	}

	// Adoption: an array submitted by a coordinator that died.
	dir = t.TempDir()
	recs := make(chan Record, 2)
	for _, id := range []int64{1, 2} {
		j := fakeJob(t, dir, id, "slow")
		go func() {
			r, err := x.submit(context.Background(), j, hashOf(t, dir, id), Record{}, false)
			if err != nil {
				t.Error(err)
			}
			recs <- r
		}()
	}
	r1, r2 := <-recs, <-recs
	y := newTest(t, Settings{ArrayWindowS: 1})
	adopted := make(map[int64]chan exec.Outcome)
	for _, id := range []int64{1, 2} { // at once: both tasks still run
		adopted[id] = make(chan exec.Outcome, 1)
		go func() {
			adopted[id] <- y.Run(context.Background(), exec.Job{Dir: dir, ID: id, Threads: 1, MemBytes: 256 << 20})
		}()
	}
	for _, id := range []int64{1, 2} {
		out := <-adopted[id]
		got, _ := ReadRecord(dir, id)
		if !out.OK || (got.JobID != r1.JobID && got.JobID != r2.JobID) || len(got.Earlier) != 0 {
			t.Errorf("experiment %d: ok %v (%s), record %+v; want array task %s or %s adopted", id, out.OK, out.Error, got, r1.JobID, r2.JobID)
		}
	}
}

func hashOf(t *testing.T, dir string, id int64) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(exec.ExpDir(dir, id), exec.JobFileName))
	if err != nil {
		t.Fatal(err)
	}
	return sha256hex(b)
}
