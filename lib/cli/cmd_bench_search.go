package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/search"
	"github.com/archlab/archlab/lib/store"
)

// armResult is one search of `archlab bench search`.
type armResult struct {
	Arm             string  `json:"arm"`
	Seed            uint64  `json:"seed"`
	Dir             string  `json:"dir"`
	Experiments     int     `json:"experiments"` // finished stage-1 experiments, the baseline included
	Done            int     `json:"done"`
	CPUHours        float64 `json:"cpu_hours"`
	NoiseWins       int     `json:"beats_noise"`
	ASIWins         int     `json:"beats_asi"`
	FirstNoiseCPUM  float64 `json:"first_noise_cpu_min"` // CPU minutes spent when the first noise-aware discovery finished; NaN: none
	BestValLoss     float64 `json:"best_val_loss"`
	BaselineValLoss float64 `json:"baseline_val_loss"`
	BaselineValStd  float64 `json:"baseline_val_std"`
	BestName        string  `json:"best_name"`
	Error           string  `json:"error,omitempty"`
}

func benchSearch(env *Env) int {
	fs := newFlags(env, "bench search", "--out DIR [--arms offline,random] [--seeds 3] [--cpu-minutes 30] [--stage1 cpu-screen]",
		`Compares search agents on the same CPU budget: for each search seed, one
search per arm (by default the offline agents and the random control: a
uniformly random parent, one random component change, no memos), each with
one worker, arms side by side. Each search stops when its workers' measured
CPU time reaches the budget. Prints, per arm, noise-aware and ASI-rule
discoveries and discoveries per CPU-hour, and writes OUT/bench.json. Searches
already in OUT are resumed, so an interrupted benchmark continues.`)
	out := fs.String("out", "", "folder for the searches and bench.json")
	arms := fs.String("arms", "offline,random", "comma-separated --llm values to compare")
	seeds := fs.Int("seeds", 3, "search seeds per arm")
	cpuMin := fs.Float64("cpu-minutes", 30, "CPU budget of each search, in minutes of worker CPU time")
	stage1 := fs.String("stage1", "cpu-screen", "stage-1 preset: "+strings.Join(search.StagePresets(), ", "))
	parallel := fs.Int("parallel", 2, "searches run at once (each has one worker)")
	report := fs.Bool("report", false, "measure the searches already in OUT without running them further")
	if code, done := parseFlags(env, fs); done {
		return code
	}
	if *out == "" || *seeds < 1 || *cpuMin <= 0 || *parallel < 1 {
		fmt.Fprintln(env.Stderr, "archlab bench search: --out is required; --seeds, --cpu-minutes and --parallel must be positive")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	var jobs []armResult
	for s := 1; s <= *seeds; s++ {
		for _, a := range strings.Split(*arms, ",") {
			a = strings.TrimSpace(a)
			jobs = append(jobs, armResult{Arm: a, Seed: uint64(s), Dir: filepath.Join(*out, fmt.Sprintf("%s-seed%d", strings.ReplaceAll(a, ":", "_"), s))})
		}
	}
	var mu sync.Mutex
	sem := make(chan struct{}, *parallel)
	var wg sync.WaitGroup
	for i := range jobs {
		sem <- struct{}{} // in order: seed 1's arms side by side first
		if ctx.Err() != nil {
			// Interrupted: a search not started yet must not be created
			// empty (it would read as run, with nothing in it).
			<-sem
			jobs[i].Error = "not started: interrupted"
			continue
		}
		wg.Add(1)
		go func(r *armResult) {
			defer wg.Done()
			defer func() { <-sem }()
			err := runArm(ctx, r, *stage1, *cpuMin/60, *report, logger)
			if err != nil {
				r.Error = err.Error()
			}
			mu.Lock()
			fmt.Fprintf(env.Stderr, "bench search: %s seed %d: %d experiments, %.2f CPU-h, %d noise-aware, %d ASI-rule discoveries %s\n",
				r.Arm, r.Seed, r.Experiments, r.CPUHours, r.NoiseWins, r.ASIWins, r.Error)
			mu.Unlock()
		}(&jobs[i])
	}
	wg.Wait()
	if ctx.Err() != nil {
		fmt.Fprintln(env.Stderr, "archlab bench search: interrupted; run it again to resume")
		return 130
	}
	b, _ := json.MarshalIndent(jobs, "", "  ")
	if err := exec.WriteFileAtomic(filepath.Join(*out, "bench.json"), append(b, '\n')); err != nil {
		fmt.Fprintf(env.Stderr, "archlab bench search: %v\n", err)
		return 1
	}
	printArms(env.Stdout, jobs, *cpuMin)
	return 0
}

// runArm runs (or resumes) one search of the benchmark and measures it.
func runArm(ctx context.Context, r *armResult, stage1 string, cpuHours float64, reportOnly bool, logger *slog.Logger) error {
	cfg := search.Config{LLM: r.Arm, Seed: r.Seed, Stage1: search.Stage{Preset: stage1}, Stage2: search.Stage{TopK: -1}, Workers: 1}
	var c *search.Config = &cfg
	if fileExists(filepath.Join(r.Dir, "archlab.db")) {
		c = nil
	} else if reportOnly {
		return fmt.Errorf("no search in %s", r.Dir)
	}
	rec := &lateRecorder{}
	probe := cfg
	team, err := search.NewTeam(probe, rec)
	if err != nil {
		return err
	}
	ex, err := exec.NewLocal(exec.LocalConfig{Workers: 1, Threads: 1, Logger: logger})
	if err != nil {
		return err
	}
	loop, err := search.Open(r.Dir, c, search.Options{Team: team, Executor: ex, Logger: logger})
	if err != nil {
		return err
	}
	defer loop.Close()
	rec.set(loop)
	if !reportOnly {
		if err := loop.Run(ctx, search.Budget{CPUHours: cpuHours}); err != nil {
			return err
		}
	}
	es, err := loop.Store().List(ctx, store.Filter{Stage: 1})
	if err != nil {
		return err
	}
	r.FirstNoiseCPUM, r.BestValLoss = math.NaN(), math.Inf(1)
	var cpu float64
	for _, e := range es {
		if !math.IsNaN(e.CPUS) {
			cpu += e.CPUS
		}
		if e.Status == store.Done || e.Status == store.Failed || e.Status == store.Rejected {
			r.Experiments++
		}
		if e.Status != store.Done {
			continue
		}
		r.Done++
		if e.ID == 1 {
			r.BaselineValLoss, r.BaselineValStd = e.ValLoss, e.ValStd
			continue
		}
		if e.BeatsNoise {
			r.NoiseWins++
			if math.IsNaN(r.FirstNoiseCPUM) {
				r.FirstNoiseCPUM = cpu / 60
			}
		}
		if e.BeatsASI {
			r.ASIWins++
		}
		if e.ValLoss < r.BestValLoss {
			r.BestValLoss, r.BestName = e.ValLoss, e.Name
		}
	}
	r.CPUHours = cpu / 3600
	return nil
}

func printArms(w io.Writer, jobs []armResult, cpuMin float64) {
	byArm := map[string][]armResult{}
	var names []string
	for _, j := range jobs {
		if _, ok := byArm[j.Arm]; !ok {
			names = append(names, j.Arm)
		}
		byArm[j.Arm] = append(byArm[j.Arm], j)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "| arm | searches | experiments | CPU-h | noise-aware discoveries | per CPU-hour | ASI-rule | first discovery (CPU-min) | best val loss (baseline) |\n")
	fmt.Fprintf(w, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, n := range names {
		rs := byArm[n]
		var exps, wins, asi int
		var cpu float64
		var per, firsts []float64
		var best []string
		for _, r := range rs {
			exps += r.Experiments
			wins += r.NoiseWins
			asi += r.ASIWins
			cpu += r.CPUHours
			if r.CPUHours > 0 {
				per = append(per, float64(r.NoiseWins)/r.CPUHours)
			}
			if !math.IsNaN(r.FirstNoiseCPUM) {
				firsts = append(firsts, r.FirstNoiseCPUM)
			}
			best = append(best, fmt.Sprintf("%.3f (%.3f)", r.BestValLoss, r.BaselineValLoss))
		}
		m, sd := meanStd(per)
		first := fmt.Sprintf("%d of %d searches within %.0f", len(firsts), len(rs), cpuMin)
		if len(firsts) > 0 {
			fm, _ := meanStd(firsts)
			first += fmt.Sprintf(", mean %.1f", fm)
		}
		fmt.Fprintf(w, "| %s | %d | %d | %.2f | %d | %.2f ± %.2f | %d | %s | %s |\n", n, len(rs), exps, cpu, wins, m, sd, asi, first, strings.Join(best, ", "))
	}
}

func meanStd(xs []float64) (float64, float64) {
	if len(xs) == 0 {
		return math.NaN(), math.NaN()
	}
	var m float64
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	if len(xs) < 2 {
		return m, 0
	}
	var v float64
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return m, math.Sqrt(v / float64(len(xs)-1))
}
