package gpu_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/gpu/backendtest"
)

// ownSigmoid is the reference backend with one kernel of its own, the
// sigmoid's forward (written here, in float64, not the op table's), and
// its own AdamW update: the override paths of gpu.KernelProvider and
// gpu.AdamWUpdater. The sigmoid's backward is left to the reference
// kernel, which reads the forward's output.
type ownSigmoid struct {
	gpu.Backend
	forwards, updates atomic.Int64
}

var (
	_ gpu.KernelProvider = (*ownSigmoid)(nil)
	_ gpu.AdamWUpdater   = (*ownSigmoid)(nil)
)

func newOwnSigmoid() *ownSigmoid { return &ownSigmoid{Backend: gpu.Reference()} }

func (b *ownSigmoid) Name() string { return "own-sigmoid" }

func (b *ownSigmoid) OpKernels(n *gpu.Node) (gpu.Kernels[float32], bool) {
	if n.Op() != "sigmoid" {
		return gpu.Kernels[float32]{}, false
	}
	return gpu.Kernels[float32]{Forward: b.sigmoid}, true
}

func (b *ownSigmoid) sigmoid(c *gpu.Call[float32]) { // out, x are (N)
	b.forwards.Add(1)
	c.Parallel(len(c.Out), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			c.Out[i] = float32(1 / (1 + math.Exp(-float64(c.In[0][i]))))
		}
	})
}

func (b *ownSigmoid) AdamWUpdate(u gpu.AdamWUpdate) {
	b.updates.Add(1)
	for i, w := range u.W {
		g := float64(u.G[i]) * float64(u.GradScale)
		m := float64(u.Beta1)*float64(u.M[i]) + (1-float64(u.Beta1))*g
		v := float64(u.Beta2)*float64(u.V[i]) + (1-float64(u.Beta2))*g*g
		wf := float64(w) * (1 - float64(u.LR)*float64(u.WeightDecay))
		wf -= float64(u.LR) * m * float64(u.InvBC1) / (math.Sqrt(v)*float64(u.InvSqrtBC2) + float64(u.Eps))
		u.M[i], u.V[i], u.W[i] = float32(m), float32(v), float32(wf)
	}
}

// TestKernelProviderConformance: a backend's own kernel and update pass
// the suite every backend passes, compared with the reference twins.
func TestKernelProviderConformance(t *testing.T) {
	b := newOwnSigmoid()
	backendtest.RunAll(t, b)
	if b.forwards.Load() == 0 || b.updates.Load() == 0 {
		t.Errorf("the suite ran the backend's sigmoid %d times and its AdamW update %d times; want both > 0", b.forwards.Load(), b.updates.Load())
	}
}

// TestKernelProviderOverride trains a small graph with a sigmoid on the
// providing backend and on the reference: the backend's kernel and update
// run (and only for the sigmoid), the other ops fall back to the
// reference kernels, and losses and parameters match.
func TestKernelProviderOverride(t *testing.T) {
	const B, C, H = 17, 33, 5
	train := func(b gpu.Backend) (*gpu.Program, []float32) {
		g := gpu.NewGraph()
		x := g.Input("x", B, C)
		h := gpu.Sigmoid(gpu.MatMul(x, g.Param("w1", []int{C, H}, gpu.LinearInit()))) // (B,H)
		loss := gpu.MeanAll(gpu.Mul(h, gpu.MatMul(h, g.Param("w2", []int{H, H}, gpu.LinearInit()))))
		prog, err := gpu.Compile(g, loss, b, &gpu.Options{Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(1, 2))
		xs := make([]float32, B*C)
		for i := range xs {
			xs[i] = float32(r.NormFloat64())
		}
		if err := prog.SetInput("x", xs); err != nil {
			t.Fatal(err)
		}
		cfg := gpu.DefaultAdamW()
		cfg.ClipNorm = 0.5
		opt := gpu.NewAdamW(prog.Params(), cfg)
		var losses []float32
		for step := range 3 {
			l, err := prog.TrainStep(step, opt, 1e-2)
			if err != nil {
				t.Fatal(err)
			}
			losses = append(losses, l)
		}
		return prog, losses
	}
	own := newOwnSigmoid()
	pg, got := train(own)
	pw, want := train(gpu.Reference())
	if f, u := own.forwards.Load(), own.updates.Load(); f != 3 || u != 3*2 {
		t.Errorf("backend sigmoid ran %d times, its AdamW update %d times; want 3 (one per step) and 6 (two parameters × 3 steps)", f, u)
	}
	if ops := pg.BackendOps(); !slices.Equal(ops, []string{"sigmoid"}) {
		t.Errorf("BackendOps %v, want [sigmoid]", ops)
	}
	if ops := pw.BackendOps(); len(ops) != 0 {
		t.Errorf("the reference backend's BackendOps %v, want none", ops)
	}
	const tol = 1e-5 // float32 vs the float64 sigmoid and update, three steps
	for i := range want {
		if d := math.Abs(float64(got[i] - want[i])); d > tol*max(1, math.Abs(float64(want[i]))) {
			t.Errorf("step %d loss: -want %v +got %v", i, want[i], got[i])
		}
	}
	for _, p := range pw.Params().List() {
		q := pg.Params().Get(p.Name).Value.Data
		for i, w := range p.Value.Data {
			if d := math.Abs(float64(q[i] - w)); d > tol*max(1, math.Abs(float64(w))) {
				t.Fatalf("%s[%d] after 3 steps: -want %v +got %v", p.Name, i, w, q[i])
			}
		}
	}
}
