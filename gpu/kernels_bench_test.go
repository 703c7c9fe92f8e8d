package gpu

import (
	"math/rand/v2"
	"testing"
)

func randSlice(n int) []float32 {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(r.NormFloat64())
	}
	return x
}

// benchOp times one op's forward or backward kernel through a compiled
// program on the Reference backend (one thread).
func benchOp(b *testing.B, build func(g *Graph) *Node, backward bool) {
	g := NewGraph()
	y := build(g)
	e, _, err := compileExample[float32](y, Reference(), 1)
	if err != nil {
		b.Fatal(err)
	}
	e.forward()
	var s step[float32]
	for _, st := range e.fwd {
		if st.n == y {
			s = st
		}
	}
	if backward {
		e.backward()
	}
	b.ReportAllocs()
	b.SetBytes(int64(4 * y.Len()))
	for b.Loop() {
		if backward {
			s.k.Backward(s.c)
		} else {
			s.k.Forward(s.c)
		}
	}
}

func BenchmarkKernels(b *testing.B) {
	cases := []struct {
		name  string
		build func(g *Graph) *Node
	}{
		{"RMSNorm_4096x128", func(g *Graph) *Node { return RMSNorm(g.Input("x", 4096, 128), g.Param("w", []int{128}, Ones()), 1e-5) }},
		{"L2Norm_16384x32", func(g *Graph) *Node { return L2Norm(g.Input("x", 16384, 32), 1e-6) }},
		{"SwiGLU_4096x704", func(g *Graph) *Node { return SwiGLU(g.Input("x", 4096, 704)) }},
		{"SiLU_4096x384", func(g *Graph) *Node { return SiLU(g.Input("x", 4096, 384)) }},
		{"Add_4096x128", func(g *Graph) *Node { return Add(g.Input("x", 4096, 128), g.Input("y", 4096, 128)) }},
		{"Conv1DSiLU_8x512x384_K4", func(g *Graph) *Node {
			return CausalConv1DSiLU(g.Input("x", 8, 512, 384), g.Param("w", []int{384, 4}, Normal(1)))
		}},
		{"CrossEntropy_4096x256", func(g *Graph) *Node { return CrossEntropy(g.Input("x", 4096, 256), g.Tokens("t", 256, 4096)) }},
	}
	for _, c := range cases {
		b.Run(c.name+"/fwd", func(b *testing.B) { benchOp(b, c.build, false) })
		b.Run(c.name+"/bwd", func(b *testing.B) { benchOp(b, c.build, true) })
	}
}
