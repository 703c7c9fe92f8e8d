package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/exec/slurm"
	"github.com/archlab/archlab/lib/exec/slurm/slurmtest"
	"github.com/archlab/archlab/lib/store"
)

// slurmSearchConfig is a small search: the test stage at 300 steps (about
// a second per job, long enough to be seen running), two baseline seeds,
// no stage 2.
const slurmSearchConfig = `{"seeds": 2, "stage1": {"preset": "test", "spec": {"Steps": 300}}, "stage2": {"top_k": -1}, "mem_per_exp_mb": 1024, "slurm": {"poll_s": 0.3}}`

// TestSearchSlurmRestart runs a search through a real Slurm. Its first
// coordinator is interrupted (SIGINT) while a training job runs: it exits
// 130 with the run's jobs cancelled, and that experiment is trained again
// later (once, a restart adopted the cancelled job's end and failed it). The second is killed (SIGKILL) while a
// training job runs: that job is adopted by the third (not submitted
// again, not orphaned), which finishes the run with nothing left in
// Slurm and the same results as the same search through the local
// executor (same seeds, same results).
func TestSearchSlurmRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in Slurm jobs")
	}
	slurmtest.Require(t)
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1") // the jobs run this test binary as archlab (sbatch passes the environment)
	cfg := filepath.Join(t.TempDir(), "search.json")
	os.WriteFile(cfg, []byte(slurmSearchConfig), 0o644)
	const nexp = "3"
	dir := filepath.Join(t.TempDir(), "slurm")
	slurmtest.CancelUnder(t, dir)
	args := []string{"search", "--dir", dir, "--config", cfg, "--executor", "slurm", "--experiments", nexp, "--workers", "1", "--quiet"}

	// Interrupted: the jobs in flight are cancelled before it exits.
	c := startCoordinator(t, args)
	c.waitFor(t, func() bool { _, id := runningJob(t, dir, exec.ModeTrain); return id != "" })
	c.cmd.Process.Signal(os.Interrupt)
	if err := <-c.exited; c.cmd.ProcessState.ExitCode() != 130 {
		t.Fatalf("interrupted search: %v, exit %d, want 130\n%s", err, c.cmd.ProcessState.ExitCode(), c.log())
	}
	if left := slurmJobsUnder(t, dir); len(left) > 0 {
		t.Errorf("Slurm jobs of the run still pending or running after Ctrl-C: %v", left)
	}

	interruptedLog := c.path

	// Killed: a training job goes on, held (scontrol suspend) so that it
	// is still in flight when the next coordinator starts.
	c = startCoordinator(t, args)
	var expID int64
	var jobID string
	c.waitFor(t, func() bool { expID, jobID = runningJob(t, dir, exec.ModeTrain); return jobID != "" })
	c.cmd.Process.Kill()
	<-c.exited
	coordLog := c.path
	if out, err := osexec.Command("scontrol", "suspend", jobID).CombinedOutput(); err != nil {
		t.Logf("scontrol suspend %s: %v %s (the job may have just ended)", jobID, err, out)
	}
	if st := slurmState(t, jobID); st != "SUSPENDED" && st != "RUNNING" {
		t.Logf("job %s is %s after the coordinator died", jobID, st)
	}
	t.Logf("coordinator killed with experiment %d's training job %s in flight", expID, jobID)

	// The restarted coordinator adopts the held job; release it a moment later.
	go func() {
		time.Sleep(3 * time.Second)
		osexec.Command("scontrol", "resume", jobID).Run()
	}()
	code, out, stderr := runCLI("search", "--dir", dir, "--experiments", nexp, "--quiet")
	if code != 0 {
		b, _ := os.ReadFile(coordLog)
		t.Fatalf("resumed search: exit %d\n%s\n%s\nthe killed coordinator:\n%s", code, out, stderr, b)
	}
	rec, err := slurm.ReadRecord(dir, expID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.JobID != jobID || slices.Contains(rec.Earlier, jobID) {
		t.Errorf("experiment %d ran Slurm jobs %v then %s; want the in-flight job %s adopted and the last", expID, rec.Earlier, rec.JobID, jobID)
	}
	log, _ := os.ReadFile(filepath.Join(exec.ExpDir(dir, expID), exec.LogFileName))
	if n := strings.Count(string(log), "attempt: Slurm job "+jobID+" "); n != 1 {
		t.Errorf("worker.log shows job %s starting %d times, want once:\n%s", jobID, n, log)
	}
	if left := slurmJobsUnder(t, dir); len(left) > 0 {
		t.Errorf("Slurm jobs of the run still pending or running after it finished: %v", left)
	}
	// The adopted job was not interrupted: no requeue or try charged.
	st, err := store.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	n, charged, _ := st.Meta(context.Background(), fmt.Sprintf("requeue:%d", expID))
	e, err := st.Get(context.Background(), expID)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if charged || e.Tries != 1 {
		t.Errorf("experiment %d: requeue count %q, %d tries; want no requeue and one try for an adopted job", expID, n, e.Tries)
	}

	local := filepath.Join(t.TempDir(), "local")
	if code, out, stderr := runCLI("search", "--dir", local, "--config", cfg, "--experiments", nexp, "--workers", "1", "--quiet"); code != 0 {
		t.Fatalf("local search: exit %d\n%s\n%s", code, out, stderr)
	}
	want, got := resultRows(t, local), resultRows(t, dir)
	if len(want) == 0 || !slices.Equal(want, got) {
		t.Errorf("results differ between the local and the Slurm executor (same config and seeds)\nlocal:\n%s\nslurm:\n%s",
			strings.Join(want, "\n"), strings.Join(got, "\n"))
		for id := int64(1); id <= 3; id++ {
			b, _ := os.ReadFile(filepath.Join(exec.ExpDir(dir, id), exec.LogFileName))
			t.Logf("experiment %d's worker.log:\n%s", id, b)
		}
		b, _ := os.ReadFile(interruptedLog)
		t.Logf("the interrupted coordinator:\n%s", b)
		b, _ = os.ReadFile(coordLog)
		t.Logf("the killed coordinator:\n%s", b)
	}
}

// coordinator is `archlab search` in a child process (this test binary).
type coordinator struct {
	cmd    *osexec.Cmd
	exited chan error
	path   string // its stdout and stderr
}

func startCoordinator(t *testing.T, args []string) *coordinator {
	t.Helper()
	c := &coordinator{cmd: osexec.Command(os.Args[0], args...), exited: make(chan error, 1),
		path: filepath.Join(t.TempDir(), "coordinator.log")}
	lf, err := os.Create(c.path)
	if err != nil {
		t.Fatal(err)
	}
	c.cmd.Stdout, c.cmd.Stderr = lf, lf
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.exited <- c.cmd.Wait(); lf.Close() }()
	t.Cleanup(func() { c.cmd.Process.Kill() })
	return c
}

func (c *coordinator) log() string {
	b, _ := os.ReadFile(c.path)
	return string(b)
}

// waitFor polls cond until it holds, failing when the coordinator ends
// first or 3 minutes pass.
func (c *coordinator) waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for !cond() {
		select {
		case err := <-c.exited:
			t.Fatalf("the search ended (%v) before the state awaited:\n%s", err, c.log())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("not reached in 3 minutes; the coordinator said:\n%s", c.log())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// runningJob returns an experiment of the run whose job (of mode, or any
// when "") Slurm runs now, or "".
func runningJob(t *testing.T, dir, mode string) (int64, string) {
	recs, _ := filepath.Glob(filepath.Join(dir, "exp", "*", slurm.RecordFileName))
	for _, p := range recs {
		var id int64
		if _, err := fmt.Sscan(filepath.Base(filepath.Dir(p)), &id); err != nil {
			continue
		}
		rec, err := slurm.ReadRecord(dir, id)
		if err != nil || rec.JobID == "" {
			continue
		}
		jf, err := exec.ReadJob(dir, id)
		if err != nil || (mode != "" && jf.Mode != mode) {
			continue
		}
		if slurmState(t, rec.JobID) == "RUNNING" {
			return id, rec.JobID
		}
	}
	return 0, ""
}

// squeueJobs returns squeue --json's jobs.
func squeueJobs(t *testing.T) []map[string]any {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	b, err := osexec.CommandContext(ctx, "squeue", "--json").Output()
	if err != nil {
		t.Fatalf("squeue --json: %v", err)
	}
	var doc struct {
		Jobs []map[string]any `json:"jobs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Jobs
}

func slurmState(t *testing.T, id string) string {
	for _, j := range squeueJobs(t) {
		if fmt.Sprint(j["job_id"]) == id {
			return fmt.Sprint(j["job_state"])
		}
	}
	return ""
}

// slurmJobsUnder lists the jobs not yet ended whose working directory is
// in dir.
func slurmJobsUnder(t *testing.T, dir string) []string {
	var left []string
	for _, j := range squeueJobs(t) {
		wd, _ := j["current_working_directory"].(string)
		switch st := fmt.Sprint(j["job_state"]); st {
		case "PENDING", "RUNNING", "SUSPENDED", "CONFIGURING", "COMPLETING", "REQUEUED":
			if strings.HasPrefix(wd, dir+string(filepath.Separator)) {
				left = append(left, fmt.Sprintf("%v %s", j["job_id"], st))
			}
		}
	}
	return left
}

// resultRows returns the run's results as "name status val bench fitness"
// lines, the measured columns that the executor must not change.
func resultRows(t *testing.T, dir string) []string {
	t.Helper()
	code, out, stderr := runCLI("results", "--dir", dir)
	if code != 0 {
		t.Fatalf("results --dir %s: %d %s", dir, code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("results: %v\n%s", err, out)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var lines []string
	for _, r := range rows[1:] {
		var f []string
		for _, h := range []string{"id", "stage", "name", "status", "val_loss", "bench", "fitness", "error"} {
			i, ok := col[h]
			if !ok {
				t.Fatalf("results lack column %q", h)
			}
			f = append(f, r[i])
		}
		lines = append(lines, strings.Join(f, " "))
	}
	return lines
}

// TestSearchExecutorFlag: a bad --executor and an unreachable Slurm stop
// the search before its first experiment, saying what to do.
func TestSearchExecutorFlag(t *testing.T) {
	code, _, stderr := runCLI("search", "--dir", filepath.Join(t.TempDir(), "r"), "--experiments", "1", "--executor", "pbs")
	if code != 1 || !strings.Contains(stderr, "executor") {
		t.Errorf("--executor pbs: exit %d, %q; want 1 naming the executor", code, stderr)
	}
	t.Setenv("SLURM_CONF", filepath.Join(t.TempDir(), "no-slurm.conf"))
	t.Setenv("PATH", t.TempDir()) // no Slurm commands either way
	dir := filepath.Join(t.TempDir(), "r")
	code, _, stderr = runCLI("search", "--dir", dir, "--experiments", "1", "--executor", "slurm")
	if code != 1 || !strings.Contains(stderr, "squeue") || !strings.Contains(stderr, "archlab doctor") {
		t.Errorf("--executor slurm without Slurm: exit %d, %q; want 1 naming squeue and archlab doctor", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "exp", "1")); err == nil {
		t.Errorf("an experiment folder was made although no executor could run it")
	}
}
