package plot

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Correlation summarises how two measurements agree.
type Correlation struct {
	N        int
	Spearman float64 // rank correlation, ties averaged
	Kendall  float64 // tau-b
	Pearson  float64
}

// Correlate returns the three correlations of x and y.
func Correlate(x, y []float64) Correlation {
	return Correlation{N: len(x), Spearman: Spearman(x, y), Kendall: Kendall(x, y), Pearson: Pearson(x, y)}
}

// ScatterConfig describes a scatter of two measurements of the same items.
type ScatterConfig struct {
	Title, XLabel, YLabel string
	X, Y                  []float64 // same length: one point per item
	Labels                []string  // optional: names of the items whose index is in Label
	Label                 []int     // indices into X/Y to annotate with Labels[i]
	Size                  Size
}

// RankScatter draws y against x with the least-squares line, and puts the
// Spearman and Kendall rank correlations in the title (or under it).
func RankScatter(cfg ScatterConfig) (*Plot, Correlation, error) {
	if len(cfg.X) != len(cfg.Y) {
		return nil, Correlation{}, fmt.Errorf("plot: scatter: %d x and %d y values", len(cfg.X), len(cfg.Y))
	}
	corr := Correlate(cfg.X, cfg.Y)
	size := cfg.Size.orDefault(Notebook)
	title := fmt.Sprintf("Spearman ρ = %.3f, Kendall τ = %.3f (n = %d)", corr.Spearman, corr.Kendall, corr.N)
	if cfg.Title != "" {
		title = cfg.Title + "\n" + title
	}
	p := newPlot(title, cfg.XLabel, cfg.YLabel, size)
	p.Add(lightGrid())
	xy := make(plotter.XYs, len(cfg.X))
	for i := range xy {
		xy[i] = plotter.XY{X: cfg.X[i], Y: cfg.Y[i]}
	}
	sc, err := plotter.NewScatter(xy)
	if err != nil {
		return nil, corr, fmt.Errorf("plot: scatter: %w", err)
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: color.NRGBA{R: 31, G: 119, B: 180, A: 170}, Radius: size.Font / 3.5, Shape: draw.CircleGlyph{}}
	p.Add(sc)
	s, c, _ := LinearFit(cfg.X, cfg.Y)
	if !math.IsNaN(s) {
		lo, hi := minMax(cfg.X)
		l, _ := plotter.NewLine(plotter.XYs{{X: lo, Y: s*lo + c}, {X: hi, Y: s*hi + c}})
		l.Color = colRed
		l.Width = size.Font / 8
		p.Add(l)
		p.Legend.Add(fmt.Sprintf("least squares (Pearson r = %.3f)", corr.Pearson), l)
	}
	if len(cfg.Label) > 0 {
		// Points in the right third are labelled to their left, the others
		// to their right, so no name runs off the plot.
		lo, hi := minMax(cfg.X)
		var left, right plotter.XYLabels
		for k, i := range cfg.Label {
			if i < 0 || i >= len(xy) || k >= len(cfg.Labels) {
				continue
			}
			side := &right
			if xy[i].X > lo+2*(hi-lo)/3 {
				side = &left
			}
			side.XYs = append(side.XYs, xy[i])
			side.Labels = append(side.Labels, cfg.Labels[k])
		}
		for _, side := range []struct {
			l     plotter.XYLabels
			align draw.XAlignment
			dx    vg.Length
		}{{right, draw.XLeft, size.Font * 0.45}, {left, draw.XRight, -size.Font * 0.45}} {
			if len(side.l.XYs) == 0 {
				continue
			}
			ls, err := plotter.NewLabels(side.l)
			if err != nil {
				return nil, corr, fmt.Errorf("plot: scatter: %w", err)
			}
			for i := range ls.TextStyle {
				ls.TextStyle[i].Font = lookFont(size.Font * 0.7)
				ls.TextStyle[i].Color = color.Gray{Y: 60}
				ls.TextStyle[i].XAlign = side.align
				ls.TextStyle[i].YAlign = draw.YCenter
			}
			ls.Offset = vg.Point{X: side.dx}
			p.Add(ls)
		}
	}
	return p, corr, nil
}

func minMax(x []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range x {
		lo = math.Min(lo, v)
		hi = math.Max(hi, v)
	}
	return lo, hi
}
