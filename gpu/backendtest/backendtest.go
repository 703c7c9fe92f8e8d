// Package backendtest is the conformance suite every gpu.Backend must
// pass: GEMMs in every layout on ragged shapes against gpu.NaiveGemm,
// Parallel coverage, every registered op's examples, forward and
// backward, against gpu.Reference (the backend's own kernels where it is
// a gpu.KernelProvider, the reference kernels elsewhere), and the AdamW
// update (the backend's where it is a gpu.AdamWUpdater) against
// gpu.AdamWReference.
//
//	func TestConformance(t *testing.T) {
//		b := cpu.New(cpu.Options{Threads: 2})
//		defer b.Close()
//		backendtest.RunAll(t, b)
//	}
package backendtest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/archlab/archlab/gpu"
)

// RunAll runs the whole suite on b.
func RunAll(t *testing.T, b gpu.Backend) {
	t.Run("Parallel", func(t *testing.T) { TestParallel(t, b) })
	t.Run("Gemm", func(t *testing.T) { TestGemm(t, b) })
	t.Run("Ops", func(t *testing.T) { TestOps(t, b) })
	t.Run("OpsSplitEverything", func(t *testing.T) {
		defer gpu.SetParallelGrain(1)() // every kernel takes its parallel path, even on tiny shapes
		TestOps(t, b)
	})
	t.Run("AdamW", func(t *testing.T) { TestAdamW(t, b) })
}

// TestParallel checks Parallel covers [0,n) exactly once.
func TestParallel(t *testing.T, b gpu.Backend) {
	for _, n := range []int{0, 1, 2, 3, 17, 1000, 100003} {
		hits := make([]int32, n)
		b.Parallel(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				atomic.AddInt32(&hits[i], 1)
			}
		})
		for i, h := range hits {
			if h != 1 {
				t.Fatalf("n=%d: index %d visited %d times", n, i, h)
			}
		}
	}
}

type gemmCase struct {
	tA, tB         bool
	M, N, K, batch int
	shareA, shareB bool
	accumulate     bool // StrideC = 0
	alpha, beta    float64
}

func (c gemmCase) String() string {
	return fmt.Sprintf("tA=%v tB=%v M=%d N=%d K=%d batch=%d shareA=%v shareB=%v acc=%v alpha=%v beta=%v",
		c.tA, c.tB, c.M, c.N, c.K, c.batch, c.shareA, c.shareB, c.accumulate, c.alpha, c.beta)
}

func gemmCases() []gemmCase {
	var cs []gemmCase
	for _, sz := range [][3]int{{17, 33, 5}, {1, 1, 1}, {64, 3, 100}, {5, 130, 17}, {300, 70, 129}} {
		for _, tA := range []bool{false, true} {
			for _, tB := range []bool{false, true} {
				cs = append(cs, gemmCase{tA: tA, tB: tB, M: sz[0], N: sz[1], K: sz[2], batch: 1, alpha: 1})
			}
		}
	}
	cs = append(cs,
		gemmCase{M: 17, N: 9, K: 33, batch: 5, alpha: 1, beta: 0.5},
		gemmCase{tB: true, M: 64, N: 64, K: 32, batch: 7, alpha: 0.25},
		gemmCase{tA: true, M: 33, N: 130, K: 17, batch: 3, shareB: true, alpha: 1, beta: 1},
		gemmCase{tA: true, M: 40, N: 50, K: 60, batch: 4, accumulate: true, alpha: 1, beta: 1},
		gemmCase{M: 13, N: 120, K: 70, batch: 3, shareA: true, accumulate: false, alpha: 2},
		gemmCase{tA: true, tB: true, M: 100, N: 300, K: 50, batch: 2, accumulate: true, alpha: 1, beta: 0},
	)
	return cs
}

func fill[F gpu.Float](r *rand.Rand, n int) []F {
	x := make([]F, n)
	for i := range x {
		x[i] = F(r.NormFloat64())
	}
	return x
}

func build[F gpu.Float](c gemmCase, r *rand.Rand) gpu.Gemm[F] {
	g := gpu.Gemm[F]{TransA: c.tA, TransB: c.tB, M: c.M, N: c.N, K: c.K, Alpha: F(c.alpha), Beta: F(c.beta), Batch: c.batch}
	g.LDA, g.LDB, g.LDC = c.K, c.N, c.N
	if c.tA {
		g.LDA = c.M
	}
	if c.tB {
		g.LDB = c.K
	}
	g.StrideA, g.StrideB, g.StrideC = c.M*c.K, c.K*c.N, c.M*c.N
	if c.shareA {
		g.StrideA = 0
	}
	if c.shareB {
		g.StrideB = 0
	}
	if c.accumulate {
		g.StrideC = 0
	}
	g.A = fill[F](r, c.M*c.K*max(1, c.batch))
	g.B = fill[F](r, c.K*c.N*max(1, c.batch))
	g.C = fill[F](r, c.M*c.N*max(1, c.batch))
	return g
}

// TestGemm compares Sgemm and Dgemm with gpu.NaiveGemm.
func TestGemm(t *testing.T, b gpu.Backend) {
	for i, c := range gemmCases() {
		r := rand.New(rand.NewPCG(uint64(i), 1))
		g32 := build[float32](c, r)
		want := g32
		want.C = append([]float32(nil), g32.C...)
		gpu.NaiveGemm(want)
		b.Sgemm(g32)
		tol := 1e-5 * math.Sqrt(float64(c.K*max(1, c.batch))) * 4 // fp32 sums of K·batch unit-variance products
		if j, d := maxDiff(g32.C, want.C, tol); j >= 0 {
			t.Errorf("Sgemm %v: C[%d] off by %g (tol %g)", c, j, d, tol)
		}
		r = rand.New(rand.NewPCG(uint64(i), 1))
		g64 := build[float64](c, r)
		w64 := g64
		w64.C = append([]float64(nil), g64.C...)
		gpu.NaiveGemm(w64)
		b.Dgemm(g64)
		if j, d := maxDiff(g64.C, w64.C, 1e-10*float64(c.K)); j >= 0 {
			t.Errorf("Dgemm %v: C[%d] off by %g", c, j, d)
		}
	}
}

func maxDiff[F gpu.Float](got, want []F, tol float64) (int, float64) {
	for i := range got {
		d := math.Abs(float64(got[i] - want[i]))
		if !(d <= tol*max(1, math.Abs(float64(want[i])))) {
			return i, d
		}
	}
	return -1, 0
}

// TestAdamW runs three AdamW steps (weight decay on one parameter, the
// gradient clipped) through AdamW.StepOn on b, which is b's own update
// where it is a gpu.AdamWUpdater, and compares the parameters with the
// host reference's (gpu.AdamWReference).
func TestAdamW(t *testing.T, b gpu.Backend) {
	const tol = 1e-5 // float32, a few operations per element, relative to max(1, |w|)
	run := func(on gpu.Backend) *gpu.ParamSet {
		g := gpu.NewGraph()
		w := g.Param("w", []int{17, 33}, gpu.Normal(1)) // rank 2: decayed
		v := g.Param("v", []int{5}, gpu.Normal(1))      // rank 1: not decayed
		ps := gpu.NewParamSet(3)
		if _, err := gpu.Compile(g, gpu.Add(gpu.SumAll(w), gpu.SumAll(v)), gpu.Reference(), &gpu.Options{Params: ps}); err != nil {
			t.Fatal(err)
		}
		cfg := gpu.DefaultAdamW()
		cfg.WeightDecay, cfg.ClipNorm = 0.1, 1
		opt := gpu.NewAdamW(ps, cfg)
		for step := range 3 {
			r := rand.New(rand.NewPCG(uint64(step), 5))
			for _, p := range ps.List() {
				for i := range p.Grad.Data {
					p.Grad.Data[i] = float32(r.NormFloat64())
				}
			}
			if _, err := opt.StepOn(on, 1e-2); err != nil {
				t.Fatal(err)
			}
		}
		return ps
	}
	got, want := run(b), run(nil)
	for _, p := range want.List() {
		if j, d := maxDiff(got.Get(p.Name).Value.Data, p.Value.Data, tol); j >= 0 {
			t.Errorf("%s[%d] after 3 AdamW steps: %v, reference %v (diff %g)", p.Name, j, got.Get(p.Name).Value.Data[j], p.Value.Data[j], d)
		}
	}
}

// TestOps runs every registered op's examples forward and backward in
// float32 on b and on gpu.Reference and compares outputs and gradients.
func TestOps(t *testing.T, b gpu.Backend) {
	const tol = 1e-4 // float32, sums of ≤ 100 terms, relative to max(1, |value|)
	for _, d := range gpu.Ops() {
		if d.Examples == nil {
			continue
		}
		t.Run(d.Name, func(t *testing.T) {
			g := gpu.NewGraph()
			for i, y := range d.Examples(g) {
				got, err := gpu.RunExample(y, b, uint64(i+1))
				if err != nil {
					t.Fatal(err)
				}
				want, err := gpu.RunExample(y, gpu.Reference(), uint64(i+1))
				if err != nil {
					t.Fatal(err)
				}
				if j, diff := maxDiff(got.Out, want.Out, tol); j >= 0 {
					t.Errorf("example %d (%v): out[%d] = %v, reference %v (diff %g)", i, y, j, got.Out[j], want.Out[j], diff)
				}
				for name, gw := range want.Grads {
					if j, diff := maxDiff(got.Grads[name], gw, tol); j >= 0 {
						t.Errorf("example %d (%v): grad %s[%d] = %v, reference %v (diff %g)", i, y, name, j, got.Grads[name][j], gw[j], diff)
					}
				}
			}
		})
	}
}
