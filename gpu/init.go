package gpu

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
)

// Init fills a parameter of the given shape from rng. Weights of MatMul
// are laid out (in, out): fan-in is shape[0] for rank 2, the product of
// all but the last dimension otherwise.
type Init func(data []float32, shape []int, rng *rand.Rand)

// Zeros fills with 0.
func Zeros() Init { return Constant(0) }

// Ones fills with 1 (norm weights).
func Ones() Init { return Constant(1) }

// Constant fills with v.
func Constant(v float32) Init {
	return func(d []float32, _ []int, _ *rand.Rand) {
		for i := range d {
			d[i] = v
		}
	}
}

// Normal draws from N(0, std²).
func Normal(std float64) Init {
	return func(d []float32, _ []int, r *rand.Rand) {
		for i := range d {
			d[i] = float32(r.NormFloat64() * std)
		}
	}
}

// Uniform draws from U(lo, hi).
func Uniform(lo, hi float64) Init {
	return func(d []float32, _ []int, r *rand.Rand) {
		for i := range d {
			d[i] = float32(lo + (hi-lo)*r.Float64())
		}
	}
}

// XavierUniform draws from U(±sqrt(6/(fanIn+fanOut))).
func XavierUniform() Init {
	return func(d []float32, shape []int, r *rand.Rand) {
		in, out := fans(shape)
		a := math.Sqrt(6 / float64(in+out))
		Uniform(-a, a)(d, shape, r)
	}
}

// LinearInit is PyTorch nn.Linear's default: U(±1/sqrt(fanIn)).
func LinearInit() Init {
	return func(d []float32, shape []int, r *rand.Rand) {
		in, _ := fans(shape)
		a := 1 / math.Sqrt(float64(in))
		Uniform(-a, a)(d, shape, r)
	}
}

func fans(shape []int) (in, out int) {
	switch len(shape) {
	case 0:
		return 1, 1
	case 1:
		return shape[0], shape[0]
	}
	out = shape[len(shape)-1]
	return numel(shape) / out, out
}

// Param is one trainable tensor with its gradient.
type Param struct {
	Name  string
	Value *Tensor
	Grad  *Tensor
	init  Init
}

// ParamSet holds the parameters of one model by name, shared by every
// Program compiled against it (a training and an evaluation program of
// different batch sizes see the same weights).
type ParamSet struct {
	Seed   uint64 // initialisation seed
	list   []*Param
	byName map[string]*Param
}

// NewParamSet returns an empty set whose parameters are initialised from
// seed when they are first added (by Compile).
func NewParamSet(seed uint64) *ParamSet {
	return &ParamSet{Seed: seed, byName: map[string]*Param{}}
}

// add returns the parameter for node n, creating and initialising it.
func (s *ParamSet) add(n *Node) (*Param, error) {
	if p, ok := s.byName[n.name]; ok {
		if !sameShape(p.Value.Shape, n.shape) {
			return nil, fmt.Errorf("gpu: param %q has shape %v in the set, %v in the graph", n.name, p.Value.Shape, n.shape)
		}
		return p, nil
	}
	p := &Param{Name: n.name, Value: NewTensor(n.shape...), Grad: NewTensor(n.shape...), init: n.init}
	p.init(p.Value.Data, p.Value.Shape, paramRNG(s.Seed, p.Name))
	s.list = append(s.list, p)
	s.byName[p.Name] = p
	return p, nil
}

// paramRNG seeds each parameter from (seed, name), so adding a parameter
// does not change the others' initial values.
func paramRNG(seed uint64, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// Reinit re-draws every parameter from seed.
func (s *ParamSet) Reinit(seed uint64) {
	s.Seed = seed
	for _, p := range s.list {
		p.init(p.Value.Data, p.Value.Shape, paramRNG(seed, p.Name))
	}
}

// Get returns the named parameter, or nil.
func (s *ParamSet) Get(name string) *Param { return s.byName[name] }

// List returns the parameters in the order they were added.
func (s *ParamSet) List() []*Param { return s.list }

// Count returns the total number of elements.
func (s *ParamSet) Count() int {
	n := 0
	for _, p := range s.list {
		n += p.Value.Len()
	}
	return n
}

// ZeroGrads clears every gradient.
func (s *ParamSet) ZeroGrads() {
	for _, p := range s.list {
		clear(p.Grad.Data)
	}
}
