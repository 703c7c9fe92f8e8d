package gpu

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// exampleLoss returns sum(y ⊙ R) for a fixed random R, so every output
// element carries a distinct gradient.
func exampleLoss(y *Node, seed uint64) *Node {
	r := rand.New(rand.NewPCG(seed, 99))
	t := NewTensor(y.shape...)
	for i := range t.Data {
		t.Data[i] = float32(r.NormFloat64())
	}
	return SumAll(Mul(y, y.Graph().Const(t)))
}

// fillExample fills the inputs, tokens and parameters of e with
// deterministic random values: N(0,1) for floats, [0,vocab) for tokens.
func fillExample[F Float](e *exec[F], seed uint64) {
	r := rand.New(rand.NewPCG(seed, 7))
	for _, n := range e.nodes {
		switch n.kind {
		case kindInput, kindParam:
			for i := range e.val[n.id] {
				e.val[n.id][i] = F(r.NormFloat64())
			}
		case kindTokens:
			for i := range e.ints[n.id] {
				e.ints[n.id][i] = int32(r.IntN(n.vocab))
			}
		}
	}
}

func compileExample[F Float](y *Node, b Backend, seed uint64) (*exec[F], *Node, error) {
	loss := exampleLoss(y, seed)
	e, err := newExec[F](y.g, loss, []*Node{y}, b, true, true, func(n *Node) ([]F, []F) {
		return make([]F, n.Len()), make([]F, n.Len())
	})
	if err != nil {
		return nil, nil, err
	}
	fillExample(e, seed)
	return e, loss, nil
}

// CheckGradients checks the backward kernels behind node y against
// central finite differences in float64: it builds loss = sum(y ⊙ R) for
// a random R, fills every Input and Param of y's graph with N(0,1) values
// (Tokens uniformly in [0,vocab)), and compares the analytic gradient of
// every float input and parameter element with (L(x+h)-L(x-h))/2h.
//
// Operands that must stay in a domain (Log, Sqrt) should be mapped there
// inside the example graph, e.g. Log(AddScalar(Softplus(x), 0.1)).
// It returns an error naming the tensor, the element and both values.
func CheckGradients(y *Node, seed uint64) error {
	const (
		h   = 1e-6
		tol = 1e-5 // relative; float64 central differences with h=1e-6 are good to ~1e-8
	)
	e, loss, err := compileExample[float64](y, Reference(), seed)
	if err != nil {
		return err
	}
	e.forward()
	e.backward()
	lossOf := func() float64 {
		e.forward()
		return e.val[loss.id][0]
	}
	for _, n := range e.nodes {
		if n.kind != kindInput && n.kind != kindParam {
			continue
		}
		v, g := e.val[n.id], e.grad[n.id]
		if g == nil {
			continue // does not reach the loss
		}
		an := append([]float64(nil), g...)
		for i := range v {
			x := v[i]
			v[i] = x + h
			lp := lossOf()
			v[i] = x - h
			lm := lossOf()
			v[i] = x
			num := (lp - lm) / (2 * h)
			if d := math.Abs(num - an[i]); d > tol*max(1, math.Abs(num), math.Abs(an[i])) || math.IsNaN(an[i]) {
				return fmt.Errorf("gpu: gradient of %v element %d: analytic %.9g, numeric %.9g (output %v)", n, i, an[i], num, y)
			}
		}
	}
	return nil
}

// ExampleResult is what RunExample computed: the output and the gradient
// of every float input and parameter (by name).
type ExampleResult struct {
	Out   []float32
	Grads map[string][]float32
}

// RunExample runs y's graph forward and backward in float32 on b with
// the same deterministic inputs CheckGradients uses. backendtest compares
// its results on a backend with those on Reference.
func RunExample(y *Node, b Backend, seed uint64) (*ExampleResult, error) {
	e, _, err := compileExample[float32](y, b, seed)
	if err != nil {
		return nil, err
	}
	defer e.arena.Release() // the results below are copies
	// Use the float64 generator's values so float32 and float64 runs agree.
	e.forward()
	e.backward()
	res := &ExampleResult{Out: append([]float32(nil), e.val[y.id]...), Grads: map[string][]float32{}}
	for _, n := range e.nodes {
		if (n.kind == kindInput || n.kind == kindParam) && e.grad[n.id] != nil {
			res.Grads[n.name] = append([]float32(nil), e.grad[n.id]...)
		}
	}
	return res, nil
}
