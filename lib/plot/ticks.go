package plot

import (
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
)

// niceTicks labels multiples of a 1-2-5 step chosen to give about n labels,
// with an unlabelled minor tick halfway between.
type niceTicks struct{ n int }

func (t niceTicks) Ticks(min, max float64) []gplot.Tick {
	if !(max > min) {
		return []gplot.Tick{{Value: min, Label: strconv.FormatFloat(min, 'g', 4, 64)}}
	}
	n := t.n
	if n <= 0 {
		n = 8
	}
	raw := (max - min) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	prec := 0
	if step < 1 {
		prec = int(math.Ceil(-math.Log10(step)))
		if step*math.Pow(10, float64(prec)) != math.Round(step*math.Pow(10, float64(prec))) {
			prec++
		}
	}
	var ticks []gplot.Tick
	first := math.Ceil(min/step-1e-9) * step
	for v := first - step/2; v <= max+1e-9*step; v += step / 2 {
		if v < min-1e-9*step {
			continue
		}
		k := math.Round(v / (step / 2))
		if int(k)%2 == 0 {
			ticks = append(ticks, gplot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', prec, 64)})
		} else {
			ticks = append(ticks, gplot.Tick{Value: v})
		}
	}
	return ticks
}
