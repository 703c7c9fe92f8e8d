package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/archlab/archlab/lib/train/models"
)

// benchCommand is one `archlab bench NAME` benchmark.
type benchCommand struct {
	Name    string
	Summary string
	Run     func(env *Env) int
}

// benchCommands is the registry of `archlab bench` subcommands, built fresh
// on each call.
//
// EXTENSION POINT: to add a benchmark, write its function in its own file
// (as lib/cli/cmd_bench_kernel.go does) and add one line here.
func benchCommands() []benchCommand {
	return []benchCommand{
		{"train", "train the pinned DeltaNet model: tokens/s, GFLOP/s vs SGEMM, optionally vs PyTorch", benchTrain},
		{"kernel", "Jupyter kernel: start time, cell round trip p50/p99, RSS, vs ipykernel", benchKernel},          // cmd_bench_kernel.go
		{"search", "search agents vs the random control on one CPU budget: discoveries per CPU-hour", benchSearch}, // cmd_bench_search.go
		{"zoo", "zoo layers at a search stage: both fitness terms, ranks, MAD calibration", benchZoo},              // cmd_bench_zoo.go
	}
}

func cmdBench(env *Env) int {
	if len(env.Args) == 0 || strings.HasPrefix(env.Args[0], "-") {
		w := env.Stderr
		code := 2
		if len(env.Args) > 0 && (env.Args[0] == "-h" || env.Args[0] == "-help" || env.Args[0] == "--help") {
			w, code = env.Stdout, 0
		}
		fmt.Fprintln(w, "usage: archlab bench NAME [flags]\n\nbenchmarks:")
		for _, c := range benchCommands() {
			fmt.Fprintf(w, "  %-8s %s\n", c.Name, c.Summary)
		}
		return code
	}
	for _, c := range benchCommands() {
		if c.Name == env.Args[0] {
			sub := *env
			sub.Args = env.Args[1:]
			return c.Run(&sub)
		}
	}
	fmt.Fprintf(env.Stderr, "archlab bench: unknown benchmark %q\n", env.Args[0])
	return 2
}

func benchTrain(env *Env) int {
	fs := newFlags(env, "bench train", "[--model deltanet-1m|deltanet-6m] [--steps N] [--threads N] [--device cpu|cuda|auto] [--vs-torch]",
		`Trains the pinned DeltaNet reference model (issue 3) on random bytes on
the backend --device names (default the CPU's) and prints one JSON line:
tokens_per_s, step_ms, params, gflops_per_s, sgemm_gflops_per_s (the
backend's Sgemm on 1024³ at the same threads: OpenBLAS on the CPU),
sgemm_fraction, peak_rss_mb, backend, device and device_reason.

With --vs-torch it then runs the PyTorch peer (gpu/testdata/torch/deltanet.py)
at the same threads and prints one line with both results and the ratio.`)
	model := fs.String("model", "deltanet-1m", "preset: "+strings.Join(models.PresetNames(), ", "))
	steps := fs.Int("steps", 3, "timed training steps after one warm-up")
	threads := fs.Int("threads", 2, "backend worker threads (0: all cores)")
	device := deviceFlag(fs, "cpu")
	chunked := fs.Bool("chunked", false, "use the chunked delta rule instead of the recurrent kernel")
	profile := fs.Bool("profile", false, "add per-op times (ms per step) to the JSON line")
	vsTorch := fs.Bool("vs-torch", false, "also run the PyTorch peer and print the ratio")
	python := fs.String("python", "/usr/bin/python3", "Python with torch, for --vs-torch")
	script := fs.String("torch-script", "", "path of deltanet.py (default: found from the working directory)")
	torchSteps := fs.Int("torch-steps", 0, "PyTorch timed steps (default: --steps)")
	if code, done := parseFlags(env, fs); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "archlab bench train: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if err := validDevice(*device); err != nil {
		fmt.Fprintln(env.Stderr, "archlab bench train:", err)
		return 2
	}
	var peer string
	if *vsTorch {
		peer = *script
		if peer == "" {
			wd, _ := os.Getwd()
			p, err := models.FindTorchScript(wd)
			if err != nil {
				fmt.Fprintf(env.Stderr, "archlab bench train: %v\n", err)
				return 1
			}
			peer = p
		}
	}
	r, err := models.BenchTrain(models.BenchOptions{Model: *model, Steps: *steps, Threads: *threads, Device: *device, Chunked: *chunked, Profile: *profile})
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab bench train: %v\n", err)
		return 1
	}
	if !*vsTorch {
		return printJSON(env, r)
	}
	ts := *torchSteps
	if ts <= 0 {
		ts = *steps
	}
	t, err := models.RunTorchBench(context.Background(), *python, peer, *model, r.Threads, ts)
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab bench train: %v\n", err)
		return 1
	}
	target := map[string]float64{"deltanet-1m": 2, "deltanet-6m": 1.5}[*model]
	ratio := r.TokensPerS / t.TokensPerS
	var cpuRatio, bestRatio float64
	if t.TokensPerCPUS > 0 {
		cpuRatio = r.TokensPerCPUS / t.TokensPerCPUS
	}
	if r.StepMSMin > 0 {
		bestRatio = t.StepMSMin / r.StepMSMin
	}
	return printJSON(env, struct {
		Model     string              `json:"model"`
		Threads   int                 `json:"threads"`
		Ratio     float64             `json:"ratio"`      // archlab tokens/s over PyTorch's (wall clock)
		CPURatio  float64             `json:"cpu_ratio"`  // the same per CPU-second
		BestRatio float64             `json:"best_ratio"` // the same from each side's fastest step
		Target    float64             `json:"target,omitempty"`
		Meets     bool                `json:"meets_target"`
		Archlab   *models.BenchResult `json:"archlab"`
		PyTorch   *models.TorchResult `json:"pytorch"`
	}{*model, r.Threads, ratio, cpuRatio, bestRatio, target, target > 0 && ratio >= target, r, t})
}

func printJSON(env *Env, v any) int {
	b, err := json.Marshal(v)
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab bench: %v\n", err)
		return 1
	}
	fmt.Fprintln(env.Stdout, string(b))
	return 0
}
