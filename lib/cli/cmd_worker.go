package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/train"
)

const workerAbout = `Run one experiment of a run folder in this process: read
RUN/exp/ID/job.json, check the layer source it names (writing check.json)
and, in mode train, train it (metrics.jsonl, result.json, a checkpoint; a
re-queued job resumes from its checkpoint). Executors start this command
(package lib/exec); logs go to stderr.

Exit status: 0 ok, 3 the source did not build, 4 a check failed, 5 the loss
became NaN or Inf, 6 stopped by SIGTERM or SIGINT, 64 a bad job (missing or
invalid job.json or source), 1 any other training failure. A panic is not
recovered: Go exits 2 with the stack, and the executor reports a crash.`

func cmdWorker(env *Env) int {
	fs := newFlags(env, "worker", "--dir RUN --exp ID [--threads N] [--device cpu|cuda|auto]", workerAbout)
	dir := fs.String("dir", "", "run folder (required)")
	id := fs.Int64("exp", -1, "experiment id (required)")
	threads := fs.Int("threads", 0, "CPU threads, overriding the spec's (0: the spec's)")
	device := deviceFlag(fs, "")
	if code, done := parseFlags(env, fs); done {
		if code != 0 {
			return exec.ExitUsage
		}
		return code
	}
	if *dir == "" || *id < 0 || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "archlab worker: --dir RUN and --exp ID are required, and nothing else")
		return exec.ExitUsage
	}
	if err := validDevice(*device); err != nil {
		fmt.Fprintln(env.Stderr, "archlab worker:", err)
		return exec.ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	w := &worker{
		dir: *dir, id: *id, threads: *threads, device: *device, env: env,
		log: slog.New(slog.NewTextHandler(env.Stderr, nil)).With("exp", *id),
	}
	return w.run(ctx)
}

// worker is one `archlab worker` invocation.
type worker struct {
	dir     string
	id      int64
	threads int    // 0: the spec's
	device  string // "": the spec's backend
	env     *Env
	log     *slog.Logger
}

// usage reports a bad job in one line and returns ExitUsage.
func (w *worker) usage(err error) int {
	fmt.Fprintln(w.env.Stderr, "archlab worker:", strings.TrimPrefix(err.Error(), "exec: "))
	return exec.ExitUsage
}

func (w *worker) run(ctx context.Context) int {
	job, err := exec.ReadJob(w.dir, w.id)
	if err != nil {
		return w.usage(err)
	}
	expDir := exec.ExpDir(w.dir, w.id)
	srcPath := filepath.Join(expDir, job.Source)
	b, err := os.ReadFile(srcPath)
	if err != nil {
		return w.usage(fmt.Errorf("read source: %w", err))
	}
	src := string(b)
	name := job.Spec.Arch
	if name == "" {
		name = job.Source
	}
	var c train.Config
	ccfg := arch.CheckConfig{}
	if job.Mode == exec.ModeTrain || job.Spec.Preset != "" {
		c = w.config(job, name, src, expDir)
		spec, err := c.Resolve()
		if err != nil { // a bad spec is a bad job: say so before the checks
			return w.usage(fmt.Errorf("%s: %w", filepath.Join(expDir, exec.JobFileName), err))
		}
		ccfg = checkFor(spec)
	}
	if job.MaxExponent > 0 {
		ccfg.MaxExponent = job.MaxExponent
	}

	if job.Mode == exec.ModeTrain && alreadyChecked(job, src, expDir) {
		w.log.Info("worker: the source passed its check job; training", "source", srcPath)
		return w.train(ctx, c)
	}
	w.log.Info("worker: checking", "mode", job.Mode, "source", srcPath)
	t0 := time.Now()
	rep := arch.CheckSource(ctx, name, src, ccfg)
	if ctx.Err() != nil { // a partial report would read as a verdict: write none
		w.log.Info("worker: cancelled during the checks")
		return exec.ExitCancelled
	}
	report := checkReport{Report: rep}
	if rep.OK {
		// What the source computes, for the search's novelty gate: two
		// sources with the same traced graph are the same experiment.
		if l, err := arch.Parse(name, src); err == nil {
			if fp, err := arch.Fingerprint(ctx, l, ccfg); err == nil {
				report.Fingerprint = fp
			} else {
				w.log.Warn("worker: no fingerprint", "err", err)
			}
		}
	}
	if err := exec.WriteJSON(filepath.Join(expDir, exec.CheckFileName), report); err != nil {
		w.log.Error("worker: write the check report", "err", err)
		return 1
	}
	w.log.Info("worker: checked", "ok", rep.OK, "wall_s", time.Since(t0).Seconds())
	if !rep.OK {
		for _, v := range rep.Failed() {
			if !strings.HasPrefix(v.Reason, "skipped") {
				w.log.Info("worker: check failed", "check", v.Name, "reason", v.Reason)
			}
		}
		if !compiled(rep) {
			return exec.ExitCompile
		}
		return exec.ExitCheck
	}
	if job.Mode == exec.ModeCheck {
		return exec.ExitOK
	}
	return w.train(ctx, c)
}

// checkReport is check.json: the report and, when every check passed,
// the fingerprint of the traced graph (arch.Fingerprint).
type checkReport struct {
	*arch.Report
	Fingerprint string `json:"fingerprint,omitempty"`
}

// checkFor is the check of a layer that will train under s: causality and
// batch independence up to the training length, on the run's depth (2 to
// 4 layers), at the run's width when it is small (as train.Run checks).
func checkFor(s train.Spec) arch.CheckConfig {
	c := arch.CheckConfig{TrainT: max(s.Seq, 2)}
	c.Layer.Layers = min(max(s.Layers, 2), 4)
	if s.D > 0 && s.D <= 128 && s.Heads > 0 && s.D%s.Heads == 0 {
		c.Layer.D, c.Layer.Heads, c.Layer.HeadDim = s.D, s.Heads, s.D/s.Heads
	}
	return c
}

// alreadyChecked reports whether job names src's hash as checked and the
// experiment's check.json says it passed.
func alreadyChecked(job exec.JobFile, src, expDir string) bool {
	sum := sha256.Sum256([]byte(src))
	if job.Checked == "" || job.Checked != hex.EncodeToString(sum[:]) {
		return false
	}
	b, err := os.ReadFile(filepath.Join(expDir, exec.CheckFileName))
	if err != nil {
		return false
	}
	var rep arch.Report
	return json.Unmarshal(b, &rep) == nil && rep.OK
}

// compiled reports whether the report's compiles verdict passed.
func compiled(rep *arch.Report) bool {
	for _, v := range rep.Checks {
		if v.Name == arch.CheckCompiles {
			return v.OK
		}
	}
	return false
}

// config returns the training run of job: its spec on the source, written
// to expDir, resuming, with the hooks that log progress.
func (w *worker) config(job exec.JobFile, name, src, expDir string) train.Config {
	last := time.Now()
	// The trainer logs its evaluations; progress adds the first step, the
	// last, and a line every 10 s between.
	hooks := train.Hooks{Logger: w.log, Progress: func(p train.Progress) {
		if p.Step == 1 || p.Step == p.Steps || time.Since(last) > 10*time.Second {
			last = time.Now()
			w.log.Info("worker: progress", "seed", p.Seed, "step", p.Step, "steps", p.Steps, "loss", p.Loss,
				"val_loss", p.ValLoss, "tokens_per_s", int(p.TokensPS), "wall_s", int(p.WallS))
		}
	}}
	c := job.Spec.Config(hooks)
	c.Arch, c.Source, c.Out = name, src, expDir
	c.Resume = true    // a re-queued job continues from its checkpoint
	c.Unchecked = true // the checks above just passed
	if w.threads > 0 {
		c.Threads = w.threads
	}
	if w.device != "" {
		c.Backend = w.device
	}
	return c
}

// train runs c on the checked source.
func (w *worker) train(ctx context.Context, c train.Config) int {
	w.log.Info("worker: training", "preset", c.Preset, "task", c.Task, "steps", c.Steps, "threads", c.Threads, "device", c.Backend)
	res, err := train.Run(ctx, c)
	switch {
	case res == nil && ctx.Err() != nil:
		return exec.ExitCancelled
	case res == nil: // the spec itself is wrong: nothing ran
		return w.usage(fmt.Errorf("%s: %w", filepath.Join(c.Out, exec.JobFileName), err))
	case res.Status == train.StatusCancelled || (err != nil && ctx.Err() != nil):
		w.log.Info("worker: cancelled", "steps", res.Steps)
		return exec.ExitCancelled
	case err == nil && res.Status != train.StatusFailed:
		w.log.Info("worker: trained", "status", res.Status, "steps", res.Steps, "final_loss", res.FinalLoss,
			"val_loss", res.ValLoss, "wall_s", res.WallS)
		return exec.ExitOK
	case nonFinite(err, res):
		w.log.Error("worker: the loss is not finite", "err", err, "steps", res.Steps)
		return exec.ExitNonFinite
	default:
		w.log.Error("worker: training failed", "err", err, "error", res.Error)
		return 1
	}
}

// nonFinite reports whether a training run failed on a NaN or Inf loss
// or gradient.
func nonFinite(err error, res *train.Result) bool {
	return errors.Is(err, train.ErrNonFinite) || (res != nil && res.Reason == train.ReasonNonFinite)
}
