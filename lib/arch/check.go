package arch

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/archlab/archlab/gpu"
	_ "github.com/archlab/archlab/gpu/backends" // "cpu" by name
	"github.com/archlab/archlab/lib/arch/op"
)

// hostBackend is what the checks measure on by default: the backend
// registered as "cpu" on one thread (no goroutines to close). lib/arch
// imports gpu/backends, so a failure is a broken build, not bad input.
func hostBackend() gpu.Backend {
	b, err := gpu.OpenWith("cpu", gpu.OpenOptions{Threads: 1})
	if err != nil {
		panic("arch: the cpu backend does not open: " + err.Error())
	}
	return b
}

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
	Layer        op.Config   // default D 64, Heads 4, HeadDim 16, ConvSize 4, Layers 2 (at least 2: a layer may depend on c.Layer)
	Batches      []int       // batch sizes for the shape check, default {1, 3}
	Lengths      []int       // sequence lengths for the shape check, default {1, 17, 64}
	T            int         // length for the finite check, default 48
	TrainT       int         // the training length: causality and batch independence are checked up to it, default 128
	ProbeT       []int       // lengths of the causality and batch probes, default {1, 5, 17, T, 65, 96, TrainT} (those ≤ TrainT)
	Probes       int         // gradient probes per length and parameter state, default 3
	ParamNoise   float64     // std of the noise added to every parameter before probing, default 0.1
	ProbeSteps   int         // sign-SGD steps on a next-input objective before the second probe round, default 3
	ComplexityT  int         // base length of the complexity check (T, 2T, 4T), default 256
	MaxExponent  float64     // complexity exponent flagged, default 1.5
	ParamBudget  int         // most parameters of one layer, default 8·D² + 64·D
	Seed         uint64      // inputs and parameters, default 1
	Limits       Limits      // sandbox limits per run
	Backend      gpu.Backend // runs the measurements, default the CPU backend on one thread (OpenBLAS GEMMs)
	SmokeSteps   int         // gradient steps of the finite check, default 3
	CausalTolRel float64     // largest change at ≤ t in the forward perturbation test, relative to max |y|, default 1e-5

	// The measurement phase (running the traced graphs) is bounded too:
	// a legal but very heavy layer stops with a clear message.
	MeasureTime time.Duration // wall time of all measurements, default 2 minutes
	MaxFLOPs    float64       // forward FLOPs of one program the checks run, default 2e9 (the zoo's largest: 4e7)
	MaxBytes    int64         // estimated memory of one measured program, default 2 GiB
	// Progress, when set, is called as each measurement starts, e.g.
	// ("causality", "T=65 probe 2/3").
	Progress func(check, step string)
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
	c.Layer.Layers = max(c.Layer.Layers, 2)
	if len(c.Batches) == 0 {
		c.Batches = []int{1, 3}
	}
	if len(c.Lengths) == 0 {
		c.Lengths = []int{1, 17, 64}
	}
	if c.T == 0 {
		c.T = 48
	}
	if c.TrainT == 0 {
		c.TrainT = 128
	}
	if len(c.ProbeT) == 0 {
		for _, t := range []int{1, 5, 17, c.T, 65, 96} {
			if t < c.TrainT {
				c.ProbeT = append(c.ProbeT, t)
			}
		}
		c.ProbeT = append(c.ProbeT, c.TrainT)
	}
	if c.Probes == 0 {
		c.Probes = 3
	}
	if c.ParamNoise == 0 {
		c.ParamNoise = 0.1
	}
	if c.ProbeSteps == 0 {
		c.ProbeSteps = 3
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
		c.Backend = hostBackend()
	}
	if c.SmokeSteps == 0 {
		c.SmokeSteps = 3
	}
	if c.CausalTolRel == 0 {
		c.CausalTolRel = 1e-5
	}
	if c.MeasureTime == 0 {
		c.MeasureTime = 2 * time.Minute
	}
	if c.MaxFLOPs == 0 {
		c.MaxFLOPs = 2e9
	}
	if c.MaxBytes == 0 {
		c.MaxBytes = 2 << 30
	}
	return c
}

// traced is the model of cfg.Layer.Layers instances of a layer, traced on
// an input x (B,T,D) in a fresh graph: f[i] = layer_i(h_i), h_{i+1} = h_i +
// f[i] (a residual stream), y = h_L.
type traced struct {
	g      *gpu.Graph
	x, x0  *gpu.Node   // the input and what the first layer reads (x, or x + dx for the gradient probes)
	f      []*gpu.Node // each layer's output (B,T,D)
	y      *gpu.Node   // the residual stream after the last layer
	params []int       // parameter elements declared by each layer
}

// shapeError is a layer output of the wrong shape.
type shapeError struct {
	layer     int
	want, got []int
}

func (e *shapeError) Error() string {
	return fmt.Sprintf("arch: layer %d: Forward must return (B,T,C) = %v, returned %v", e.layer, e.want, e.got)
}

// trace builds the model of l on x (B,T,D) in a fresh graph. With dx, the
// layers read x + dx for a zero parameter dx named by T, whose gradient is
// the gradient with respect to the input.
func trace(ctx context.Context, l *Layer, cfg CheckConfig, B, T int, dx bool) (*traced, error) {
	tr := &traced{g: gpu.NewGraph()}
	tr.x = tr.g.Input("x", B, T, cfg.Layer.D)
	tr.x0 = tr.x
	if dx {
		tr.x0 = gpu.Add(tr.x, tr.g.Param(dxName(B, T), []int{B, T, cfg.Layer.D}, gpu.Zeros()))
	}
	err := l.Trace(ctx, cfg.Limits, func(b *Builder) error {
		h := tr.x0
		for i := range cfg.Layer.Layers {
			c := cfg.Layer
			c.Layer = i
			before := b.ParamCount()
			fw := b.New(tr.g.Sub(fmt.Sprintf("layer%d", i)), c)
			tr.params = append(tr.params, b.ParamCount()-before)
			f := fw(h)
			if want := []int{B, T, cfg.Layer.D}; fmt.Sprint(f.Shape()) != fmt.Sprint(want) {
				return &shapeError{layer: i, want: want, got: f.Shape()}
			}
			tr.f = append(tr.f, f)
			h = gpu.Add(h, f)
		}
		tr.y = h
		return nil
	})
	if err != nil {
		return nil, err
	}
	return tr, nil
}

// dxName names the probe parameter of the input shape (B,T).
func dxName(B, T int) string { return fmt.Sprintf("probe.dx.%dx%d", B, T) }

// meter bounds the measurement phase in time and size and reports
// progress.
type meter struct {
	cfg      CheckConfig
	deadline time.Time
}

// errHeavy is wrapped by every measurement that stops at a bound.
var errHeavy = errors.New("too heavy to check")

// step reports progress and fails once the measurement time is spent.
func (m *meter) step(ctx context.Context, check, what string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("arch: %s: %w", check, err)
	}
	if m.cfg.Progress != nil {
		m.cfg.Progress(check, what)
	}
	if time.Now().After(m.deadline) {
		return fmt.Errorf("arch: %s: stopped at %s, the measurement time limit of %v, before %s: the layer is %w (make it cheaper)", check, check, m.cfg.MeasureTime, what, errHeavy)
	}
	return nil
}

// compile checks the size of the graph under outputs before compiling it:
// an estimate of its memory (every node's value and gradient, 4 bytes
// each) and, for a program that will run, its forward FLOPs against the
// bounds.
func (m *meter) compile(tr *traced, loss *gpu.Node, opts *gpu.Options) (*gpu.Program, error) {
	return m.compileFor(tr, loss, opts, true)
}

func (m *meter) compileFor(tr *traced, loss *gpu.Node, opts *gpu.Options, runs bool) (*gpu.Program, error) {
	outs := append([]*gpu.Node{tr.y}, opts.Outputs...)
	if loss != nil {
		outs = append(outs, loss)
	}
	flops := float64(tr.g.FLOPs(outs...))
	if runs && flops > m.cfg.MaxFLOPs {
		return nil, fmt.Errorf("arch: the forward pass at %v costs %.3g FLOPs, over the check's bound of %.3g: the layer is %w", tr.x.Shape(), flops, m.cfg.MaxFLOPs, errHeavy)
	}
	var elems int64
	seen := map[*gpu.Node]bool{}
	var walk func(n *gpu.Node)
	walk = func(n *gpu.Node) {
		if seen[n] {
			return
		}
		seen[n] = true
		elems += int64(n.Len())
		for _, in := range n.Inputs() {
			walk(in)
		}
	}
	for _, o := range outs {
		walk(o)
	}
	if bytes := elems * 4 * 2; bytes > m.cfg.MaxBytes {
		return nil, fmt.Errorf("arch: the graph at %v holds about %s of values and gradients, over the check's bound of %s: the layer is %w", tr.x.Shape(), bytesText(bytes), bytesText(m.cfg.MaxBytes), errHeavy)
	}
	if opts.Seed == 0 {
		opts.Seed = m.cfg.Seed
	}
	return gpu.Compile(tr.g, loss, m.cfg.Backend, opts)
}

// forwardFn compiles tr for inference and returns a function mapping an
// input to a copy of the output.
func forwardFn(m *meter, tr *traced) (func(x []float32) ([]float32, error), error) {
	prog, err := m.compile(tr, nil, &gpu.Options{NoGrad: true, Outputs: []*gpu.Node{tr.y}})
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
// reason "skipped". When ctx ends, Check returns the report so far (the
// remaining checks skipped, Error of stage "cancelled") and ctx's error.
func Check(ctx context.Context, l *Layer, cfg CheckConfig) (*Report, error) {
	cfg = cfg.withDefaults()
	m := &meter{cfg: cfg, deadline: time.Now().Add(cfg.MeasureTime)}
	rep := &Report{Arch: l.Name}
	add := func(v Verdict) { rep.Checks = append(rep.Checks, v) }
	skipRest := func(why string) {
		for _, n := range checkNames[len(rep.Checks):] {
			add(Verdict{Name: n, Reason: "skipped: " + why})
		}
	}

	// compiles: one trace at a small size.
	tr, err := trace(ctx, l, cfg, 2, 8, false)
	if err != nil {
		if ctx.Err() != nil {
			return cancelled(rep, ctx)
		}
		var se *shapeError
		if errors.As(err, &se) {
			add(Verdict{Name: CheckCompiles, OK: true, Reason: "parsed, type-checked and traced"})
			add(Verdict{Name: CheckShape, Reason: se.Error(), Details: map[string]any{"layer": se.layer, "want": se.want, "got": se.got}})
			skipRest("the output has the wrong shape")
			return rep, nil
		}
		var e *Error
		if !errors.As(err, &e) {
			e = &Error{Stage: StageRun, Problems: []Problem{{Msg: err.Error()}}}
		}
		rep.Error = e
		add(Verdict{Name: CheckCompiles, Reason: e.Error(), Details: map[string]any{"stage": e.Stage, "problems": e.Problems}})
		skipRest("the source does not build")
		return rep, nil
	}
	add(Verdict{Name: CheckCompiles, OK: true, Reason: "parsed, type-checked and traced",
		Details: map[string]any{"nodes": tr.g.NumNodes(), "layers": cfg.Layer.Layers}})

	var pr *probeResult // shared by causality and batch independence
	checks := []func() Verdict{
		func() Verdict { return checkShape(ctx, l, cfg) },
		func() Verdict { pr = probe(ctx, m, l); return pr.causal },
		func() Verdict { return pr.batch },
		func() Verdict { return checkFinite(ctx, m, l) },
		func() Verdict { return checkComplexity(ctx, m, l) },
		func() Verdict { return checkParams(tr, cfg) },
	}
	for _, c := range checks {
		if ctx.Err() != nil {
			return cancelled(rep, ctx)
		}
		v := c()
		if ctx.Err() != nil {
			return cancelled(rep, ctx)
		}
		add(v)
	}
	rep.OK = true
	for _, v := range rep.Checks {
		rep.OK = rep.OK && v.OK
	}
	return rep, nil
}

// cancelled finishes rep after ctx ended.
func cancelled(rep *Report, ctx context.Context) (*Report, error) {
	err := fmt.Errorf("arch: check stopped: %w", context.Cause(ctx))
	rep.Error = &Error{Stage: StageCancelled, Problems: []Problem{{Msg: err.Error()}}}
	for _, n := range checkNames[len(rep.Checks):] {
		rep.Checks = append(rep.Checks, Verdict{Name: n, Reason: "skipped: " + err.Error()})
	}
	return rep, ctx.Err()
}

func fail(name string, err error) Verdict {
	v := Verdict{Name: name, Reason: err.Error()}
	if errors.Is(err, errHeavy) {
		v.Details = map[string]any{"too_heavy": true}
	}
	return v
}

func checkShape(ctx context.Context, l *Layer, cfg CheckConfig) Verdict {
	var tried [][]int
	for _, B := range cfg.Batches {
		for _, T := range cfg.Lengths {
			_, err := trace(ctx, l, cfg, B, T, false)
			var se *shapeError
			if errors.As(err, &se) {
				return Verdict{Name: CheckShape, Reason: fmt.Sprintf("B=%d T=%d: %v", B, T, se),
					Details: map[string]any{"layer": se.layer, "want": se.want, "got": se.got, "B": B, "T": T}}
			}
			if err != nil {
				return fail(CheckShape, fmt.Errorf("B=%d T=%d: %w", B, T, err))
			}
			tried = append(tried, []int{B, T, cfg.Layer.D})
		}
	}
	return Verdict{Name: CheckShape, OK: true, Reason: fmt.Sprintf("every layer's output is (B,T,C) for %d input shapes", len(tried)),
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

func checkFinite(ctx context.Context, m *meter, l *Layer) Verdict {
	cfg := m.cfg
	B, T, D := 2, cfg.T, cfg.Layer.D
	if err := m.step(ctx, CheckFinite, fmt.Sprintf("T=%d", T)); err != nil {
		return fail(CheckFinite, err)
	}
	tr, err := trace(ctx, l, cfg, B, T, false)
	if err != nil {
		return fail(CheckFinite, err)
	}
	if v, bad := checkDenominators(ctx, m, tr); bad {
		return v
	}
	// loss = mean((y - target)²), a regression onto a fixed random target.
	target := tr.g.Input("target", B, T, D)
	diff := gpu.Sub(tr.y, target)
	loss := gpu.Mean(gpu.Reshape(gpu.Mul(diff, diff), B*T*D), 0)
	prog, err := m.compile(tr, loss, &gpu.Options{})
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
		if err := m.step(ctx, CheckFinite, fmt.Sprintf("step %d/%d", step+1, cfg.SmokeSteps)); err != nil {
			return fail(CheckFinite, err)
		}
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
	return Verdict{Name: CheckFinite, OK: true, Reason: fmt.Sprintf("no denominator crosses 0 on random inputs; forward, backward and %d SGD steps stayed finite", cfg.SmokeSteps),
		Details: map[string]any{"losses": losses}}
}

// checkDenominators runs tr on random inputs of growing scale and fails
// when the denominator of a division takes both signs or the value 0: it
// can cross zero (no epsilon, or an epsilon added to a signed value), and
// some input will make the quotient explode, even where these did not.
func checkDenominators(ctx context.Context, m *meter, tr *traced) (Verdict, bool) {
	var dens []*gpu.Node
	seen := map[*gpu.Node]bool{}
	var walk func(n *gpu.Node)
	walk = func(n *gpu.Node) {
		if seen[n] {
			return
		}
		seen[n] = true
		for _, in := range n.Inputs() {
			walk(in)
		}
		if n.Op() == "div" {
			dens = append(dens, n.Inputs()[1])
		}
	}
	walk(tr.y)
	if len(dens) == 0 {
		return Verdict{}, false
	}
	prog, err := m.compile(tr, nil, &gpu.Options{NoGrad: true, Outputs: append([]*gpu.Node{tr.y}, dens...)})
	if err != nil {
		return fail(CheckFinite, err), true
	}
	r := rand.New(rand.NewPCG(m.cfg.Seed, 5))
	n := tr.x.Len()
	for _, scale := range []float32{1, 4, 0.25} {
		if err := m.step(ctx, CheckFinite, fmt.Sprintf("denominators at input scale %g", scale)); err != nil {
			return fail(CheckFinite, err), true
		}
		x := randn(r, n)
		for i := range x {
			x[i] *= scale
		}
		if err := prog.SetInput("x", x); err != nil {
			return fail(CheckFinite, err), true
		}
		prog.Forward()
		for k, d := range dens {
			lo, hi := math.Inf(1), math.Inf(-1)
			zero := false
			for _, v := range prog.Value(d).Data {
				lo, hi = math.Min(lo, float64(v)), math.Max(hi, float64(v))
				zero = zero || v == 0
			}
			if zero || lo < 0 && hi > 0 {
				return Verdict{Name: CheckFinite,
					Reason:  fmt.Sprintf("division %d of %d: its denominator %v ranges over [%.3g, %.3g] on random inputs (scale %g), so it can be 0 and the quotient explode: divide by a positive quantity plus an epsilon", k+1, len(dens), d.Shape(), lo, hi, scale),
					Details: map[string]any{"division": k + 1, "divisions": len(dens), "min": lo, "max": hi, "input_scale": scale}}, true
			}
		}
	}
	return Verdict{}, false
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

func checkComplexity(ctx context.Context, m *meter, l *Layer) Verdict {
	cfg := m.cfg
	Ts := []int{cfg.ComplexityT, 2 * cfg.ComplexityT, 4 * cfg.ComplexityT}
	var flops, mem []float64
	for _, T := range Ts {
		if err := m.step(ctx, CheckComplexity, fmt.Sprintf("T=%d", T)); err != nil {
			return fail(CheckComplexity, err)
		}
		tr, err := trace(ctx, l, cfg, 1, T, false)
		if err != nil {
			return fail(CheckComplexity, fmt.Errorf("T=%d: %w", T, err))
		}
		flops = append(flops, float64(tr.g.FLOPs(tr.y)))
		loss := gpu.Mean(gpu.Reshape(tr.y, T*cfg.Layer.D), 0)
		prog, err := m.compileFor(tr, loss, &gpu.Options{}, false) // planned, never run
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
	n := slices.Max(tr.params) // the largest layer: a layer may declare by c.Layer
	det := map[string]any{"params": n, "per_layer": tr.params, "budget": cfg.ParamBudget, "d_model": cfg.Layer.D}
	if n > cfg.ParamBudget {
		return Verdict{Name: CheckParams, Details: det,
			Reason: fmt.Sprintf("%d parameters at d_model %d is over the budget of %d: use fewer or narrower projections", n, cfg.Layer.D, cfg.ParamBudget)}
	}
	return Verdict{Name: CheckParams, OK: true, Details: det,
		Reason: fmt.Sprintf("%d parameters at d_model %d (budget %d)", n, cfg.Layer.D, cfg.ParamBudget)}
}
