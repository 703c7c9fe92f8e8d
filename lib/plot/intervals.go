package plot

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// IntervalRow is one row of an Intervals figure: a label and one value per
// seed (or any repeat).
type IntervalRow struct {
	Label  string    // the y-axis label; a "\n" starts a second line, e.g. for a verdict
	Values []float64 // e.g. each seed's validation loss; NaN values are left out
}

// IntervalsConfig describes a figure of repeated measurements, one row per
// item (a layer, say), top to bottom: every value as a small ring, the mean
// as a diamond with a bar of ± one sample standard deviation, and the
// Reference row's mean ± standard deviation as a shaded band across every
// row, so each row reads against the baseline.
type IntervalsConfig struct {
	Title, XLabel string
	Rows          []IntervalRow
	Reference     int  // the row drawn as a band (e.g. the baseline, row 0); -1 for none
	Size          Size // font scaling; zero value is Notebook
}

// Intervals draws cfg. A row with one value has no bar; a row with none
// shows its label only.
func Intervals(cfg IntervalsConfig) (*Plot, error) {
	n := len(cfg.Rows)
	if n == 0 {
		return nil, fmt.Errorf("plot: intervals: no rows")
	}
	if cfg.Reference >= n || cfg.Reference < -1 {
		return nil, fmt.Errorf("plot: intervals: reference row %d of %d", cfg.Reference, n)
	}
	size := cfg.Size.orDefault(Notebook)
	p := newPlot(cfg.Title, cfg.XLabel, "", size)
	g := lightGrid()
	g.Horizontal.Color = nil // the rows are categories
	p.Add(g)
	y := func(i int) float64 { return float64(n - 1 - i) } // row 0 on top

	means, stds := make([]float64, n), make([]float64, n)
	for i, r := range cfg.Rows {
		means[i], stds[i] = meanStd(r.Values)
	}
	if ref := cfg.Reference; ref >= 0 && !math.IsNaN(means[ref]) {
		lo, hi := means[ref]-stds[ref], means[ref]+stds[ref]
		band, err := plotter.NewPolygon(plotter.XYs{{X: lo, Y: -0.5}, {X: hi, Y: -0.5}, {X: hi, Y: float64(n) - 0.5}, {X: lo, Y: float64(n) - 0.5}})
		if err != nil {
			return nil, fmt.Errorf("plot: intervals: %w", err)
		}
		band.Color = color.NRGBA{R: 31, G: 119, B: 180, A: 40}
		band.LineStyle.Width = 0
		mid, err := plotter.NewLine(plotter.XYs{{X: means[ref], Y: -0.5}, {X: means[ref], Y: float64(n) - 0.5}})
		if err != nil {
			return nil, fmt.Errorf("plot: intervals: %w", err)
		}
		mid.Color = colBlue
		mid.Width = size.Font / 12
		mid.Dashes = []vg.Length{size.Font / 2, size.Font / 3}
		p.Add(band, mid)
		p.Legend.Add(fmt.Sprintf("%s: mean ± 1 s.d.", firstLine(cfg.Rows[ref].Label)), band)
	}

	var seeds plotter.XYs
	for i, r := range cfg.Rows {
		for _, v := range r.Values {
			if !math.IsNaN(v) {
				seeds = append(seeds, plotter.XY{X: v, Y: y(i) - 0.18}) // just below the mean, so rings and bar do not hide each other
			}
		}
		if math.IsNaN(means[i]) || math.IsNaN(stds[i]) {
			continue
		}
		bar, err := plotter.NewLine(plotter.XYs{{X: means[i] - stds[i], Y: y(i)}, {X: means[i] + stds[i], Y: y(i)}})
		if err != nil {
			return nil, fmt.Errorf("plot: intervals: row %q: %w", r.Label, err)
		}
		bar.Color = color.Black
		bar.Width = size.Font / 6
		p.Add(bar)
	}
	var meanXY plotter.XYs
	for i := range cfg.Rows {
		if !math.IsNaN(means[i]) {
			meanXY = append(meanXY, plotter.XY{X: means[i], Y: y(i)})
		}
	}
	if len(seeds) > 0 {
		sc, err := plotter.NewScatter(seeds)
		if err != nil {
			return nil, fmt.Errorf("plot: intervals: %w", err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: colOrange, Radius: size.Font / 4, Shape: draw.RingGlyph{}}
		mc, err := plotter.NewScatter(meanXY)
		if err != nil {
			return nil, fmt.Errorf("plot: intervals: %w", err)
		}
		mc.GlyphStyle = draw.GlyphStyle{Color: color.Black, Radius: size.Font / 2.6, Shape: diamond{}}
		p.Add(sc, mc)
		p.Legend.Add("one seed", sc)
		bar, _ := plotter.NewLine(plotter.XYs{{}, {X: 1}})
		bar.Color, bar.Width = color.Black, size.Font/6
		p.Legend.Add("mean ± 1 s.d.", bar, mc)
	}

	// Pad the x range, so no ring sits on the frame.
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, r := range cfg.Rows {
		for _, v := range append([]float64{means[i] - stds[i], means[i] + stds[i]}, r.Values...) {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo <= hi {
		pad := 0.06 * (hi - lo)
		if pad == 0 {
			pad = 0.05*math.Abs(lo) + 1e-3
		}
		p.X.Min, p.X.Max = lo-pad, hi+pad
	}

	labels := make([]string, n)
	for i, r := range cfg.Rows {
		labels[n-1-i] = r.Label
	}
	p.NominalY(labels...)
	p.Y.Tick.Label.Font.Size = size.Font * 0.85
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4+0.9 // a free band on top for the legend
	p.Legend.Top, p.Legend.Left = true, false
	p.Legend.XOffs = -size.Font * 0.6
	p.Legend.YOffs = -size.Font * 0.3
	return p, nil
}

// diamond is a filled diamond glyph.
type diamond struct{}

func (diamond) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineWidth(0)
	c.SetColor(sty.Color)
	r := sty.Radius
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Line(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X - r, Y: pt.Y})
	p.Close()
	c.Fill(p)
}

// meanStd returns the mean and the sample standard deviation (n−1) of the
// values that are not NaN: NaN, NaN for none, and a standard deviation of
// NaN for one.
func meanStd(xs []float64) (mean, std float64) {
	var s, n float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			s += x
			n++
		}
	}
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	mean = s / n
	if n < 2 {
		return mean, math.NaN()
	}
	var v float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			v += (x - mean) * (x - mean)
		}
	}
	return mean, math.Sqrt(v / (n - 1))
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}
