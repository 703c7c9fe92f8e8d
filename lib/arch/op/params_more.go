package op

import (
	"fmt"
	"math/rand/v2"

	"github.com/archlab/archlab/gpu"
)

// Dirac declares a short-convolution kernel (channels, width) for
// ShortConv that starts as the identity: the last tap (the current
// position) is 1, the others 0, plus N(0, noise²) on every tap. It is
// the "identity-initialised FIR" of ASI-ARCH's multi-scale layers, which
// keeps a long convolution from smoothing the signal before it learns.
func (p *Params) Dirac(name string, channels, width int, noise float64) *Node {
	return p.param(name, func(d []float32, shape []int, r *rand.Rand) {
		k := shape[1]
		for i := range d {
			d[i] = float32(r.NormFloat64() * noise)
			if i%k == k-1 {
				d[i]++
			}
		}
	}, []int{channels, width})
}

// Pattern declares a parameter whose elements start as values repeated
// in order, e.g. a router bias of shape (Heads, 4) starting at
// (−1, −1, 1, 3) for every head. The size of shape must be a multiple of
// len(values).
func (p *Params) Pattern(name string, values []float64, shape ...int) *Node {
	n := 1
	for _, d := range shape {
		n *= d
	}
	if len(values) == 0 || n%len(values) != 0 {
		panic(fmt.Sprintf("op: Pattern %q: %d values do not tile shape %v", name, len(values), shape))
	}
	vals := append([]float64(nil), values...)
	return p.param(name, gpu.Init(func(d []float32, _ []int, _ *rand.Rand) {
		for i := range d {
			d[i] = float32(vals[i%len(vals)])
		}
	}), shape)
}
