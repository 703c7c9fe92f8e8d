package results

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	gplot "gonum.org/v1/plot"

	"github.com/archlab/archlab/lib/plot"
	"github.com/archlab/archlab/lib/store"
)

// Compute is a run's measured compute axis: the stage-1 compute spent
// when each stage-1 experiment finished, experiments taken in the order
// they finished (not by id: with several workers they overtake each
// other). Stage 2, which only re-trains, is not on the axis.
type Compute struct {
	Kind  string            // "device" (the rows' device_s: training time on the backend, CPU BLAS included) or "cpu" (cpu_s) when no row has device time
	Unit  string            // the axis unit, e.g. "device-hours", "CPU-minutes"
	Scale float64           // seconds per Unit: 3600, 60 or 1, chosen so a small run does not sit at 0.001
	At    map[int64]float64 // cumulative compute in Unit when each finished stage-1 experiment ended
	Total float64           // all finished stage-1 compute, in Unit
}

// Compute returns the run's compute axis, device time when the run has any.
func (r *SearchRun) Compute() Compute {
	kind := "cpu"
	for _, e := range r.Experiments {
		if e.Stage == 1 && e.DeviceS > 0 {
			kind = "device"
			break
		}
	}
	return r.computeAxis(kind, 0)
}

// computeAxis measures kind's compute; scale 0 picks the unit from the
// total.
func (r *SearchRun) computeAxis(kind string, scale float64) Compute {
	var es []*store.Experiment
	for _, e := range r.Experiments {
		if e.Stage == 1 && !e.Finished.IsZero() {
			es = append(es, e)
		}
	}
	sort.SliceStable(es, func(i, j int) bool {
		if !es[i].Finished.Equal(es[j].Finished) {
			return es[i].Finished.Before(es[j].Finished)
		}
		return es[i].ID < es[j].ID
	})
	c := Compute{Kind: kind, At: make(map[int64]float64, len(es))}
	var cum float64
	secs := make([]float64, len(es))
	for i, e := range es {
		s := e.CPUS
		if kind == "device" {
			s = e.DeviceS
		}
		if !math.IsNaN(s) && s > 0 {
			cum += s
		}
		secs[i] = cum
	}
	if scale <= 0 {
		scale = unitScale(cum)
	}
	c.Scale = scale
	c.Unit = unitName(kind, scale)
	for i, e := range es {
		c.At[e.ID] = secs[i] / scale
	}
	c.Total = cum / scale
	return c
}

func unitScale(seconds float64) float64 {
	switch {
	case seconds >= 3600:
		return 3600
	case seconds >= 60:
		return 60
	}
	return 1
}

func unitName(kind string, scale float64) string {
	k := "device"
	if kind == "cpu" {
		k = "CPU"
	}
	switch scale {
	case 3600:
		return k + "-hours"
	case 60:
		return k + "-minutes"
	}
	return k + "-seconds"
}

// discoveryHours returns the compute at which each stage-1 experiment
// that beats the baseline under rule ("noise" or "asi") finished.
func (r *SearchRun) discoveryHours(c Compute, rule string) []float64 {
	var h []float64
	for _, e := range r.Experiments {
		if e.Stage != 1 || e.Status != store.Done {
			continue
		}
		if at, ok := c.At[e.ID]; ok && (rule == "noise" && e.BeatsNoise || rule == "asi" && e.BeatsASI) {
			h = append(h, at)
		}
	}
	return h
}

// DiscoveryOptions tunes SearchRun.Discoveries.
type DiscoveryOptions struct {
	Control   *SearchRun // a second run drawn for comparison (e.g. the random control), on the same axis; nil: none
	Bootstrap int        // resamples of the band around the noise-aware fit, default 1000; -1: no band
	Seed      uint64     // bootstrap seed
	Size      plot.Size  // zero: plot.Notebook
}

// Discoveries are the numbers behind the discoveries figure.
type Discoveries struct {
	Compute Compute           // the x axis
	Noise   plot.DiscoveryFit // noise-aware rule (beats_noise): grid counts, linear fit, R², band, constant rate
	ASI     plot.DiscoveryFit // ASI-ARCH's rule (beats_asi), same grid, no band
	Control *plot.DiscoveryFit
}

// Discoveries draws the cumulative number of stage-1 experiments that beat
// the baseline against measured compute (Compute): the noise-aware count
// with its linear fit, R², bootstrap band and the constant-rate line, the
// ASI-ARCH-rule count, and opt.Control's noise-aware count when given.
func (r *SearchRun) Discoveries(opt DiscoveryOptions) (*plot.Plot, Discoveries, error) {
	var d Discoveries
	c := r.Compute()
	var ctl Compute
	if opt.Control != nil {
		ctl = opt.Control.computeAxis(c.Kind, 0)
		if s := unitScale(math.Max(c.Total*c.Scale, ctl.Total*ctl.Scale)); s != c.Scale {
			c = r.computeAxis(c.Kind, s)
		}
		ctl = opt.Control.computeAxis(c.Kind, c.Scale)
	}
	total := math.Max(c.Total, ctl.Total)
	if !(total > 0) {
		return nil, d, fmt.Errorf("results: discoveries: %s: no finished stage-1 experiment with measured %s time", r.Dir, c.Kind)
	}
	d.Compute = c
	step := niceStep(total / 20)
	b := opt.Bootstrap
	if b == 0 {
		b = 1000
	}
	b = max(b, 0)
	noise, asi := r.discoveryHours(c, "noise"), r.discoveryHours(c, "asi")
	cfg := plot.DiscoveryConfig{
		Hours: noise, Step: step, MaxHours: math.Ceil(total/step-1e-9) * step, Bootstrap: b, Seed: opt.Seed,
		Label: fmt.Sprintf("noise-aware rule (beats_noise): %d", len(noise)),
		Extra: []plot.DiscoveryCurve{{Name: "ASI-ARCH rule (beats_asi)", Hours: asi}},
		Per:   1, Unit: strings.TrimSuffix(c.Unit, "s"),
		Title:  "Discoveries vs measured compute: " + filepath.Base(r.Dir),
		XLabel: "Stage-1 compute, measured (" + c.Unit + ")", YLabel: "Stage-1 experiments that beat the baseline",
		Notes: []string{fmt.Sprintf("%d finished stage-1 experiments, %.3g %s", len(c.At), c.Total, c.Unit),
			"x: cumulative " + c.Kind + " time in the order experiments finished"},
		Size: opt.Size,
	}
	if opt.Control != nil {
		ch := opt.Control.discoveryHours(ctl, "noise")
		cfg.Extra = append(cfg.Extra, plot.DiscoveryCurve{Name: "control run " + filepath.Base(opt.Control.Dir) + ", noise-aware", Hours: ch, Dashed: true})
		cfg.Notes = append(cfg.Notes, fmt.Sprintf("control: %d finished, %.3g %s", len(ctl.At), ctl.Total, c.Unit))
	}
	p, fit, err := plot.Discoveries(cfg)
	if err != nil {
		return nil, d, fmt.Errorf("results: %w", err)
	}
	d.Noise, d.ASI = fit, fit.Extra[0]
	if opt.Control != nil {
		d.Control = &fit.Extra[1]
	}
	return p, d, nil
}

// niceStep rounds x up to 1, 2 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if !(x > 0) {
		return 1
	}
	m := math.Pow(10, math.Floor(math.Log10(x)))
	for _, f := range []float64{1, 2, 5, 10} {
		if f*m >= x*(1-1e-9) {
			return f * m
		}
	}
	return 10 * m
}

// FitnessPlot draws the fitness of every finished stage-1 experiment and
// its terms (loss, benchmark, judge) against the experiment number, as
// ASI-ARCH's Fig. 6 does against samples.
func (r *SearchRun) FitnessPlot(size plot.Size) (*plot.Plot, error) {
	es := r.Select(Filter{Stage: 1, Status: []store.Status{store.Done}})
	if len(es) == 0 {
		return nil, fmt.Errorf("results: fitness plot: %s: no finished stage-1 experiment", r.Dir)
	}
	terms := []struct {
		name string
		v    func(e *store.Experiment) float64
	}{
		{"fitness", func(e *store.Experiment) float64 { return e.Fitness }},
		{"fitness_loss", func(e *store.Experiment) float64 { return e.FitnessLoss }},
		{"fitness_bench", func(e *store.Experiment) float64 { return e.FitnessBench }},
		{"fitness_judge", func(e *store.Experiment) float64 { return e.FitnessJudge }},
	}
	cfg := plot.LinesConfig{Title: "Fitness and its terms against samples: " + filepath.Base(r.Dir), XLabel: "Experiment (stage 1)",
		YLabel: "Score (0–1)", YMin: 0, YMax: 1.05, LegendBottomRight: true, Size: size}
	for _, t := range terms {
		s := plot.Series{Name: t.name, Markers: true, Dashed: t.name != "fitness"}
		for _, e := range es {
			if v := t.v(e); !math.IsNaN(v) {
				s.X, s.Y = append(s.X, float64(e.ID)), append(s.Y, v)
			}
		}
		if len(s.X) > 0 {
			cfg.Series = append(cfg.Series, s)
		}
	}
	p, err := plot.Lines(cfg)
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	return p, nil
}

// TreePlot draws the stage-1 lineage, each experiment coloured by its
// fitness (grey when it has none: failed or rejected), the ones that beat
// the baseline under the noise-aware rule marked with their ancestry.
func (r *SearchRun) TreePlot(size plot.Size) (*plot.Plot, error) {
	es := r.Select(Filter{Stage: 1})
	if len(es) == 0 {
		return nil, fmt.Errorf("results: tree: %s: no stage-1 experiment", r.Dir)
	}
	nodes := make([]plot.TreeNode, len(es))
	marked := 0
	for i, e := range es {
		nodes[i] = plot.TreeNode{ID: int(e.ID), Parent: int(e.Parent), Score: e.Fitness, Mark: e.BeatsNoise}
		if len(es) <= 40 { // names stay legible
			nodes[i].Label = fmt.Sprintf("#%d %s", e.ID, e.Name)
		}
		if e.BeatsNoise {
			marked++
		}
	}
	if size.Width == 0 {
		size = plot.NotebookSquare
	}
	p, err := plot.Tree(plot.TreeConfig{Title: fmt.Sprintf("Lineage of %s (%d stage-1 experiments)", filepath.Base(r.Dir), len(es)),
		Nodes: nodes, ScoreLabel: "fitness", MarkLabel: fmt.Sprintf("beats the baseline, noise-aware (%d)", marked),
		LeavesAtDepth: len(es) < 60, Size: size})
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	return p, nil
}

// LossCurve returns experiment id's training-loss curve from its
// metrics.jsonl, the mean over its seeds at each step, and how many seeds
// it averages.
func (r *SearchRun) LossCurve(id int64) (steps, loss []float64, seeds int, err error) {
	rows, err := metricRows(filepath.Join(r.Dir, store.ExpName, strconv.FormatInt(id, 10), "metrics.jsonl"), id)
	if err != nil {
		return nil, nil, 0, err
	}
	col := map[string]int{}
	for i, c := range MetricColumns {
		col[c] = i
	}
	sum, n := map[int]float64{}, map[int]int{}
	seen := map[string]bool{}
	for _, row := range rows {
		if row[col["loss"]] == "" {
			continue
		}
		st, _ := strconv.Atoi(row[col["step"]])
		sum[st] += parseFloat(row[col["loss"]])
		n[st]++
		seen[row[col["seed"]]] = true
	}
	for st := range sum {
		steps = append(steps, float64(st))
	}
	sort.Float64s(steps)
	for _, st := range steps {
		loss = append(loss, sum[int(st)]/float64(n[int(st)]))
	}
	return steps, loss, len(seen), nil
}

// baselineOf returns the baseline e is measured against: the stage-1 root,
// or at stage 2 the baseline's stage-2 row.
func (r *SearchRun) baselineOf(e *store.Experiment) *store.Experiment {
	var root *store.Experiment
	for _, o := range r.Experiments {
		if o.Stage == 1 && o.Parent == 0 {
			root = o
			break
		}
	}
	if e.Stage == 1 || root == nil {
		return root
	}
	for _, o := range r.Experiments {
		if o.Stage == 2 && o.Of == root.ID {
			return o
		}
	}
	return nil
}

// LossPlot draws experiment id's training loss against its parent's and
// the baseline's (at stage 2: the stage-2 row of its stage-1 parent, when
// re-trained, and the baseline's stage-2 row), each the mean over its
// seeds, from metrics.jsonl.
func (r *SearchRun) LossPlot(id int64, size plot.Size) (*plot.Plot, error) {
	e := r.byID[id]
	if e == nil {
		return nil, fmt.Errorf("results: loss plot: %s has no experiment %d", r.Dir, id)
	}
	show := []*store.Experiment{e}
	parent := r.byID[e.Parent]
	if e.Stage == 2 && e.Of != 0 {
		parent = nil
		if s1 := r.byID[e.Of]; s1 != nil {
			for _, o := range r.Experiments {
				if o.Stage == 2 && o.Of == s1.Parent && s1.Parent != 0 {
					parent = o
				}
			}
		}
	}
	base := r.baselineOf(e)
	if parent != nil && (base == nil || parent.ID != base.ID) {
		show = append(show, parent)
	}
	if base != nil && base.ID != e.ID {
		show = append(show, base)
	}
	var curves []plot.Curve
	for i, o := range show {
		steps, loss, seeds, err := r.LossCurve(o.ID)
		if err != nil {
			return nil, err
		}
		if len(steps) == 0 {
			if i == 0 {
				return nil, fmt.Errorf("results: loss plot: experiment %d has no training metrics (status %s)", id, e.Status)
			}
			continue
		}
		role := "experiment"
		switch {
		case i > 0 && base != nil && o.ID == base.ID:
			role = "baseline"
		case i > 0:
			role = "parent"
		}
		name := fmt.Sprintf("%s #%d %s (mean of %d seeds)", role, o.ID, o.Name, seeds)
		if seeds == 1 {
			name = fmt.Sprintf("%s #%d %s (one seed)", role, o.ID, o.Name)
		}
		curves = append(curves, plot.Curve{Name: name, Steps: steps, Loss: loss})
	}
	p, err := plot.LossCurves(fmt.Sprintf("Training loss of #%d %s (stage %d)", e.ID, e.Name, e.Stage), 0, size, curves...)
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	return p, nil
}

// ParetoPlot draws a cost against validation loss for every finished
// stage-1 experiment, with the Pareto front (cheaper and lower loss) named
// and the noise-aware discoveries ringed, and returns the front's ids. The
// cost x is "params" (layer parameters, the default) or "flops" (training
// FLOPs per token, from each experiment's result.json; an experiment
// without one is left out).
func (r *SearchRun) ParetoPlot(x string, size plot.Size) (*plot.Plot, []int64, error) {
	es := r.Select(Filter{Stage: 1, Status: []store.Status{store.Done}})
	xs, ys := make([]float64, len(es)), make([]float64, len(es))
	labels, hl := make([]string, len(es)), make([]bool, len(es))
	xlabel := "Layer parameters"
	for i, e := range es {
		switch x {
		case "", "params":
			xs[i] = float64(e.Params)
		case "flops":
			xlabel = "Training FLOPs per token"
			xs[i] = r.flopsPerToken(e.ID)
		default:
			return nil, nil, fmt.Errorf("results: pareto: unknown cost %q (params, flops)", x)
		}
		if xs[i] <= 0 {
			xs[i] = math.NaN()
		}
		ys[i], labels[i], hl[i] = e.ValLoss, fmt.Sprintf("#%d %s", e.ID, e.Name), e.BeatsNoise
	}
	p, front, err := plot.Pareto(plot.ParetoConfig{Title: xlabel + " vs validation loss (stage 1): " + filepath.Base(r.Dir),
		XLabel: xlabel, YLabel: "Validation loss", X: xs, Y: ys, Labels: labels, Highlight: hl,
		HighlightLabel: "beats the baseline, noise-aware", Size: size})
	if err != nil {
		return nil, nil, fmt.Errorf("results: %w", err)
	}
	ids := make([]int64, len(front))
	for k, i := range front {
		ids[k] = es[i].ID
	}
	return p, ids, nil
}

// flopsPerToken reads flops_per_token from experiment id's result.json;
// NaN when there is none.
func (r *SearchRun) flopsPerToken(id int64) float64 {
	b, err := os.ReadFile(filepath.Join(r.Dir, store.ExpName, strconv.FormatInt(id, 10), "result.json"))
	if err != nil {
		return math.NaN()
	}
	var res struct {
		FLOPs *float64 `json:"flops_per_token"`
	}
	if json.Unmarshal(b, &res) != nil || res.FLOPs == nil {
		return math.NaN()
	}
	return *res.FLOPs
}

// Grade is the judge's grade as the judge column stores it.
type Grade struct {
	Performance int    `json:"performance"` // 1–10
	Innovation  int    `json:"innovation"`
	Complexity  int    `json:"complexity"`
	Rationale   string `json:"rationale"`
}

// Total is the three scores' sum, 3–30.
func (g Grade) Total() int { return g.Performance + g.Innovation + g.Complexity }

// JudgeRecord is an experiment's judge column: the grade its fitness used,
// and when taken the eloquence probe (the same experiment judged under a
// plain and an inflated motivation) and the baseline judged again beside
// it. Error is set when the judge failed and fitness fell back to the
// measured terms.
type JudgeRecord struct {
	Grade
	Probe *struct {
		Plain    Grade `json:"plain"`
		Inflated Grade `json:"inflated"`
		Sway     int   `json:"sway"` // inflated's total minus plain's
	} `json:"probe,omitempty"`
	Baseline *Grade `json:"baseline,omitempty"`
	Error    string `json:"error,omitempty"`
}

// Judge decodes experiment e's judge column; ok is false when it has none.
func Judge(e *store.Experiment) (rec JudgeRecord, ok bool, err error) {
	if len(e.Judge) == 0 || string(e.Judge) == "null" {
		return rec, false, nil
	}
	if err := json.Unmarshal(e.Judge, &rec); err != nil {
		return rec, false, fmt.Errorf("results: experiment %d: judge column: %w", e.ID, err)
	}
	return rec, true, nil
}

// JudgeFigures are the judge-calibration figures.
type JudgeFigures struct {
	Measured *plot.Plot // the judge's fitness term against the measured terms' mean
	Drift    *plot.Plot // the baseline's grade, first and each time it was judged again
	Probe    *plot.Plot // the eloquence probe: plain and inflated totals per probed experiment
}

// JudgeStats are the numbers behind JudgeFigures.
type JudgeStats struct {
	Measured   plot.Correlation // judge term vs measured fitness over judged, finished experiments
	Regrades   int              // times the baseline was judged again
	DriftRange [2]int           // lowest and highest total the baseline got (first grade included)
	// RegradeRange is the lowest and highest total of the regrades alone
	// ({0, 0} without any). The first grade is left out because its request
	// differs: the loop judges the baseline first with novelty 1 (nothing
	// earlier to compare with) and again with novelty 0, so a judge that
	// reads novelty moves between the two without drifting.
	RegradeRange [2]int
	Probes       int     // experiments probed
	MeanSway     float64 // mean inflated − plain total (NaN without probes)
	Agreement    float64 // probed experiments whose plain grade equals the grade stored for them: repeated judging agrees (NaN without probes)
}

// JudgePlots draws how far the judge can be trusted: its grade against
// the measured fitness, the baseline's grade across the run (drift), and
// the eloquence probe.
func (r *SearchRun) JudgePlots(size plot.Size) (JudgeFigures, JudgeStats, error) {
	var figs JudgeFigures
	st := JudgeStats{MeanSway: math.NaN(), Agreement: math.NaN()}
	var mx, my []float64
	var drift []plot.Series
	for _, n := range []string{"performance", "innovation", "complexity"} {
		drift = append(drift, plot.Series{Name: n, Markers: true})
	}
	addDrift := func(id int64, g Grade) {
		for i, v := range []int{g.Performance, g.Innovation, g.Complexity} {
			drift[i].X, drift[i].Y = append(drift[i].X, float64(id)), append(drift[i].Y, float64(v))
		}
		t := g.Total()
		if len(drift[0].X) == 1 {
			st.DriftRange = [2]int{t, t}
		}
		st.DriftRange[0], st.DriftRange[1] = min(st.DriftRange[0], t), max(st.DriftRange[1], t)
	}
	plain := plot.Series{Name: "plain motivation", Markers: true}
	inflated := plot.Series{Name: "inflated motivation", Markers: true, Dashed: true}
	var sway, agree float64
	judged := 0
	for _, e := range r.Experiments {
		rec, ok, err := Judge(e)
		if err != nil {
			return figs, st, err
		}
		if !ok || rec.Error != "" {
			continue
		}
		judged++
		if e.Status == store.Done && !math.IsNaN(e.FitnessJudge) {
			mx, my = append(mx, (e.FitnessLoss+e.FitnessBench)/2), append(my, e.FitnessJudge)
		}
		if e.Stage == 1 && e.Parent == 0 {
			addDrift(e.ID, rec.Grade)
		}
		if rec.Baseline != nil {
			st.Regrades++
			addDrift(e.ID, *rec.Baseline)
			t := rec.Baseline.Total()
			if st.Regrades == 1 {
				st.RegradeRange = [2]int{t, t}
			}
			st.RegradeRange = [2]int{min(st.RegradeRange[0], t), max(st.RegradeRange[1], t)}
		}
		if rec.Probe != nil {
			st.Probes++
			plain.X, plain.Y = append(plain.X, float64(e.ID)), append(plain.Y, float64(rec.Probe.Plain.Total()))
			inflated.X, inflated.Y = append(inflated.X, float64(e.ID)), append(inflated.Y, float64(rec.Probe.Inflated.Total()))
			sway += float64(rec.Probe.Sway)
			if rec.Probe.Plain.Performance == rec.Performance && rec.Probe.Plain.Innovation == rec.Innovation && rec.Probe.Plain.Complexity == rec.Complexity {
				agree++
			}
		}
	}
	if judged == 0 {
		return figs, st, fmt.Errorf("results: judge plots: %s: no experiment was judged (no_judge, or none finished)", r.Dir)
	}
	var err error
	figs.Measured, st.Measured, err = plot.RankScatter(plot.ScatterConfig{Title: "Judge vs measured fitness: " + filepath.Base(r.Dir),
		XLabel: "Measured fitness (mean of fitness_loss and fitness_bench)", YLabel: "Judge term (fitness_judge)", X: mx, Y: my, Size: size})
	if err != nil {
		return figs, st, fmt.Errorf("results: %w", err)
	}
	padAxis(&figs.Measured.X)
	padAxis(&figs.Measured.Y)
	title := fmt.Sprintf("Baseline judged again %d times: totals %d–%d of 30", st.Regrades, st.RegradeRange[0], st.RegradeRange[1])
	if st.RegradeRange[0] == st.RegradeRange[1] {
		title = fmt.Sprintf("Baseline judged again %d times: total %d of 30 each time", st.Regrades, st.RegradeRange[0])
	}
	if len(drift[0].X) > st.Regrades { // the first grade is drawn too
		first := int(drift[0].Y[0] + drift[1].Y[0] + drift[2].Y[0])
		title += fmt.Sprintf(", first grade %d", first)
		if st.Regrades == 0 {
			title = fmt.Sprintf("Baseline graded once (rejudge_every): total %d of 30", first)
		}
	}
	// y up to 13.5: the legend sits in the top left above every score (10 at most).
	figs.Drift, err = plot.Lines(plot.LinesConfig{Title: title,
		XLabel: "Experiment judged beside it (the first point: the baseline's own grade)", YLabel: "Baseline's score (1–10)",
		Series: drift, YMin: 0, YMax: 13.5, Size: size})
	if err != nil {
		return figs, st, fmt.Errorf("results: %w", err)
	}
	figs.Drift.X.Tick.Marker = integerTicks{}
	title = "Eloquence probe: no experiment probed (probe_every)"
	var ps []plot.Series
	if st.Probes > 0 {
		st.MeanSway, st.Agreement = sway/float64(st.Probes), agree/float64(st.Probes)
		title = fmt.Sprintf("Eloquence probe (n = %d): mean sway %+.2f, inflated − plain\nplain grade = stored grade in %.0f%% (repeated judging)",
			st.Probes, st.MeanSway, 100*st.Agreement)
		ps = []plot.Series{plain, inflated}
	}
	figs.Probe, err = plot.Lines(plot.LinesConfig{Title: title, XLabel: "Experiment", YLabel: "Judge total (3–30)", Series: ps,
		YMin: 0, YMax: 31, LegendBottomRight: true, Size: size})
	if err != nil {
		return figs, st, fmt.Errorf("results: %w", err)
	}
	figs.Probe.X.Tick.Marker = integerTicks{}
	return figs, st, nil
}

// StagesPlot draws each re-trained candidate's stage-2 fitness rank
// against its stage-1 rank (1 = best; the baseline left out), with
// Spearman's ρ and its bootstrap interval (StageRank).
func (r *SearchRun) StagesPlot(size plot.Size) (*plot.Plot, RankCorrelation, error) {
	ps, f1, f2 := r.comparablePairs()
	rc := Spearman(f1, f2, DefaultResamples, 1)
	if len(ps) < 2 {
		return nil, rc, fmt.Errorf("results: stages plot: %s: %d candidates re-trained at stage 2 with both fitnesses, want at least 2", r.Dir, len(ps))
	}
	neg := func(x []float64) []float64 {
		y := make([]float64, len(x))
		for i, v := range x {
			y[i] = -v
		}
		return y
	}
	labels := make([]string, len(ps))
	idx := make([]int, len(ps))
	for i, p := range ps {
		labels[i], idx[i] = fmt.Sprintf("#%d %s", p.S1.ID, p.S1.Name), i
	}
	p, _, err := plot.RankScatter(plot.ScatterConfig{
		Title:  fmt.Sprintf("Stage 1 vs stage 2 fitness rank: %s\nρ %.0f%% bootstrap interval [%.2f, %.2f] (%d of %d resamples defined)", filepath.Base(r.Dir), 100*rc.Level, rc.Lo, rc.Hi, rc.Valid, rc.Resamples),
		XLabel: "Stage-1 rank (1 = best)", YLabel: "Stage-2 rank (1 = best)",
		X: plot.Ranks(neg(f1)), Y: plot.Ranks(neg(f2)), Labels: labels, Label: idx, Size: size})
	if err != nil {
		return nil, rc, fmt.Errorf("results: %w", err)
	}
	return p, rc, nil
}

// FigureOptions tunes WriteFigures.
type FigureOptions struct {
	Control *SearchRun // drawn on the discoveries figure; nil: none
	Formats []string   // "png", "svg"; default both
	Size    plot.Size  // zero: plot.Notebook (the tree: plot.NotebookSquare)
}

// WriteFigures draws every figure of the run into dir (created if needed)
// as NAME.png and NAME.svg: discoveries, fitness, tree, loss (the best
// stage-1 experiment against its parent and the baseline), pareto and
// pareto-flops, judge-measured, judge-drift, judge-probe and stages. A figure the run
// cannot have yet (no judge, nothing re-trained at stage 2) is not drawn
// and its reason is returned in skipped; files lists what was written.
func (r *SearchRun) WriteFigures(dir string, opt FigureOptions) (files []string, skipped map[string]error, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("results: figures: %w", err)
	}
	formats := opt.Formats
	if len(formats) == 0 {
		formats = []string{"png", "svg"}
	}
	skipped = map[string]error{}
	figs := map[string]*plot.Plot{}
	try := func(name string, p *plot.Plot, err error) {
		if err != nil {
			skipped[name] = err
			return
		}
		figs[name] = p
	}
	p, _, err := r.Discoveries(DiscoveryOptions{Control: opt.Control, Size: opt.Size})
	try("discoveries", p, err)
	p, err = r.FitnessPlot(opt.Size)
	try("fitness", p, err)
	p, err = r.TreePlot(opt.Size)
	try("tree", p, err)
	if best := r.best(); best != nil {
		p, err = r.LossPlot(best.ID, opt.Size)
		try("loss", p, err)
	} else {
		skipped["loss"] = fmt.Errorf("results: loss plot: %s: no finished stage-1 experiment", r.Dir)
	}
	p, _, err = r.ParetoPlot("params", opt.Size)
	try("pareto", p, err)
	p, _, err = r.ParetoPlot("flops", opt.Size)
	try("pareto-flops", p, err)
	jf, _, err := r.JudgePlots(opt.Size)
	try("judge-measured", jf.Measured, err)
	try("judge-drift", jf.Drift, err)
	try("judge-probe", jf.Probe, err)
	p, _, err = r.StagesPlot(opt.Size)
	try("stages", p, err)
	names := make([]string, 0, len(figs))
	for n := range figs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		size := opt.Size
		if size.Width == 0 {
			size = plot.Notebook
			if n == "tree" {
				size = plot.NotebookSquare
			}
		}
		for _, f := range formats {
			path := filepath.Join(dir, n+"."+f)
			if err := plot.Save(figs[n], path, size); err != nil {
				return files, skipped, fmt.Errorf("results: %w", err)
			}
			files = append(files, path)
		}
	}
	return files, skipped, nil
}

// best is the finished stage-1 experiment with the highest fitness, the
// baseline left out unless it is the only one.
func (r *SearchRun) best() *store.Experiment {
	var b *store.Experiment
	for _, e := range r.Select(Filter{Stage: 1, Status: []store.Status{store.Done}}) {
		if b == nil || b.Parent == 0 && e.Parent != 0 || e.Parent != 0 && e.Fitness > b.Fitness {
			b = e
		}
	}
	return b
}

// padAxis widens a's range by 5% each side, so that points at the extremes
// are not cut by the frame.
func padAxis(a *gplot.Axis) {
	d := 0.05 * (a.Max - a.Min)
	if !(d > 0) {
		d = 0.05 * math.Max(math.Abs(a.Max), 1)
	}
	a.Min, a.Max = a.Min-d, a.Max+d
}

// integerTicks labels whole numbers only (experiment ids): every one up to
// 12 labels, else every 2nd, 5th, 10th, ….
type integerTicks struct{}

func (integerTicks) Ticks(lo, hi float64) []gplot.Tick {
	first, last := math.Ceil(lo-1e-9), math.Floor(hi+1e-9)
	if last < first {
		return nil
	}
	step := 1.0
	for (last-first)/step > 12 {
		step = niceStep(2 * step)
	}
	var ts []gplot.Tick
	for v := math.Ceil(first/step) * step; v <= last; v += step {
		ts = append(ts, gplot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
	}
	return ts
}
