package slurm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/archlab/archlab/lib/exec"
)

// jobState is what Slurm says about one job.
type jobState struct {
	State    string // Slurm's job state, e.g. "RUNNING", "TIMEOUT"; "" when no source knows the job
	Reason   string // Slurm's state reason, e.g. "NonZeroExitCode"
	Name     string // job name
	Dir      string // working directory
	exit     int    // exit status of the batch script
	signal   int    // signal that ended it, 0: none
	start    int64  // Unix seconds, 0: not started
	end      int64
	cpuS     float64 // sacct's TotalCPU, 0 when unknown
	maxRSS   int64   // sacct's MaxRSS of the batch step, bytes
	restarts int
	task     int64 // array task id (an experiment id), -1: not an array task
}

// terminal reports whether the job has ended for good (a requeued job
// goes back to PENDING and is waited for).
func (s jobState) terminal() bool {
	switch s.State {
	case "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "DEADLINE", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "PREEMPTED", "REVOKED", "SPECIAL_EXIT":
		return true
	}
	return false
}

func (s jobState) wall() float64 {
	if s.start <= 0 || s.end < s.start {
		return 0
	}
	return float64(s.end - s.start)
}

// status returns the job's state: squeue's, else (Slurm has forgotten
// it) sacct's or scontrol's, else the exit file's.
func (x *Executor) status(ctx context.Context, j exec.Job, rec Record) (jobState, error) {
	q, err := x.squeue(ctx, false)
	if err != nil {
		return jobState{}, err
	}
	if s, ok := q[rec.JobID]; ok {
		if s.terminal() && x.accounting(ctx) { // sacct adds CPU time and memory
			if a, err := x.sacct(ctx, rec.JobID); err == nil && a.State != "" {
				s.cpuS, s.maxRSS = a.cpuS, a.maxRSS
			}
		}
		return s, nil
	}
	if x.accounting(ctx) {
		if s, err := x.sacct(ctx, rec.JobID); err == nil && s.State != "" {
			return s, nil
		}
	} else if s, err := x.scontrol(ctx, rec.JobID); err == nil && s.State != "" {
		return s, nil
	}
	if ef, ok := readExitFile(exec.ExpDir(j.Dir, j.ID), rec.JobID); ok {
		s := jobState{State: "COMPLETED", exit: ef.exit, cpuS: ef.cpuS}
		if ef.exit != 0 {
			s.State = "FAILED"
		}
		return s, nil
	}
	return jobState{}, nil
}

// squeue returns the jobs Slurm knows, from one `squeue --json` call per
// half poll interval shared by every waiting job (fresh: a call now).
func (x *Executor) squeue(ctx context.Context, fresh bool) (map[string]jobState, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if !fresh && x.queue != nil && time.Since(x.polled) < x.poll/2 {
		return x.queue, x.qerr
	}
	// squeue --json of Slurm 22.05 ignores --jobs and the state filter:
	// every job comes back, finished ones included until MinJobAge.
	out, err := x.cfg.Command(ctx, "squeue", "--json")
	if err == nil {
		x.queue, err = parseSqueue(out)
	}
	if err != nil {
		err = fmt.Errorf("slurm: squeue: %w", err)
	}
	x.polled, x.qerr = time.Now(), err
	return x.queue, err
}

// parseSqueue reads `squeue --json`: Slurm 22.05's (job_state a string,
// exit_code a wait status) and 23.02+'s (job_state a list, exit_code an
// object) alike.
func parseSqueue(b []byte) (map[string]jobState, error) {
	var doc struct {
		Jobs []struct {
			JobID    int64           `json:"job_id"`
			State    json.RawMessage `json:"job_state"`
			Reason   string          `json:"state_reason"`
			Name     string          `json:"name"`
			Dir      string          `json:"current_working_directory"`
			Exit     json.RawMessage `json:"exit_code"`
			Start    json.RawMessage `json:"start_time"`
			End      json.RawMessage `json:"end_time"`
			Restarts int             `json:"restart_cnt"`
			Array    json.RawMessage `json:"array_job_id"`
			Task     json.RawMessage `json:"array_task_id"`
			Tasks    string          `json:"array_task_string"`
		} `json:"jobs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	m := make(map[string]jobState, len(doc.Jobs))
	for _, j := range doc.Jobs {
		s := jobState{Reason: j.Reason, Name: j.Name, Dir: j.Dir, restarts: j.Restarts,
			start: number(j.Start), end: number(j.End)}
		var one string
		var many []string
		if json.Unmarshal(j.State, &one) == nil {
			s.State = one
		} else if json.Unmarshal(j.State, &many) == nil && len(many) > 0 {
			s.State = many[0]
		}
		var ws int64
		if json.Unmarshal(j.Exit, &ws) == nil { // a wait status
			s.exit, s.signal = int(ws>>8)&0xff, int(ws&0x7f)
		} else {
			var o struct {
				Code   json.RawMessage `json:"return_code"`
				Signal struct {
					ID json.RawMessage `json:"id"`
				} `json:"signal"`
			}
			if json.Unmarshal(j.Exit, &o) == nil {
				s.exit, s.signal = int(number(o.Code)), int(number(o.Signal.ID))
			}
		}
		s.task = -1
		array := number(j.Array)
		switch task := j.Task; {
		case array == 0:
			m[strconv.FormatInt(j.JobID, 10)] = s
		case len(task) > 0 && string(task) != "null" && !bytes.Contains(task, []byte(`"set": false`)) && !bytes.Contains(task, []byte(`"set":false`)):
			s.task = number(task)
			m[fmt.Sprintf("%d_%d", array, s.task)] = s
		default: // the array's pending tasks in one entry: "5,7,9-11" (maybe "%N" throttled)
			spec, _, _ := strings.Cut(j.Tasks, "%")
			for _, r := range strings.Split(spec, ",") {
				lo, hi, isRange := strings.Cut(r, "-")
				a, err1 := strconv.ParseInt(lo, 10, 64)
				b, err2 := strconv.ParseInt(hi, 10, 64)
				if !isRange {
					b, err2 = a, nil
				}
				if err1 != nil || err2 != nil || b-a > 100000 {
					continue
				}
				for t := a; t <= b; t++ {
					st := s
					st.task = t
					m[fmt.Sprintf("%d_%d", array, t)] = st
				}
			}
		}
	}
	return m, nil
}

// number reads a JSON number, or Slurm 23's {"set": true, "number": N}.
func number(b json.RawMessage) int64 {
	var n int64
	if json.Unmarshal(b, &n) == nil {
		return n
	}
	var o struct {
		Number int64 `json:"number"`
	}
	if json.Unmarshal(b, &o) == nil {
		return o.Number
	}
	return 0
}

// accounting reports whether sacct can answer (an accounting storage is
// configured), asking `scontrol show config` once.
func (x *Executor) accounting(ctx context.Context) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.acct == 0 {
		x.acct = -1
		out, err := x.cfg.Command(ctx, "scontrol", "show", "config")
		if err != nil {
			x.acct = 0 // ask again next time
			return false
		}
		for _, ln := range strings.Split(string(out), "\n") {
			k, v, ok := strings.Cut(ln, "=")
			if ok && strings.TrimSpace(k) == "AccountingStorageType" && !strings.Contains(v, "none") {
				x.acct = 1
			}
		}
	}
	return x.acct == 1
}

// sacct reads the job's state, exit code, times, CPU time and memory from
// accounting: `sacct --parsable2` rows of the job and its steps.
func (x *Executor) sacct(ctx context.Context, id string) (jobState, error) {
	out, err := x.cfg.Command(ctx, "sacct", "--noheader", "--parsable2", "--jobs="+id,
		"--format=JobID,State,ExitCode,Start,End,TotalCPU,MaxRSS")
	if err != nil {
		return jobState{}, err
	}
	return parseSacct(out, id), nil
}

func parseSacct(out []byte, id string) jobState {
	var s jobState
	for _, ln := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(ln, "|")
		if len(f) < 7 {
			continue
		}
		switch f[0] {
		case id:
			s.State, _, _ = strings.Cut(f[1], " ") // "CANCELLED by 0"
			if strings.HasPrefix(f[1], "CANCELLED by") {
				s.Reason = strings.ToLower(f[1])
			}
			code, sig, _ := strings.Cut(f[2], ":")
			s.exit, _ = strconv.Atoi(code)
			s.signal, _ = strconv.Atoi(sig)
			s.start, s.end = sacctTime(f[3]), sacctTime(f[4])
			s.cpuS = max(s.cpuS, sacctDuration(f[5]))
		case id + ".batch":
			s.maxRSS = max(s.maxRSS, sacctBytes(f[6]))
			s.cpuS = max(s.cpuS, sacctDuration(f[5]))
		}
	}
	return s
}

func sacctTime(v string) int64 {
	t, err := time.ParseInLocation("2006-01-02T15:04:05", v, time.Local)
	if err != nil {
		return 0
	}
	return t.Unix()
}

// sacctDuration reads [D-][HH:]MM:SS[.mmm].
func sacctDuration(v string) float64 {
	days := 0.0
	if d, rest, ok := strings.Cut(v, "-"); ok {
		n, _ := strconv.ParseFloat(d, 64)
		days, v = n, rest
	}
	parts := strings.Split(v, ":")
	total := 0.0
	for _, p := range parts {
		n, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return 0
		}
		total = total*60 + n
	}
	return days*86400 + total
}

// sacctBytes reads MaxRSS: "1234K", "12.5M", "2G", or bytes.
func sacctBytes(v string) int64 {
	if v == "" {
		return 0
	}
	mul := 1.0
	switch v[len(v)-1] {
	case 'K':
		mul = 1 << 10
	case 'M':
		mul = 1 << 20
	case 'G':
		mul = 1 << 30
	case 'T':
		mul = 1 << 40
	}
	if mul != 1 {
		v = v[:len(v)-1]
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0
	}
	return int64(n * mul)
}

// scontrol reads `scontrol show job --oneliner ID` (key=value pairs):
// Slurm remembers a finished job there for MinJobAge when there is no
// accounting. An unknown job is State "".
func (x *Executor) scontrol(ctx context.Context, id string) (jobState, error) {
	out, err := x.cfg.Command(ctx, "scontrol", "show", "job", "--oneliner", id)
	if err != nil {
		if strings.Contains(err.Error(), "Invalid job id") {
			return jobState{}, nil
		}
		return jobState{}, err
	}
	return parseScontrol(out), nil
}

func parseScontrol(out []byte) jobState {
	var s jobState
	for _, f := range bytes.Fields(out) {
		k, v, ok := strings.Cut(string(f), "=")
		if !ok {
			continue
		}
		switch k {
		case "JobState":
			s.State = v
		case "Reason":
			s.Reason = v
		case "JobName":
			s.Name = v
		case "WorkDir":
			s.Dir = filepath.Clean(v)
		case "ExitCode":
			code, sig, _ := strings.Cut(v, ":")
			s.exit, _ = strconv.Atoi(code)
			s.signal, _ = strconv.Atoi(sig)
		case "StartTime":
			s.start = sacctTime(v)
		case "EndTime":
			s.end = sacctTime(v)
		case "Restarts":
			s.restarts, _ = strconv.Atoi(v)
		}
	}
	return s
}
