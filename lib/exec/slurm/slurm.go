package slurm

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	osexec "os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/archlab/archlab/lib/exec"
)

// Settings are the sbatch options and the executor's bounds: the "slurm"
// section of a search config. Zero fields take the defaults shown.
type Settings struct {
	Partition string   `json:"partition,omitempty"` // sbatch --partition, e.g. "gpu"; "": the cluster's default
	Account   string   `json:"account,omitempty"`   // sbatch --account, e.g. "lab-ml"
	QOS       string   `json:"qos,omitempty"`       // sbatch --qos, e.g. "normal"
	GPUs      int      `json:"gpus,omitempty"`      // sbatch --gres=gpu:N per job, e.g. 1; 0: none
	Gres      string   `json:"gres,omitempty"`      // sbatch --gres verbatim, e.g. "gpu:a100:1" (instead of gpus)
	CPUs      int      `json:"cpus,omitempty"`      // sbatch --cpus-per-task, default the job's threads
	MemMB     int64    `json:"mem_mb,omitempty"`    // sbatch --mem in MiB, default the job's memory limit
	Extra     []string `json:"extra,omitempty"`     // further sbatch options, e.g. ["--constraint=a100", "--nice=10"]
	Jobs      int      `json:"jobs,omitempty"`      // Slurm jobs in flight at once (Slots), default 8
	Requeue   int      `json:"requeue,omitempty"`   // resubmissions of a job lost to a node failure or preemption, default 0
	PollS     float64  `json:"poll_s,omitempty"`    // status poll interval in seconds, default 2
	// ArrayWindowS batches submissions: jobs of one run with the same
	// limits submitted within this many seconds of the first go to Slurm
	// as one job array (one sbatch, one scheduler entry while pending),
	// e.g. 2; 0: one job each.
	ArrayWindowS float64 `json:"array_window_s,omitempty"`
	Bin          string  `json:"bin,omitempty"` // the archlab binary the jobs run, on the shared filesystem; default this process's
}

// Validate reports the first bad value, naming its key under prefix (e.g. "slurm.").
func (s Settings) Validate(prefix string) error {
	bad := func(key string, v any, want string) error {
		return fmt.Errorf("%s%s = %v: %s", prefix, key, v, want)
	}
	switch {
	case s.GPUs < 0 || s.GPUs > 64:
		return bad("gpus", s.GPUs, "want 0..64")
	case s.GPUs > 0 && s.Gres != "":
		return bad("gres", fmt.Sprintf("%q", s.Gres), "give gpus or gres, not both")
	case s.CPUs < 0 || s.CPUs > 1024:
		return bad("cpus", s.CPUs, "want 0 (the job's threads) .. 1024")
	case s.MemMB < 0:
		return bad("mem_mb", s.MemMB, "want 0 (the job's memory limit) or MiB")
	case s.Jobs < 0 || s.Jobs > 10000:
		return bad("jobs", s.Jobs, "want 0 (default 8) .. 10000")
	case s.Requeue < 0 || s.Requeue > 100:
		return bad("requeue", s.Requeue, "want 0..100")
	case s.PollS < 0:
		return bad("poll_s", s.PollS, "want ≥ 0 seconds (0: 2)")
	case s.ArrayWindowS < 0 || s.ArrayWindowS > 600:
		return bad("array_window_s", s.ArrayWindowS, "want 0 (no arrays) .. 600 seconds")
	}
	for _, o := range s.Extra {
		if !strings.HasPrefix(o, "-") {
			return bad("extra", fmt.Sprintf("%q", o), `want sbatch options, each starting with "-", e.g. "--constraint=a100"`)
		}
		switch name, _, _ := strings.Cut(o, "="); name {
		case "--output", "-o", "--error", "-e", "--chdir", "-D", "--job-name", "-J", "--parsable", "--wrap":
			return bad("extra", fmt.Sprintf("%q", o), "the executor sets "+name+" itself")
		}
	}
	return nil
}

// Config configures an Executor.
type Config struct {
	Settings
	Args         []string      // arguments before "worker ...", e.g. {"archlab"} for a test binary that stands in for archlab
	LogTailLines int           // lines of worker.log in Outcome.LogTail, default 40
	CancelWait   time.Duration // after scancel, how long Run waits for the job to end, default 2m
	Logger       *slog.Logger  // default slog.Default()
	// Command runs a Slurm command and returns its standard output; the
	// default runs it with os/exec, its standard error in the error.
	Command func(ctx context.Context, name string, args ...string) ([]byte, error)
}

// Executor runs each job as one Slurm batch job.
type Executor struct {
	cfg   Config
	bin   string
	poll  time.Duration
	log   *slog.Logger
	slots chan struct{}

	amu    sync.Mutex          // guards arrays
	arrays map[arrayKey]*array // submissions gathering into a job array

	mu     sync.Mutex // guards the squeue cache and acct
	polled time.Time
	queue  map[string]jobState // squeue's jobs by id
	qerr   error
	acct   int // accounting: 0 unknown, 1 yes, -1 no
}

var _ exec.Executor = (*Executor)(nil)

// New returns an Executor for c. It does not contact Slurm (archlab doctor
// does).
func New(c Config) (*Executor, error) {
	if err := c.Validate("slurm: "); err != nil {
		return nil, err
	}
	bin := c.Bin
	if bin == "" {
		b, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("slurm: find the archlab binary: %w", err)
		}
		bin = b
	}
	bin, err := filepath.Abs(bin)
	if err != nil {
		return nil, fmt.Errorf("slurm: %w", err)
	}
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("slurm: worker binary: %w", err)
	}
	c.Jobs = cmp.Or(c.Jobs, 8)
	c.LogTailLines = cmp.Or(c.LogTailLines, 40)
	c.CancelWait = cmp.Or(c.CancelWait, 2*time.Minute)
	if c.Command == nil {
		c.Command = runCommand
	}
	log := c.Logger
	if log == nil {
		log = slog.Default()
	}
	poll := time.Duration(cmp.Or(c.PollS, 2) * float64(time.Second))
	return &Executor{cfg: c, bin: bin, poll: poll, log: log, slots: make(chan struct{}, c.Jobs)}, nil
}

// Check asks the controller for its queue once (`squeue --json`), so a
// search learns before its first experiment that Slurm is unreachable or
// too old, not from a failed submission.
func (x *Executor) Check(ctx context.Context) error {
	if _, err := x.squeue(ctx, true); err != nil {
		return fmt.Errorf("%w (archlab doctor checks the Slurm set-up)", err)
	}
	return nil
}

// CancelRun scancels every job Slurm still holds for the run folder dir
// (working directory under dir/exp) and returns their ids. A search calls
// it when its loop has returned, when no Run waits for any job, so a job
// of an experiment the loop never came back to is not left running.
func (x *Executor) CancelRun(ctx context.Context, dir string) ([]string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("slurm: %w", err)
	}
	q, err := x.squeue(ctx, true)
	if err != nil {
		return nil, err
	}
	prefix := filepath.Join(dir, "exp") + string(filepath.Separator)
	var ids []string
	for id, s := range q {
		if !s.terminal() && strings.HasPrefix(filepath.Clean(s.Dir)+string(filepath.Separator), prefix) && strings.HasPrefix(s.Name, "archlab-") {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		x.log.Warn("slurm: cancelling a job no experiment waits for", "job", id)
		s := q[id]
		expDir := filepath.Clean(s.Dir)
		if s.task >= 0 {
			expDir = exec.ExpDir(dir, s.task)
		}
		markCancelled(expDir, id, x.log)
		x.scancel(ctx, id)
	}
	return ids, nil
}

// Name returns "slurm".
func (x *Executor) Name() string { return "slurm" }

// Slots returns how many Slurm jobs are kept in flight (Settings.Jobs).
func (x *Executor) Slots() int { return x.cfg.Jobs }

// runCommand runs name with args and returns its standard output.
func runCommand(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := osexec.CommandContext(ctx, name, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = strings.TrimSpace(string(out))
		}
		return out, fmt.Errorf("%s: %w: %s", name, err, msg)
	}
	return out, nil
}

// Files of the experiment folder that the executor writes.
const (
	RecordFileName = "slurm.json" // Record
	ScriptFileName = "slurm.sh"   // the batch script
)

// Record is RecordFileName: what was submitted for the experiment, so a
// coordinator restart finds the job again.
type Record struct {
	JobID     string    `json:"job_id"`            // Slurm job id, "" while the submission is in progress
	JobHash   string    `json:"job_sha256"`        // SHA-256 of the job.json it runs
	Submitted time.Time `json:"submitted"`         // when sbatch was called
	LogFrom   int64     `json:"log_from"`          // worker.log's size at submission: where this attempt's lines start
	Attempt   int       `json:"attempt"`           // 1 for the first submission of this job.json, 2 after one requeue, ...
	Earlier   []string  `json:"earlier,omitempty"` // job ids of earlier submissions of the experiment
	// Cancelled is set when the search itself scancels JobID (Ctrl-C,
	// or a job no experiment waited for): its end says nothing about
	// the layer, so a restart submits the experiment again rather than
	// adopting that end.
	Cancelled bool `json:"cancelled,omitempty"`
}

// ReadRecord reads the submission record of experiment id in run folder dir.
func ReadRecord(dir string, id int64) (Record, error) {
	var r Record
	b, err := os.ReadFile(filepath.Join(exec.ExpDir(dir, id), RecordFileName))
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("slurm: %s: %w", RecordFileName, err)
	}
	return r, nil
}

func sha256hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// jobName is the Slurm job name of experiment id.
func jobName(id int64) string { return "archlab-" + strconv.FormatInt(id, 10) }

// Run submits j (or adopts its job already in Slurm) and waits for it.
func (x *Executor) Run(ctx context.Context, j exec.Job) exec.Outcome {
	select {
	case x.slots <- struct{}{}:
		defer func() { <-x.slots }()
	case <-ctx.Done():
		return exec.Outcome{ID: j.ID, Exit: -1, Reason: exec.ReasonCancelled, Error: "cancelled before the job was submitted"}
	}
	out := x.run(ctx, j)
	x.log.Info("slurm: job done", "exp", j.ID, "ok", out.OK, "reason", out.Reason, "exit", out.Exit,
		"signal", out.Signal, "wall_s", out.WallS, "cpu_s", out.CPUS, "error", out.Error)
	return out
}

func (x *Executor) run(ctx context.Context, j exec.Job) exec.Outcome {
	crash := func(err error) exec.Outcome {
		return exec.Outcome{ID: j.ID, Exit: -1, Reason: exec.ReasonCrash, Error: err.Error()}
	}
	dir, err := filepath.Abs(j.Dir)
	if err != nil {
		return crash(fmt.Errorf("slurm: %w", err))
	}
	j.Dir = dir
	jb, err := os.ReadFile(filepath.Join(exec.ExpDir(dir, j.ID), exec.JobFileName))
	if err != nil {
		return crash(fmt.Errorf("slurm: %w", err))
	}
	hash := sha256hex(jb)

	rec, adopted, err := x.adopt(ctx, j, hash)
	if err != nil {
		return crash(err)
	}
	for requeue := false; ; requeue = true {
		if !adopted {
			if ctx.Err() != nil {
				return exec.Outcome{ID: j.ID, Exit: -1, Reason: exec.ReasonCancelled, Error: "cancelled before the job was submitted"}
			}
			if rec, err = x.submit(ctx, j, hash, rec, requeue); err != nil {
				return crash(err)
			}
		}
		adopted = false
		out := x.wait(ctx, j, rec)
		if (out.Reason == exec.ReasonNode || out.Reason == exec.ReasonPreempted) && rec.Attempt <= x.cfg.Requeue && ctx.Err() == nil {
			x.log.Warn("slurm: resubmitting", "exp", j.ID, "job", rec.JobID, "reason", out.Reason, "attempt", rec.Attempt+1)
			continue
		}
		return out
	}
}

// Holds reports whether Run would adopt a job for j rather than submit
// one: its record names a job of the same job.json that Slurm still
// queues or runs, or a training job that has ended with no coordinator
// waiting. It changes nothing (no record written, nothing cancelled).
func (x *Executor) Holds(ctx context.Context, j exec.Job) bool {
	dir, err := filepath.Abs(j.Dir)
	if err != nil {
		return false
	}
	j.Dir = dir
	rec, err := ReadRecord(j.Dir, j.ID)
	if err != nil || rec.JobID == "" || rec.Cancelled {
		return false
	}
	jb, err := os.ReadFile(filepath.Join(exec.ExpDir(j.Dir, j.ID), exec.JobFileName))
	if err != nil || sha256hex(jb) != rec.JobHash {
		return false
	}
	q, err := x.squeue(ctx, true)
	if err != nil {
		return false
	}
	if s, ok := q[rec.JobID]; ok && !s.terminal() {
		return true
	}
	jf, err := exec.ReadJob(j.Dir, j.ID)
	if err != nil || jf.Mode != exec.ModeTrain {
		return false
	}
	st, err := x.status(ctx, j, rec)
	return err == nil && st.terminal()
}

// adopt returns the experiment's record and whether its job, submitted
// for this same job.json, is still in Slurm to be waited for. A job left
// for another job.json is cancelled.
func (x *Executor) adopt(ctx context.Context, j exec.Job, hash string) (Record, bool, error) {
	rec, err := ReadRecord(j.Dir, j.ID)
	if errors.Is(err, os.ErrNotExist) {
		return Record{}, false, nil
	}
	if err != nil {
		return Record{}, false, err
	}
	// Until Slurm says whether the job lives, neither a second submission
	// (a duplicate) nor a failure (charged to the layer) is right: ask
	// again for about 30 s.
	q, err := x.squeue(ctx, true)
	for try := 1; err != nil && try < 4 && ctx.Err() == nil; try++ {
		x.log.Warn("slurm: squeue failed; asking again", "exp", j.ID, "try", try, "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(try*try) * 2 * time.Second):
		}
		q, err = x.squeue(ctx, true)
	}
	if err != nil {
		return rec, false, err
	}
	if rec.Cancelled {
		// This search scancelled the job (an interrupted coordinator): it
		// did not end for the layer's reasons. Make sure it has ended, so
		// that two jobs never write the folder at once, and submit again.
		if s, ok := q[rec.JobID]; ok && !s.terminal() {
			x.cancel(j, rec)
		}
		x.log.Info("slurm: submitting again: the search cancelled the last job", "exp", j.ID, "job", rec.JobID)
		return rec, false, nil
	}
	if rec.JobID == "" { // the coordinator died inside sbatch: find the job by name and folder
		expDir := exec.ExpDir(j.Dir, j.ID)
		for id, s := range q {
			single := s.Name == jobName(j.ID) && filepath.Clean(s.Dir) == expDir
			task := s.Name == arrayName && s.task == j.ID && filepath.Clean(s.Dir) == filepath.Dir(expDir)
			if (single || task) && !s.terminal() {
				rec.JobID = id
				break
			}
		}
		if rec.JobID == "" {
			return rec, false, nil
		}
		x.log.Info("slurm: found the job of an interrupted submission", "exp", j.ID, "job", rec.JobID)
		if err := exec.WriteJSON(filepath.Join(exec.ExpDir(j.Dir, j.ID), RecordFileName), rec); err != nil {
			return rec, false, err
		}
	}
	s, ok := q[rec.JobID]
	if !ok || s.terminal() {
		// It ended while no coordinator waited. A training job of this
		// job.json is adopted with its end (its result.json stands); a
		// check job runs again, since the loop clears check.json first.
		if rec.JobHash != hash {
			return rec, false, nil
		}
		if jf, err := exec.ReadJob(j.Dir, j.ID); err != nil || jf.Mode != exec.ModeTrain {
			return rec, false, nil
		}
		if st, err := x.status(ctx, j, rec); err != nil || !st.terminal() {
			return rec, false, nil
		}
		x.log.Info("slurm: adopted a training job that ended while no coordinator waited", "exp", j.ID, "job", rec.JobID)
		return rec, true, nil
	}
	if rec.JobHash != hash {
		x.log.Warn("slurm: cancelling a job that runs an older job.json", "exp", j.ID, "job", rec.JobID)
		x.scancel(context.WithoutCancel(ctx), rec.JobID)
		return rec, false, nil
	}
	x.log.Info("slurm: adopted a job already in Slurm", "exp", j.ID, "job", rec.JobID, "state", s.State)
	return rec, true, nil
}

// submit writes the batch script and the record and calls sbatch
// (requeue: again after a node failure or preemption). With an array
// window, the submission may join others in one job array.
func (x *Executor) submit(ctx context.Context, j exec.Job, hash string, prev Record, requeue bool) (Record, error) {
	rec, err := x.prepare(j, hash, prev, requeue)
	if err != nil {
		return prev, err
	}
	if x.cfg.ArrayWindowS > 0 {
		return x.joinArray(ctx, j, rec, prev)
	}
	expDir := exec.ExpDir(j.Dir, j.ID)
	threads := max(j.Threads, 1)
	if err := exec.WriteFileAtomic(filepath.Join(expDir, ScriptFileName), []byte(x.script(j, threads, nil))); err != nil {
		return prev, err
	}
	args := append(x.sbatchArgs(j, threads, jobName(j.ID), expDir, filepath.Join(expDir, exec.LogFileName)), filepath.Join(expDir, ScriptFileName))
	id, err := x.sbatch(ctx, fmt.Sprintf("experiment %d", j.ID), args)
	if err != nil {
		return prev, err
	}
	rec.JobID = id
	if err := x.record(ctx, j, rec); err != nil {
		return prev, err
	}
	return rec, nil
}

// prepare ends the log's last line and writes the record of a submission
// about to be made (no job id yet: a coordinator that dies inside sbatch
// leaves it, and the next Run looks for the job by name).
func (x *Executor) prepare(j exec.Job, hash string, prev Record, requeue bool) (Record, error) {
	from, err := logEnd(filepath.Join(exec.ExpDir(j.Dir, j.ID), exec.LogFileName))
	if err != nil {
		return prev, fmt.Errorf("slurm: %w", err)
	}
	rec := Record{JobHash: hash, Submitted: time.Now().UTC(), LogFrom: from, Attempt: 1, Earlier: prev.Earlier}
	if prev.JobID != "" {
		rec.Earlier = append(slices.Clone(prev.Earlier), prev.JobID)
		if requeue {
			rec.Attempt = prev.Attempt + 1
		}
	}
	if err := exec.WriteJSON(filepath.Join(exec.ExpDir(j.Dir, j.ID), RecordFileName), rec); err != nil {
		return prev, err
	}
	return rec, nil
}

// record writes the record with its job id; a job that cannot be recorded
// is cancelled, since a restart could not find it.
func (x *Executor) record(ctx context.Context, j exec.Job, rec Record) error {
	if err := exec.WriteJSON(filepath.Join(exec.ExpDir(j.Dir, j.ID), RecordFileName), rec); err != nil {
		x.scancel(context.WithoutCancel(ctx), rec.JobID)
		return err
	}
	x.log.Info("slurm: submitted", "exp", j.ID, "job", rec.JobID, "attempt", rec.Attempt)
	return nil
}

// sbatch submits and returns the job id. A busy controller refuses
// submissions for a while: that is not the experiment's failure, so sbatch
// is tried 4 times over about 30 s.
func (x *Executor) sbatch(ctx context.Context, what string, args []string) (string, error) {
	var out []byte
	var err error
	for try := 1; ; try++ {
		if out, err = x.cfg.Command(context.WithoutCancel(ctx), "sbatch", args...); err == nil {
			break
		}
		if try == 4 || ctx.Err() != nil {
			return "", fmt.Errorf("slurm: submit %s: %w", what, err)
		}
		x.log.Warn("slurm: sbatch failed; trying again", "what", what, "try", try, "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(try*try) * 2 * time.Second):
		}
	}
	id, _, _ := strings.Cut(strings.TrimSpace(string(out)), ";") // --parsable: "ID" or "ID;cluster"
	if _, err := strconv.ParseInt(id, 10, 64); err != nil {
		return "", fmt.Errorf("slurm: sbatch printed %q, not a job id", out)
	}
	return id, nil
}

// sbatchArgs are the options of j's job (or of an array of jobs like j).
func (x *Executor) sbatchArgs(j exec.Job, threads int, name, chdir, output string) []string {
	s := x.cfg.Settings
	args := []string{"--parsable", "--job-name=" + name, "--chdir=" + chdir,
		"--output=" + output, "--open-mode=append", "--cpus-per-task=" + strconv.Itoa(cmp.Or(s.CPUs, threads))}
	if mb := cmp.Or(s.MemMB, (j.MemBytes+(1<<20)-1)>>20); mb > 0 {
		args = append(args, "--mem="+strconv.FormatInt(mb, 10))
	}
	if j.Wall > 0 {
		args = append(args, "--time="+strconv.Itoa(int((j.Wall+time.Minute-time.Nanosecond)/time.Minute))) // minutes, Slurm's unit
	}
	if s.Partition != "" {
		args = append(args, "--partition="+s.Partition)
	}
	if s.Account != "" {
		args = append(args, "--account="+s.Account)
	}
	if s.QOS != "" {
		args = append(args, "--qos="+s.QOS)
	}
	switch {
	case s.Gres != "":
		args = append(args, "--gres="+s.Gres)
	case s.GPUs > 0:
		args = append(args, "--gres=gpu:"+strconv.Itoa(s.GPUs))
	}
	if s.Requeue > 0 {
		args = append(args, "--requeue")
	} else {
		args = append(args, "--no-requeue") // a lost node is recorded, not silently re-run
	}
	return append(args, s.Extra...)
}

// script is the batch script of j (of the array of experiments ids, when
// given: each task runs the experiment its task id names): the attempt
// header, the worker, then the exit file (written atomically) with the
// worker's status and CPU time.
func (x *Executor) script(j exec.Job, threads int, ids []int64) string {
	t := strconv.Itoa(threads)
	argv := append([]string{x.bin}, x.cfg.Args...)
	argv = append(argv, "worker", "--dir", j.Dir, "--exp")
	q := make([]string, len(argv))
	for i, a := range argv {
		q[i] = shellQuote(a)
	}
	cmd := strings.Join(q, " ") + ` "$id" --threads ` + t
	header := strings.Join(q, " ") + " $id --threads " + t
	var b strings.Builder
	if ids == nil {
		fmt.Fprintf(&b, "#!/bin/bash\n# archlab experiment %d of %s, submitted by the Slurm executor\n", j.ID, j.Dir)
		fmt.Fprintf(&b, "id=%d\njob=$SLURM_JOB_ID\n", j.ID)
	} else {
		s := make([]string, len(ids))
		for i, id := range ids {
			s[i] = strconv.FormatInt(id, 10)
		}
		fmt.Fprintf(&b, "#!/bin/bash\n# archlab experiments %s of %s, one array task each, submitted by the Slurm executor\n", strings.Join(s, ","), j.Dir)
		b.WriteString("id=$SLURM_ARRAY_TASK_ID\njob=${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\n")
	}
	fmt.Fprintf(&b, "d=%s/\"$id\"\n", shellQuote(filepath.Join(j.Dir, "exp")))
	b.WriteString("cd \"$d\" || exit 64\n")
	fmt.Fprintf(&b, "echo \"=== $(date -u +%%Y-%%m-%%dT%%H:%%M:%%SZ) attempt: Slurm job $job on $(hostname): %s (threads %s, wall %v, memory %s)\"\n",
		strings.ReplaceAll(header, `"`, `\"`), t, j.Wall, exec.FormatBytes(j.MemBytes))
	fmt.Fprintf(&b, "export OPENBLAS_NUM_THREADS=%s OMP_NUM_THREADS=%s GOMAXPROCS=%s\n", t, t, t)
	fmt.Fprintf(&b, "%s\nrc=$?\n", cmd)
	b.WriteString(`t=$(times | tail -n 1)
printf '{"job_id":"%s","exit":%d,"times":"%s"}\n' "$job" "$rc" "$t" >"$d/.slurm-$job.exit.tmp" &&
	mv -f "$d/.slurm-$job.exit.tmp" "$d/slurm-$job.exit"
exit $rc
`)
	return b.String()
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// logEnd returns the size of the log at path, first ending an unfinished
// last line (a killed attempt) so the next header starts its own line.
func logEnd(path string) (int64, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR|os.O_APPEND, 0o644)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, err
	}
	if last := make([]byte, 1); n > 0 {
		if _, err := f.ReadAt(last, n-1); err == nil && last[0] != '\n' {
			f.WriteString("\n")
			n++
		}
	}
	return n, nil
}

// wait polls the job until it ends, cancelling it when ctx ends.
func (x *Executor) wait(ctx context.Context, j exec.Job, rec Record) exec.Outcome {
	t := time.NewTicker(x.poll)
	defer t.Stop()
	lost := 0
	for {
		st, err := x.status(ctx, j, rec)
		switch {
		case err != nil && ctx.Err() == nil:
			x.log.Warn("slurm: status", "exp", j.ID, "job", rec.JobID, "err", err)
		case err == nil && st.terminal():
			return x.outcome(j, rec, st)
		case err == nil && st.State == "":
			// Not in squeue, sacct or scontrol, and no exit file: give a
			// slow shared filesystem a few polls before calling it lost.
			if lost++; lost > 5 {
				return x.outcome(j, rec, jobState{State: "LOST"})
			}
		}
		select {
		case <-ctx.Done():
			return x.cancel(j, rec)
		case <-t.C:
		}
	}
}

// cancel scancels the job and waits until Slurm says it ended. The
// record says so first, so a coordinator killed at any point after never
// adopts the cancelled job's end as the experiment's outcome.
func (x *Executor) cancel(j exec.Job, rec Record) exec.Outcome {
	ctx, stop := context.WithTimeout(context.Background(), x.cfg.CancelWait)
	defer stop()
	markCancelled(exec.ExpDir(j.Dir, j.ID), rec.JobID, x.log)
	x.scancel(ctx, rec.JobID)
	out := exec.Outcome{ID: j.ID, Exit: -1, Reason: exec.ReasonCancelled, Error: fmt.Sprintf("cancelled: Slurm job %s was cancelled with scancel", rec.JobID)}
	for ctx.Err() == nil {
		st, err := x.status(ctx, j, rec)
		if err == nil && (st.terminal() || st.State == "") {
			out.WallS = st.wall()
			out.LogTail, _ = exec.ReadAttemptLog(filepath.Join(exec.ExpDir(j.Dir, j.ID), exec.LogFileName), rec.LogFrom, x.cfg.LogTailLines)
			return out
		}
		select {
		case <-ctx.Done():
		case <-time.After(x.poll / 2):
		}
	}
	out.Error += fmt.Sprintf("; it had not ended %v later", x.cfg.CancelWait)
	return out
}

// markCancelled sets Record.Cancelled in the record of experiment folder
// expDir when it names job id (and leaves any other record alone).
func markCancelled(expDir, id string, log *slog.Logger) {
	path := filepath.Join(expDir, RecordFileName)
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	var rec Record
	if json.Unmarshal(b, &rec) != nil || rec.JobID != id || rec.Cancelled {
		return
	}
	rec.Cancelled = true
	if err := exec.WriteJSON(path, rec); err != nil {
		log.Warn("slurm: cannot record the cancellation; a restart may take the job's end as the experiment's", "job", id, "err", err)
	}
}

func (x *Executor) scancel(ctx context.Context, id string) {
	if _, err := x.cfg.Command(ctx, "scancel", id); err != nil {
		x.log.Warn("slurm: scancel", "job", id, "err", err)
	}
}

// outcome turns the ended job's state into the Outcome.
func (x *Executor) outcome(j exec.Job, rec Record, st jobState) exec.Outcome {
	expDir := exec.ExpDir(j.Dir, j.ID)
	out := exec.Outcome{ID: j.ID, Exit: -1, WallS: st.wall(), CPUS: st.cpuS, MaxRSS: st.maxRSS}
	tail, first := exec.ReadAttemptLog(filepath.Join(expDir, exec.LogFileName), rec.LogFrom, x.cfg.LogTailLines)
	out.LogTail = tail
	ef, haveExit := readExitFile(expDir, rec.JobID)
	if haveExit {
		out.CPUS = cmp.Or(out.CPUS, ef.cpuS)
	}
	job := "Slurm job " + rec.JobID
	switch st.State {
	case "TIMEOUT", "DEADLINE":
		out.Reason, out.Signal = exec.ReasonTimeout, "SIGKILL"
		out.Error = fmt.Sprintf("%s ran past its time limit (%v, --time in whole minutes): killed by Slurm", job, j.Wall)
	case "OUT_OF_MEMORY":
		out.Reason, out.Signal = exec.ReasonMemory, "SIGKILL"
		out.Error = fmt.Sprintf("%s exceeded its memory (%s): killed by Slurm", job, exec.FormatBytes(j.MemBytes))
	case "NODE_FAIL", "BOOT_FAIL":
		out.Reason = exec.ReasonNode
		out.Error = fmt.Sprintf("%s lost its node (%s, %s)", job, st.State, st.Reason)
	case "PREEMPTED":
		out.Reason = exec.ReasonPreempted
		out.Error = fmt.Sprintf("%s was preempted", job)
	case "CANCELLED", "REVOKED":
		out.Reason = exec.ReasonCrash
		out.Error = fmt.Sprintf("%s was cancelled outside the search (%s)", job, cmp.Or(st.Reason, "scancel"))
	case "LOST":
		out.Reason = exec.ReasonCrash
		out.Error = fmt.Sprintf("%s is gone from Slurm and left no exit status (%s)", job, exitFileName(rec.JobID))
	default: // COMPLETED, FAILED: the worker's own exit status decides
		switch {
		case haveExit && ef.exit > 128:
			out.Signal = exec.SignalName(syscall.Signal(ef.exit - 128))
		case haveExit:
			out.Exit = ef.exit
		case st.signal > 0:
			out.Signal = exec.SignalName(syscall.Signal(st.signal))
		default:
			out.Exit = st.exit
		}
		exec.ClassifyExit(&out, expDir, rec.Submitted.Add(-time.Second), first) // a second of slack: the nodes' clocks
		// Without cgroups, Slurm enforces --mem by polling (jobacct_gather
		// with OverMemoryKill): the job ends FAILED by SIGKILL, not
		// OUT_OF_MEMORY, and slurmstepd's own line in the job's output is
		// the only record of why.
		if out.Signal == "SIGKILL" && strings.Contains(tail, "slurmstepd") && strings.Contains(tail, "Exceeded job memory limit") {
			out.Reason = exec.ReasonMemory
			out.Error = fmt.Sprintf("%s exceeded its memory (%s): killed by slurmstepd", job, exec.FormatBytes(j.MemBytes))
		}
	}
	return out
}

// exitFile is what the batch script writes after the worker.
type exitFile struct {
	exit int
	cpuS float64
}

func exitFileName(id string) string { return "slurm-" + id + ".exit" }

func readExitFile(expDir, id string) (exitFile, bool) {
	var raw struct {
		Exit  int    `json:"exit"`
		Times string `json:"times"` // bash's times, children's line: "0m1.234s 0m0.100s"
	}
	b, err := os.ReadFile(filepath.Join(expDir, exitFileName(id)))
	if err != nil || json.Unmarshal(b, &raw) != nil {
		return exitFile{}, false
	}
	ef := exitFile{exit: raw.Exit}
	for _, f := range strings.Fields(raw.Times) {
		m, s, ok := strings.Cut(strings.TrimSuffix(f, "s"), "m")
		mm, err1 := strconv.ParseFloat(m, 64)
		ss, err2 := strconv.ParseFloat(s, 64)
		if ok && err1 == nil && err2 == nil {
			ef.cpuS += 60*mm + ss
		}
	}
	return ef, true
}
