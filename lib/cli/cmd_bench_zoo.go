package cli

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/plot"
	"github.com/archlab/archlab/lib/search"
	"github.com/archlab/archlab/lib/train"
)

// madOrder is the MAD benchmark's ranking of the layers the zoo shares
// with it (width 128, six synthetic tasks, mean accuracy; Poli et al.
// 2024, as quoted in the loop issue): softmax attention 74.5, DeltaNet
// 71.8, Mamba 69.3. MAD's fourth, GLA (60.0), has no zoo twin.
var madOrder = []struct {
	Layer string
	MAD   float64
}{
	{"softmax_attention_rope", 74.5},
	{"deltanet", 71.8},
	{"mamba2", 69.3},
}

// quadratic is the complexity exponent bench zoo allows: the zoo's softmax
// attention is the quadratic reference the other layers are ranked against,
// so sub-quadratic cost is not what this benchmark screens.
const quadratic = 2.5

// zooRow is one layer of `archlab bench zoo`.
type zooRow struct {
	Layer    string             `json:"layer"`
	ValLoss  float64            `json:"val_loss"`
	ValStd   float64            `json:"val_std"` // 0 with one seed
	Bench    float64            `json:"bench"`
	BenchStd float64            `json:"bench_std"`
	Scores   map[string]float64 `json:"scores"`
	Params   int                `json:"params"`
	Seeds    int                `json:"seeds"`
	CPUS     float64            `json:"cpu_s"`
	Error    string             `json:"error,omitempty"`
}

func benchZoo(env *Env) int {
	fs := newFlags(env, "bench zoo", "--out DIR [--layers a,b] [--stage cpu-screen] [--seeds 1] [--parallel 2] [--report]",
		`Trains zoo layers under a search stage's settings (the same worker, check
and spec as the loop) and ranks them on both fitness terms: validation loss
and the bench (mean MQAR accuracy). Prints each layer's numbers and ranks, the
rank agreement of the two terms, and how the layers MAD also measured
(softmax attention, DeltaNet, Mamba) rank here against MAD's published order.
Writes OUT/zoo.json. Layers already trained in OUT are not trained again.`)
	out := fs.String("out", "", "folder for the runs and zoo.json")
	layers := fs.String("layers", "", "comma-separated zoo layers (default: all of them)")
	stage := fs.String("stage", "cpu-screen", "stage preset: "+strings.Join(search.StagePresets(), ", "))
	seeds := fs.Int("seeds", 1, "training seeds per layer")
	parallel := fs.Int("parallel", 2, "layers trained at once (one thread each)")
	report := fs.Bool("report", false, "report the layers already trained in OUT without training more")
	if code, done := parseFlags(env, fs); done {
		return code
	}
	if *out == "" || *seeds < 1 || *parallel < 1 {
		fmt.Fprintln(env.Stderr, "archlab bench zoo: --out is required; --seeds and --parallel must be positive")
		return 2
	}
	if !slices.Contains(search.StagePresets(), *stage) {
		fmt.Fprintf(env.Stderr, "archlab bench zoo: unknown --stage %q (want one of %s)\n", *stage, strings.Join(search.StagePresets(), ", "))
		return 2
	}
	names := arch.ZooNames()
	if *layers != "" {
		names = nil
		for _, n := range strings.Split(*layers, ",") {
			n = strings.TrimSpace(n)
			if _, err := arch.ZooSource(n); err != nil {
				fmt.Fprintf(env.Stderr, "archlab bench zoo: %v (zoo layers: %s)\n", err, strings.Join(arch.ZooNames(), ", "))
				return 2
			}
			names = append(names, n)
		}
	}
	cfg := search.Defaults()
	cfg.Stage1.Preset = *stage
	spec := cfg.StageSpec(1)
	spec.Seeds = *seeds

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ex, err := exec.NewLocal(exec.LocalConfig{Workers: *parallel, Threads: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab bench zoo: %v\n", err)
		return 1
	}
	rows := make([]zooRow, len(names))
	var wg sync.WaitGroup
	var mu sync.Mutex
	sem := make(chan struct{}, *parallel)
	for i, n := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, n string) {
			defer wg.Done()
			defer func() { <-sem }()
			// A layer's folder is numbered by its place in the zoo, so a
			// later call with another --layers list finds it again.
			id := int64(slices.Index(arch.ZooNames(), n) + 1)
			rows[i] = zooLayer(ctx, ex, *out, id, n, spec, *report)
			mu.Lock()
			r := rows[i]
			fmt.Fprintf(env.Stderr, "bench zoo: %s: val %.4f bench %.3f, %.0f CPU-s %s\n", n, r.ValLoss, r.Bench, r.CPUS, r.Error)
			mu.Unlock()
		}(i, n)
	}
	wg.Wait()
	if ctx.Err() != nil {
		fmt.Fprintln(env.Stderr, "archlab bench zoo: interrupted; run it again to resume")
		return 130
	}
	b, err := json.MarshalIndent(rows, "", "  ")
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab bench zoo: %v\n", err)
		return 1
	}
	if err := exec.WriteFileAtomic(filepath.Join(*out, "zoo.json"), append(b, '\n')); err != nil {
		fmt.Fprintf(env.Stderr, "archlab bench zoo: %v\n", err)
		return 1
	}
	printZoo(env.Stdout, rows, *stage)
	return 0
}

// zooLayer trains one layer in OUT/exp/ID (or reads the result already
// there) and summarises it.
func zooLayer(ctx context.Context, ex exec.Executor, dir string, id int64, name string, spec train.Spec, reportOnly bool) zooRow {
	row := zooRow{Layer: name} // numbers stay 0 when Error is set
	src, err := arch.ZooSource(name)
	if err != nil {
		row.Error = err.Error()
		return row
	}
	expDir := exec.ExpDir(dir, id)
	if old, err := os.ReadFile(filepath.Join(expDir, "layer.go")); err == nil && string(old) != src {
		// Another layer's (or an older source's) run: its result and
		// checkpoints must not be read or resumed as this layer's.
		if reportOnly {
			row.Error = fmt.Sprintf("%s holds another source than zoo:%s", expDir, name)
			return row
		}
		if err := os.RemoveAll(expDir); err != nil {
			row.Error = err.Error()
			return row
		}
	}
	resPath := filepath.Join(expDir, "result.json")
	res, err := readZooResult(resPath, name)
	if err != nil && !reportOnly {
		if werr := exec.WriteJob(dir, exec.JobFile{ID: id, Mode: exec.ModeTrain, Source: "layer.go", Spec: spec, MaxExponent: quadratic}, src); werr != nil {
			row.Error = werr.Error()
			return row
		}
		o := ex.Run(ctx, exec.Job{Dir: dir, ID: id, Threads: 1})
		if !o.OK {
			row.Error = fmt.Sprintf("%s: %s", o.Reason, o.Error)
			return row
		}
		res, err = readZooResult(resPath, name)
	}
	if err != nil {
		row.Error = err.Error()
		return row
	}
	row.ValLoss, row.Bench, row.Scores, row.Params, row.CPUS = res.ValLoss, res.Bench, res.Scores, res.LayerParams, res.CPUS
	row.Seeds = max(len(res.Seeds), 1)
	if len(res.Seeds) > 1 {
		var v, b []float64
		for _, s := range res.Seeds {
			v, b = append(v, s.ValLoss), append(b, s.Bench)
		}
		row.ValLoss, row.ValStd = meanStd(v)
		row.Bench, row.BenchStd = meanStd(b)
	}
	return row
}

func readZooResult(path, name string) (*train.Result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("no result for %s yet", name)
	}
	var r train.Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if r.Status != train.StatusOK {
		return nil, fmt.Errorf("%s: status %s: %s", name, r.Status, r.Reason)
	}
	return &r, nil
}

// printZoo prints the ranking table and the two agreements.
func printZoo(w io.Writer, rows []zooRow, stage string) {
	ok := slices.DeleteFunc(slices.Clone(rows), func(r zooRow) bool { return r.Error != "" })
	slices.SortStableFunc(ok, func(a, b zooRow) int { return cmp.Compare(a.ValLoss, b.ValLoss) })
	benchRank := map[string]int{}
	byBench := slices.Clone(ok)
	slices.SortStableFunc(byBench, func(a, b zooRow) int { return cmp.Compare(b.Bench, a.Bench) })
	for i, r := range byBench {
		benchRank[r.Layer] = i + 1
	}
	pm := func(m, s float64) string {
		if math.IsNaN(s) || s == 0 {
			return fmt.Sprintf("%.4f", m)
		}
		return fmt.Sprintf("%.4f ± %.4f", m, s)
	}
	fmt.Fprintf(w, "zoo at %s: ranked by validation loss (lower is better); bench rank by mean MQAR accuracy\n\n", stage)
	fmt.Fprintf(w, "| rank | layer | val loss | bench | bench rank | params | CPU-s |\n|---|---|---|---|---|---|---|\n")
	var v, bn []float64
	for i, r := range ok {
		fmt.Fprintf(w, "| %d | %s | %s | %s | %d | %d | %.0f |\n", i+1, r.Layer, pm(r.ValLoss, r.ValStd), pm(r.Bench, r.BenchStd), benchRank[r.Layer], r.Params, r.CPUS)
		v, bn = append(v, -r.ValLoss), append(bn, r.Bench)
	}
	for _, r := range rows {
		if r.Error != "" {
			fmt.Fprintf(w, "| - | %s | failed: %s | | | | |\n", r.Layer, r.Error)
		}
	}
	if len(ok) >= 3 {
		fmt.Fprintf(w, "\nval-loss rank against bench rank over %d layers: Spearman ρ = %.2f\n", len(ok), plot.Spearman(v, bn))
	}
	var mine, mad []float64
	var parts []string
	for _, m := range madOrder {
		i := slices.IndexFunc(ok, func(r zooRow) bool { return r.Layer == m.Layer })
		if i < 0 {
			continue
		}
		mine, mad = append(mine, ok[i].Bench), append(mad, m.MAD)
		parts = append(parts, fmt.Sprintf("%s %.3f (MAD %.1f)", m.Layer, ok[i].Bench, m.MAD))
	}
	if len(mine) >= 2 {
		fmt.Fprintf(w, "MAD calibration (GLA has no zoo twin): %s; Spearman ρ with MAD's order = %.2f\n", strings.Join(parts, ", "), plot.Spearman(mine, mad))
	}
}
