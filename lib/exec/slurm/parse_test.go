package slurm

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/lib/exec"
)

// Output of Slurm 22.05 (Debian 12's slurm-wlm) and of 23.02+, trimmed to
// the fields read.
const (
	squeue2205 = `{"meta": {}, "errors": [], "jobs": [
		{"job_id": 7, "job_state": "FAILED", "state_reason": "NonZeroExitCode", "exit_code": 768, "start_time": 100, "end_time": 104,
		 "name": "archlab-3", "current_working_directory": "/runs/r/exp/3", "restart_cnt": 0},
		{"job_id": 8, "job_state": "RUNNING", "state_reason": "None", "exit_code": 0, "start_time": 100, "end_time": 200}]}`
	squeue2302 = `{"jobs": [{"job_id": 9, "job_state": ["TIMEOUT"], "state_reason": "TimeLimit",
		"exit_code": {"status": ["SIGNALED"], "return_code": {"set": true, "number": 0}, "signal": {"id": {"set": true, "number": 9}}},
		"start_time": {"set": true, "number": 100}, "end_time": {"set": true, "number": 160}}]}`
)

func TestParseSqueue(t *testing.T) {
	m, err := parseSqueue([]byte(squeue2205))
	if err != nil {
		t.Fatal(err)
	}
	if s := m["7"]; s.State != "FAILED" || s.exit != 3 || s.signal != 0 || s.wall() != 4 || s.Name != "archlab-3" || !s.terminal() {
		t.Errorf("22.05 job 7: %+v", s)
	}
	if s := m["8"]; s.State != "RUNNING" || s.terminal() {
		t.Errorf("22.05 job 8: %+v", s)
	}
	// An array: a running task, and its pending tasks in one entry.
	m, err = parseSqueue([]byte(`{"jobs": [
		{"job_id": 12, "array_job_id": 11, "array_task_id": 5, "array_task_string": "", "job_state": "RUNNING", "name": "archlab-array"},
		{"job_id": 11, "array_job_id": 11, "array_task_id": null, "array_task_string": "7,9-10%2", "job_state": "PENDING"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"11_5": "RUNNING", "11_7": "PENDING", "11_9": "PENDING", "11_10": "PENDING"} {
		if m[id].State != want {
			t.Errorf("array task %s: %+v, want %s", id, m[id], want)
		}
	}
	if len(m) != 4 || m["11_5"].task != 5 {
		t.Errorf("array: %v", m)
	}
	m, err = parseSqueue([]byte(squeue2302))
	if err != nil {
		t.Fatal(err)
	}
	if s := m["9"]; s.State != "TIMEOUT" || s.signal != 9 || s.wall() != 60 {
		t.Errorf("23.02 job 9: %+v", s)
	}
}

func TestParseSacctScontrol(t *testing.T) {
	s := parseSacct([]byte("12|OUT_OF_MEMORY|0:125|2026-12-06T10:00:00|2026-12-06T10:01:30|01:02.500|\n12.batch|OUT_OF_MEMORY|0:125|||01:02.500|2.5G\n"), "12")
	if s.State != "OUT_OF_MEMORY" || s.wall() != 90 || s.cpuS != 62.5 || s.maxRSS != 5<<29 {
		t.Errorf("sacct: %+v", s)
	}
	if s := parseSacct([]byte("13|CANCELLED by 0|0:15|||00:00:01|\n"), "13"); s.State != "CANCELLED" || s.signal != 15 {
		t.Errorf("sacct cancelled: %+v", s)
	}
	s = parseScontrol([]byte("JobId=1 JobName=archlab-4 JobState=FAILED Reason=NonZeroExitCode Restarts=0 ExitCode=3:0 StartTime=2026-12-06T23:02:39 EndTime=2026-12-06T23:02:43 WorkDir=/runs/r/exp/4/"))
	if s.State != "FAILED" || s.exit != 3 || s.wall() != 4 || s.Dir != "/runs/r/exp/4" || s.Name != "archlab-4" {
		t.Errorf("scontrol: %+v", s)
	}
	if d := sacctDuration("1-02:03:04"); d != 86400+2*3600+3*60+4 {
		t.Errorf("sacctDuration(1-02:03:04) = %v", d)
	}
}

func TestSbatchArgs(t *testing.T) {
	x := &Executor{cfg: Config{Settings: Settings{Partition: "gpu", Account: "lab", QOS: "high", GPUs: 2, Extra: []string{"--constraint=a100"}}}}
	got := x.sbatchArgs(exec.Job{ID: 4, Wall: 61 * time.Second, MemBytes: 4 << 30}, 3, "archlab-4", "/r/exp/4", "/r/exp/4/worker.log")
	for _, want := range []string{"--job-name=archlab-4", "--chdir=/r/exp/4", "--output=/r/exp/4/worker.log", "--open-mode=append",
		"--cpus-per-task=3", "--mem=4096", "--time=2", "--partition=gpu", "--account=lab", "--qos=high", "--gres=gpu:2", "--no-requeue", "--constraint=a100"} {
		if !slices.Contains(got, want) {
			t.Errorf("sbatch args lack %s: %v", want, got)
		}
	}
	x.cfg.Settings = Settings{Gres: "gpu:h100:1", CPUs: 8, MemMB: 1000, Requeue: 2}
	joined := strings.Join(x.sbatchArgs(exec.Job{ID: 4, Wall: time.Minute}, 1, "archlab-4", "/d", "/d/l"), " ")
	for _, want := range []string{"--gres=gpu:h100:1", "--cpus-per-task=8", "--mem=1000", "--time=1", "--requeue"} {
		if !strings.Contains(joined, want) {
			t.Errorf("sbatch args lack %s: %s", want, joined)
		}
	}
}

func TestSettingsValidate(t *testing.T) {
	for _, tc := range []struct {
		s   Settings
		err string
	}{
		{Settings{GPUs: 1, Gres: "gpu:1"}, "slurm.gres"},
		{Settings{Requeue: -1}, "slurm.requeue"},
		{Settings{Extra: []string{"constraint=a100"}}, "slurm.extra"},
		{Settings{Extra: []string{"--output=x"}}, "sets --output itself"},
	} {
		if err := tc.s.Validate("slurm."); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("Validate(%+v) = %v, want %q", tc.s, err, tc.err)
		}
	}
	if err := (Settings{Partition: "gpu", GPUs: 1, Extra: []string{"--nice=5"}}).Validate("slurm."); err != nil {
		t.Error(err)
	}
}
