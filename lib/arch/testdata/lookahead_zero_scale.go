//go:build ignore

// A look-ahead hidden behind a zero-initialised learnable scale: invisible
// at initialisation, learned in training. Causality must catch it.
package layer

import "archlab/op"

type Layer struct {
	Wv, Wo *op.Node
	Peek   *op.Node // (1), starts at 0
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{Wv: p.Linear("wv", c.D, c.D), Wo: p.Linear("wo", c.D, c.D), Peek: p.Zeros("peek", 1)}
}

func (l *Layer) Forward(x *op.Node) *op.Node {
	v := op.Linear(x, l.Wv)
	t := v.Dim(1)
	if t < 2 {
		return op.Linear(v, l.Wo)
	}
	next := op.Concat(1, op.Slice(v, 1, 1, t), op.Fill(op.Slice(v, 1, 0, 1), 0)) // v[t+1], 0 at the end
	return op.Linear(op.Add(v, op.Mul(next, l.Peek)), l.Wo)
}
