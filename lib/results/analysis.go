package results

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/archlab/archlab/lib/plot"
)

// HoursMapping places experiments on Fig. 1's compute axis: experiment i is
// counted from PerExperiment·(i − Offset) GPU-hours on.
type HoursMapping struct {
	PerExperiment float64 // GPU-hours per experiment, e.g. 4
	Offset        int     // experiments counted before 0 h, e.g. 49
}

// Hours is the GPU-hours at which experiment index is counted.
func (m HoursMapping) Hours(index int) float64 {
	return m.PerExperiment * float64(index-m.Offset)
}

func (m HoursMapping) String() string {
	pe := strconv.FormatFloat(m.PerExperiment, 'f', -1, 64)
	if m.Offset == 0 {
		return fmt.Sprintf("GPU-hours = %s × experiment index", pe)
	}
	return fmt.Sprintf("GPU-hours = %s × (experiment index − %d)", pe, m.Offset)
}

// MappingFit is a mapping and how well the cumulative count it implies
// matches published points.
type MappingFit struct {
	Mapping   HoursMapping
	MaxAbsErr float64 // largest |count − published| over the points
	SSE       float64 // sum of squared differences
}

// EvalMapping measures mapping m against published points.
func EvalMapping(indices []int, m HoursMapping, published []plot.Point) MappingFit {
	s := append([]int(nil), indices...)
	sort.Ints(s)
	return evalSorted(s, m, published)
}

// evalSorted is EvalMapping on indices already sorted ascending.
func evalSorted(sorted []int, m HoursMapping, published []plot.Point) MappingFit {
	f := MappingFit{Mapping: m}
	for _, p := range published {
		// Experiment i is counted at x when PerExperiment·(i − Offset) ≤ x.
		c := sort.Search(len(sorted), func(j int) bool { return m.Hours(sorted[j]) > p.X })
		d := math.Abs(float64(c) - p.Y)
		f.MaxAbsErr = math.Max(f.MaxAbsErr, d)
		f.SSE += d * d
	}
	return f
}

// FitHoursMapping finds the mapping from experiment index to GPU-hours
// that best reproduces published cumulative counts: a grid search over
// PerExperiment from 3.00 to 5.00 in steps of 0.01 and Offset from 0 to 200,
// minimising the squared error, then the largest error; ties go to the
// rounder rate (whole hours, then quarters, tenths, twentieths), then the
// smaller offset.
func FitHoursMapping(indices []int, published []plot.Point) MappingFit {
	sorted := append([]int(nil), indices...)
	sort.Ints(sorted)
	best := MappingFit{MaxAbsErr: math.Inf(1), SSE: math.Inf(1)}
	bestRound := 0
	roundness := func(c int) int { // c is the rate in hundredths
		switch {
		case c%100 == 0:
			return 4
		case c%25 == 0:
			return 3
		case c%10 == 0:
			return 2
		case c%5 == 0:
			return 1
		}
		return 0
	}
	for c := 300; c <= 500; c++ {
		for off := 0; off <= 200; off++ {
			f := evalSorted(sorted, HoursMapping{PerExperiment: float64(c) / 100, Offset: off}, published)
			rd := roundness(c)
			better := f.SSE < best.SSE ||
				f.SSE == best.SSE && (f.MaxAbsErr < best.MaxAbsErr ||
					f.MaxAbsErr == best.MaxAbsErr && rd > bestRound)
			if better {
				best, bestRound = f, rd
			}
		}
	}
	return best
}

// Fig1Result is the reproduction of ASI-ARCH's Fig. 1.
type Fig1Result struct {
	Mapping   MappingFit        // the fitted index → GPU-hours mapping
	Uniform   MappingFit        // for comparison: 7000 h spread evenly over experiments 1 … last index
	Fit       plot.DiscoveryFit // cumulative SOTA count on the 200-hour grid, linear fit, bootstrap band
	Published []plot.Point      // the published points (PublishedFig1)
	Hours     []float64         // GPU-hours at which each SOTA architecture is counted, by ascending index
}

// Fig1 reproduces Fig. 1: cumulative SOTA count every 200 GPU-hours from 0
// to 7000. The paper's axis is experiment order at a fixed cost per
// experiment, not measured compute; the mapping is fitted to the published
// points (FitHoursMapping) and both it and its error are reported.
func (r *Run) Fig1() (Fig1Result, error) {
	if err := r.need(false, true); err != nil {
		return Fig1Result{}, err
	}
	var res Fig1Result
	idx := make([]int, len(r.SOTA))
	for i, a := range r.SOTA {
		idx[i] = a.Index
	}
	sort.Ints(idx)
	res.Published = PublishedFig1()
	res.Mapping = FitHoursMapping(idx, res.Published)
	last := 0
	for _, n := range r.Tree {
		last = max(last, n.Index)
	}
	last = max(last, idx[len(idx)-1])
	res.Uniform = EvalMapping(idx, HoursMapping{PerExperiment: 7000 / float64(last)}, res.Published)
	res.Hours = make([]float64, len(idx))
	for i, ix := range idx {
		res.Hours[i] = res.Mapping.Mapping.Hours(ix)
	}
	fit, err := plot.FitDiscoveries(res.discoveryConfig(plot.Notebook))
	if err != nil {
		return res, fmt.Errorf("results: fig1: %w", err)
	}
	res.Fit = fit
	return res, nil
}

func (f *Fig1Result) discoveryConfig(size plot.Size) plot.DiscoveryConfig {
	m := f.Mapping
	return plot.DiscoveryConfig{
		Hours: f.Hours, Step: 200, MaxHours: 7000, Bootstrap: 1000, Seed: 1,
		Reference: f.Published, ReferenceLabel: "published Fig. 1",
		Title:  "ASI-ARCH: novel SOTA architectures vs compute",
		XLabel: "Computation (GPU-hours, from experiment order)", YLabel: "Cumulative SOTA architectures",
		Notes: []string{
			fmt.Sprintf("x-axis: %s, fitted to the 36 published points", m.Mapping),
			fmt.Sprintf("(max |Δ| %g, SSE %g); spreading 7000 h evenly over the run instead: max |Δ| %g", m.MaxAbsErr, m.SSE, f.Uniform.MaxAbsErr),
		},
		Size: size,
	}
}

// Plot draws the reproduced Fig. 1 with the published points overlaid.
func (f *Fig1Result) Plot(size plot.Size) (*plot.Plot, error) {
	p, _, err := plot.Discoveries(f.discoveryConfig(size))
	if err != nil {
		return nil, fmt.Errorf("results: fig1: %w", err)
	}
	return p, nil
}

// Table2Row is one row of the 340M columns of the paper's Table 2.
type Table2Row struct {
	Index     int     // experiment index
	Name      string  // display name (name_new)
	FinalLoss float64 // last training-loss value of the 340M run
	Score     float64 // mean of the seven CoreTasks accuracies, in percent
}

// Table2 returns the 340M columns of Table 2 for every SOTA architecture,
// by ascending index.
func (r *Run) Table2() ([]Table2Row, error) {
	if err := r.need(false, true); err != nil {
		return nil, err
	}
	s := r.sotaByIndex()
	out := make([]Table2Row, len(s))
	for i := range s {
		a := &s[i]
		out[i] = Table2Row{Index: a.Index, Name: a.DisplayName(), FinalLoss: a.FinalLoss(), Score: a.Score340M()}
	}
	return out, nil
}

// TopKRow is one point of the top-k fitness curve (Fig. 6b).
type TopKRow struct {
	N         int     // experiments considered: those with index ≤ N
	Mean      float64 // mean fitness/3 of the best k among them
	Published float64 // the published value at N, NaN when there is none
}

// TopK returns, for each N, the mean of the k best fitness values (divided
// by 3, so in [0,1]) among the experiments with index ≤ N: ASI-ARCH's
// Fig. 6b "Total Score" curve for k = 50.
func (r *Run) TopK(k int, ns []int) ([]TopKRow, error) {
	if err := r.need(true, false); err != nil {
		return nil, err
	}
	if k <= 0 {
		return nil, fmt.Errorf("results: top-k: k = %d, want > 0", k)
	}
	nodes := append([]Node(nil), r.Tree...)
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].Index < nodes[j].Index })
	pub := map[int]float64{}
	for _, p := range PublishedFig6b() {
		pub[int(p.X)] = p.Y
	}
	out := make([]TopKRow, 0, len(ns))
	for _, n := range ns {
		var s []float64
		for _, nd := range nodes {
			if nd.Index > n {
				break
			}
			s = append(s, nd.Score)
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(s)))
		if len(s) > k {
			s = s[:k]
		}
		var m float64
		for _, v := range s {
			m += v
		}
		row := TopKRow{N: n, Mean: math.NaN(), Published: math.NaN()}
		if len(s) > 0 {
			row.Mean = m / float64(len(s)) / 3
		}
		if v, ok := pub[n]; ok && k == 50 {
			row.Published = v
		}
		out = append(out, row)
	}
	return out, nil
}

// Fig6bNs are the N of fig6b.tsv: 200, 400, …, 1800.
func Fig6bNs() []int {
	var ns []int
	for n := 200; n <= 1800; n += 200 {
		ns = append(ns, n)
	}
	return ns
}

// Diagnostic is one number the paper does not report.
type Diagnostic struct {
	Metric string  // e.g. "spearman(fitness, score_340m)"
	Value  float64 //
	N      int     // sample size behind it
	Note   string  // what it means, in a few words
}

// Baselines of the 340M runs, as the release's gallery page (index.html)
// lists them: final training loss at step 2000 and the seven-task mean.
var baselines340M = []struct {
	name      string
	finalLoss float64
	tasks     [7]float64 // in CoreTasks order
}{
	{"DeltaNet", 3.5055, [7]float64{0.1817, 0.4407, 0.5538, 0.2715, 0.5871, 0.3419, 0.5043}},
	{"Gated DeltaNet", 3.4768, [7]float64{0.1903, 0.4537, 0.5798, 0.2713, 0.5968, 0.3465, 0.5083}},
}

// Diagnostics computes what the paper leaves out: how exploration fitness
// ranks the 340M results, the discovery rate per 250 experiments, the
// fitted Fig. 1 mapping, and how many SOTA architectures beat the 340M
// baselines of the gallery page.
func (r *Run) Diagnostics() ([]Diagnostic, error) {
	if err := r.need(true, true); err != nil {
		return nil, err
	}
	f1, err := r.Fig1()
	if err != nil {
		return nil, err
	}
	return r.diagnostics(&f1)
}

func (r *Run) diagnostics(f1 *Fig1Result) ([]Diagnostic, error) {
	var out []Diagnostic
	add := func(m string, v float64, n int, note string) { out = append(out, Diagnostic{m, v, n, note}) }
	s := r.sotaByIndex()
	fit, score, loss := make([]float64, len(s)), make([]float64, len(s)), make([]float64, len(s))
	for i := range s {
		fit[i], score[i], loss[i] = s[i].Score, s[i].Score340M(), s[i].FinalLoss()
	}
	n := len(s)
	add("spearman(fitness, score_340m)", plot.Spearman(fit, score), n, "exploration fitness (20M screen) vs 340M seven-task score")
	add("kendall(fitness, score_340m)", plot.Kendall(fit, score), n, "tau-b")
	add("pearson(fitness, score_340m)", plot.Pearson(fit, score), n, "")
	add("spearman(fitness, final_loss_340m)", plot.Spearman(fit, loss), n, "negative = higher fitness, lower 340M loss")
	add("spearman(score_340m, final_loss_340m)", plot.Spearman(score, loss), n, "negative = lower loss, higher benchmark score")

	add("fig1.gpu_hours_per_experiment", f1.Mapping.Mapping.PerExperiment, len(f1.Published), "fitted: "+f1.Mapping.Mapping.String())
	add("fig1.offset_experiments", float64(f1.Mapping.Mapping.Offset), len(f1.Published), "experiments counted at 0 h")
	add("fig1.max_abs_err_vs_published", f1.Mapping.MaxAbsErr, len(f1.Published), "fitted mapping vs published points")
	add("fig1.uniform_max_abs_err_vs_published", f1.Uniform.MaxAbsErr, len(f1.Published), f1.Uniform.Mapping.String())
	add("fig1.fit_slope_per_1000h", 1000*f1.Fit.Slope, len(f1.Fit.Hours), "least-squares discoveries per 1000 GPU-hours")
	add("fig1.fit_intercept", f1.Fit.Intercept, len(f1.Fit.Hours), "")
	add("fig1.fit_r2", f1.Fit.R2, len(f1.Fit.Hours), "R² of the linear fit")
	add("fig1.constant_rate_per_1000h", 1000*f1.Fit.Rate, len(f1.Fit.Hours), "total / 7000 h")

	last := 0
	for _, nd := range r.Tree {
		last = max(last, nd.Index)
	}
	isSOTA := map[int]bool{}
	for _, a := range s {
		isSOTA[a.Index] = true
	}
	for lo := 1; lo <= last; lo += 250 {
		hi := min(lo+249, last)
		var k, m int
		for _, nd := range r.Tree {
			if nd.Index >= lo && nd.Index <= hi {
				m++
				if isSOTA[nd.Index] {
					k++
				}
			}
		}
		add(fmt.Sprintf("discovery_rate[%d-%d]", lo, hi), float64(k)/float64(m), m,
			fmt.Sprintf("%d SOTA among %d recorded experiments", k, m))
	}

	topk, err := r.TopK(50, Fig6bNs())
	if err != nil {
		return nil, err
	}
	var worst float64
	for _, t := range topk {
		worst = math.Max(worst, math.Abs(t.Mean-t.Published))
	}
	add("fig6b.max_abs_diff_vs_published", worst, len(topk), "top-50 mean fitness/3 vs the curve read off Fig. 6b")

	for _, b := range baselines340M {
		var bs float64
		for _, v := range b.tasks {
			bs += v
		}
		bs = 100 * bs / 7
		var beatS, beatL, beatBoth int
		for i := range s {
			if score[i] > bs {
				beatS++
			}
			if loss[i] < b.finalLoss {
				beatL++
			}
			if score[i] > bs && loss[i] < b.finalLoss {
				beatBoth++
			}
		}
		add("baseline_score_340m["+b.name+"]", bs, 7, "seven-task mean from the gallery page (index.html)")
		add("sota_beating_score["+b.name+"]", float64(beatS), n, "SOTA architectures with a higher 340M score")
		add("sota_beating_loss["+b.name+"]", float64(beatL), n, fmt.Sprintf("SOTA architectures with final loss below %.4f", b.finalLoss))
		add("sota_beating_both["+b.name+"]", float64(beatBoth), n, "higher score and lower loss")
	}
	return out, nil
}
