//go:build unix

package exec

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	osexec "os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/train"
)

// LocalConfig configures a Local executor. Zero fields take the defaults
// shown; a Job's own Threads, Wall and MemBytes override the config's.
type LocalConfig struct {
	Bin          string        // path of the archlab binary, default os.Executable()
	Args         []string      // arguments before "worker ...", e.g. {"archlab"} for a test binary that stands in for archlab
	Workers      int           // jobs run at once, default max(1, NumCPU/Threads)
	Threads      int           // CPU threads per worker, default 1
	Wall         time.Duration // wall-time limit per job, e.g. 10m; 0: none
	MemBytes     int64         // resident-memory limit of a job's process group, e.g. 2 << 30; 0: none
	LogTailLines int           // lines of worker.log in Outcome.LogTail, default 40
	Grace        time.Duration // from SIGTERM to SIGKILL when ctx ends, default 3s
	Poll         time.Duration // memory poll interval, default 100ms
	Logger       *slog.Logger  // default slog.Default()
}

// Local runs each job as `archlab worker` in its own process group on this
// machine, at most Slots() at once, and enforces its wall-time and memory
// limits by killing the whole group.
type Local struct {
	cfg   LocalConfig
	log   *slog.Logger
	slots chan struct{} // one token per running job
}

var _ Executor = (*Local)(nil)

// NewLocal returns a Local executor for c.
func NewLocal(c LocalConfig) (*Local, error) {
	if c.Workers < 0 || c.Threads < 0 || c.Wall < 0 || c.MemBytes < 0 || c.LogTailLines < 0 || c.Grace < 0 || c.Poll < 0 {
		return nil, fmt.Errorf("exec: negative setting in %+v", c)
	}
	if c.Bin == "" {
		bin, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("exec: find the archlab binary: %w", err)
		}
		c.Bin = bin
	}
	if _, err := os.Stat(c.Bin); err != nil {
		return nil, fmt.Errorf("exec: worker binary: %w", err)
	}
	c.Threads = cmp.Or(c.Threads, 1)
	c.Workers = cmp.Or(c.Workers, max(1, runtime.NumCPU()/c.Threads))
	c.LogTailLines = cmp.Or(c.LogTailLines, 40)
	c.Grace = cmp.Or(c.Grace, 3*time.Second)
	c.Poll = cmp.Or(c.Poll, 100*time.Millisecond)
	log := c.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Local{cfg: c, log: log, slots: make(chan struct{}, c.Workers)}, nil
}

// Name returns "local".
func (l *Local) Name() string { return "local" }

// Slots returns how many jobs run at once (LocalConfig.Workers).
func (l *Local) Slots() int { return l.cfg.Workers }

// Run runs job j and returns what happened. It waits for a free slot
// first. When ctx ends, the worker's group gets SIGTERM, then SIGKILL after
// the grace period, and the outcome is ReasonCancelled. Run returns only
// after the worker has been reaped and its group killed, so no process of
// the job outlives it.
func (l *Local) Run(ctx context.Context, j Job) Outcome {
	select {
	case l.slots <- struct{}{}:
		defer func() { <-l.slots }()
	case <-ctx.Done():
		return Outcome{ID: j.ID, Exit: -1, Reason: ReasonCancelled, Error: "cancelled before the worker started"}
	}
	if ctx.Err() != nil {
		return Outcome{ID: j.ID, Exit: -1, Reason: ReasonCancelled, Error: "cancelled before the worker started"}
	}
	out := l.run(ctx, j)
	l.log.Info("exec: job done", "exp", j.ID, "ok", out.OK, "reason", out.Reason, "exit", out.Exit,
		"signal", out.Signal, "wall_s", round2(out.WallS), "cpu_s", round2(out.CPUS), "max_rss", out.MaxRSS, "error", out.Error)
	return out
}

// limits of one attempt.
type limits struct {
	threads int
	wall    time.Duration
	mem     int64
}

func (l *Local) run(ctx context.Context, j Job) Outcome {
	out := Outcome{ID: j.ID, Exit: -1}
	lim := limits{cmp.Or(j.Threads, l.cfg.Threads), cmp.Or(j.Wall, l.cfg.Wall), cmp.Or(j.MemBytes, l.cfg.MemBytes)}
	crash := func(err error) Outcome {
		out.Reason, out.Error = ReasonCrash, err.Error()
		return out
	}
	dir, err := filepath.Abs(j.Dir)
	if err != nil {
		return crash(fmt.Errorf("exec: %w", err))
	}
	expDir := ExpDir(dir, j.ID)
	logPath := filepath.Join(expDir, LogFileName)
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_RDWR|os.O_APPEND, 0o644)
	if err != nil {
		return crash(fmt.Errorf("exec: open worker log: %w", err))
	}
	defer f.Close()
	from, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return crash(fmt.Errorf("exec: %s: %w", logPath, err))
	}
	if last := make([]byte, 1); from > 0 {
		if _, err := f.ReadAt(last, from-1); err == nil && last[0] != '\n' {
			f.WriteString("\n") // the last attempt died mid-line: start the header on its own
			from++
		}
	}

	args := append(slices.Clone(l.cfg.Args), "worker", "--dir", dir, "--exp", strconv.FormatInt(j.ID, 10), "--threads", strconv.Itoa(lim.threads))
	cmd := osexec.Command(l.cfg.Bin, args...)
	cmd.Stdout, cmd.Stderr = f, f // one *os.File: the child writes it directly, no copying goroutine
	cmd.Env = append(os.Environ(), workerEnv(lim.threads)...)
	cmd.SysProcAttr = procAttr()
	fmt.Fprintf(f, "=== %s attempt: %s (threads %d, wall %v, memory %s)\n", time.Now().UTC().Format(time.RFC3339),
		strings.Join(append([]string{l.cfg.Bin}, args...), " "), lim.threads, lim.wall, formatBytes(lim.mem))

	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		err = fmt.Errorf("exec: start worker: %w", err)
		fmt.Fprintln(f, err) // the log keeps every attempt, the failed starts too
		out.LogTail, _ = readAttemptLog(logPath, from, l.cfg.LogTailLines)
		return crash(err)
	}
	pgid := cmd.Process.Pid // Setpgid: the worker leads a group named by its pid
	l.log.Debug("exec: worker started", "exp", j.ID, "pid", pgid, "threads", lim.threads)
	w := l.watch(ctx, cmd, pgid, lim)
	l.killGroup(pgid, syscall.SIGKILL) // what the worker started may outlive it
	out.WallS = time.Since(t0).Seconds()

	tail, first := readAttemptLog(logPath, from, l.cfg.LogTailLines)
	out.LogTail = tail
	ps := cmd.ProcessState
	if ps == nil {
		return crash(fmt.Errorf("exec: wait for worker: %w", w.err))
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		out.CPUS = tvSeconds(ru.Utime) + tvSeconds(ru.Stime)
		out.MaxRSS = int64(ru.Maxrss) * 1024 // KiB on Linux
	}
	out.MaxRSS = max(out.MaxRSS, w.peak)
	ws, _ := ps.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		out.Signal = signalName(ws.Signal())
	} else {
		out.Exit = ws.ExitStatus()
	}
	l.classify(&out, w, lim, expDir, t0, first)
	return out
}

// watched is what watch saw while the worker ran.
type watched struct {
	err     error  // from cmd.Wait
	killed  string // ReasonTimeout, ReasonMemory or ReasonCancelled when this executor stopped the worker
	forced  bool   // a cancelled worker outlived the grace period and got SIGKILL
	peak    int64  // largest polled RSS of the group, bytes
	pollErr error  // why memory polling stopped early
}

// watch waits for the worker while enforcing the limits and ctx.
func (l *Local) watch(ctx context.Context, cmd *osexec.Cmd, pgid int, lim limits) watched {
	var w watched
	waitc := make(chan error, 1)
	go func() { waitc <- cmd.Wait() }()
	var wallC, pollC, graceC <-chan time.Time
	if lim.wall > 0 {
		t := time.NewTimer(lim.wall)
		defer t.Stop()
		wallC = t.C
	}
	if lim.mem > 0 {
		t := time.NewTicker(l.cfg.Poll)
		defer t.Stop()
		pollC = t.C
	}
	done := ctx.Done()
	stop := func(reason string, sig syscall.Signal) {
		w.killed = reason
		l.killGroup(pgid, sig)
		wallC, pollC, done = nil, nil, nil
	}
	for {
		select {
		case w.err = <-waitc:
			return w
		case <-wallC:
			stop(ReasonTimeout, syscall.SIGKILL)
		case <-pollC:
			rss, _, err := groupRSS(pgid)
			if err != nil {
				w.pollErr, pollC = err, nil
				l.log.Warn("exec: memory limit not enforced", "pgid", pgid, "err", err)
				continue
			}
			w.peak = max(w.peak, rss)
			if rss > lim.mem {
				stop(ReasonMemory, syscall.SIGKILL)
			}
		case <-done:
			stop(ReasonCancelled, syscall.SIGTERM)
			t := time.NewTimer(l.cfg.Grace)
			defer t.Stop()
			graceC = t.C
		case <-graceC:
			w.forced = true
			l.killGroup(pgid, syscall.SIGKILL)
			graceC = nil
		}
	}
}

// classify sets the outcome's OK, Reason and Error from the exit status,
// what watch did, and the files the worker left.
func (l *Local) classify(out *Outcome, w watched, lim limits, expDir string, t0 time.Time, firstCrash string) {
	signalled := out.Signal != ""
	switch {
	case w.killed == ReasonTimeout:
		out.Reason, out.Error = ReasonTimeout, fmt.Sprintf("worker ran past its %v limit: killed", lim.wall)
	case w.killed == ReasonMemory:
		out.Reason, out.Error = ReasonMemory, fmt.Sprintf("worker exceeded its %s memory limit (peak %s): killed", formatBytes(lim.mem), formatBytes(w.peak))
	case w.killed == ReasonCancelled && (signalled || out.Exit != ExitOK):
		out.Reason, out.Error = ReasonCancelled, "cancelled: the worker stopped on SIGTERM"
		if w.forced {
			out.Error = fmt.Sprintf("cancelled: the worker ignored SIGTERM for %v and was killed", l.cfg.Grace)
		}
	default:
		ClassifyExit(out, expDir, t0, firstCrash)
	}
	if w.pollErr != nil && out.Error != "" {
		out.Error += fmt.Sprintf(" (memory limit not enforced: %v)", w.pollErr)
	}
}

// ClassifyExit sets out's OK, Reason and Error from the worker's exit
// status or signal (out.Exit, out.Signal), out.LogTail and the files the
// attempt that started at t0 left in expDir; firstCrash is the crash line
// of ReadAttemptLog. It is the exit-status protocol of archlab worker,
// shared by the executors that do not kill the worker themselves.
func ClassifyExit(out *Outcome, expDir string, t0 time.Time, firstCrash string) {
	switch {
	case out.Signal != "":
		out.Reason, out.Error = ReasonCrash, "worker was killed by "+out.Signal
	case out.Exit == ExitOK:
		out.OK = true
	case out.Exit == ExitCompile:
		out.Reason, out.Error = ReasonCompile, "the source did not build: "+failedCheck(expDir, t0, true)
	case out.Exit == ExitCheck:
		out.Reason, out.Error = ReasonCheck, "check failed: "+failedCheck(expDir, t0, false)
	case out.Exit == ExitNonFinite:
		out.Reason, out.Error = ReasonNonFinite, "the loss became NaN or Inf: "+resultError(expDir, t0)
	case out.Exit == ExitCancelled:
		out.Reason, out.Error = ReasonCancelled, "the worker was interrupted by a signal from outside this executor"
	case out.Exit == ExitUsage:
		out.Reason, out.Error = ReasonCrash, "worker rejected the job: "+lastLine(out.LogTail)
	case firstCrash != "":
		out.Reason, out.Error = ReasonCrash, "worker "+firstCrash
	default:
		out.Reason, out.Error = ReasonCrash, fmt.Sprintf("worker exited with status %d: %s", out.Exit, lastLine(out.LogTail))
	}
}

// readFresh reads the file at path when it was written since t0 (by this
// attempt, not an earlier one).
func readFresh(path string, t0 time.Time) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.ModTime().Before(t0.Add(-50 * time.Millisecond)) { // slack: the kernel stamps files with a coarse clock
		return nil, fmt.Errorf("left by an earlier attempt")
	}
	return os.ReadFile(path)
}

// failedCheck returns the first failed verdict of this attempt's
// check.json as "name: reason", the compiles verdict when compile is set.
func failedCheck(expDir string, t0 time.Time, compile bool) string {
	var rep arch.Report
	b, err := readFresh(filepath.Join(expDir, CheckFileName), t0)
	if err == nil {
		err = json.Unmarshal(b, &rep)
	}
	if err != nil {
		return fmt.Sprintf("no readable %s (%v)", CheckFileName, err)
	}
	for _, v := range rep.Checks {
		if v.OK || strings.HasPrefix(v.Reason, "skipped") || (compile && v.Name != arch.CheckCompiles) {
			continue
		}
		return v.Name + ": " + v.Reason
	}
	return "see " + CheckFileName
}

// resultError returns the error of this attempt's result.json.
func resultError(expDir string, t0 time.Time) string {
	var res train.Result
	b, err := readFresh(filepath.Join(expDir, ResultFileName), t0)
	if err == nil {
		err = json.Unmarshal(b, &res)
	}
	if err != nil || res.Error == "" {
		return "see " + LogFileName
	}
	return res.Error
}

// workerEnv returns the variables that size a worker to its threads. The
// pool divides the machine between workers, so a worker's Go scheduler and
// BLAS use its share, not every core.
func workerEnv(threads int) []string {
	t := strconv.Itoa(threads)
	return []string{"OPENBLAS_NUM_THREADS=" + t, "OMP_NUM_THREADS=" + t, "GOMAXPROCS=" + t}
}

// killGroup sends sig to every process of the group pgid. A group that is
// already gone is not an error.
func (l *Local) killGroup(pgid int, sig syscall.Signal) {
	if err := syscall.Kill(-pgid, sig); err != nil && !errors.Is(err, syscall.ESRCH) {
		l.log.Warn("exec: kill worker group", "pgid", pgid, "signal", signalName(sig), "err", err)
	}
}

func tvSeconds(tv syscall.Timeval) float64 {
	return float64(tv.Sec) + float64(tv.Usec)/1e6
}

func round2(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }
