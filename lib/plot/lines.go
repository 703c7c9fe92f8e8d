package plot

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one named line.
type Series struct {
	Name    string    // legend entry
	X, Y    []float64 // same length
	Dashed  bool      // draw dashed (e.g. a published reference)
	Markers bool      // draw a marker at every point
}

// LinesConfig describes a plain line figure.
type LinesConfig struct {
	Title, XLabel, YLabel string
	Series                []Series
	LegendBottomRight     bool    // legend in the lower right instead of the upper left
	YMin, YMax            float64 // fixed y range when YMin < YMax
	Size                  Size    // font scaling; zero value is Notebook
}

// Lines draws several series against each other, coloured from a
// ten-colour palette in order.
func Lines(cfg LinesConfig) (*Plot, error) {
	size := cfg.Size.orDefault(Notebook)
	p := newPlot(cfg.Title, cfg.XLabel, cfg.YLabel, size)
	p.Add(lightGrid())
	if cfg.LegendBottomRight {
		p.Legend.Top, p.Legend.Left = false, false
		p.Legend.XOffs = -size.Font * 0.6
		p.Legend.YOffs = size.Font * 0.6
	}
	for i, s := range cfg.Series {
		if len(s.X) != len(s.Y) {
			return nil, fmt.Errorf("plot: lines: series %q has %d x and %d y values", s.Name, len(s.X), len(s.Y))
		}
		xy := make(plotter.XYs, len(s.X))
		for j := range xy {
			xy[j] = plotter.XY{X: s.X[j], Y: s.Y[j]}
		}
		col := palette10[i%len(palette10)]
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, fmt.Errorf("plot: lines: series %q: %w", s.Name, err)
		}
		l.Color = col
		l.Width = size.Font / 7
		if s.Dashed {
			l.Dashes = []vg.Length{size.Font / 2, size.Font / 3}
		}
		p.Add(l)
		if s.Markers {
			sc, err := plotter.NewScatter(xy)
			if err != nil {
				return nil, fmt.Errorf("plot: lines: series %q: %w", s.Name, err)
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: size.Font / 4, Shape: draw.CircleGlyph{}}
			if s.Dashed {
				sc.GlyphStyle.Shape = draw.RingGlyph{}
			}
			p.Add(sc)
			p.Legend.Add(s.Name, l, sc)
		} else {
			p.Legend.Add(s.Name, l)
		}
	}
	if cfg.YMin < cfg.YMax {
		p.Y.Min, p.Y.Max = cfg.YMin, cfg.YMax
	}
	return p, nil
}

// Curve is one training-loss curve.
type Curve struct {
	Name  string    // legend entry, e.g. the architecture's name
	Steps []float64 // training steps, e.g. 1, 100, …, 2000
	Loss  []float64 // training loss at each step
}

// LossCurves draws training-loss curves against each other. Steps before
// FromStep are left out (the first steps' loss near ln V dwarfs the
// differences that matter); the y axis fits the remaining points.
func LossCurves(title string, fromStep float64, size Size, curves ...Curve) (*Plot, error) {
	if title == "" {
		title = "Training loss"
	}
	cfg := LinesConfig{Title: title, XLabel: "Training step", YLabel: "Training loss", Size: size}
	cfg.LegendBottomRight = false
	for _, c := range curves {
		if len(c.Steps) != len(c.Loss) {
			return nil, fmt.Errorf("plot: loss curves: %q has %d steps and %d losses", c.Name, len(c.Steps), len(c.Loss))
		}
		var s Series
		s.Name = c.Name
		for i := range c.Steps {
			if c.Steps[i] >= fromStep {
				s.X = append(s.X, c.Steps[i])
				s.Y = append(s.Y, c.Loss[i])
			}
		}
		cfg.Series = append(cfg.Series, s)
	}
	p, err := Lines(cfg)
	if err != nil {
		return nil, err
	}
	p.Legend.Left = false
	p.Legend.XOffs = -size.orDefault(Notebook).Font * 0.6
	return p, nil
}

// mutedGray is used for secondary marks.
var mutedGray = color.Gray{Y: 150}
