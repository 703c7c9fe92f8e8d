package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/exec/slurm"
	"github.com/archlab/archlab/lib/plot"
	"github.com/archlab/archlab/lib/search"
	"github.com/archlab/archlab/lib/store"
)

const searchAbout = `Run the architecture-search loop in a run folder, or resume it.

A new RUN folder starts a search under --config (JSON; every key is documented
in the README, unknown keys are errors) and the flags; an existing one resumes
under its stored config: experiments interrupted by a kill are re-queued, none
is lost or run twice. Experiment 1 is the baseline (zoo DeltaNet), trained with
several seeds. One line is printed per finished experiment; on a terminal a
live progress line too. Ctrl-C stops cleanly (run it again to resume).

  archlab search --dir runs/s1 --experiments 20             offline agents, 2 minutes a candidate on one thread
  archlab search --dir runs/s1 --experiments 40             resume the same run to 40
  archlab search --dir runs/ctl --llm random --experiments 20   the random control
  archlab search --dir runs/o --llm openai:gpt-4.1-mini --config search.json
  archlab search --dir runs/s1 --verify --top-k 6 --stage2-seeds 2   stage 2 now, on the 6 best
  archlab search --dir /shared/runs/s2 --executor slurm --config search.json --experiments 200

--verify re-trains an existing run's baseline and its top-k stage-1
experiments (by fitness) under the stage-2 settings, then prints each
verified experiment's fitness at both stages and their Spearman rank
correlation. It needs no budget; --top-k and --stage2-seeds are stored in the
run's config.

--executor slurm runs each check and training as a Slurm job (the config's
"slurm" section: partition, account, qos, gpus, cpus, mem_mb, extra, jobs,
requeue); RUN must be on a filesystem the compute nodes share. A search
interrupted by Ctrl-C cancels its jobs; one killed outright leaves them
running, and the next search on RUN adopts them instead of submitting them
again.`

func cmdSearch(env *Env) int {
	fs := newFlags(env, "search", "--dir RUN [--config FILE] [--experiments N] [--hours H] [--workers K] [--llm offline] [--executor local|slurm]", searchAbout)
	dir := fs.String("dir", "", "the run folder (created when missing, resumed when it holds a run)")
	cfgPath := fs.String("config", "", "JSON config for a new run (defaults: see the README)")
	nexp := fs.Int("experiments", 0, "stop when this many stage-1 experiments have finished in the run, baseline included")
	hours := fs.Float64("hours", 0, "stop starting experiments after this many wall-clock hours")
	devh := fs.Float64("device-hours", 0, "stop when the run's measured device hours reach this")
	cpuh := fs.Float64("cpu-hours", 0, "stop when the run's workers' measured CPU hours reach this")
	workers := fs.Int("workers", 0, "experiments trained at once (default: cores / threads, or slurm.jobs)")
	executor := fs.String("executor", "", "where workers run: local (processes here) or slurm (one Slurm job each; settings in the config's slurm section); default: the config's executor")
	threads := fs.Int("threads", 0, "CPU threads per worker (new runs; default 1)")
	device := fs.String("device", "", "new runs: both stages' training backend, cpu, cuda or auto (default: the config's stage specs, else cpu)")
	llm := fs.String("llm", "", "agents for a new run: offline (default), random (the control), openai:MODEL, anthropic:MODEL")
	seed := fs.Uint64("seed", 0, "search seed for a new run (default 1)")
	stage1 := fs.String("stage1", "", "stage-1 preset for a new run: "+strings.Join(search.StagePresets(), ", "))
	noStage2 := fs.Bool("no-stage2", false, "new runs: skip the stage-2 re-training")
	verify := fs.Bool("verify", false, "an existing run: re-train its baseline and top-k experiments at stage 2 now, then report the stage agreement")
	topK := fs.Int("top-k", 0, "with --verify: how many stage-1 experiments stage 2 re-trains (default: the run's stage2.top_k)")
	seeds2 := fs.Int("stage2-seeds", 0, "with --verify: training seeds per stage-2 row (default: the run's stage2.seeds)")
	quiet := fs.Bool("quiet", false, "no per-experiment lines")
	printCfg := fs.Bool("print-config", false, "print the config (defaults, --config's, or the run's stored one) as JSON and exit")
	if code, done := parseFlags(env, fs); done {
		return code
	}
	if *printCfg {
		c := search.Defaults()
		var err error
		switch {
		case *cfgPath != "":
			c, err = search.LoadConfig(*cfgPath)
		case *dir != "" && fileExists(filepath.Join(*dir, "archlab.db")):
			c, err = storedConfig(*dir)
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "archlab search: %v\n", err)
			return 1
		}
		b, _ := json.MarshalIndent(c, "", "  ")
		fmt.Fprintln(env.Stdout, string(b))
		return 0
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "archlab search: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *dir == "" {
		fmt.Fprintln(env.Stderr, "archlab search: --dir is required (the run folder)")
		return 2
	}
	if *nexp < 0 || *hours < 0 || *devh < 0 || *cpuh < 0 || *workers < 0 || *threads < 0 {
		fmt.Fprintln(env.Stderr, "archlab search: --experiments, --hours, --device-hours, --cpu-hours, --workers and --threads must not be negative")
		return 2
	}
	if err := validDevice(*device); err != nil {
		fmt.Fprintln(env.Stderr, "archlab search:", err)
		return 2
	}
	if *topK < 0 || *seeds2 < 0 {
		fmt.Fprintln(env.Stderr, "archlab search: --top-k and --stage2-seeds must not be negative")
		return 2
	}
	if (*topK > 0 || *seeds2 > 0) && !*verify {
		fmt.Fprintln(env.Stderr, "archlab search: --top-k and --stage2-seeds go with --verify")
		return 2
	}
	if *verify && !fileExists(filepath.Join(*dir, "archlab.db")) {
		fmt.Fprintf(env.Stderr, "archlab search: --verify needs an existing run; %s holds none\n", *dir)
		return 2
	}
	if !*verify && *nexp == 0 && *hours == 0 && *devh == 0 && *cpuh == 0 {
		fmt.Fprintln(env.Stderr, "archlab search: give a budget: --experiments N, --hours H, --device-hours H or --cpu-hours H")
		return 2
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	exists := fileExists(filepath.Join(*dir, "archlab.db"))

	var cfg *search.Config
	if !exists || set["config"] || set["llm"] || set["seed"] || set["threads"] || set["device"] || set["stage1"] || set["no-stage2"] {
		c := search.Config{}
		if *cfgPath != "" {
			var err error
			if c, err = search.LoadConfig(*cfgPath); err != nil {
				fmt.Fprintf(env.Stderr, "archlab search: %v\n", err)
				return 1
			}
		}
		if set["llm"] {
			c.LLM = *llm
		}
		if set["seed"] {
			c.Seed = *seed
		}
		if set["threads"] {
			c.Threads = *threads
		}
		if set["stage1"] {
			c.Stage1.Preset = *stage1
		}
		if set["device"] {
			c.Stage1.Spec.Backend, c.Stage2.Spec.Backend = *device, *device
		}
		if *noStage2 {
			c.Stage2.TopK = -1
		}
		cfg = &c
	}
	if cfg != nil && set["workers"] {
		cfg.Workers = *workers
	}
	if cfg != nil && set["executor"] {
		cfg.Executor = *executor
	}

	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("ARCHLAB_LOG") != "" {
		logger = slog.New(slog.NewTextHandler(env.Stderr, nil))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	tty := isTerminal(env.Stdout)
	started := time.Now()
	var finished int
	var eventMu sync.Mutex // events come from the verify run's goroutines too
	out := env.Stdout
	rec := &lateRecorder{}
	opts := search.Options{Logger: logger, OnEvent: func(ev search.Event) {
		eventMu.Lock()
		defer eventMu.Unlock()
		e := ev.Exp
		switch ev.What {
		case "done", "failed", "rejected":
			finished++
			if !*quiet {
				if tty {
					fmt.Fprint(out, "\r\033[K")
				}
				fmt.Fprintln(out, experimentLine(e))
			}
		}
		if tty && !*quiet {
			fmt.Fprintf(out, "\r\033[K  #%d %s: %s (%d finished, %s)", e.ID, e.Name, ev.What, finished, time.Since(started).Round(time.Second))
		}
	}}
	loopCfg := cfg
	probe := search.Defaults()
	if loopCfg != nil {
		probe = *loopCfg
	} else if c, err := storedConfig(*dir); err == nil {
		probe = c
	}
	team, err := search.NewTeam(probe, rec)
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab search: %v\n", err)
		return 1
	}
	opts.Team = team
	if set["executor"] { // a resumed run may move to another executor
		probe.Executor = *executor
	}
	ex, err := search.NewExecutor(probe, *workers, logger)
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab search: %v\n", err)
		return 1
	}
	opts.Executor = ex
	if probe.Cognition != "" {
		src, err := search.CognitionSource(probe.Cognition)
		if err != nil {
			fmt.Fprintf(env.Stderr, "archlab search: %v\n", err)
			return 1
		}
		opts.Snippets = src
	}
	loop, err := search.Open(*dir, loopCfg, opts)
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab search: %v\n", err)
		return 1
	}
	defer loop.Close()
	rec.set(loop)
	if set["workers"] {
		loop.SetWorkers(*workers)
	}
	if !*quiet {
		c := loop.Config()
		judge := "judge on"
		if c.NoJudge || team.Judge == nil {
			judge = "no judge: fitness = (loss term + bench term) / 2"
		}
		fmt.Fprintf(out, "search %s: agents %s, selector %s, stage 1 %s, %s, executor %s\n", *dir, team.Name, c.Selector, c.Stage1.Preset, judge, ex.Name())
	}
	defer cancelLeftJobs(env, ex, *dir)
	if *verify {
		return verifyRun(ctx, env, loop, *dir, *topK, *seeds2, tty && !*quiet)
	}
	err = loop.Run(ctx, search.Budget{Experiments: *nexp, Wall: time.Duration(*hours * float64(time.Hour)), DeviceHours: *devh, CPUHours: *cpuh})
	if tty && !*quiet {
		fmt.Fprint(out, "\r\033[K")
	}
	n, _ := loop.Finished(context.Background())
	switch {
	case ctx.Err() != nil:
		fmt.Fprintf(env.Stderr, "archlab search: interrupted after %d finished experiments; run the same command to resume\n", n)
		return 130
	case err != nil:
		fmt.Fprintf(env.Stderr, "archlab search: %v\n", err)
		return 1
	}
	if !*quiet {
		fmt.Fprintf(out, "search %s: %d stage-1 experiments finished; archlab results --dir %s for the table\n", *dir, n, *dir)
	}
	return 0
}

// cancelLeftJobs cancels the scheduler jobs of the run that no experiment
// waits for once the loop has returned (a job of an experiment a resumed
// search did not come back to), saying so on stderr.
func cancelLeftJobs(env *Env, ex exec.Executor, dir string) {
	x, ok := ex.(*slurm.Executor)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ids, err := x.CancelRun(ctx, dir)
	switch {
	case err != nil:
		fmt.Fprintf(env.Stderr, "archlab search: could not check for Slurm jobs left running: %v\n", err)
	case len(ids) > 0:
		fmt.Fprintf(env.Stderr, "archlab search: cancelled Slurm jobs no experiment waited for: %s\n", strings.Join(ids, " "))
	}
}

// verifyRun is search --verify: stage 2 on an existing run, then the
// stage-1 against stage-2 agreement of the verified candidates.
func verifyRun(ctx context.Context, env *Env, loop *search.Loop, dir string, topK, seeds int, tty bool) int {
	if err := loop.SetStage2(ctx, topK, seeds); err != nil {
		fmt.Fprintf(env.Stderr, "archlab search: %v\n", err)
		return 2
	}
	c := loop.Config()
	if c.Stage2.TopK <= 0 {
		fmt.Fprintf(env.Stderr, "archlab search: %s has stage 2 off (stage2.top_k %d); give --top-k N\n", dir, c.Stage2.TopK)
		return 2
	}
	err := loop.Verify(ctx)
	if tty {
		fmt.Fprint(env.Stdout, "\r\033[K")
	}
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(env.Stderr, "archlab search: interrupted; run the same command to resume stage 2")
		return 130
	case err != nil:
		fmt.Fprintf(env.Stderr, "archlab search: %v\n", err)
		return 1
	}
	st1, err := loop.Store().List(ctx, store.Filter{Stage: 1})
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab search: %v\n", err)
		return 1
	}
	first := map[int64]*store.Experiment{}
	for _, e := range st1 {
		first[e.ID] = e
	}
	st2, err := loop.Store().List(ctx, store.Filter{Stage: 2})
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab search: %v\n", err)
		return 1
	}
	w := env.Stdout
	fmt.Fprintf(w, "%-6s %-28s %10s %10s %10s %10s\n", "of", "name", "fitness_s1", "fitness_s2", "val_s2", "bench_s2")
	var f1, f2 []float64
	for _, e := range st2 {
		s1 := first[e.Of]
		if s1 == nil || e.Status != store.Done {
			continue
		}
		fmt.Fprintf(w, "%-6d %-28s %10.4f %10.4f %10.4f %10.4f\n", e.Of, trunc(e.Name, 28), s1.Fitness, e.Fitness, e.ValLoss, e.Bench)
		if e.Of != 1 {
			f1, f2 = append(f1, s1.Fitness), append(f2, e.Fitness)
		}
	}
	if len(f1) >= 3 {
		fmt.Fprintf(w, "stage-1 against stage-2 fitness over %d candidates: Spearman ρ = %.2f\n", len(f1), plot.Spearman(f1, f2))
	} else {
		fmt.Fprintf(w, "%d candidates verified: too few for a rank correlation (3 or more)\n", len(f1))
	}
	return 0
}

// experimentLine is the one line printed per finished experiment.
func experimentLine(e *store.Experiment) string {
	f := func(x float64) string {
		if math.IsNaN(x) {
			return "-"
		}
		return fmt.Sprintf("%.4f", x)
	}
	s := fmt.Sprintf("#%-4d s%d %-28s %-8s", e.ID, e.Stage, trunc(e.Name, 28), e.Status)
	if e.Status == store.Done {
		s += fmt.Sprintf(" val %s bench %s fitness %s", f(e.ValLoss), f(e.Bench), f(e.Fitness))
		if e.BeatsNoise {
			s += " beats (noise-aware)"
		} else if e.BeatsASI {
			s += " beats (ASI rule)"
		}
	} else {
		s += " " + e.Reason + ": " + trunc(strings.ReplaceAll(e.Error, "\n", " "), 100)
	}
	return s + fmt.Sprintf("  %.1fs", e.WallS)
}

func trunc(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// storedConfig reads a run's config without taking its lock.
func storedConfig(dir string) (search.Config, error) {
	st, err := store.OpenReadOnly(dir)
	if err != nil {
		return search.Config{}, err
	}
	defer st.Close()
	b, ok, err := st.Meta(context.Background(), "config")
	if err != nil || !ok {
		return search.Config{}, fmt.Errorf("no stored config in %s", dir)
	}
	return search.ParseConfig(b)
}

// lateRecorder forwards agent calls to the loop once it is open (the team
// is built before the loop that records its calls).
type lateRecorder struct{ to agents.Recorder }

func (r *lateRecorder) set(to agents.Recorder) { r.to = to }

func (r *lateRecorder) RecordCall(ctx context.Context, c agents.CallRecord) error {
	if r.to == nil {
		return nil
	}
	return r.to.RecordCall(ctx, c)
}
