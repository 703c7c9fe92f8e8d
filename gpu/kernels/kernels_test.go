package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

type inputs[F Float] struct {
	q, k, v, beta, g, do []F
}

func randInputs[F Float](c Config, seed uint64) inputs[F] {
	rng := rand.New(rand.NewPCG(seed, 7))
	nk, nv, ns := c.B*c.T*c.H*c.DK, c.B*c.T*c.H*c.DV, c.B*c.T*c.H
	f := func(n int, lo, hi float64) []F {
		x := make([]F, n)
		for i := range x {
			x[i] = F(lo + (hi-lo)*rng.Float64())
		}
		return x
	}
	in := inputs[F]{q: f(nk, -1, 1), k: f(nk, -1, 1), v: f(nv, -1, 1), do: f(nv, -1, 1)}
	// L2-normalise k per token and head, as the models do, so the delta
	// rule stays contractive.
	for i := 0; i < nk; i += c.DK {
		var s float64
		for _, x := range in.k[i : i+c.DK] {
			s += float64(x) * float64(x)
		}
		for j := range in.k[i : i+c.DK] {
			in.k[i+j] /= F(math.Sqrt(s))
		}
	}
	if c.Mixer.HasBeta() {
		in.beta = f(ns, 0.1, 0.9)
	}
	if c.Mixer.HasGate() {
		in.g = f(ns, -0.5, 0)
	}
	return in
}

type grads[F Float] struct {
	o, dq, dk, dv, dbeta, dg []F
}

func runPlan[F Float](c Config, in inputs[F]) grads[F] {
	p := NewPlan[F](c)
	c = p.Config()
	nk, nv, ns := c.B*c.T*c.H*c.DK, c.B*c.T*c.H*c.DV, c.B*c.T*c.H
	var r grads[F]
	r.o = make([]F, nv)
	r.dq, r.dk, r.dv = make([]F, nk), make([]F, nk), make([]F, nv)
	if c.Mixer.HasBeta() {
		r.dbeta = make([]F, ns)
	}
	if c.Mixer.HasGate() {
		r.dg = make([]F, ns)
	}
	p.Forward(r.o, in.q, in.k, in.v, in.beta, in.g)
	p.Backward(r.dq, r.dk, r.dv, r.dbeta, r.dg, in.do, in.q, in.k, in.v, in.beta, in.g)
	return r
}

// naiveForward is the package doc's recurrence written with whole matrices,
// independent of the kernels' code.
func naiveForward(c Config, in inputs[float64]) []float64 {
	o := make([]float64, c.B*c.T*c.H*c.DV)
	scale := c.Scale
	if scale == 0 {
		scale = 1 / math.Sqrt(float64(c.DK))
	}
	for b := range c.B {
		for h := range c.H {
			S := make([][]float64, c.DV)
			for i := range S {
				S[i] = make([]float64, c.DK)
			}
			for t := range c.T {
				base := (b*c.T+t)*c.H + h
				q, k, v := in.q[base*c.DK:][:c.DK], in.k[base*c.DK:][:c.DK], in.v[base*c.DV:][:c.DV]
				a := 1.0
				if in.g != nil {
					a = math.Exp(in.g[base])
				}
				u := make([]float64, c.DV)
				for i := range c.DV {
					u[i] = v[i]
					if in.beta != nil {
						var sk float64
						for j := range c.DK {
							sk += a * S[i][j] * k[j]
						}
						u[i] = in.beta[base] * (v[i] - sk)
					}
				}
				for i := range c.DV {
					for j := range c.DK {
						S[i][j] = a*S[i][j] + u[i]*k[j]
					}
					var acc float64
					for j := range c.DK {
						acc += S[i][j] * q[j]
					}
					o[base*c.DV+i] = acc * scale
				}
			}
		}
	}
	return o
}

var mixers = []Mixer{LinearAttention, SSD, DeltaRule, GatedDeltaRule}

func maxRelDiff[F Float](want, got []F) (float64, int) {
	var scale float64
	for _, w := range want {
		scale = max(scale, math.Abs(float64(w)))
	}
	worst, at := 0.0, -1
	for i := range want {
		d := math.Abs(float64(want[i])-float64(got[i])) / max(scale, 1e-30)
		if d > worst || math.IsNaN(d) {
			worst, at = d, i
		}
	}
	return worst, at
}

func TestRecurrentMatchesNaive(t *testing.T) {
	for _, m := range mixers {
		c := Config{Mixer: m, Algo: Recurrent, B: 2, T: 37, H: 3, DK: 7, DV: 5, Chunk: 8}
		in := randInputs[float64](c, 1)
		want := naiveForward(c, in)
		got := runPlan(c, in).o
		const tol = 1e-12 // float64, sums of at most T·DK terms
		if d, at := maxRelDiff(want, got); d > tol {
			t.Errorf("%v: o[%d] want %g got %g (rel %g)", m, at, want[at], got[at], d)
		}
	}
}

// TestChunkedMatchesRecurrent compares both algorithms on ragged shapes,
// with T not a multiple of the chunk, forward and backward.
func TestChunkedMatchesRecurrent(t *testing.T) {
	shapes := []Config{
		{B: 2, T: 77, H: 3, DK: 17, DV: 13, Chunk: 16},
		{B: 1, T: 77, H: 2, DK: 17, DV: 17},          // chunk 64: one full, one ragged
		{B: 3, T: 5, H: 1, DK: 4, DV: 6, Workers: 2}, // shorter than a chunk
		{B: 1, T: 130, H: 2, DK: 8, DV: 8, Chunk: 64},
	}
	for _, m := range mixers {
		for _, sh := range shapes {
			name := fmt.Sprintf("%v/B%dT%dH%dK%dV%dC%d", m, sh.B, sh.T, sh.H, sh.DK, sh.DV, sh.Chunk)
			t.Run(name, func(t *testing.T) {
				c := sh
				c.Mixer = m
				in := randInputs[float64](c, 2)
				c.Algo = Recurrent
				want := runPlan(c, in)
				c.Algo = Chunked
				got := runPlan(c, in)
				const tol = 1e-10 // float64; the chunked form reassociates sums and inverts (I+A)
				for _, x := range []struct {
					name      string
					want, got []float64
				}{{"o", want.o, got.o}, {"dq", want.dq, got.dq}, {"dk", want.dk, got.dk}, {"dv", want.dv, got.dv},
					{"dbeta", want.dbeta, got.dbeta}, {"dg", want.dg, got.dg}} {
					if d, at := maxRelDiff(x.want, x.got); d > tol {
						t.Errorf("%s[%d]: -want %g +got %g (rel %g)", x.name, at, x.want[at], x.got[at], d)
					}
				}
			})
		}
	}
}

// TestGradientsFiniteDifference checks both algorithms' backward passes
// against central differences of L = Σ o⊙do in float64.
func TestGradientsFiniteDifference(t *testing.T) {
	for _, m := range mixers {
		for _, algo := range []Algo{Recurrent, Chunked} {
			t.Run(m.String()+"/"+algo.String(), func(t *testing.T) {
				c := Config{Mixer: m, Algo: algo, B: 2, T: 11, H: 2, DK: 5, DV: 3, Chunk: 4}
				in := randInputs[float64](c, 3)
				got := runPlan(c, in)
				loss := func() float64 {
					o := runPlan(c, in).o
					var s float64
					for i := range o {
						s += o[i] * in.do[i]
					}
					return s
				}
				for _, x := range []struct {
					name string
					x, g []float64
				}{{"q", in.q, got.dq}, {"k", in.k, got.dk}, {"v", in.v, got.dv}, {"beta", in.beta, got.dbeta}, {"g", in.g, got.dg}} {
					for i := range x.x {
						const h = 1e-6
						old := x.x[i]
						x.x[i] = old + h
						lp := loss()
						x.x[i] = old - h
						lm := loss()
						x.x[i] = old
						fd := (lp - lm) / (2 * h)
						const tol = 1e-7 // central difference error O(h²) plus rounding O(1e-16/h)
						if math.Abs(fd-x.g[i]) > tol*max(1, math.Abs(fd)) {
							t.Errorf("d%s[%d]: finite difference %g, backward %g", x.name, i, fd, x.g[i])
						}
					}
				}
			})
		}
	}
}

// TestFloat32 checks the float32 kernels against the float64 ones at the
// reference model's head shape.
func TestFloat32(t *testing.T) {
	// 16, 32, 64 with DK = DV take the C scan's register-blocked forward;
	// 24 and DK ≠ DV the generic one.
	for _, d := range [][2]int{{16, 16}, {24, 24}, {32, 32}, {64, 64}, {32, 16}} {
		for _, m := range mixers {
			for _, algo := range []Algo{Recurrent, Chunked} {
				c := Config{Mixer: m, Algo: algo, B: 1, T: 200, H: 2, DK: d[0], DV: d[1]}
				in := randInputs[float64](c, 4)
				conv := func(x []float64) []float32 {
					if x == nil {
						return nil
					}
					y := make([]float32, len(x))
					for i := range x {
						y[i] = float32(x[i])
					}
					return y
				}
				in32 := inputs[float32]{conv(in.q), conv(in.k), conv(in.v), conv(in.beta), conv(in.g), conv(in.do)}
				want, got := runPlan(c, in), runPlan(c, in32)
				const tol = 1e-4 // float32 rounding over 200 steps of 32-term sums
				for _, x := range []struct {
					name string
					want []float64
					got  []float32
				}{{"o", want.o, got.o}, {"dq", want.dq, got.dq}, {"dk", want.dk, got.dk}, {"dv", want.dv, got.dv}, {"dbeta", want.dbeta, got.dbeta}, {"dg", want.dg, got.dg}} {
					var worst, scale float64
					for i := range x.want {
						scale = max(scale, math.Abs(x.want[i]))
						worst = max(worst, math.Abs(x.want[i]-float64(x.got[i])))
					}
					if worst > tol*max(scale, 1) {
						t.Errorf("%v/%v D%v %s: max abs diff %g (scale %g)", m, algo, d, x.name, worst, scale)
					}
				}
			}
		}
	}
}

func TestMisusePanics(t *testing.T) {
	p := NewPlan[float32](Config{Mixer: DeltaRule, B: 1, T: 4, H: 1, DK: 2, DV: 2})
	x := make([]float32, 8)
	defer func() {
		if r := recover(); r == nil {
			t.Fatal("Forward without beta did not panic")
		}
	}()
	p.Forward(x, x, x, x, nil, nil)
}
