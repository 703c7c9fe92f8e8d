package op

import (
	"fmt"
	"math"

	"github.com/archlab/archlab/gpu"
)

// Node is one traced tensor. Its methods only describe it.
type Node struct {
	n *gpu.Node
	s *HostScope
}

// Shape returns a copy of the node's shape, e.g. [8 512 128].
func (x *Node) Shape() []int { return x.n.Shape() }

// Dim returns dimension i; negative i counts from the end (-1 is the last).
func (x *Node) Dim(i int) int {
	r := len(x.n.Shape())
	if i < 0 {
		i += r
	}
	if i < 0 || i >= r {
		panic(fmt.Sprintf("op: Dim(%d) of shape %v", i, x.n.Shape()))
	}
	return x.n.Shape()[i]
}

// Rank returns the number of dimensions.
func (x *Node) Rank() int { return len(x.n.Shape()) }

// Config is what a layer is built from; the host fills it from the preset.
type Config struct {
	D        int // model width d_model, e.g. 128
	Heads    int // heads, e.g. 4
	HeadDim  int // D / Heads, e.g. 32
	ConvSize int // short-convolution width, e.g. 4
	Layer    int // index of this layer in the stack, from 0
	Layers   int // layers in the stack, e.g. 4
}

// Params declares a layer's trainable parameters. Names are unique within
// a layer (the host prefixes them with the layer's index).
type Params struct {
	g *gpu.Graph
	s *HostScope
}

func (p *Params) param(name string, init gpu.Init, shape []int) *Node {
	n := 1
	for _, d := range shape {
		if d <= 0 {
			panic(fmt.Sprintf("op: parameter %q: shape %v: dimensions must be positive", name, shape))
		}
		n *= d
		if n > p.s.MaxElems {
			panic(fmt.Sprintf("op: parameter %q: shape %v is over the sandbox limit of %d elements", name, shape, p.s.MaxElems))
		}
	}
	p.s.params += n
	if p.s.MaxParams > 0 && p.s.params > p.s.MaxParams {
		panic(fmt.Sprintf("op: parameter %q: %d parameter elements in all is over the sandbox limit of %d", name, p.s.params, p.s.MaxParams))
	}
	return p.s.wrap(p.g.Param(name, shape, init))
}

// Linear declares a weight (in, out) for Linear, drawn like PyTorch's
// nn.Linear: U(±1/√in).
func (p *Params) Linear(name string, in, out int) *Node {
	return p.param(name, gpu.LinearInit(), []int{in, out})
}

// Conv declares a short-convolution kernel (channels, width) for
// ShortConv, drawn like PyTorch's depthwise nn.Conv1d: U(±1/√width).
func (p *Params) Conv(name string, channels, width int) *Node {
	a := 1 / math.Sqrt(float64(width))
	return p.param(name, gpu.Uniform(-a, a), []int{channels, width})
}

// Zeros declares a parameter starting at 0 (biases).
func (p *Params) Zeros(name string, shape ...int) *Node {
	return p.param(name, gpu.Zeros(), shape)
}

// Ones declares a parameter starting at 1 (norm weights).
func (p *Params) Ones(name string, shape ...int) *Node {
	return p.param(name, gpu.Ones(), shape)
}

// Fill declares a parameter starting at v everywhere.
func (p *Params) Fill(name string, v float64, shape ...int) *Node {
	return p.param(name, gpu.Constant(float32(v)), shape)
}

// Normal declares a parameter drawn from N(0, std²).
func (p *Params) Normal(name string, std float64, shape ...int) *Node {
	return p.param(name, gpu.Normal(std), shape)
}

// Uniform declares a parameter drawn from U(lo, hi).
func (p *Params) Uniform(name string, lo, hi float64, shape ...int) *Node {
	return p.param(name, gpu.Uniform(lo, hi), shape)
}
