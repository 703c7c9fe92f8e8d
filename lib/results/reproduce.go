package results

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/archlab/archlab/lib/plot"
)

// Reproduction holds everything `archlab reproduce asi-arch` writes, as
// numbers; its methods draw the figures and build the frames.
type Reproduction struct {
	Run         *Run
	Fig1        Fig1Result
	Table2      []Table2Row
	Fig6b       []TopKRow // k = 50, N = 200, 400, …, 1800
	Diagnostics []Diagnostic
}

// ReproduceASIArch computes the reproduction of ASI-ARCH's published
// figures and tables from a fully loaded run.
func ReproduceASIArch(r *Run) (*Reproduction, error) {
	if err := r.need(true, true); err != nil {
		return nil, err
	}
	rep := &Reproduction{Run: r}
	var err error
	if rep.Fig1, err = r.Fig1(); err != nil {
		return nil, err
	}
	if rep.Table2, err = r.Table2(); err != nil {
		return nil, err
	}
	if rep.Fig6b, err = r.TopK(50, Fig6bNs()); err != nil {
		return nil, err
	}
	if rep.Diagnostics, err = r.diagnostics(&rep.Fig1); err != nil {
		return nil, err
	}
	return rep, nil
}

// Fig1Frame is fig1.tsv as a DataFrame: gpu_hours, cumulative_sota,
// published.
func (rep *Reproduction) Fig1Frame() dataframe.DataFrame {
	f := rep.Fig1.Fit
	h := make([]int, len(f.Hours))
	c := make([]int, len(f.Count))
	pub := make([]float64, len(f.Hours))
	byX := map[float64]float64{}
	for _, p := range rep.Fig1.Published {
		byX[p.X] = p.Y
	}
	for i := range f.Hours {
		h[i], c[i] = int(f.Hours[i]), int(f.Count[i])
		pub[i] = math.NaN()
		if v, ok := byX[f.Hours[i]]; ok {
			pub[i] = v
		}
	}
	return dataframe.New(
		series.New(h, series.Int, "gpu_hours"),
		series.New(c, series.Int, "cumulative_sota"),
		series.New(pub, series.Int, "published"),
	)
}

// Table2Frame is table2.tsv as a DataFrame: index, name, final_loss, score.
func (rep *Reproduction) Table2Frame() dataframe.DataFrame { return table2Frame(rep.Table2) }

// Table2Frame is the 340M columns of Table 2 as a DataFrame: index, name,
// final_loss, score (see Table2).
func (r *Run) Table2Frame() (dataframe.DataFrame, error) {
	t, err := r.Table2()
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return table2Frame(t), nil
}

func table2Frame(rows []Table2Row) dataframe.DataFrame {
	n := len(rows)
	idx, name, fl, sc := make([]int, n), make([]string, n), make([]float64, n), make([]float64, n)
	for i, t := range rows {
		idx[i], name[i], fl[i], sc[i] = t.Index, t.Name, t.FinalLoss, t.Score
	}
	return dataframe.New(
		series.New(idx, series.Int, "index"),
		series.New(name, series.String, "name"),
		series.New(fl, series.Float, "final_loss"),
		series.New(sc, series.Float, "score"),
	)
}

// Fig6bFrame is fig6b.tsv as a DataFrame: n, top50_mean_fitness,
// published.
func (rep *Reproduction) Fig6bFrame() dataframe.DataFrame {
	n := len(rep.Fig6b)
	ns, m, p := make([]int, n), make([]float64, n), make([]float64, n)
	for i, t := range rep.Fig6b {
		ns[i], m[i], p[i] = t.N, t.Mean, t.Published
	}
	return dataframe.New(
		series.New(ns, series.Int, "n"),
		series.New(m, series.Float, "top50_mean_fitness"),
		series.New(p, series.Float, "published"),
	)
}

// DiagnosticsFrame is diagnostics.tsv as a DataFrame: metric, value, n,
// note.
func (rep *Reproduction) DiagnosticsFrame() dataframe.DataFrame {
	n := len(rep.Diagnostics)
	m, v, k, note := make([]string, n), make([]float64, n), make([]int, n), make([]string, n)
	for i, d := range rep.Diagnostics {
		m[i], v[i], k[i], note[i] = d.Metric, d.Value, d.N, d.Note
	}
	return dataframe.New(
		series.New(m, series.String, "metric"),
		series.New(v, series.Float, "value"),
		series.New(k, series.Int, "n"),
		series.New(note, series.String, "note"),
	)
}

// Fig1Plot draws fig1.png: the reproduced curve, its linear fit with R²
// and bootstrap band, the constant-rate line and the published points.
func (rep *Reproduction) Fig1Plot(size plot.Size) (*plot.Plot, error) {
	return rep.Fig1.Plot(size)
}

// Fig6bPlot draws the top-50 mean fitness against the number of
// experiments beside the curve read off the published Fig. 6b.
func (rep *Reproduction) Fig6bPlot(size plot.Size) (*plot.Plot, error) {
	var x, y, px, py []float64
	for _, t := range rep.Fig6b {
		x = append(x, float64(t.N))
		y = append(y, t.Mean)
		if !math.IsNaN(t.Published) {
			px = append(px, float64(t.N))
			py = append(py, t.Published)
		}
	}
	return plot.Lines(plot.LinesConfig{
		Title:  "Top-50 mean fitness vs experiments (ASI-ARCH Fig. 6b, total score)",
		XLabel: "Experiments (index ≤ N)", YLabel: "Mean fitness / 3 of the best 50",
		Series: []plot.Series{
			{Name: "this reproduction (tree.json)", X: x, Y: y, Markers: true},
			{Name: "published Fig. 6b (read off the image)", X: px, Y: py, Dashed: true, Markers: true},
		},
		LegendBottomRight: true,
		YMin:              0.6, YMax: 0.92,
		Size: size,
	})
}

// TreePlot draws the lineage of every explored architecture, coloured by
// fitness, the SOTA ones ringed.
func (rep *Reproduction) TreePlot(size plot.Size) (*plot.Plot, error) {
	r := rep.Run
	isSOTA := map[int]bool{}
	for _, a := range r.SOTA {
		isSOTA[a.Index] = true
	}
	nodes := make([]plot.TreeNode, len(r.Tree))
	for i, n := range r.Tree {
		nodes[i] = plot.TreeNode{ID: n.Index, Parent: n.Parent, Score: n.Score, Mark: isSOTA[n.Index]}
	}
	p, err := plot.Tree(plot.TreeConfig{
		Title:      fmt.Sprintf("ASI-ARCH lineage of %d architectures\nDeltaNet at the centre, rings are generations, leaves on the rim", len(nodes)),
		Nodes:      nodes,
		ScoreLabel: "fitness (0–3)",
		MarkLabel:  fmt.Sprintf("SOTA (%d)", len(r.SOTA)),
		Size:       size,
	})
	if err != nil {
		return nil, fmt.Errorf("results: tree: %w", err)
	}
	return p, nil
}

// ScatterPlot draws the 340M score against exploration fitness with their
// rank correlations, naming the three best by 340M score.
func (rep *Reproduction) ScatterPlot(size plot.Size) (*plot.Plot, error) {
	s := rep.Run.sotaByIndex()
	x, y := make([]float64, len(s)), make([]float64, len(s))
	order := make([]int, len(s))
	for i := range s {
		x[i], y[i], order[i] = s[i].Score, s[i].Score340M(), i
	}
	sort.Slice(order, func(a, b int) bool { return y[order[a]] > y[order[b]] })
	var labels []string
	var label []int
	for _, i := range order[:min(3, len(order))] {
		labels = append(labels, s[i].DisplayName())
		label = append(label, i)
	}
	p, _, err := plot.RankScatter(plot.ScatterConfig{
		Title:  "106 SOTA architectures: 340M score vs exploration fitness",
		XLabel: "Exploration fitness (0–3, small-scale screen)", YLabel: "340M score (mean of 7 accuracies, %)",
		X: x, Y: y, Labels: labels, Label: label, Size: size,
	})
	if err != nil {
		return nil, fmt.Errorf("results: scatter: %w", err)
	}
	return p, nil
}

// baselineLoss340M are the 340M training-loss curves of the baselines from
// step 500 to 2000 every 100, as the gallery page (index.html) lists them.
var baselineLoss340M = []struct {
	name string
	loss []float64
}{
	{"DeltaNet (baseline)", []float64{5.1532, 4.8421, 4.5947, 4.3772, 4.2155, 4.0338, 3.9330, 3.8148, 3.7576, 3.7160, 3.6412, 3.5928, 3.5765, 3.5381, 3.4951, 3.5055}},
	{"Gated DeltaNet (baseline)", []float64{4.7908, 4.5393, 4.3642, 4.2144, 4.0949, 3.9439, 3.8624, 3.7586, 3.7010, 3.6672, 3.6003, 3.5528, 3.5397, 3.5045, 3.4690, 3.4768}},
}

// LossPlot draws the 340M training-loss curves of the named SOTA
// architectures (index, name or display name; none: the three best by 340M
// score) from step 500 on, with the DeltaNet and Gated DeltaNet baselines.
func (rep *Reproduction) LossPlot(size plot.Size, keys ...any) (*plot.Plot, error) {
	if len(keys) == 0 {
		t := append([]Table2Row(nil), rep.Table2...)
		sort.Slice(t, func(i, j int) bool { return t[i].Score > t[j].Score })
		for _, r := range t[:min(3, len(t))] {
			keys = append(keys, r.Index)
		}
	}
	var curves []plot.Curve
	for _, k := range keys {
		a, err := rep.Run.Arch(k)
		if err != nil {
			return nil, err
		}
		c := plot.Curve{Name: fmt.Sprintf("%s (#%d)", a.DisplayName(), a.Index)}
		for i, st := range a.Loss.Steps {
			c.Steps = append(c.Steps, float64(st))
			c.Loss = append(c.Loss, a.Loss.Loss[i])
		}
		curves = append(curves, c)
	}
	for _, b := range baselineLoss340M {
		c := plot.Curve{Name: b.name}
		for i, l := range b.loss {
			c.Steps = append(c.Steps, float64(500+100*i))
			c.Loss = append(c.Loss, l)
		}
		curves = append(curves, c)
	}
	p, err := plot.LossCurves("340M training loss (ASI-ARCH release)", 500, size, curves...)
	if err != nil {
		return nil, fmt.Errorf("results: loss curves: %w", err)
	}
	return p, nil
}

// WriteFiles writes the reproduction into dir (created if needed):
// fig1.tsv, fig1.png, table2.tsv, fig6b.tsv, fig6b.png, tree.svg, tree.png,
// scatter.png, losses.png, diagnostics.tsv. PNGs are at size (square ones at
// the matching square size). It returns the paths written.
func (rep *Reproduction) WriteFiles(dir string, paper bool) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("results: reproduce: %w", err)
	}
	size, square := plot.Notebook, plot.NotebookSquare
	if paper {
		size, square = plot.Paper, plot.PaperSquare
	}
	type output struct {
		name string
		tsv  func(w io.Writer) error             // a table, or
		fig  func(plot.Size) (*plot.Plot, error) // a figure
		size plot.Size
	}
	outs := []output{
		{name: "fig1.tsv", tsv: rep.writeFig1},
		{name: "fig1.png", fig: rep.Fig1Plot, size: size},
		{name: "table2.tsv", tsv: rep.writeTable2},
		{name: "fig6b.tsv", tsv: rep.writeFig6b},
		{name: "fig6b.png", fig: rep.Fig6bPlot, size: size},
		{name: "tree.svg", fig: rep.TreePlot, size: square},
		{name: "tree.png", fig: rep.TreePlot, size: square},
		{name: "scatter.png", fig: rep.ScatterPlot, size: size},
		{name: "losses.png", fig: func(s plot.Size) (*plot.Plot, error) { return rep.LossPlot(s) }, size: size},
		{name: "diagnostics.tsv", tsv: rep.writeDiagnostics},
	}
	// Figures render concurrently (each builds its own plot; gonum's font
	// cache is locked), which halves the wall time on two cores.
	errs := make([]error, len(outs))
	var wg sync.WaitGroup
	for i, o := range outs {
		path := filepath.Join(dir, o.name)
		if o.tsv != nil {
			errs[i] = writeTSV(path, o.tsv)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := o.fig(o.size)
			if err == nil {
				err = plot.Save(p, path, o.size)
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	var written []string
	for i, o := range outs {
		if errs[i] != nil {
			return written, fmt.Errorf("results: reproduce %s: %w", o.name, errs[i])
		}
		written = append(written, filepath.Join(dir, o.name))
	}
	return written, nil
}

func writeTSV(path string, write func(w io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (rep *Reproduction) writeFig1(w io.Writer) error {
	fmt.Fprintln(w, "gpu_hours\tcumulative_sota")
	for i, h := range rep.Fig1.Fit.Hours {
		fmt.Fprintf(w, "%d\t%d\n", int(h), int(rep.Fig1.Fit.Count[i]))
	}
	return nil
}

func (rep *Reproduction) writeTable2(w io.Writer) error {
	fmt.Fprintln(w, "index\tname\tfinal_loss\tscore")
	for _, t := range rep.Table2 {
		fmt.Fprintf(w, "%d\t%s\t%.4f\t%.2f\n", t.Index, t.Name, t.FinalLoss, t.Score)
	}
	return nil
}

func (rep *Reproduction) writeFig6b(w io.Writer) error {
	fmt.Fprintln(w, "n\ttop50_mean_fitness\tpublished")
	for _, t := range rep.Fig6b {
		fmt.Fprintf(w, "%d\t%.4f\t%s\n", t.N, t.Mean, fmtNaN(t.Published, 3))
	}
	return nil
}

func (rep *Reproduction) writeDiagnostics(w io.Writer) error {
	fmt.Fprintln(w, "metric\tvalue\tn\tnote")
	for _, d := range rep.Diagnostics {
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\n", d.Metric, fmtNaN(d.Value, 4), d.N, d.Note)
	}
	return nil
}

func fmtNaN(v float64, prec int) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}
