package plot

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ParetoFront returns the indices of the points that no other point
// dominates when both x and y are to be minimised (e.g. parameters and
// loss), ordered by ascending x. A point dominates another when it is no
// worse in both and better in one; points with a NaN are never on the
// front. It panics if x and y differ in length.
func ParetoFront(x, y []float64) []int {
	if len(x) != len(y) {
		panic("plot: ParetoFront: x and y differ in length")
	}
	idx := make([]int, 0, len(x))
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if x[idx[a]] != x[idx[b]] {
			return x[idx[a]] < x[idx[b]]
		}
		return y[idx[a]] < y[idx[b]]
	})
	var front []int
	best := math.Inf(1)
	for _, i := range idx {
		if y[i] < best {
			front = append(front, i)
			best = y[i]
		}
	}
	return front
}

// ParetoConfig describes a trade-off scatter with its Pareto front, both
// axes to be minimised.
type ParetoConfig struct {
	Title, XLabel, YLabel string
	X, Y                  []float64 // same length: one point per item, e.g. parameters and validation loss
	Labels                []string  // optional, same length: names shown beside the points on the front
	Highlight             []bool    // optional, same length: drawn with a ring (e.g. discoveries)
	HighlightLabel        string    // legend entry of Highlight, e.g. "beats the baseline"
	Size                  Size
}

// Pareto draws y against x, every point in grey, the points on the Pareto
// front (ParetoFront) joined by a step line and named, and returns the
// front's indices.
func Pareto(cfg ParetoConfig) (*Plot, []int, error) {
	if len(cfg.X) != len(cfg.Y) {
		return nil, nil, fmt.Errorf("plot: pareto: %d x and %d y values", len(cfg.X), len(cfg.Y))
	}
	if cfg.Labels != nil && len(cfg.Labels) != len(cfg.X) {
		return nil, nil, fmt.Errorf("plot: pareto: %d labels for %d points", len(cfg.Labels), len(cfg.X))
	}
	if cfg.Highlight != nil && len(cfg.Highlight) != len(cfg.X) {
		return nil, nil, fmt.Errorf("plot: pareto: %d highlights for %d points", len(cfg.Highlight), len(cfg.X))
	}
	size := cfg.Size.orDefault(Notebook)
	p := newPlot(cfg.Title, cfg.XLabel, cfg.YLabel, size)
	p.Legend.Left = false
	p.Legend.XOffs = -size.Font * 0.6
	p.Add(lightGrid())
	var all, hl plotter.XYs
	for i := range cfg.X {
		if math.IsNaN(cfg.X[i]) || math.IsNaN(cfg.Y[i]) {
			continue
		}
		all = append(all, plotter.XY{X: cfg.X[i], Y: cfg.Y[i]})
		if cfg.Highlight != nil && cfg.Highlight[i] {
			hl = append(hl, plotter.XY{X: cfg.X[i], Y: cfg.Y[i]})
		}
	}
	if len(all) == 0 {
		return nil, nil, fmt.Errorf("plot: pareto: no point with both values")
	}
	front := ParetoFront(cfg.X, cfg.Y)
	sc, _ := plotter.NewScatter(all)
	sc.GlyphStyle = draw.GlyphStyle{Color: color.NRGBA{R: 127, G: 127, B: 127, A: 150}, Radius: size.Font / 3.5, Shape: draw.CircleGlyph{}}
	p.Add(sc)
	p.Legend.Add(fmt.Sprintf("all (%d)", len(all)), sc)
	if len(hl) > 0 {
		h, _ := plotter.NewScatter(hl)
		h.GlyphStyle = draw.GlyphStyle{Color: colGreen, Radius: size.Font / 2, Shape: draw.RingGlyph{}}
		p.Add(h)
		label := cfg.HighlightLabel
		if label == "" {
			label = "highlighted"
		}
		p.Legend.Add(fmt.Sprintf("%s (%d)", label, len(hl)), h)
	}
	fxy := make(plotter.XYs, len(front))
	for k, i := range front {
		fxy[k] = plotter.XY{X: cfg.X[i], Y: cfg.Y[i]}
	}
	line, _ := plotter.NewLine(fxy)
	line.StepStyle = plotter.PostStep // the best y reachable at or below each x
	line.Color = colRed
	line.Width = size.Font / 8
	fs, _ := plotter.NewScatter(fxy)
	fs.GlyphStyle = draw.GlyphStyle{Color: colRed, Radius: size.Font / 3, Shape: draw.CircleGlyph{}}
	p.Add(line, fs)
	p.Legend.Add(fmt.Sprintf("Pareto front (%d)", len(front)), line, fs)
	if cfg.Labels != nil {
		lab := plotter.XYLabels{XYs: fxy}
		for _, i := range front {
			lab.Labels = append(lab.Labels, cfg.Labels[i])
		}
		ls, err := plotter.NewLabels(lab)
		if err != nil {
			return nil, nil, fmt.Errorf("plot: pareto: %w", err)
		}
		for i := range ls.TextStyle {
			ls.TextStyle[i].Font = lookFont(size.Font * 0.7)
			ls.TextStyle[i].Color = color.Gray{Y: 60}
			ls.TextStyle[i].XAlign = draw.XLeft
			ls.TextStyle[i].YAlign = draw.YBottom
		}
		ls.Offset = vg.Point{X: size.Font * 0.4, Y: size.Font * 0.2}
		p.Add(ls)
	}
	return p, front, nil
}
