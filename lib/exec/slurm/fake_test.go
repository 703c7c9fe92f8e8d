package slurm

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/archlab/archlab/lib/exec"
)

// fakeSlurm answers the executor's commands from a script of job ends:
// the Nth sbatch's job ends in ends[N-1] at once (COMPLETED leaves an
// exit file with status 0, as the batch script would).
type fakeSlurm struct {
	mu     sync.Mutex
	ends   []string
	states map[int]string
	calls  []string
	forget bool // squeue and scontrol no longer know ended jobs (past MinJobAge)
	acct   bool // accounting: sacct answers
}

func (f *fakeSlurm) command(ctx context.Context, name string, args ...string) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, name+" "+strings.Join(args, " "))
	switch name {
	case "sbatch":
		id := len(f.states) + 1
		end := f.ends[min(id, len(f.ends))-1]
		f.states[id] = end
		if end == "COMPLETED" {
			for _, a := range args {
				if d, ok := strings.CutPrefix(a, "--chdir="); ok {
					os.WriteFile(filepath.Join(d, exitFileName(strconv.Itoa(id))), []byte(`{"exit":0,"times":"0m1.500s 0m0.500s"}`), 0o644)
				}
			}
		}
		return []byte(strconv.Itoa(id) + "\n"), nil
	case "squeue":
		var jobs []map[string]any
		for id, st := range f.states {
			if f.forget && st != "RUNNING" && st != "PENDING" {
				continue
			}
			jobs = append(jobs, map[string]any{"job_id": id, "job_state": st, "exit_code": 0, "start_time": 10, "end_time": 12})
		}
		return json.Marshal(map[string]any{"jobs": jobs})
	case "scontrol":
		if args[0] == "show" && args[1] == "job" {
			return nil, fmt.Errorf("scontrol: exit status 1: slurm_load_jobs error: Invalid job id specified")
		}
		if f.acct {
			return []byte("AccountingStorageType   = accounting_storage/slurmdbd\n"), nil
		}
		return []byte("AccountingStorageType   = accounting_storage/none\n"), nil
	case "sacct":
		id := strings.TrimPrefix(args[2], "--jobs=")
		n, _ := strconv.Atoi(id)
		return fmt.Appendf(nil, "%s|%s|0:0|2026-12-06T10:00:00|2026-12-06T10:00:30|00:25|\n%s.batch|%s|0:0|||00:25|300M\n", id, f.states[n], id, f.states[n]), nil
	case "scancel":
		id, _ := strconv.Atoi(args[0])
		f.states[id] = "CANCELLED"
		return nil, nil
	}
	return nil, fmt.Errorf("fake slurm: no %s", name)
}

// TestRequeue pins that node failures and preemptions are resubmitted up
// to Settings.Requeue times and then recorded with their reason.
func TestRequeue(t *testing.T) {
	tests := []struct {
		requeue int
		ends    []string
		reason  string
		jobs    int
	}{
		{0, []string{"NODE_FAIL"}, exec.ReasonNode, 1},
		{2, []string{"NODE_FAIL", "PREEMPTED", "COMPLETED"}, "", 3},
		{1, []string{"PREEMPTED", "PREEMPTED", "COMPLETED"}, exec.ReasonPreempted, 2},
		{1, []string{"TIMEOUT"}, exec.ReasonTimeout, 1}, // the layer's own fault: never resubmitted
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.ends, ",")+"/requeue="+strconv.Itoa(tc.requeue), func(t *testing.T) {
			f := &fakeSlurm{ends: tc.ends, states: map[int]string{}}
			x, err := New(Config{Settings: Settings{Requeue: tc.requeue, PollS: 0.01, Bin: os.Args[0]}, Command: f.command,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			out := x.Run(context.Background(), fakeJob(t, dir, 1, "ok"))
			if out.OK != (tc.reason == "") || out.Reason != tc.reason {
				t.Errorf("ok %v reason %q error %q, want reason %q", out.OK, out.Reason, out.Error, tc.reason)
			}
			rec, _ := ReadRecord(dir, 1)
			if rec.Attempt != tc.jobs || len(rec.Earlier) != tc.jobs-1 || rec.JobID != strconv.Itoa(tc.jobs) {
				t.Errorf("record %+v, want attempt %d after %d earlier jobs", rec, tc.jobs, tc.jobs-1)
			}
			if tc.reason == "" && out.CPUS != 2 {
				t.Errorf("cpu %v s, want the exit file's 2", out.CPUS)
			}
			want := "--no-requeue"
			if tc.requeue > 0 {
				want = "--requeue"
			}
			if i := slices.IndexFunc(f.calls, func(c string) bool { return strings.HasPrefix(c, "sbatch ") }); i < 0 || !strings.Contains(f.calls[i], want+" ") {
				t.Errorf("sbatch without %s: %v", want, f.calls)
			}
		})
	}
}

// TestForgottenJob: once squeue and scontrol have forgotten an ended job,
// its end comes from sacct where there is accounting, else from the exit
// file the batch script left.
func TestForgottenJob(t *testing.T) {
	for _, acct := range []bool{false, true} {
		t.Run(fmt.Sprintf("accounting=%v", acct), func(t *testing.T) {
			f := &fakeSlurm{ends: []string{"COMPLETED"}, states: map[int]string{}, forget: true, acct: acct}
			x, err := New(Config{Settings: Settings{PollS: 0.01, Bin: os.Args[0]}, Command: f.command,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				t.Fatal(err)
			}
			out := x.Run(context.Background(), fakeJob(t, t.TempDir(), 1, "ok"))
			if !out.OK {
				t.Fatalf("reason %q error %q, want ok", out.Reason, out.Error)
			}
			if acct && (out.MaxRSS != 300<<20 || out.WallS != 30 || out.CPUS != 25) {
				t.Errorf("max_rss %d wall %v cpu %v, want sacct's 300M, 30 s, 25 s", out.MaxRSS, out.WallS, out.CPUS)
			}
			if !acct && out.CPUS != 2 {
				t.Errorf("cpu %v, want the exit file's 2 s", out.CPUS)
			}
		})
	}
}
