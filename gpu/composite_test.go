package gpu

import (
	"runtime"
	"testing"
)

// TestCompositeGradient checks whole-graph gradients (views sharing
// gradient buffers, pooled gradient memory, fan-out accumulation) on a
// small attention-plus-MLP block against finite differences.
func TestCompositeGradient(t *testing.T) {
	const B, T, H, D = 2, 5, 2, 3
	C := H * D
	g := NewGraph()
	x := g.Input("x", B, T, C)
	h := RMSNorm(x, g.Param("n1", []int{C}, Normal(1)), 1e-5)
	qkv := CausalConv1DSiLU(MatMul(h, g.Param("wqkv", []int{C, 3 * C}, Normal(0.5))), g.Param("conv", []int{3 * C, 3}, Normal(0.5)))
	p := Split(qkv, -1, C, C, C)
	heads := func(n *Node) *Node { return Transpose(Reshape(n, B, T, H, D), 0, 2, 1, 3) } // (B,H,T,D)
	q, k, v := heads(L2Norm(p[0], 1e-6)), heads(p[1]), heads(p[2])
	s := Where(CausalMask(g, T), Scale(MatMulT(q, k, false, true), 0.5), g.Full(-30, 1))
	o := Transpose(MatMul(Softmax(s, 1), v), 0, 2, 1, 3) // (B,T,H,D)
	x = Add(x, MatMul(Reshape(o, B, T, C), g.Param("wo", []int{C, C}, Normal(0.5))))
	m := SwiGLU(MatMul(RMSNorm(x, g.Param("n2", []int{C}, Normal(1)), 1e-5), g.Param("w1", []int{C, 4}, Normal(0.5))))
	x = Add(x, MatMul(m, g.Param("w2", []int{2, C}, Normal(0.5))))
	y := Concat(-1, x, MeanKeep(x, -1).Named("mean"), Reshape(Entropy(x), B, T, 1))
	if err := CheckGradients(y, 3); err != nil {
		t.Fatal(err)
	}
}

// TestStepsDoNotGrowMemory checks a training step's allocations stay
// small and constant: buffers are planned once at Compile.
func TestStepsDoNotGrowMemory(t *testing.T) {
	g, loss := tinyLM(4, 16, 13, 32)
	prog, err := Compile(g, loss, Reference(), &Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	prog.SetTokens("ids", make([]int32, 64))
	prog.SetTokens("targets", make([]int32, 64))
	opt := NewAdamW(prog.Params(), DefaultAdamW())
	step := 0
	run := func() {
		if _, err := prog.TrainStep(step, opt, 1e-3); err != nil {
			t.Fatal(err)
		}
		step++
	}
	run() // optimiser moments are created on the first step
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	allocs := testing.AllocsPerRun(20, run)
	runtime.ReadMemStats(&m1)
	const maxAllocs = 100 // a few closures per parallel kernel call
	if allocs > maxAllocs {
		t.Errorf("%v allocations per step, want ≤ %d", allocs, maxAllocs)
	}
	if perStep := (m1.TotalAlloc - m0.TotalAlloc) / 21; perStep > 32<<10 {
		t.Errorf("%d bytes allocated per step, want ≤ 32 KiB (buffers are planned at Compile)", perStep)
	}
}
