package results

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// Node is one explored architecture of the lineage (a record of tree.json).
type Node struct {
	Index   int     // experiment number, 1-based, in the order the search ran them
	Name    string  // e.g. "delta_net_retention_gate"
	NameNew string  // display name, e.g. "RetentionGateTransformer"; empty for a few records
	Parent  int     // index of the parent architecture; 0 for the root (DeltaNet)
	Score   float64 // stored exploration fitness, 0–3 (sum of three terms in [0,1])
}

// Arch is one of the 106 SOTA architectures (a record of 106.json) with its
// 340M-parameter verification run.
type Arch struct {
	Index      int     // experiment number, as in Node
	Parent     int     // index of the parent architecture
	Name       string  // e.g. "delta_net_hhmr"
	NameNew    string  // display name, e.g. "HybridGateFlow"
	Summary    string  // one-sentence summary
	Motivation string  // the Researcher's motivation
	Program    string  // PyTorch source of the layer
	SVG        string  // the released architecture diagram
	Parameters string  // as released, e.g. "495.73M"
	ParamsM    float64 // Parameters in millions, e.g. 495.73
	Score      float64 // exploration fitness, 0–3 (as in tree.json)

	Loss      LossCurve          // 340M training loss by step
	Tasks     map[string]float64 // result.test columns: accuracies in [0,1] (arc_easy, …), perplexities (NaN when unmeasured), average
	TaskOrder []string           // result.test column names in file order
}

// LossCurve is a training-loss curve.
type LossCurve struct {
	Steps []int     // e.g. 1, 100, 200, …, 2000
	Loss  []float64 // training loss at each step
}

// CoreTasks are the seven benchmark accuracies averaged into the 340M score
// (Table 2): every released accuracy except LAMBADA.
var CoreTasks = []string{"arc_challenge", "arc_easy", "boolq", "hellaswag", "piqa", "social_iqa", "winogrande"}

// FinalLoss is the last value of the training-loss curve.
func (a *Arch) FinalLoss() float64 { return a.Loss.Loss[len(a.Loss.Loss)-1] }

// Score340M is the mean of the seven CoreTasks accuracies, in percent.
func (a *Arch) Score340M() float64 {
	var s float64
	for _, t := range CoreTasks {
		s += a.Tasks[t]
	}
	return 100 * s / float64(len(CoreTasks))
}

// DisplayName is NameNew, or Name when the release has no new name.
func (a *Arch) DisplayName() string {
	if a.NameNew != "" {
		return a.NameNew
	}
	return a.Name
}

// Run is ASI-ARCH's released run: the lineage of every explored
// architecture and the full records of the SOTA ones. Either half may be
// empty when only one file was loaded.
type Run struct {
	Source string // what Load was given
	Tree   []Node // in file order (ascending index)
	SOTA   []Arch // in file order
}

// need reports a clear error when a half of the run is missing.
func (r *Run) need(tree, sota bool) error {
	if tree && len(r.Tree) == 0 {
		return fmt.Errorf("results: %s: no lineage loaded (tree.json)", r.Source)
	}
	if sota && len(r.SOTA) == 0 {
		return fmt.Errorf("results: %s: no SOTA records loaded (106.json)", r.Source)
	}
	return nil
}

// sotaByIndex returns the SOTA records sorted by index.
func (r *Run) sotaByIndex() []Arch {
	s := append([]Arch(nil), r.SOTA...)
	sort.Slice(s, func(i, j int) bool { return s[i].Index < s[j].Index })
	return s
}

// Arch returns the SOTA record whose index, name or display name is key
// (an int or a string).
func (r *Run) Arch(key any) (*Arch, error) {
	for i := range r.SOTA {
		a := &r.SOTA[i]
		switch k := key.(type) {
		case int:
			if a.Index == k {
				return a, nil
			}
		case string:
			if a.Name == k || a.NameNew == k {
				return a, nil
			}
		}
	}
	return nil, fmt.Errorf("results: no SOTA architecture %v", key)
}

// depths returns each node's distance from its root, by index.
func (r *Run) depths() map[int]int {
	parent := make(map[int]int, len(r.Tree))
	for _, n := range r.Tree {
		parent[n.Index] = n.Parent
	}
	d := make(map[int]int, len(r.Tree))
	var depth func(i int, guard int) int
	depth = func(i, guard int) int {
		if v, ok := d[i]; ok {
			return v
		}
		p := parent[i]
		if p == 0 || guard > len(parent) {
			d[i] = 0
			return 0
		}
		v := depth(p, guard+1) + 1
		d[i] = v
		return v
	}
	for _, n := range r.Tree {
		depth(n.Index, 0)
	}
	return d
}

// TreeFrame is the lineage as a DataFrame, one row per explored
// architecture: index, name, name_new, parent (NaN for the root), depth,
// children, fitness (the stored 0–3 score), sota (one of the 106).
func (r *Run) TreeFrame() dataframe.DataFrame {
	n := len(r.Tree)
	idx := make([]int, n)
	name := make([]string, n)
	nn := make([]string, n)
	par := make([]float64, n)
	dep := make([]int, n)
	kids := make([]int, n)
	fit := make([]float64, n)
	sota := make([]bool, n)
	isSOTA := map[int]bool{}
	for _, a := range r.SOTA {
		isSOTA[a.Index] = true
	}
	children := map[int]int{}
	for _, nd := range r.Tree {
		children[nd.Parent]++
	}
	d := r.depths()
	for i, nd := range r.Tree {
		idx[i], name[i], nn[i], fit[i] = nd.Index, nd.Name, nd.NameNew, nd.Score
		par[i] = float64(nd.Parent)
		if nd.Parent == 0 {
			par[i] = math.NaN()
		}
		dep[i], kids[i], sota[i] = d[nd.Index], children[nd.Index], isSOTA[nd.Index]
	}
	return dataframe.New(
		series.New(idx, series.Int, "index"),
		series.New(name, series.String, "name"),
		series.New(nn, series.String, "name_new"),
		series.New(par, series.Int, "parent"),
		series.New(dep, series.Int, "depth"),
		series.New(kids, series.Int, "children"),
		series.New(fit, series.Float, "fitness"),
		series.New(sota, series.Bool, "sota"),
	)
}

// SOTAFrame is the 106 SOTA architectures as a DataFrame sorted by index:
// index, name, name_new, parent, params_m, fitness (exploration, 0–3),
// final_loss and score_340m (Table 2), then every result.test column
// (accuracies in [0,1], perplexities, the release's 8-task average). The
// training-loss curves are in LossFrame, one row per (index, step).
func (r *Run) SOTAFrame() dataframe.DataFrame {
	s := r.sotaByIndex()
	n := len(s)
	idx, par := make([]int, n), make([]int, n)
	name, nn := make([]string, n), make([]string, n)
	pm, fit, fl, sc := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	var cols []string
	if n > 0 {
		cols = s[0].TaskOrder
	}
	tasks := make([][]float64, len(cols))
	for j := range tasks {
		tasks[j] = make([]float64, n)
	}
	for i := range s {
		a := &s[i]
		idx[i], par[i], name[i], nn[i] = a.Index, a.Parent, a.Name, a.NameNew
		pm[i], fit[i], fl[i], sc[i] = a.ParamsM, a.Score, a.FinalLoss(), a.Score340M()
		for j, c := range cols {
			v, ok := a.Tasks[c]
			if !ok {
				v = math.NaN()
			}
			tasks[j][i] = v
		}
	}
	ss := []series.Series{
		series.New(idx, series.Int, "index"),
		series.New(name, series.String, "name"),
		series.New(nn, series.String, "name_new"),
		series.New(par, series.Int, "parent"),
		series.New(pm, series.Float, "params_m"),
		series.New(fit, series.Float, "fitness"),
		series.New(fl, series.Float, "final_loss"),
		series.New(sc, series.Float, "score_340m"),
	}
	for j, c := range cols {
		ss = append(ss, series.New(tasks[j], series.Float, c))
	}
	return dataframe.New(ss...)
}

// LossFrame holds every SOTA architecture's 340M training-loss curve in long
// form: index, name_new, step, loss.
func (r *Run) LossFrame() dataframe.DataFrame {
	var idx, step []int
	var name []string
	var loss []float64
	for _, a := range r.sotaByIndex() {
		for i, st := range a.Loss.Steps {
			idx = append(idx, a.Index)
			name = append(name, a.DisplayName())
			step = append(step, st)
			loss = append(loss, a.Loss.Loss[i])
		}
	}
	return dataframe.New(
		series.New(idx, series.Int, "index"),
		series.New(name, series.String, "name_new"),
		series.New(step, series.Int, "step"),
		series.New(loss, series.Float, "loss"),
	)
}

// WriteCSV exports the run's frames into dir as tree.csv, sota.csv and
// losses.csv (whichever halves are loaded), creating dir if needed.
func (r *Run) WriteCSV(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("results: write csv: %w", err)
	}
	var files []string
	write := func(name string, df dataframe.DataFrame) error {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			return fmt.Errorf("results: write csv: %w", err)
		}
		if err := df.WriteCSV(f); err != nil {
			f.Close()
			return fmt.Errorf("results: write %s: %w", p, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("results: write %s: %w", p, err)
		}
		files = append(files, p)
		return nil
	}
	if len(r.Tree) > 0 {
		if err := write("tree.csv", r.TreeFrame()); err != nil {
			return files, err
		}
	}
	if len(r.SOTA) > 0 {
		if err := write("sota.csv", r.SOTAFrame()); err != nil {
			return files, err
		}
		if err := write("losses.csv", r.LossFrame()); err != nil {
			return files, err
		}
	}
	return files, nil
}
