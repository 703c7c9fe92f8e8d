package arch

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/lib/arch/op"
)

// Check names, in the order Check runs them. The JSON field "name" of a
// Verdict is one of these.
const (
	CheckCompiles   = "compiles"           // static check, interpreter type check, one trace
	CheckShape      = "shape"              // output (B,T,C) for several B and T
	CheckCausal     = "causality"          // outputs at ≤ t ignore inputs after t
	CheckBatch      = "batch_independence" // batch rows do not mix
	CheckFinite     = "finite"             // no NaN/Inf in forward, backward and a few steps
	CheckComplexity = "complexity"         // FLOPs and memory grow below T^1.5
	CheckParams     = "params"             // parameter count within the budget
)

// Verdict is the outcome of one check. Field names are stable (JSON).
type Verdict struct {
	Name    string         `json:"name"`              // one of the Check* names
	OK      bool           `json:"ok"`                // passed
	Reason  string         `json:"reason"`            // one sentence: what was measured, or what to fix
	Details map[string]any `json:"details,omitempty"` // measurements, e.g. "flops_exponent": 1.02
}

// Report is the outcome of Check: OK when every verdict is OK.
type Report struct {
	Arch   string    `json:"arch"`            // the layer's name
	OK     bool      `json:"ok"`              // every check passed
	Checks []Verdict `json:"checks"`          // in the order of the Check* names
	Error  *Error    `json:"error,omitempty"` // why the source failed to run, when it did
}

// Failed returns the verdicts that did not pass.
func (r *Report) Failed() []Verdict {
	var out []Verdict
	for _, v := range r.Checks {
		if !v.OK {
			out = append(out, v)
		}
	}
	return out
}

// CheckConfig sets the sizes Check measures at. Zero fields take defaults.
type CheckConfig struct {
	Layer        op.Config // default D 64, Heads 4, HeadDim 16, ConvSize 4, Layers 1
	Batches      []int     // batch sizes for the shape check, default {1, 3}
	Lengths      []int     // sequence lengths for the shape check, default {1, 17, 64}
	T            int       // length for causality, batch and finite checks, default 48
	ComplexityT  int       // base length of the complexity check (T, 2T, 4T), default 256
	MaxExponent  float64   // complexity exponent flagged, default 1.5
	ParamBudget  int       // most parameters of one layer, default 8·D² + 64·D
	Seed         uint64    // inputs and parameters, default 1
	Limits       Limits    // sandbox limits per run
	Backend      gpu.Backend
	SmokeSteps   int     // gradient steps of the finite check, default 3
	CausalTolRel float64 // largest allowed change at ≤ t relative to max |y|, default 1e-5
}

func (c CheckConfig) withDefaults() CheckConfig {
	if c.Layer.D == 0 {
		c.Layer.D = 64
	}
	if c.Layer.Heads == 0 {
		c.Layer.Heads = 4
	}
	if c.Layer.HeadDim == 0 {
		c.Layer.HeadDim = c.Layer.D / c.Layer.Heads
	}
	if c.Layer.ConvSize == 0 {
		c.Layer.ConvSize = 4
	}
	if c.Layer.Layers == 0 {
		c.Layer.Layers = 1
	}
	if len(c.Batches) == 0 {
		c.Batches = []int{1, 3}
	}
	if len(c.Lengths) == 0 {
		c.Lengths = []int{1, 17, 64}
	}
	if c.T == 0 {
		c.T = 48
	}
	if c.ComplexityT == 0 {
		c.ComplexityT = 256
	}
	if c.MaxExponent == 0 {
		c.MaxExponent = 1.5
	}
	if c.ParamBudget == 0 {
		d := c.Layer.D
		c.ParamBudget = 8*d*d + 64*d
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Backend == nil {
		c.Backend = gpu.Reference()
	}
	if c.SmokeSteps == 0 {
		c.SmokeSteps = 3
	}
	if c.CausalTolRel == 0 {
		c.CausalTolRel = 1e-5
	}
	return c
}

// traced is one layer instance traced on an input x (B,T,D).
type traced struct {
	g      *gpu.Graph
	x, y   *gpu.Node
	params int
}

// trace builds one instance of l on x (B,T,D) in a fresh graph.
func trace(ctx context.Context, l *Layer, cfg CheckConfig, B, T int) (*traced, error) {
	tr := &traced{g: gpu.NewGraph()}
	tr.x = tr.g.Input("x", B, T, cfg.Layer.D)
	err := l.Trace(ctx, cfg.Limits, func(b *Builder) error {
		fw := b.New(tr.g.Sub("layer"), cfg.Layer)
		tr.y = fw(tr.x)
		tr.params = b.ParamCount()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return tr, nil
}

// forwardFn compiles tr for inference and returns a function mapping an
// input to a copy of the output.
func forwardFn(tr *traced, cfg CheckConfig) (func(x []float32) ([]float32, error), error) {
	prog, err := gpu.Compile(tr.g, nil, cfg.Backend, &gpu.Options{NoGrad: true, Outputs: []*gpu.Node{tr.y}, Seed: cfg.Seed})
	if err != nil {
		return nil, err
	}
	return func(x []float32) ([]float32, error) {
		if err := prog.SetInput("x", x); err != nil {
			return nil, err
		}
		prog.Forward()
		return append([]float32(nil), prog.Value(tr.y).Data...), nil
	}, nil
}

func randn(r *rand.Rand, n int) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(r.NormFloat64())
	}
	return x
}

// Check runs every check on the layer and returns the report. A check that
// cannot run because an earlier one failed is reported failed with the
// reason "skipped". Check itself fails only when ctx ends.
func Check(ctx context.Context, l *Layer, cfg CheckConfig) (*Report, error) {
	cfg = cfg.withDefaults()
	rep := &Report{Arch: l.Name}
	add := func(v Verdict) { rep.Checks = append(rep.Checks, v) }
	skipAll := func(from int, why string) {
		names := []string{CheckCompiles, CheckShape, CheckCausal, CheckBatch, CheckFinite, CheckComplexity, CheckParams}
		for _, n := range names[from:] {
			add(Verdict{Name: n, Reason: "skipped: " + why})
		}
	}

	// compiles: one trace at a small size.
	tr, err := trace(ctx, l, cfg, 2, 8)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var e *Error
		if errors.As(err, &e) {
			rep.Error = e
		} else {
			e = &Error{Stage: StageRun, Problems: []Problem{{Msg: err.Error()}}}
			rep.Error = e
		}
		add(Verdict{Name: CheckCompiles, Reason: e.Error(), Details: map[string]any{"stage": e.Stage, "problems": e.Problems}})
		skipAll(1, "the source does not build")
		return rep, nil
	}
	add(Verdict{Name: CheckCompiles, OK: true, Reason: "parsed, type-checked and traced",
		Details: map[string]any{"nodes": tr.g.NumNodes()}})

	checks := []func() Verdict{
		func() Verdict { return checkShape(ctx, l, cfg) },
		func() Verdict { return checkCausal(ctx, l, cfg) },
		func() Verdict { return checkBatch(ctx, l, cfg) },
		func() Verdict { return checkFinite(ctx, l, cfg) },
		func() Verdict { return checkComplexity(ctx, l, cfg) },
		func() Verdict { return checkParams(tr, cfg) },
	}
	for _, c := range checks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		add(c())
	}
	rep.OK = true
	for _, v := range rep.Checks {
		rep.OK = rep.OK && v.OK
	}
	return rep, nil
}

func fail(name string, err error) Verdict {
	return Verdict{Name: name, Reason: err.Error()}
}

func checkShape(ctx context.Context, l *Layer, cfg CheckConfig) Verdict {
	var tried [][]int
	for _, B := range cfg.Batches {
		for _, T := range cfg.Lengths {
			tr, err := trace(ctx, l, cfg, B, T)
			if err != nil {
				return fail(CheckShape, fmt.Errorf("B=%d T=%d: %w", B, T, err))
			}
			want := []int{B, T, cfg.Layer.D}
			got := tr.y.Shape()
			if fmt.Sprint(got) != fmt.Sprint(want) {
				return Verdict{Name: CheckShape, Reason: fmt.Sprintf("Forward must return (B,T,C) = %v, returned %v", want, got),
					Details: map[string]any{"want": want, "got": got}}
			}
			tried = append(tried, want)
		}
	}
	return Verdict{Name: CheckShape, OK: true, Reason: fmt.Sprintf("output is (B,T,C) for %d input shapes", len(tried)),
		Details: map[string]any{"shapes": tried}}
}

// maxAbs returns max |x|.
func maxAbs(x []float32) float64 {
	m := 0.0
	for _, v := range x {
		m = math.Max(m, math.Abs(float64(v)))
	}
	return m
}

func checkCausal(ctx context.Context, l *Layer, cfg CheckConfig) Verdict {
	B, T, D := 2, cfg.T, cfg.Layer.D
	tr, err := trace(ctx, l, cfg, B, T)
	if err != nil {
		return fail(CheckCausal, err)
	}
	run, err := forwardFn(tr, cfg)
	if err != nil {
		return fail(CheckCausal, err)
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 2))
	x := randn(r, B*T*D)
	y0, err := run(x)
	if err != nil {
		return fail(CheckCausal, err)
	}
	tol := cfg.CausalTolRel * math.Max(maxAbs(y0), 1e-6)
	cuts := []int{0, T / 3, T / 2, T - 2}
	worst := 0.0
	for _, t0 := range cuts {
		xp := append([]float32(nil), x...)
		for b := range B {
			for t := t0 + 1; t < T; t++ {
				for c := range D {
					xp[(b*T+t)*D+c] = float32(r.NormFloat64() * 3)
				}
			}
		}
		y1, err := run(xp)
		if err != nil {
			return fail(CheckCausal, err)
		}
		for b := range B {
			for t := 0; t <= t0; t++ {
				for c := range D {
					i := (b*T+t)*D + c
					d := math.Abs(float64(y1[i] - y0[i]))
					worst = math.Max(worst, d)
					if d > tol {
						return Verdict{Name: CheckCausal,
							Reason:  fmt.Sprintf("the output at position %d changed (by %.3g) when only inputs after position %d changed: the layer reads the future", t, d, t0),
							Details: map[string]any{"T": T, "perturbed_after": t0, "position": t, "change": d, "tolerance": tol}}
					}
				}
			}
		}
	}
	return Verdict{Name: CheckCausal, OK: true,
		Reason:  fmt.Sprintf("outputs at ≤ t unchanged when inputs after t change (t in %v, T=%d)", cuts, T),
		Details: map[string]any{"T": T, "cuts": cuts, "max_change": worst, "tolerance": tol}}
}

func checkBatch(ctx context.Context, l *Layer, cfg CheckConfig) Verdict {
	B, T, D := 3, cfg.T, cfg.Layer.D
	tr, err := trace(ctx, l, cfg, B, T)
	if err != nil {
		return fail(CheckBatch, err)
	}
	run, err := forwardFn(tr, cfg)
	if err != nil {
		return fail(CheckBatch, err)
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 3))
	x := randn(r, B*T*D)
	y0, err := run(x)
	if err != nil {
		return fail(CheckBatch, err)
	}
	xp := append([]float32(nil), x...)
	for i := T * D; i < B*T*D; i++ { // rows 1.. change, row 0 stays
		xp[i] = float32(r.NormFloat64() * 3)
	}
	y1, err := run(xp)
	if err != nil {
		return fail(CheckBatch, err)
	}
	tol := cfg.CausalTolRel * math.Max(maxAbs(y0), 1e-6)
	for i := range T * D {
		if d := math.Abs(float64(y1[i] - y0[i])); d > tol {
			return Verdict{Name: CheckBatch, Reason: fmt.Sprintf("batch row 0 changed (by %.3g at position %d) when only other rows changed: the layer mixes the batch", d, i/D),
				Details: map[string]any{"position": i / D, "change": d, "tolerance": tol}}
		}
	}
	return Verdict{Name: CheckBatch, OK: true, Reason: "row 0 is unchanged when the other batch rows change", Details: map[string]any{"B": B, "T": T}}
}

func checkFinite(ctx context.Context, l *Layer, cfg CheckConfig) Verdict {
	B, T, D := 2, cfg.T, cfg.Layer.D
	tr, err := trace(ctx, l, cfg, B, T)
	if err != nil {
		return fail(CheckFinite, err)
	}
	// loss = mean((y - target)²), a regression onto a fixed random target.
	target := tr.g.Input("target", B, T, D)
	diff := gpu.Sub(tr.y, target)
	loss := gpu.Mean(gpu.Reshape(gpu.Mul(diff, diff), B*T*D), 0)
	prog, err := gpu.Compile(tr.g, loss, cfg.Backend, &gpu.Options{Seed: cfg.Seed})
	if err != nil {
		return fail(CheckFinite, err)
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 4))
	if err := prog.SetInput("x", randn(r, B*T*D)); err != nil {
		return fail(CheckFinite, err)
	}
	if err := prog.SetInput("target", randn(r, B*T*D)); err != nil {
		return fail(CheckFinite, err)
	}
	var losses []float64
	for step := range cfg.SmokeSteps {
		losses = append(losses, float64(prog.Forward()))
		if err := prog.Backward(); err != nil {
			return fail(CheckFinite, err)
		}
		if err := prog.CheckFinite(step); err != nil {
			return Verdict{Name: CheckFinite, Reason: err.Error() + ": look for a division by a value that can be 0, an exp or a log of an unbounded input",
				Details: map[string]any{"step": step, "losses": losses}}
		}
		for _, p := range prog.Params().List() {
			for i, g := range p.Grad.Data {
				p.Value.Data[i] -= 0.01 * g
			}
		}
	}
	return Verdict{Name: CheckFinite, OK: true, Reason: fmt.Sprintf("forward, backward and %d SGD steps stayed finite", cfg.SmokeSteps),
		Details: map[string]any{"losses": losses}}
}

// slope fits log(y) = a + e·log(x) by least squares and returns e.
func slope(xs []int, ys []float64) float64 {
	var sx, sy, sxx, sxy float64
	n := float64(len(xs))
	for i := range xs {
		lx, ly := math.Log(float64(xs[i])), math.Log(math.Max(ys[i], 1))
		sx += lx
		sy += ly
		sxx += lx * lx
		sxy += lx * ly
	}
	return (n*sxy - sx*sy) / (n*sxx - sx*sx)
}

func checkComplexity(ctx context.Context, l *Layer, cfg CheckConfig) Verdict {
	Ts := []int{cfg.ComplexityT, 2 * cfg.ComplexityT, 4 * cfg.ComplexityT}
	var flops, mem []float64
	for _, T := range Ts {
		tr, err := trace(ctx, l, cfg, 1, T)
		if err != nil {
			return fail(CheckComplexity, fmt.Errorf("T=%d: %w", T, err))
		}
		flops = append(flops, float64(tr.g.FLOPs(tr.y)))
		loss := gpu.Mean(gpu.Reshape(tr.y, T*cfg.Layer.D), 0)
		prog, err := gpu.Compile(tr.g, loss, cfg.Backend, &gpu.Options{Seed: cfg.Seed})
		if err != nil {
			return fail(CheckComplexity, fmt.Errorf("T=%d: %w", T, err))
		}
		mem = append(mem, float64(prog.Bytes()))
	}
	// Exponents between the two largest lengths: the leading term shows there.
	fe := math.Log2(flops[2] / flops[1])
	me := math.Log2(mem[2] / mem[1])
	det := map[string]any{"T": Ts, "flops": flops, "bytes": mem, "flops_exponent": round3(fe), "memory_exponent": round3(me),
		"flops_exponent_fit": round3(slope(Ts, flops)), "max_exponent": cfg.MaxExponent}
	if fe >= cfg.MaxExponent || me >= cfg.MaxExponent {
		return Verdict{Name: CheckComplexity, Details: det,
			Reason: fmt.Sprintf("cost grows like T^%.2f (FLOPs) and T^%.2f (memory) from T=%d to %d: at or above T^%.1f, the layer is not sub-quadratic (a T×T score matrix?)", fe, me, Ts[1], Ts[2], cfg.MaxExponent)}
	}
	return Verdict{Name: CheckComplexity, OK: true, Details: det,
		Reason: fmt.Sprintf("cost grows like T^%.2f (FLOPs) and T^%.2f (memory) from T=%d to %d", fe, me, Ts[1], Ts[2])}
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func checkParams(tr *traced, cfg CheckConfig) Verdict {
	n := tr.params
	det := map[string]any{"params": n, "budget": cfg.ParamBudget, "d_model": cfg.Layer.D}
	if n > cfg.ParamBudget {
		return Verdict{Name: CheckParams, Details: det,
			Reason: fmt.Sprintf("%d parameters at d_model %d is over the budget of %d: use fewer or narrower projections", n, cfg.Layer.D, cfg.ParamBudget)}
	}
	return Verdict{Name: CheckParams, OK: true, Details: det,
		Reason: fmt.Sprintf("%d parameters at d_model %d (budget %d)", n, cfg.Layer.D, cfg.ParamBudget)}
}
