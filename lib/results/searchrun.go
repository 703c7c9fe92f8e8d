package results

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/archlab/archlab/lib/plot"
	"github.com/archlab/archlab/lib/store"
)

// SearchRun is a snapshot of one of our own search runs (a folder written
// by archlab search or search.Open): every experiment row and LLM call as
// they were committed when it was read. Metrics are read from the
// experiments' metrics.jsonl when asked for.
type SearchRun struct {
	Dir         string              // the run folder, absolute
	Experiments []*store.Experiment // by ascending id
	Calls       []store.Call        // by ascending id
	Read        time.Time           // when the snapshot was taken

	byID map[int64]*store.Experiment
}

// OpenRun reads the search run in dir read-only, without its lock: it is
// safe while the loop is still writing, and sees what was committed when
// it was called (Refresh reads again).
func OpenRun(dir string) (*SearchRun, error) {
	r := &SearchRun{}
	if err := r.read(context.Background(), dir, true); err != nil {
		return nil, err
	}
	return r, nil
}

// Refresh reads the run again, for a cell that follows a running search.
func (r *SearchRun) Refresh(ctx context.Context) error { return r.read(ctx, r.Dir, true) }

// read takes the snapshot; without calls it leaves Calls empty (they hold
// every prompt and reply, the bulk of an LLM run's database).
func (r *SearchRun) read(ctx context.Context, dir string, calls bool) error {
	st, err := store.OpenReadOnly(dir)
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	defer st.Close()
	// Calls first: experiments are only ever added, so every call read
	// belongs to an experiment read after it (the two reads are separate
	// transactions; a call committed between them is left for Refresh).
	var cs []store.Call
	if calls {
		if cs, err = st.Calls(ctx, 0); err != nil {
			return fmt.Errorf("results: %w", err)
		}
	}
	es, err := st.List(ctx, store.Filter{})
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	r.Dir, r.Experiments, r.Calls, r.Read = st.Dir(), es, cs, time.Now()
	r.byID = make(map[int64]*store.Experiment, len(es))
	for _, e := range es {
		r.byID[e.ID] = e
	}
	return nil
}

// Get returns experiment id, or nil when the snapshot has none.
func (r *SearchRun) Get(id int64) *store.Experiment { return r.byID[id] }

// Filter selects experiments of a SearchRun. Its zero value selects all.
type Filter struct {
	Stage   int            // 1 or 2; 0: both
	Status  []store.Status // any of these; empty: any status
	Lineage int64          // only this experiment and its ancestors up to the baseline; 0: no limit
	Under   int64          // only this experiment and its descendants; 0: no limit
}

// Select returns the experiments f selects, by ascending id.
func (r *SearchRun) Select(f Filter) []*store.Experiment {
	var line map[int64]bool
	if f.Lineage != 0 {
		line = map[int64]bool{}
		for e := r.byID[f.Lineage]; e != nil && !line[e.ID]; e = r.byID[e.Parent] {
			line[e.ID] = true
		}
	}
	var out []*store.Experiment
	for _, e := range r.Experiments {
		if f.Stage != 0 && e.Stage != f.Stage {
			continue
		}
		if len(f.Status) > 0 && !hasStatus(f.Status, e.Status) {
			continue
		}
		if line != nil && !line[e.ID] {
			continue
		}
		if f.Under != 0 && !r.descends(e, f.Under) {
			continue
		}
		out = append(out, e)
	}
	return out
}

func hasStatus(ss []store.Status, s store.Status) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// descends reports whether e is id or one of its descendants.
func (r *SearchRun) descends(e *store.Experiment, id int64) bool {
	for n := 0; e != nil && n <= len(r.Experiments); n++ { // n: a guard, parents precede children
		if e.ID == id {
			return true
		}
		e = r.byID[e.Parent]
	}
	return false
}

// ExperimentFrame is the experiments f selects as a DataFrame with the
// columns ExperimentColumns, in that order: ints for ids, counts and flags
// as bools, floats (NaN when never measured), and strings (times RFC 3339).
func (r *SearchRun) ExperimentFrame(f Filter) dataframe.DataFrame {
	es := r.Select(f)
	n := len(es)
	ints := map[string][]int{}
	floats := map[string][]float64{}
	strs := map[string][]string{}
	bools := map[string][]bool{}
	for _, c := range ExperimentColumns {
		switch experimentKind[c] {
		case series.Int:
			ints[c] = make([]int, n)
		case series.Float:
			floats[c] = make([]float64, n)
		case series.Bool:
			bools[c] = make([]bool, n)
		default:
			strs[c] = make([]string, n)
		}
	}
	for i, e := range es {
		row := experimentRow(e)
		for k, c := range ExperimentColumns {
			switch experimentKind[c] {
			case series.Int:
				ints[c][i], _ = strconv.Atoi(row[k])
			case series.Float:
				floats[c][i] = parseFloat(row[k])
			case series.Bool:
				bools[c][i] = row[k] == "1"
			default:
				strs[c][i] = row[k]
			}
		}
	}
	ss := make([]series.Series, len(ExperimentColumns))
	for k, c := range ExperimentColumns {
		switch experimentKind[c] {
		case series.Int:
			ss[k] = series.New(ints[c], series.Int, c)
		case series.Float:
			ss[k] = series.New(floats[c], series.Float, c)
		case series.Bool:
			ss[k] = series.New(bools[c], series.Bool, c)
		default:
			ss[k] = series.New(strs[c], series.String, c)
		}
	}
	return dataframe.New(ss...)
}

// experimentKind is each experiment column's DataFrame type (String when
// absent).
var experimentKind = map[string]series.Type{
	"id": series.Int, "parent": series.Int, "of": series.Int, "stage": series.Int, "params": series.Int, "tries": series.Int,
	"val_loss": series.Float, "val_std": series.Float, "bench": series.Float, "bench_std": series.Float, "final_loss": series.Float,
	"fitness": series.Float, "fitness_loss": series.Float, "fitness_bench": series.Float, "fitness_judge": series.Float,
	"wall_s": series.Float, "cpu_s": series.Float, "device_s": series.Float,
	"beats_asi": series.Bool, "beats_noise": series.Bool,
}

func parseFloat(s string) float64 {
	if s == "" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// CallFrame is the LLM calls of the experiments f selects (every call,
// those of no experiment included, when f is the zero Filter), with the
// columns CallColumns.
func (r *SearchRun) CallFrame(f Filter) dataframe.DataFrame {
	t := r.callTable(f)
	return stringTableFrame(t, map[string]series.Type{"id": series.Int, "exp": series.Int, "attempt": series.Int,
		"tokens_in": series.Int, "tokens_out": series.Int, "latency_s": series.Float, "cost_usd": series.Float})
}

// MetricFrame is every metrics.jsonl line of the experiments f selects,
// with the columns MetricColumns: training lines have loss and lr,
// evaluation lines val_loss or task_score (NaN where a line has none). A
// line cut short by a trainer still writing is skipped.
func (r *SearchRun) MetricFrame(f Filter) (dataframe.DataFrame, error) {
	t, err := r.metricTable(f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return stringTableFrame(t, map[string]series.Type{"exp": series.Int, "seed": series.Int, "step": series.Int,
		"loss": series.Float, "lr": series.Float, "tokens": series.Int, "wall_s": series.Float, "val_loss": series.Float,
		"task_score": series.Float}), nil
}

// stringTableFrame converts a Table to a DataFrame with the given column
// types (String for the others); empty cells of a Float column are NaN.
func stringTableFrame(t *Table, kinds map[string]series.Type) dataframe.DataFrame {
	ss := make([]series.Series, len(t.Columns))
	for k, c := range t.Columns {
		switch kinds[c] {
		case series.Int:
			v := make([]int, len(t.Rows))
			for i, row := range t.Rows {
				v[i], _ = strconv.Atoi(row[k])
			}
			ss[k] = series.New(v, series.Int, c)
		case series.Float:
			v := make([]float64, len(t.Rows))
			for i, row := range t.Rows {
				v[i] = parseFloat(row[k])
			}
			ss[k] = series.New(v, series.Float, c)
		default:
			v := make([]string, len(t.Rows))
			for i, row := range t.Rows {
				v[i] = row[k]
			}
			ss[k] = series.New(v, series.String, c)
		}
	}
	return dataframe.New(ss...)
}

// Tables names the tables Table knows, in the order WriteCSV writes them.
var Tables = []string{"experiments", "calls", "metrics", "stages", "rank"}

// Table is one of the run's tables as strings, for CSV, TSV or JSON:
// "experiments" (ExperimentColumns), "calls" (CallColumns), "metrics"
// (MetricColumns), "stages" (StageColumns: each re-trained candidate at
// both stages) or "rank" (RankColumns: Spearman's ρ between the stages
// with its bootstrap interval, one row).
func (r *SearchRun) Table(name string) (*Table, error) {
	switch name {
	case "", "experiments":
		t := &Table{Columns: ExperimentColumns}
		for _, e := range r.Experiments {
			t.Rows = append(t.Rows, experimentRow(e))
		}
		return t, nil
	case "calls":
		return r.callTable(Filter{}), nil
	case "metrics":
		return r.metricTable(Filter{})
	case "stages":
		return r.stageTable(), nil
	case "rank":
		rc := r.StageRank(DefaultResamples, 1)
		return &Table{Columns: RankColumns, Rows: [][]string{{strconv.Itoa(rc.N), ff(rc.Rho), ff(rc.Lo), ff(rc.Hi),
			ff(rc.Level), strconv.Itoa(rc.Resamples), strconv.Itoa(rc.Valid)}}}, nil
	}
	return nil, fmt.Errorf("results: unknown table %q (experiments, calls, metrics, stages, rank)", name)
}

// WriteCSV writes every table of Tables into dir as NAME.csv, creating
// dir if needed, and returns the files written.
func (r *SearchRun) WriteCSV(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("results: write csv: %w", err)
	}
	var files []string
	for _, name := range Tables {
		t, err := r.Table(name)
		if err != nil {
			return files, err
		}
		p := filepath.Join(dir, name+".csv")
		f, err := os.Create(p)
		if err != nil {
			return files, fmt.Errorf("results: write csv: %w", err)
		}
		err = t.Write(f, "csv")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return files, fmt.Errorf("results: write %s: %w", p, err)
		}
		files = append(files, p)
	}
	return files, nil
}

func (r *SearchRun) callTable(f Filter) *Table {
	t := &Table{Columns: CallColumns}
	var keep map[int64]bool
	if !isZeroFilter(f) {
		keep = map[int64]bool{}
		for _, e := range r.Select(f) {
			keep[e.ID] = true
		}
	}
	for _, c := range r.Calls {
		if keep != nil && !keep[c.Exp] {
			continue
		}
		t.Rows = append(t.Rows, callRow(c))
	}
	return t
}

func isZeroFilter(f Filter) bool {
	return f.Stage == 0 && len(f.Status) == 0 && f.Lineage == 0 && f.Under == 0
}

func (r *SearchRun) metricTable(f Filter) (*Table, error) {
	t := &Table{Columns: MetricColumns}
	for _, e := range r.Select(f) {
		rows, err := metricRows(filepath.Join(r.Dir, store.ExpName, strconv.FormatInt(e.ID, 10), "metrics.jsonl"), e.ID)
		if err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, rows...)
	}
	return t, nil
}

// StageColumns are the columns of the stages table: one row per stage-1
// experiment re-trained at stage 2 (id is the stage-1 row, stage2_id the
// stage-2 row; baseline is 1 for the baseline's pair); ranks are 1 for
// the best fitness among the rows with both fitnesses (ties averaged).
var StageColumns = []string{"id", "stage2_id", "name", "baseline", "status_2", "fitness_1", "fitness_2", "rank_1", "rank_2",
	"val_loss_1", "val_loss_2", "bench_1", "bench_2"}

// RankColumns are the columns of the rank table.
var RankColumns = []string{"n", "spearman", "lo", "hi", "level", "resamples", "valid"}

// StagePair is one stage-1 experiment and its stage-2 re-training.
type StagePair struct {
	S1, S2   *store.Experiment
	Baseline bool // the baseline's pair (experiment 1 and its stage-2 row)
}

// StagePairs returns every stage-2 row with the stage-1 experiment it
// re-trains, by ascending stage-2 id.
func (r *SearchRun) StagePairs() []StagePair {
	var ps []StagePair
	for _, e := range r.Experiments {
		if e.Stage != 2 || e.Of == 0 {
			continue
		}
		if s1 := r.byID[e.Of]; s1 != nil {
			ps = append(ps, StagePair{S1: s1, S2: e, Baseline: s1.Parent == 0})
		}
	}
	return ps
}

// comparable returns the pairs both of whose fitnesses are measured,
// the baseline's left out (its stage-1 fitness is against itself).
func (r *SearchRun) comparablePairs() (ps []StagePair, f1, f2 []float64) {
	for _, p := range r.StagePairs() {
		if p.Baseline || math.IsNaN(p.S1.Fitness) || math.IsNaN(p.S2.Fitness) || p.S2.Status != store.Done {
			continue
		}
		ps = append(ps, p)
		f1 = append(f1, p.S1.Fitness)
		f2 = append(f2, p.S2.Fitness)
	}
	return ps, f1, f2
}

func (r *SearchRun) stageTable() *Table {
	t := &Table{Columns: StageColumns}
	ps, f1, f2 := r.comparablePairs()
	rank1, rank2 := map[int64]float64{}, map[int64]float64{}
	neg := func(x []float64) []float64 {
		y := make([]float64, len(x))
		for i, v := range x {
			y[i] = -v
		}
		return y
	}
	r1, r2 := plot.Ranks(neg(f1)), plot.Ranks(neg(f2))
	for i, p := range ps {
		rank1[p.S2.ID], rank2[p.S2.ID] = r1[i], r2[i]
	}
	rk := func(m map[int64]float64, id int64) string {
		if v, ok := m[id]; ok {
			return ff(v)
		}
		return ""
	}
	for _, p := range r.StagePairs() {
		t.Rows = append(t.Rows, []string{strconv.FormatInt(p.S1.ID, 10), strconv.FormatInt(p.S2.ID, 10), p.S1.Name, fb(p.Baseline),
			string(p.S2.Status), ff(p.S1.Fitness), ff(p.S2.Fitness), rk(rank1, p.S2.ID), rk(rank2, p.S2.ID),
			ff(p.S1.ValLoss), ff(p.S2.ValLoss), ff(p.S1.Bench), ff(p.S2.Bench)})
	}
	return t
}

// DefaultResamples is the bootstrap size Table and the figures use.
const DefaultResamples = 2000

// RankCorrelation is Spearman's ρ of paired measurements with a
// percentile-bootstrap interval.
type RankCorrelation struct {
	N         int     // pairs
	Rho       float64 // Spearman's ρ (ties averaged); NaN with fewer than two pairs or a constant side
	Lo, Hi    float64 // the interval's bounds; NaN when no resample had a defined ρ
	Level     float64 // the interval's coverage, 0.95
	Resamples int     // bootstrap resamples drawn
	Valid     int     // resamples with a defined ρ (a resample of few pairs often has a constant side)
}

func (c RankCorrelation) String() string {
	return fmt.Sprintf("Spearman ρ = %.3f, %g%% bootstrap interval [%.3f, %.3f] (n = %d, %d of %d resamples defined)",
		c.Rho, 100*c.Level, c.Lo, c.Hi, c.N, c.Valid, c.Resamples)
}

// Spearman returns Spearman's ρ of x and y with a 95% percentile-bootstrap
// interval from resamples resamples of the pairs, drawn from seed.
// Resamples whose ρ is undefined (a side constant) are left out of the
// interval and counted in Valid. It panics if x and y differ in length.
func Spearman(x, y []float64, resamples int, seed uint64) RankCorrelation {
	if len(x) != len(y) {
		panic("results: Spearman: x and y differ in length")
	}
	c := RankCorrelation{N: len(x), Rho: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Level: 0.95, Resamples: resamples}
	if len(x) >= 2 {
		c.Rho = plot.Spearman(x, y)
	}
	if len(x) < 2 || resamples <= 0 {
		return c
	}
	rng := rand.New(rand.NewPCG(seed, 0x5851f42d4c957f2d))
	bx, by := make([]float64, len(x)), make([]float64, len(x))
	var rhos []float64
	for range resamples {
		for i := range bx {
			j := rng.IntN(len(x))
			bx[i], by[i] = x[j], y[j]
		}
		if v := plot.Spearman(bx, by); !math.IsNaN(v) {
			rhos = append(rhos, v)
		}
	}
	c.Valid = len(rhos)
	if len(rhos) > 0 {
		sort.Float64s(rhos)
		c.Lo = plot.Quantile(rhos, (1-c.Level)/2)
		c.Hi = plot.Quantile(rhos, 1-(1-c.Level)/2)
	}
	return c
}

// StageRank is Spearman's ρ between stage-1 and stage-2 fitness over the
// re-trained candidates (the baseline left out), with its bootstrap
// interval.
func (r *SearchRun) StageRank(resamples int, seed uint64) RankCorrelation {
	_, f1, f2 := r.comparablePairs()
	return Spearman(f1, f2, resamples, seed)
}

// String summarises the run in one line, e.g. "s1: 10 experiments (stage
// 1: 6 done, 0 failed, 0 rejected, 0 in flight; stage 2: 4), beat the
// baseline: 4 noise-aware, 2 ASI rule; 1.61 device-seconds".
func (r *SearchRun) String() string {
	count := map[store.Status]int{}
	s2, noise, asi := 0, 0, 0
	for _, e := range r.Experiments {
		if e.Stage != 1 {
			s2++
			continue
		}
		count[e.Status]++
		if e.BeatsNoise {
			noise++
		}
		if e.BeatsASI {
			asi++
		}
	}
	c := r.Compute()
	flight := len(r.Experiments) - s2 - count[store.Done] - count[store.Failed] - count[store.Rejected]
	return fmt.Sprintf("%s: %d experiments (stage 1: %d done, %d failed, %d rejected, %d in flight; stage 2: %d), beat the baseline: %d noise-aware, %d ASI rule; %.3g %s",
		filepath.Base(r.Dir), len(r.Experiments), count[store.Done], count[store.Failed], count[store.Rejected], flight, s2, noise, asi, c.Total, c.Unit)
}
