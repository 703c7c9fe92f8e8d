package gpu_test

import (
	"testing"

	"github.com/archlab/archlab/gpu"
)

// ownerBackend is the Reference backend owning its buffers through a
// countingArena.
type ownerBackend struct {
	gpu.Backend
	arenas []*countingArena
	pad    int // extra capacity to hand out (misuse)
}

func (o *ownerBackend) NewArena() gpu.Arena {
	a := &countingArena{pad: o.pad}
	o.arenas = append(o.arenas, a)
	return a
}

// countingArena allocates from the Go heap and counts what it hands out.
type countingArena struct {
	buffers  int
	bytes    int64
	released int
	pad      int
}

func (a *countingArena) Float32s(n int) []float32 {
	a.buffers, a.bytes = a.buffers+1, a.bytes+4*int64(n)
	return make([]float32, n, n+a.pad)
}

func (a *countingArena) Float64s(n int) []float64 {
	a.buffers, a.bytes = a.buffers+1, a.bytes+8*int64(n)
	return make([]float64, n, n+a.pad)
}

func (a *countingArena) Int32s(n int) []int32 {
	a.buffers, a.bytes = a.buffers+1, a.bytes+4*int64(n)
	return make([]int32, n, n+a.pad)
}

func (a *countingArena) Release() { a.released++ }

// mlp is the package example's model: (B,T) tokens → SwiGLU MLP → loss.
func mlp() (*gpu.Graph, *gpu.Node) {
	const B, T, V, C = 2, 5, 5, 8
	g := gpu.NewGraph()
	ids := g.Tokens("ids", V, B, T)
	tgt := g.Tokens("targets", V, B, T)
	x := gpu.Embedding(ids, g.Param("emb", []int{V, C}, gpu.Normal(1)))
	h := gpu.SwiGLU(gpu.MatMul(x, g.Param("w1", []int{C, 2 * C}, gpu.LinearInit())))
	return g, gpu.CrossEntropy(gpu.MatMul(h, g.Param("head", []int{C, V}, gpu.LinearInit())), tgt)
}

func trainMLP(t *testing.T, b gpu.Backend, opts *gpu.Options) (*gpu.Program, float32) {
	t.Helper()
	g, loss := mlp()
	prog, err := gpu.Compile(g, loss, b, opts)
	if err != nil {
		t.Fatal(err)
	}
	ids := []int32{0, 1, 2, 3, 4, 1, 2, 3, 4, 0}
	prog.SetTokens("ids", ids)
	prog.SetTokens("targets", []int32{1, 2, 3, 4, 0, 2, 3, 4, 0, 1})
	opt := gpu.NewAdamW(prog.Params(), gpu.DefaultAdamW())
	var l float32
	for step := range 5 {
		if l, err = prog.TrainStep(step, opt, 1e-2); err != nil {
			t.Fatal(err)
		}
	}
	return prog, l
}

// TestBufferOwner: a backend that owns buffers gets every one of a
// Program's (but the parameters') from its arena, training is unchanged,
// and Close releases the arena once.
func TestBufferOwner(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts *gpu.Options
	}{
		{"train", &gpu.Options{Seed: 1}},
		{"forward only", &gpu.Options{Seed: 1, NoGrad: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			owner := &ownerBackend{Backend: gpu.Reference()}
			var prog *gpu.Program
			var got, want float32
			if tc.opts.NoGrad {
				g, loss := mlp()
				p, err := gpu.Compile(g, nil, owner, &gpu.Options{Seed: 1, NoGrad: true, Outputs: []*gpu.Node{loss}})
				if err != nil {
					t.Fatal(err)
				}
				prog = p
			} else {
				prog, got = trainMLP(t, owner, tc.opts)
				_, want = trainMLP(t, gpu.Reference(), tc.opts)
				if got != want {
					t.Errorf("loss %v with the arena, %v without", got, want)
				}
			}
			if len(owner.arenas) != 1 {
				t.Fatalf("%d arenas, want 1", len(owner.arenas))
			}
			a := owner.arenas[0]
			var params int64
			for _, p := range prog.Params().List() {
				params += 2 * 4 * int64(p.Value.Len()) // value and gradient, in the ParamSet
			}
			if a.buffers == 0 || a.bytes != prog.Bytes()-params {
				t.Errorf("arena: %d buffers, %d bytes; want the program's %d bytes less %d of parameters", a.buffers, a.bytes, prog.Bytes(), params)
			}
			prog.Close()
			prog.Close()
			if a.released != 1 {
				t.Errorf("released %d times, want 1", a.released)
			}
		})
	}
}

// TestArenaMisuse: an arena handing out spare capacity would let pooled
// buffers overlap, so Compile refuses it.
func TestArenaMisuse(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Error("Compile accepted an arena buffer with spare capacity")
		}
	}()
	g, loss := mlp()
	gpu.Compile(g, loss, &ownerBackend{Backend: gpu.Reference(), pad: 1}, &gpu.Options{Seed: 1})
}
