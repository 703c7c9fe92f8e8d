package search

import (
	"math"

	"github.com/archlab/archlab/agents"
)

// Terms are the fitness components of one experiment, kept apart so each
// can be audited. Judge is NaN when no judge graded the experiment.
type Terms struct {
	Loss    float64 // σ(k·clip((L_base − L)/(s·L_base), −1, 1)): 0.5 at the baseline's loss
	Bench   float64 // the same shape for the benchmark mean (higher is better)
	Judge   float64 // (J − 1)/9, J = 0.30·performance + 0.25·innovation + 0.45·complexity; NaN without a judge
	Fitness float64 // (Loss + Bench + Judge)/3, or (Loss + Bench)/2 without a judge
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func clip(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// relTerm is σ(k·clip(gain/(s·|base|), −1, 1)) where gain is the
// improvement (positive is better). A baseline of 0 (a task nobody
// solves) takes 1e-3 as its scale, so any real gain saturates.
func (f Fitness) relTerm(gain, base float64) float64 {
	den := f.Scale * math.Abs(base)
	if den < 1e-3 {
		den = 1e-3
	}
	return sigmoid(f.Sharpness * clip(gain/den, -1, 1))
}

// Score returns ASI-ARCH's fitness of a result against the baseline's:
// loss and bench are measured (validation loss, nats/token; mean task
// accuracy), g is the judge's grade or nil.
func (f Fitness) Score(loss, bench, baseLoss, baseBench float64, g *agents.Grade) Terms {
	t := Terms{
		Loss:  f.relTerm(baseLoss-loss, baseLoss),
		Bench: f.relTerm(bench-baseBench, baseBench),
		Judge: math.NaN(),
	}
	if g != nil {
		w := f.WPerf + f.WInnovation + f.WComplexity
		j := (f.WPerf*float64(g.Performance) + f.WInnovation*float64(g.Innovation) + f.WComplexity*float64(g.Complexity)) / w
		t.Judge = (j - 1) / 9
		t.Fitness = (t.Loss + t.Bench + t.Judge) / 3
	} else {
		t.Fitness = (t.Loss + t.Bench) / 2
	}
	return t
}

// Sample is a measured number over seeds.
type Sample struct {
	Mean float64
	Std  float64 // sample standard deviation; NaN with one seed
	N    int
}

// BeatsASI is ASI-ARCH's rule: a lower loss and a higher benchmark mean
// than the baseline, from one run.
func BeatsASI(loss, bench Sample, baseLoss, baseBench Sample) bool {
	return loss.Mean < baseLoss.Mean && bench.Mean > baseBench.Mean
}

// BeatsNoise is the noise-aware rule: the loss is lower by more than k
// standard errors (Welch's one-sided statistic; a side measured with one
// seed borrows the other side's spread), and the benchmark mean is not
// worse by more than k standard errors. With no spread measured on
// either side it is false: one seed against one seed proves nothing.
func BeatsNoise(loss, bench Sample, baseLoss, baseBench Sample, k float64) bool {
	tl, okL := welch(baseLoss, loss) // positive when loss is lower
	if !okL || tl <= k {
		return false
	}
	tb, okB := welch(bench, baseBench) // positive when bench is higher
	if !okB {
		// No spread on the benchmark: require it not to be lower.
		return bench.Mean >= baseBench.Mean
	}
	return tb >= -k
}

// welch returns (a.Mean − b.Mean)/SE with Welch's standard error.
func welch(a, b Sample) (float64, bool) {
	va, vb := a.Std*a.Std, b.Std*b.Std
	switch {
	case a.N < 2 && b.N < 2:
		return 0, false
	case a.N < 2 || math.IsNaN(va):
		va = vb
	case b.N < 2 || math.IsNaN(vb):
		vb = va
	}
	se := math.Sqrt(va/float64(max(a.N, 1)) + vb/float64(max(b.N, 1)))
	d := a.Mean - b.Mean
	if se == 0 {
		if d == 0 {
			return 0, true
		}
		return math.Copysign(math.Inf(1), d), true
	}
	return d / se, true
}
