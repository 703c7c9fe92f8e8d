package plot

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Point is one (x, y) pair, e.g. a point read off a published figure.
type Point struct{ X, Y float64 }

// DiscoveryConfig describes a discoveries-against-compute figure: the
// cumulative number of discoveries (new best architectures, say) against the
// compute spent, sampled on a regular grid.
type DiscoveryConfig struct {
	Hours     []float64 // compute at which each discovery was made, e.g. GPU-hours; any order
	Step      float64   // grid spacing, e.g. 200 (GPU-hours)
	MaxHours  float64   // grid end, e.g. 7000; 0 means the last discovery rounded up to Step
	Bootstrap int       // resamples for the band around the linear fit, e.g. 1000; 0 draws no band
	Seed      uint64    // seed of the bootstrap

	Reference      []Point // optional published points to overlay (x in the same unit as Hours)
	ReferenceLabel string  // legend entry of Reference, e.g. "published (read off Fig. 1)"

	Label string           // legend entry of the count; default "this reproduction (line: every discovery; dots: every Step h)"
	Extra []DiscoveryCurve // further cumulative counts drawn as step curves on the same grid (e.g. another rule, a control run)
	Per   float64          // rates in the legend are per Per x units, default 1000
	Unit  string           // x unit in the legend, default "h"; with Per 1 read as "per Unit", e.g. "device-hour"

	Title, XLabel, YLabel string   // defaults: "Discoveries vs compute", "Computation (GPU-hours)", "Cumulative discoveries"
	Notes                 []string // lines of text drawn in the lower right of the data area
	Size                  Size     // font scaling; zero value is Notebook
}

// DiscoveryFit is what the figure shows, as numbers.
type DiscoveryFit struct {
	Hours []float64 // the grid: 0, Step, 2·Step, …, MaxHours
	Count []float64 // discoveries made at or before each grid point

	Slope, Intercept, R2 float64 // least-squares line through (Hours, Count)
	Rate                 float64 // constant rate: total discoveries / MaxHours

	BandLo, BandHi []float64 // 2.5% and 97.5% bootstrap quantiles of the fitted line at each grid point (nil without Bootstrap)

	MaxAbsDiff float64 // largest |Count − Reference.Y| over reference points on the grid (NaN without Reference)

	Extra []DiscoveryFit // one per DiscoveryConfig.Extra curve, on the same grid, without band
}

// DiscoveryCurve is a further cumulative count on a discoveries figure.
type DiscoveryCurve struct {
	Name   string    // legend entry, e.g. "ASI-ARCH rule" or "random control"
	Hours  []float64 // compute at which each of its discoveries was made
	Dashed bool      // draw dashed
}

// FitDiscoveries computes the numbers of the discoveries figure without
// drawing it.
func FitDiscoveries(cfg DiscoveryConfig) (DiscoveryFit, error) {
	var fit DiscoveryFit
	if cfg.Step <= 0 {
		return fit, errors.New("plot: discoveries: Step must be positive")
	}
	hours := append([]float64(nil), cfg.Hours...)
	sort.Float64s(hours)
	for _, h := range hours {
		if math.IsNaN(h) || math.IsInf(h, 0) {
			return fit, fmt.Errorf("plot: discoveries: hours contain %v", h)
		}
	}
	maxH := cfg.MaxHours
	if maxH <= 0 {
		last := math.Inf(-1)
		if len(hours) > 0 {
			last = hours[len(hours)-1]
		}
		for _, c := range cfg.Extra {
			for _, h := range c.Hours {
				last = math.Max(last, h)
			}
		}
		if math.IsInf(last, -1) {
			return fit, errors.New("plot: discoveries: no discoveries and no MaxHours")
		}
		maxH = math.Ceil(last/cfg.Step) * cfg.Step
	}
	n := int(math.Floor(maxH/cfg.Step+1e-9)) + 1
	fit.Hours = make([]float64, n)
	fit.Count = make([]float64, n)
	for i := range fit.Hours {
		g := float64(i) * cfg.Step
		fit.Hours[i] = g
		fit.Count[i] = float64(countAtOrBefore(hours, g))
	}
	fit.Slope, fit.Intercept, fit.R2 = LinearFit(fit.Hours, fit.Count)
	fit.Rate = float64(len(hours)) / maxH

	if cfg.Bootstrap > 0 && len(hours) > 0 {
		rng := rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15))
		lines := make([][]float64, n) // lines[i][b]: fitted value at grid i in resample b
		for i := range lines {
			lines[i] = make([]float64, cfg.Bootstrap)
		}
		sample := make([]float64, len(hours))
		counts := make([]float64, n)
		for b := 0; b < cfg.Bootstrap; b++ {
			for j := range sample {
				sample[j] = hours[rng.IntN(len(hours))]
			}
			sort.Float64s(sample)
			for i, g := range fit.Hours {
				counts[i] = float64(countAtOrBefore(sample, g))
			}
			s, c, _ := LinearFit(fit.Hours, counts)
			for i, g := range fit.Hours {
				lines[i][b] = s*g + c
			}
		}
		fit.BandLo = make([]float64, n)
		fit.BandHi = make([]float64, n)
		for i := range lines {
			sort.Float64s(lines[i])
			fit.BandLo[i] = Quantile(lines[i], 0.025)
			fit.BandHi[i] = Quantile(lines[i], 0.975)
		}
	}

	for _, c := range cfg.Extra {
		sub := cfg
		sub.Hours, sub.MaxHours, sub.Bootstrap, sub.Reference, sub.Extra = c.Hours, maxH, 0, nil, nil
		f, err := FitDiscoveries(sub)
		if err != nil {
			return fit, fmt.Errorf("plot: discoveries: %q: %w", c.Name, err)
		}
		fit.Extra = append(fit.Extra, f)
	}

	fit.MaxAbsDiff = math.NaN()
	if len(cfg.Reference) > 0 {
		fit.MaxAbsDiff = 0
		for _, r := range cfg.Reference {
			i := int(math.Round(r.X / cfg.Step))
			if i < 0 || i >= n || math.Abs(fit.Hours[i]-r.X) > 1e-9*cfg.Step {
				continue
			}
			fit.MaxAbsDiff = math.Max(fit.MaxAbsDiff, math.Abs(fit.Count[i]-r.Y))
		}
	}
	return fit, nil
}

// countAtOrBefore returns how many of sorted are ≤ g.
func countAtOrBefore(sorted []float64, g float64) int {
	return sort.Search(len(sorted), func(i int) bool { return sorted[i] > g })
}

// Discoveries draws the cumulative discoveries against compute: the count
// as a step curve with markers on the grid, the least-squares line with its
// R² and bootstrap band, the constant-rate line (total / MaxHours) for
// comparison, and the Reference points when given.
func Discoveries(cfg DiscoveryConfig) (*Plot, DiscoveryFit, error) {
	fit, err := FitDiscoveries(cfg)
	if err != nil {
		return nil, fit, err
	}
	title, xl, yl := cfg.Title, cfg.XLabel, cfg.YLabel
	if title == "" {
		title = "Discoveries vs compute"
	}
	if xl == "" {
		xl = "Computation (GPU-hours)"
	}
	if yl == "" {
		yl = "Cumulative discoveries"
	}
	size := cfg.Size.orDefault(Notebook)
	p := newPlot(title, xl, yl, size)
	p.Add(lightGrid())

	n := len(fit.Hours)
	last := fit.Hours[n-1]
	if fit.BandLo != nil {
		poly := make(plotter.XYs, 0, 2*n)
		for i := 0; i < n; i++ {
			poly = append(poly, plotter.XY{X: fit.Hours[i], Y: fit.BandLo[i]})
		}
		for i := n - 1; i >= 0; i-- {
			poly = append(poly, plotter.XY{X: fit.Hours[i], Y: fit.BandHi[i]})
		}
		band, err := plotter.NewPolygon(poly)
		if err != nil {
			return nil, fit, fmt.Errorf("plot: discoveries: %w", err)
		}
		band.Color = color.NRGBA{R: 214, G: 39, B: 40, A: 50}
		band.LineStyle.Width = 0
		p.Add(band)
		p.Legend.Add(fmt.Sprintf("95%% bootstrap band of the fit (%d resamples)", cfg.Bootstrap), band)
	}

	fitLine, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: fit.Intercept}, {X: last, Y: fit.Slope*last + fit.Intercept}})
	fitLine.Color = colRed
	fitLine.Width = size.Font / 6
	p.Add(fitLine)
	per, unit := cfg.Per, cfg.Unit
	if per <= 0 {
		per = 1000
	}
	if unit == "" {
		unit = "h"
	}
	rateText := func(r float64) string {
		of := fmt.Sprintf("%g %s", per, unit)
		if per == 1 {
			of = unit
		}
		if math.Abs(per*r) >= 1 {
			return fmt.Sprintf("%.1f per %s", per*r, of)
		}
		return fmt.Sprintf("%.2g per %s", per*r, of)
	}
	p.Legend.Add(fmt.Sprintf("linear fit: %s, R² = %.3f", rateText(fit.Slope), fit.R2), fitLine)

	rate, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: last, Y: fit.Rate * last}})
	rate.Color = color.Gray{Y: 90}
	rate.Width = size.Font / 10
	rate.Dashes = []vg.Length{size.Font / 2, size.Font / 3}
	p.Add(rate)
	p.Legend.Add("constant rate: "+rateText(fit.Rate), rate)

	pts := make(plotter.XYs, n)
	for i := range pts {
		pts[i] = plotter.XY{X: fit.Hours[i], Y: fit.Count[i]}
	}
	step := stepCurve(cfg.Hours, last)
	step.Color = colBlue
	step.Width = size.Font / 12
	sc, _ := plotter.NewScatter(pts)
	sc.GlyphStyle = draw.GlyphStyle{Color: colBlue, Radius: size.Font / 3.5, Shape: draw.CircleGlyph{}}
	p.Add(step, sc)
	label := cfg.Label
	if label == "" {
		label = fmt.Sprintf("this reproduction (line: every discovery; dots: every %g h)", cfg.Step)
	}
	p.Legend.Add(label, step, sc)
	for i, c := range cfg.Extra {
		l := stepCurve(c.Hours, last)
		l.Color = palette10[(i+1)%len(palette10)]
		l.Width = size.Font / 9
		if c.Dashed {
			l.Dashes = []vg.Length{size.Font / 2, size.Font / 4}
		}
		p.Add(l)
		f := fit.Extra[i]
		label := fmt.Sprintf("%s: %d", c.Name, int(f.Count[len(f.Count)-1]))
		if f.Count[len(f.Count)-1] > 0 {
			label += fmt.Sprintf(", fit %s, R² = %.3f", rateText(f.Slope), f.R2)
		}
		p.Legend.Add(label, l)
	}

	if len(cfg.Reference) > 0 {
		ref := make(plotter.XYs, len(cfg.Reference))
		for i, r := range cfg.Reference {
			ref[i] = plotter.XY{X: r.X, Y: r.Y}
		}
		rs, _ := plotter.NewScatter(ref)
		rs.GlyphStyle = draw.GlyphStyle{Color: color.Black, Radius: size.Font / 2.2, Shape: draw.RingGlyph{}}
		p.Add(rs)
		label := cfg.ReferenceLabel
		if label == "" {
			label = "reference"
		}
		p.Legend.Add(fmt.Sprintf("%s (max |Δ| = %g)", label, fit.MaxAbsDiff), rs)
	}
	if len(cfg.Notes) > 0 {
		p.Add(&notes{lines: cfg.Notes, size: size.Font * 0.8})
	}
	p.X.Min = 0
	p.Y.Min = 0
	return p, fit, nil
}

// stepCurve is the exact cumulative count of hours up to last: flat
// until a discovery, then one up.
func stepCurve(hours []float64, last float64) *plotter.Line {
	sorted := append([]float64(nil), hours...)
	sort.Float64s(sorted)
	xy := plotter.XYs{{X: 0, Y: float64(countAtOrBefore(sorted, 0))}}
	for i, h := range sorted {
		if h > 0 && h <= last {
			xy = append(xy, plotter.XY{X: h, Y: float64(i + 1)})
		}
	}
	xy = append(xy, plotter.XY{X: last, Y: float64(countAtOrBefore(sorted, last))})
	l, _ := plotter.NewLine(xy)
	l.StepStyle = plotter.PostStep
	return l
}

var (
	colRed    = color.NRGBA{R: 214, G: 39, B: 40, A: 255}
	colBlue   = color.NRGBA{R: 31, G: 119, B: 180, A: 255}
	colOrange = color.NRGBA{R: 255, G: 127, B: 14, A: 255}
	colGreen  = color.NRGBA{R: 44, G: 160, B: 44, A: 255}
)

// palette10 is matplotlib's tab10, for line series.
var palette10 = []color.Color{
	colBlue, colOrange, colGreen, colRed,
	color.NRGBA{R: 148, G: 103, B: 189, A: 255},
	color.NRGBA{R: 140, G: 86, B: 75, A: 255},
	color.NRGBA{R: 227, G: 119, B: 194, A: 255},
	color.NRGBA{R: 127, G: 127, B: 127, A: 255},
	color.NRGBA{R: 188, G: 189, B: 34, A: 255},
	color.NRGBA{R: 23, G: 190, B: 207, A: 255},
}

func lightGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 225}
	g.Horizontal.Color = color.Gray{Y: 225}
	g.Vertical.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
	g.Horizontal.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
	return g
}

// notes draws lines of text in the lower right corner of the data area.
type notes struct {
	lines []string
	size  vg.Length
}

func (n *notes) Plot(c draw.Canvas, p *Plot) {
	sty := p.X.Tick.Label
	sty.Font.Size = n.size
	sty.XAlign = draw.XRight
	sty.YAlign = draw.YBottom
	pad := n.size * 0.6
	y := c.Min.Y + pad
	for i := len(n.lines) - 1; i >= 0; i-- {
		c.FillText(sty, vg.Point{X: c.Max.X - pad, Y: y}, n.lines[i])
		y += n.size * 1.3
	}
}
