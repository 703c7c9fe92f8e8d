package gpu

import (
	"fmt"
	"math"
)

// AdamWConfig configures AdamW. Typical values: LR 3e-4, Beta1 0.9,
// Beta2 0.999 (0.95 for larger runs), Eps 1e-8, WeightDecay 0.1, ClipNorm 1.
type AdamWConfig struct {
	LR          float64 // peak learning rate; Step takes the scheduled one
	Beta1       float64 // e.g. 0.9
	Beta2       float64 // e.g. 0.999
	Eps         float64 // e.g. 1e-8
	WeightDecay float64 // decoupled, e.g. 0.1; applied to Decay(name, shape) params
	ClipNorm    float64 // clip the global gradient L2 norm to this; 0 = off
	// Decay says which parameters get weight decay; nil means rank ≥ 2
	// (matrices and embeddings, not norm weights or biases).
	Decay func(name string, shape []int) bool
}

// DefaultAdamW returns AdamW with lr 3e-4, betas (0.9, 0.999), eps 1e-8,
// weight decay 0.01 (PyTorch's defaults) and no clipping.
func DefaultAdamW() AdamWConfig {
	return AdamWConfig{LR: 3e-4, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: 0.01}
}

// AdamW is the Adam optimiser with decoupled weight decay over a ParamSet
// (PyTorch torch.optim.AdamW semantics).
type AdamW struct {
	Cfg   AdamWConfig
	ps    *ParamSet
	m, v  map[string][]float32
	steps int // updates done
}

// NewAdamW returns an optimiser for every parameter of ps (moments are
// created lazily for parameters added later).
func NewAdamW(ps *ParamSet, cfg AdamWConfig) *AdamW {
	return &AdamW{Cfg: cfg, ps: ps, m: map[string][]float32{}, v: map[string][]float32{}}
}

// Steps returns the number of updates applied.
func (o *AdamW) Steps() int { return o.steps }

// GradNorm returns the global L2 norm of the gradients.
func (o *AdamW) GradNorm() float64 {
	var s float64
	for _, p := range o.ps.list {
		for _, g := range p.Grad.Data {
			s += float64(g) * float64(g)
		}
	}
	return math.Sqrt(s)
}

// Step applies one update with learning rate lr (from a Schedule, or
// Cfg.LR) and returns the gradient norm before clipping. A non-finite
// gradient is an error naming the first offending parameter; nothing is
// updated then. The update runs on the host (AdamWReference); StepOn
// runs it on a backend.
func (o *AdamW) Step(lr float64) (gradNorm float64, err error) { return o.StepOn(nil, lr) }

// StepOn is Step with each parameter's update run by backend b where b
// is an AdamWUpdater, by AdamWReference otherwise (b nil, or a backend
// without its own update). Program.TrainStep passes its backend.
func (o *AdamW) StepOn(b Backend, lr float64) (gradNorm float64, err error) {
	gn := o.GradNorm()
	if math.IsNaN(gn) || math.IsInf(gn, 0) {
		for _, p := range o.ps.list {
			if i := firstNonFinite(p.Grad.Data); i >= 0 {
				return gn, fmt.Errorf("gpu: AdamW step %d: gradient of %q has %v at element %d", o.steps+1, p.Name, p.Grad.Data[i], i)
			}
		}
	}
	scale := 1.0
	if o.Cfg.ClipNorm > 0 && gn > o.Cfg.ClipNorm {
		scale = o.Cfg.ClipNorm / (gn + 1e-6)
	}
	o.steps++
	t := float64(o.steps)
	b1, b2 := o.Cfg.Beta1, o.Cfg.Beta2
	bc1 := 1 - math.Pow(b1, t)
	bc2 := 1 - math.Pow(b2, t)
	up, _ := b.(AdamWUpdater)
	for _, p := range o.ps.list {
		m, ok := o.m[p.Name]
		if !ok {
			m = make([]float32, p.Value.Len())
			o.m[p.Name] = m
			o.v[p.Name] = make([]float32, p.Value.Len())
		}
		wd := 0.0
		if o.decays(p) {
			wd = o.Cfg.WeightDecay
		}
		u := AdamWUpdate{W: p.Value.Data, M: m, V: o.v[p.Name], G: p.Grad.Data,
			LR: float32(lr), Beta1: float32(b1), Beta2: float32(b2), Eps: float32(o.Cfg.Eps), WeightDecay: float32(wd),
			GradScale: float32(scale), InvBC1: float32(1 / bc1), InvSqrtBC2: float32(1 / math.Sqrt(bc2))}
		if up != nil {
			up.AdamWUpdate(u)
		} else {
			AdamWReference(u)
		}
	}
	return gn, nil
}

// An AdamWUpdater is a Backend that runs the optimiser step itself (issue
// 14: the optimiser step is a backend op, so that parameters and moments
// can stay where the backend keeps them). AdamW.StepOn and
// Program.TrainStep hand it one parameter's update at a time; a backend
// without it gets AdamWReference. backendtest.RunAll compares its result
// with the reference's.
type AdamWUpdater interface {
	Backend
	AdamWUpdate(u AdamWUpdate)
}

// AdamWUpdate is one parameter's AdamW update (torch.optim.AdamW), in
// place on W, M and V, all (N) like G:
//
//	g  = G·GradScale
//	M  = Beta1·M + (1-Beta1)·g
//	V  = Beta2·V + (1-Beta2)·g²
//	W -= LR·WeightDecay·W
//	W -= LR·(M·InvBC1) / (√V·InvSqrtBC2 + Eps)
type AdamWUpdate struct {
	W, M, V, G  []float32 // parameter, first and second moments, gradient
	LR          float32   // this step's learning rate, e.g. 3e-4
	Beta1       float32   // e.g. 0.9
	Beta2       float32   // e.g. 0.999
	Eps         float32   // e.g. 1e-8
	WeightDecay float32   // decoupled; 0 for parameters without decay
	GradScale   float32   // gradient clipping: ClipNorm/‖g‖, else 1
	InvBC1      float32   // 1/(1-Beta1^t) at update t (1-based)
	InvSqrtBC2  float32   // 1/√(1-Beta2^t)
}

// AdamWReference runs u serially on the host: the reference every
// AdamWUpdater is checked against.
func AdamWReference(u AdamWUpdate) {
	if len(u.M) != len(u.W) || len(u.V) != len(u.W) || len(u.G) != len(u.W) {
		panic(fmt.Sprintf("gpu: AdamWReference: lengths W %d, M %d, V %d, G %d differ", len(u.W), len(u.M), len(u.V), len(u.G)))
	}
	adamwUpdate(u.W, u.M, u.V, u.G, u.LR, u.Beta1, u.Beta2, u.Eps, u.WeightDecay, u.GradScale, u.InvBC1, u.InvSqrtBC2)
}

func (o *AdamW) decays(p *Param) bool {
	if o.Cfg.Decay != nil {
		return o.Cfg.Decay(p.Name, p.Value.Shape)
	}
	return len(p.Value.Shape) >= 2
}

// adamwUpdate updates w in place from gradient g (scaled by gs): all (N).
func adamwUpdate(w, m, v, g []float32, lr, b1, b2, eps, wd, gs, ibc1, isbc2 float32) {
	for i := range w {
		gi := g[i] * gs
		m[i] = b1*m[i] + (1-b1)*gi
		v[i] = b2*v[i] + (1-b2)*gi*gi
		w[i] -= lr * wd * w[i]
		mh := m[i] * ibc1
		den := float32(math.Sqrt(float64(v[i])))*isbc2 + eps
		w[i] -= lr * mh / den
	}
}

// Schedule maps a step (0-based) to a learning rate.
type Schedule func(step int) float64

// ConstantLR returns lr at every step (after a linear warmup over warmup steps).
func ConstantLR(lr float64, warmup int) Schedule {
	return func(step int) float64 {
		if step < warmup {
			return lr * float64(step+1) / float64(warmup)
		}
		return lr
	}
}

// Cosine warms up linearly over warmup steps to peak, then follows a
// cosine down to min at step total (and stays there).
func Cosine(peak, min float64, warmup, total int) Schedule {
	return func(step int) float64 {
		if step < warmup {
			return peak * float64(step+1) / float64(warmup)
		}
		if step >= total {
			return min
		}
		p := float64(step-warmup) / float64(max(total-warmup, 1))
		return min + 0.5*(peak-min)*(1+math.Cos(math.Pi*p))
	}
}

// WSD is warmup-stable-decay: linear warmup to peak over warmup steps,
// constant until total-decay, then linear decay to min at total.
func WSD(peak, min float64, warmup, decay, total int) Schedule {
	return func(step int) float64 {
		switch {
		case step < warmup:
			return peak * float64(step+1) / float64(warmup)
		case step < total-decay:
			return peak
		case step >= total:
			return min
		}
		p := float64(step-(total-decay)) / float64(max(decay, 1))
		return peak + (min-peak)*p
	}
}
