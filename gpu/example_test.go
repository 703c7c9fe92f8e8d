package gpu_test

import (
	"fmt"

	"github.com/archlab/archlab/gpu"
)

// A two-layer MLP language model over a 5-token vocabulary learns the
// cycle 0→1→2→3→4→0.
func Example() {
	const B, T, V, C = 2, 5, 5, 8
	g := gpu.NewGraph()
	ids := g.Tokens("ids", V, B, T)
	tgt := g.Tokens("targets", V, B, T)
	x := gpu.Embedding(ids, g.Param("emb", []int{V, C}, gpu.Normal(1)))
	h := gpu.SwiGLU(gpu.MatMul(x, g.Param("w1", []int{C, 2 * C}, gpu.LinearInit()))) // (B,T,C)
	loss := gpu.CrossEntropy(gpu.MatMul(h, g.Param("head", []int{C, V}, gpu.LinearInit())), tgt)

	prog, err := gpu.Compile(g, loss, gpu.Reference(), &gpu.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	prog.SetTokens("ids", []int32{0, 1, 2, 3, 4, 2, 3, 4, 0, 1})
	prog.SetTokens("targets", []int32{1, 2, 3, 4, 0, 3, 4, 0, 1, 2})
	cfg := gpu.DefaultAdamW()
	cfg.LR = 0.05
	opt := gpu.NewAdamW(prog.Params(), cfg)
	var first, last float32
	for step := range 100 {
		l, err := prog.TrainStep(step, opt, cfg.LR)
		if err != nil {
			panic(err)
		}
		if step == 0 {
			first = l
		}
		last = l
	}
	fmt.Println("params:", prog.Params().Count())
	fmt.Printf("loss fell from about %.1f: %v\n", first, last < 0.05)
	// Output:
	// params: 208
	// loss fell from about 1.6: true
}
