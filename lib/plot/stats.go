package plot

import (
	"math"
	"sort"
)

// LinearFit returns the least-squares line y = Slope·x + Intercept through
// (x, y) and its coefficient of determination R². It panics if the slices
// differ in length; with fewer than two points or constant x it returns NaNs.
func LinearFit(x, y []float64) (slope, intercept, r2 float64) {
	if len(x) != len(y) {
		panic("plot: LinearFit: x and y differ in length")
	}
	if len(x) < 2 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	mx, my, sxx, sxy, syy := moments(x, y)
	if sxx == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	slope = sxy / sxx
	intercept = my - slope*mx
	if syy == 0 {
		return slope, intercept, 1
	}
	var sse float64
	for i := range x {
		r := y[i] - (slope*x[i] + intercept)
		sse += r * r
	}
	return slope, intercept, 1 - sse/syy
}

// Pearson returns the Pearson correlation of x and y (NaN when either is
// constant or there are fewer than two points).
func Pearson(x, y []float64) float64 {
	if len(x) != len(y) {
		panic("plot: Pearson: x and y differ in length")
	}
	if len(x) < 2 {
		return math.NaN()
	}
	_, _, sxx, sxy, syy := moments(x, y)
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// moments returns the means of x and y and their centred sums of squares
// and cross-products (two passes, for accuracy), for len(x) == len(y) > 0.
func moments(x, y []float64) (mx, my, sxx, sxy, syy float64) {
	n := float64(len(x))
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	return mx, my, sxx, sxy, syy
}

// Ranks returns the 1-based ranks of x, ties sharing their average rank.
func Ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}

// Spearman returns Spearman's rank correlation of x and y (Pearson on
// average ranks, so ties are handled).
func Spearman(x, y []float64) float64 {
	if len(x) != len(y) {
		panic("plot: Spearman: x and y differ in length")
	}
	return Pearson(Ranks(x), Ranks(y))
}

// Kendall returns Kendall's tau-b of x and y (O(n²), fine for a few thousand
// points).
func Kendall(x, y []float64) float64 {
	if len(x) != len(y) {
		panic("plot: Kendall: x and y differ in length")
	}
	var conc, disc, tx, ty float64
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			dx, dy := sign(x[i]-x[j]), sign(y[i]-y[j])
			switch {
			case dx == 0 && dy == 0:
			case dx == 0:
				tx++
			case dy == 0:
				ty++
			case dx == dy:
				conc++
			default:
				disc++
			}
		}
	}
	d := math.Sqrt((conc + disc + tx) * (conc + disc + ty))
	if d == 0 {
		return math.NaN()
	}
	return (conc - disc) / d
}

func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// Quantile returns the q-quantile (0 ≤ q ≤ 1) of sorted by linear
// interpolation between order statistics. sorted must be ascending.
func Quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	pos := q * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	if lo == hi {
		return sorted[lo]
	}
	f := pos - float64(lo)
	return sorted[lo]*(1-f) + sorted[hi]*f
}
