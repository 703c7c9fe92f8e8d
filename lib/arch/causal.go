package arch

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/archlab/archlab/gpu"
)

// The causality and batch-independence checks share one set of probes.
//
// The model is cfg.Layer.Layers instances of the layer (each built with its
// own c.Layer and its own parameters) on a residual stream, traced at every
// length of cfg.ProbeT (up to the training length) with B=3 rows, with
// parameters in two states: the initialisation plus N(0, ParamNoise²) noise
// (so a zero-initialised scale is not zero), and those after ProbeSteps
// sign-SGD steps on predicting the next input (what a layer that reads the
// future learns first). In each state and at each length:
//
//   - gradient probes (exact): pick a row r and a cut t0 (T-2, a random
//     position, a random early position); the loss is a random projection of
//     every layer's output at row r, positions ≤ t0. Its gradient with
//     respect to the input must be exactly 0 at positions > t0 of row r
//     (causality) and everywhere in the other rows (batch independence). A
//     zero that must be exact leaves nothing to tolerate: the op kernels add
//     exact zeros where a mask or an upstream zero gradient applies.
//   - forward perturbations (for dependencies a gradient cannot see, such as
//     a comparison): change row r after t0, then all of row r; every other
//     row must stay bit-identical and row r at ≤ t0 within CausalTolRel
//     (chunked kernels may sum the same terms in another order).
//
// A leak is then localised: the first layer whose own output leaks, the
// output position that reads the future and the input position it reads.

// probeResult holds the two verdicts.
type probeResult struct {
	causal, batch Verdict
}

// leak is one dependency that must not exist.
type leak struct {
	T, layer     int
	row, pos     int // the output that depends on what it must not (pos -1: somewhere at ≤ cut)
	cut          int // the probe's cut t0
	inRow, inPos int // the input it depends on
	size         float64
	how, state   string
	inFrom       bool // the input is every position from inPos on (a forward perturbation)
}

// inText names the input position(s) a leak reads.
func (k *leak) inText() string {
	if k.inFrom {
		return fmt.Sprintf("positions ≥ %d", k.inPos)
	}
	return fmt.Sprintf("position %d", k.inPos)
}

func (k *leak) causalReason() string {
	out := fmt.Sprintf("the output at position %d", k.pos)
	if k.pos < 0 {
		out = fmt.Sprintf("an output at position ≤ %d", k.cut)
	}
	return fmt.Sprintf("layer %d (c.Layer=%d) reads the future: at T=%d, %s of row %d depends on the input at %s (%s %.3g, must be 0; %s)",
		k.layer, k.layer, k.T, out, k.row, k.inText(), k.how, k.size, k.state)
}

func (k *leak) batchReason() string {
	out := fmt.Sprintf("position %d", k.pos)
	if k.pos < 0 {
		out = fmt.Sprintf("a position ≤ %d", k.cut)
	}
	return fmt.Sprintf("layer %d (c.Layer=%d) mixes the batch: at T=%d, the output of row %d (%s) depends on the input of row %d at %s (%s %.3g, must be 0; %s)",
		k.layer, k.layer, k.T, k.row, out, k.inRow, k.inText(), k.how, k.size, k.state)
}

func (k *leak) details() map[string]any {
	return map[string]any{"T": k.T, "layer": k.layer, "row": k.row, "position": k.pos, "cut": k.cut,
		"input_row": k.inRow, "input_position": k.inPos, "input_from": k.inFrom, "change": k.size, "method": k.how, "parameters": k.state}
}

// probeProg is the compiled probe model at one length.
type probeProg struct {
	T    int
	tr   *traced
	prog *gpu.Program
	dx   *gpu.Param
}

func probe(ctx context.Context, m *meter, l *Layer) *probeResult {
	cfg := m.cfg
	const B = 3
	D, L := cfg.Layer.D, cfg.Layer.Layers
	both := func(err error) *probeResult {
		return &probeResult{causal: fail(CheckCausal, err), batch: fail(CheckBatch, err)}
	}
	ps := gpu.NewParamSet(cfg.Seed)
	var progs []*probeProg
	for _, T := range cfg.ProbeT {
		if err := m.step(ctx, CheckCausal, fmt.Sprintf("tracing T=%d", T)); err != nil {
			return both(err)
		}
		tr, err := trace(ctx, l, cfg, B, T, true)
		if err != nil {
			return both(fmt.Errorf("T=%d: %w", T, err))
		}
		var loss *gpu.Node
		for i, f := range tr.f {
			term := gpu.SumAll(gpu.Mul(f, tr.g.Input(fmt.Sprintf("w%d", i), B, T, D)))
			if loss == nil {
				loss = term
			} else {
				loss = gpu.Add(loss, term)
			}
		}
		prog, err := m.compile(tr, loss, &gpu.Options{Params: ps, Outputs: tr.f})
		if err != nil {
			return both(fmt.Errorf("T=%d: %w", T, err))
		}
		progs = append(progs, &probeProg{T: T, tr: tr, prog: prog, dx: ps.Get(dxName(B, T))})
	}

	r := rand.New(rand.NewPCG(cfg.Seed, 2))
	for _, p := range ps.List() {
		if !strings.HasPrefix(p.Name, "probe.") {
			for i := range p.Value.Data {
				p.Value.Data[i] += float32(cfg.ParamNoise * r.NormFloat64())
			}
		}
	}

	var causal, batch *leak
	gradProbes, fwdProbes, inconclusive := 0, 0, 0
	worstFwd := 0.0
	states := []string{fmt.Sprintf("parameters at initialisation + N(0, %g²)", cfg.ParamNoise),
		fmt.Sprintf("parameters after %d sign-SGD steps on predicting the next input", cfg.ProbeSteps)}
	for si, state := range states {
		if si == 1 {
			if err := m.step(ctx, CheckCausal, "training"); err != nil {
				return both(err)
			}
			if err := trainNextInput(ctx, m, l, ps, r); err != nil {
				return both(err)
			}
		}
		for _, pp := range progs {
			if causal != nil && batch != nil {
				break
			}
			T := pp.T
			x := randn(r, B*T*D)
			if err := pp.prog.SetInput("x", x); err != nil {
				return both(err)
			}
			for k := range cfg.Probes {
				if err := m.step(ctx, CheckCausal, fmt.Sprintf("T=%d gradient probe %d/%d", T, k+1, cfg.Probes)); err != nil {
					return both(err)
				}
				row := r.IntN(B)
				cut := T - 1 // T=1: batch only
				if T > 1 {
					switch k % 3 {
					case 0:
						cut = T - 2
					case 1:
						cut = r.IntN(T - 1)
					case 2:
						cut = r.IntN(max(T/4, 1))
					}
				}
				w := randn(r, B*T*D)
				lk, ok, err := gradLeak(pp, L, w, row, cut, -1, -1)
				if err != nil {
					return both(err)
				}
				gradProbes++
				if !ok {
					inconclusive++
					continue
				}
				if lk == nil {
					continue
				}
				lk.state = state
				if lk.inRow == row && causal == nil {
					causal = lk
				}
				if lk.inRow != row && batch == nil {
					batch = lk
				}
			}
			if err := m.step(ctx, CheckCausal, fmt.Sprintf("T=%d forward perturbation", T)); err != nil {
				return both(err)
			}
			kc, kb, worst, err := forwardLeak(pp, x, r, cfg.CausalTolRel)
			if err != nil {
				return both(err)
			}
			fwdProbes += 2
			worstFwd = math.Max(worstFwd, worst)
			if kc != nil && causal == nil {
				kc.state = state
				causal = kc
			}
			if kb != nil && batch == nil {
				kb.state = state
				batch = kb
			}
		}
	}

	det := func() map[string]any {
		return map[string]any{"T": cfg.ProbeT, "layers": L, "B": B, "gradient_probes": gradProbes,
			"forward_probes": fwdProbes, "inconclusive": inconclusive, "max_forward_change": worstFwd, "tolerance_rel": cfg.CausalTolRel}
	}
	res := &probeResult{}
	if causal == nil && batch == nil && inconclusive == gradProbes {
		why := fmt.Sprintf("could not be checked: the gradient was not finite in all %d probes (see the finite check)", gradProbes)
		res.causal = Verdict{Name: CheckCausal, Reason: why, Details: det()}
		res.batch = Verdict{Name: CheckBatch, Reason: why, Details: det()}
		return res
	}
	exact := ""
	if inconclusive > 0 {
		exact = fmt.Sprintf(", %d more inconclusive: gradient not finite", inconclusive)
		gradProbes -= inconclusive
	}
	if causal != nil {
		res.causal = Verdict{Name: CheckCausal, Reason: causal.causalReason(), Details: causal.details()}
	} else {
		res.causal = Verdict{Name: CheckCausal, OK: true, Details: det(),
			Reason: fmt.Sprintf("the gradient of outputs at ≤ t with respect to inputs after t is exactly 0 (%d probes at T in %v, %d layers, random rows and cuts, 2 parameter states%s); forward perturbations after t moved outputs at ≤ t by at most %.3g", gradProbes, cfg.ProbeT, L, exact, worstFwd)}
	}
	if batch != nil {
		res.batch = Verdict{Name: CheckBatch, Reason: batch.batchReason(), Details: batch.details()}
	} else {
		res.batch = Verdict{Name: CheckBatch, OK: true, Details: det(),
			Reason: fmt.Sprintf("the gradient of each probed row's outputs with respect to every other row is exactly 0, and perturbing a row left the others bit-identical (%d probes, B=%d, random rows%s)", gradProbes, B, exact)}
	}
	return res
}

// gradLeak runs one gradient probe on pp: the loss weights w at row, at
// positions ≤ cut (only at position onlyPos when ≥ 0) and for layer
// onlyLayer (all layers when < 0). It returns the first input the loss
// must not depend on but does (nil: none), and ok false when the gradient
// was not finite (the finite check reports that). A leak found with all
// layers is localised to its layer and output position.
func gradLeak(pp *probeProg, L int, w []float32, row, cut, onlyLayer, onlyPos int) (*leak, bool, error) {
	T, D := pp.T, pp.tr.x.Dim(2)
	B := pp.tr.x.Dim(0)
	masked := make([]float32, len(w))
	for t := 0; t <= cut; t++ {
		if onlyPos >= 0 && t != onlyPos {
			continue
		}
		i := (row*T + t) * D
		copy(masked[i:i+D], w[i:i+D])
	}
	zero := make([]float32, len(w))
	for i := range L {
		in := zero
		if onlyLayer < 0 || onlyLayer == i {
			in = masked
		}
		if err := pp.prog.SetInput(fmt.Sprintf("w%d", i), in); err != nil {
			return nil, false, err
		}
	}
	pp.prog.Forward()
	if err := pp.prog.Backward(); err != nil {
		return nil, false, err
	}
	g := pp.dx.Grad.Data
	var found *leak
	for b := range B {
		for t := range T {
			if b == row && t <= cut {
				continue
			}
			for c := range D {
				v := float64(g[(b*T+t)*D+c])
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, false, nil
				}
				if math.Abs(v) > gradZero && found == nil {
					found = &leak{T: T, layer: onlyLayer, row: row, pos: onlyPos, cut: cut, inRow: b, inPos: t, size: math.Abs(v), how: "gradient"}
				}
			}
		}
	}
	if found == nil || onlyLayer >= 0 || onlyPos >= 0 {
		return found, true, nil
	}
	// Localise: the first layer whose output leaks, then the output position.
	hits := func(k *leak) bool { return k != nil && k.inRow == found.inRow && k.inPos == found.inPos }
	for i := range L {
		k, _, err := gradLeak(pp, L, w, row, cut, i, -1)
		if err != nil {
			return nil, false, err
		}
		if hits(k) {
			found.layer = i
			found.size = k.size
			break
		}
	}
	if found.layer < 0 {
		found.layer = 0 // only the sum of layers leaks: report the first
	}
	for t := cut; t >= 0 && t > cut-64; t-- {
		k, _, err := gradLeak(pp, L, w, row, cut, found.layer, t)
		if err != nil {
			return nil, false, err
		}
		if hits(k) {
			found.pos = t
			found.size = k.size
			break
		}
	}
	return found, true, nil
}

// forwardLeak perturbs row r of x after a random cut, then all of row r,
// and compares every layer's outputs: other rows must be bit-identical
// and row r at ≤ cut within tolRel of max |f|. It returns the first
// causal and batch leaks found and the largest change at ≤ cut.
func forwardLeak(pp *probeProg, x []float32, r *rand.Rand, tolRel float64) (causal, batch *leak, worst float64, err error) {
	B, T, D := pp.tr.x.Dim(0), pp.T, pp.tr.x.Dim(2)
	run := func(in []float32) ([][]float32, error) {
		if err := pp.prog.SetInput("x", in); err != nil {
			return nil, err
		}
		pp.prog.Forward()
		var out [][]float32
		for _, f := range pp.tr.f {
			out = append(out, append([]float32(nil), pp.prog.Value(f).Data...))
		}
		return out, nil
	}
	y0, err := run(x)
	if err != nil {
		return nil, nil, 0, err
	}
	row := r.IntN(B)
	cut := -1
	if T > 1 {
		cut = r.IntN(T - 1)
	}
	for pass := range 2 {
		from := cut + 1
		if pass == 1 {
			from = 0
		}
		xp := append([]float32(nil), x...)
		for t := from; t < T; t++ {
			for c := range D {
				xp[(row*T+t)*D+c] = float32(3 * r.NormFloat64())
			}
		}
		y1, err := run(xp)
		if err != nil {
			return nil, nil, 0, err
		}
		for li := range y0 {
			tol := tolRel * math.Max(maxAbs(y0[li]), 1e-6)
			for b := range B {
				for t := range T {
					for c := range D {
						i := (b*T+t)*D + c
						if math.Float32bits(y0[li][i]) == math.Float32bits(y1[li][i]) {
							continue // bit-identical, NaN included
						}
						d := math.Abs(float64(y1[li][i] - y0[li][i]))
						switch {
						case b != row && batch == nil:
							batch = &leak{T: T, layer: li, row: b, pos: t, cut: T - 1, inRow: row, inPos: from, inFrom: true, size: d, how: "a change of the output by"}
						case b == row && t <= cut && pass == 0:
							worst = math.Max(worst, d)
							if d > tol && causal == nil {
								causal = &leak{T: T, layer: li, row: b, pos: t, cut: cut, inRow: row, inPos: cut + 1, inFrom: true, size: d, how: "a change of the output by"}
							}
						}
					}
				}
			}
		}
	}
	return causal, batch, worst, nil
}

// trainNextInput takes cfg.ProbeSteps sign-SGD steps (each parameter moves
// by lr against the sign of its gradient, like Adam's first steps) on
// predicting x[t+1] from the model's output at t, at the training length:
// a layer that can read the future learns to, so a look-ahead gated by a
// zero-initialised scale opens.
func trainNextInput(ctx context.Context, m *meter, l *Layer, ps *gpu.ParamSet, r *rand.Rand) error {
	cfg := m.cfg
	B, T, D := 2, cfg.TrainT, cfg.Layer.D
	tr, err := trace(ctx, l, cfg, B, T, false)
	if err != nil {
		return fmt.Errorf("T=%d: %w", T, err)
	}
	target := tr.g.Input("target", B, T, D)
	diff := gpu.Sub(tr.y, target)
	loss := gpu.MeanAll(gpu.Mul(diff, diff))
	prog, err := m.compile(tr, loss, &gpu.Options{Params: ps})
	if err != nil {
		return err
	}
	const lr = 0.01
	for step := range cfg.ProbeSteps {
		if err := m.step(ctx, CheckCausal, fmt.Sprintf("training step %d/%d", step+1, cfg.ProbeSteps)); err != nil {
			return err
		}
		x := randn(r, B*T*D)
		next := make([]float32, len(x))
		for b := range B {
			copy(next[b*T*D:(b*T+T-1)*D], x[b*T*D+D:(b+1)*T*D])
		}
		if err := prog.SetInput("x", x); err != nil {
			return err
		}
		if err := prog.SetInput("target", next); err != nil {
			return err
		}
		prog.Forward()
		if err := prog.Backward(); err != nil {
			return err
		}
		for _, p := range ps.List() {
			if strings.HasPrefix(p.Name, "probe.") {
				continue
			}
			for i, g := range p.Grad.Data {
				switch {
				case g > 0:
					p.Value.Data[i] -= lr
				case g < 0:
					p.Value.Data[i] += lr
				}
			}
		}
	}
	return nil
}

// gradZero is the largest gradient the probes count as 0. The kernels'
// float32 exp is clamped at e^-87.3 ≈ 1.2e-38 instead of underflowing to
// 0, so a softmax score masked to −1e9 keeps a weight near 1e-38 and
// carries gradients of that size to the future it masks; 1e-30 is eight
// orders of magnitude above that floor and far below any leak a layer could
// learn to use (a look-ahead scaled by 1e-30 changes nothing in float32).
const gradZero = 1e-30
