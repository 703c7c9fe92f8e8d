//go:build ignore

// A look-ahead active only for sequences longer than 64, above the length
// the old check ran at (48). Causality must catch it at T=65 or more.
package layer

import "archlab/op"

type Layer struct {
	Wv, Wo *op.Node
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{Wv: p.Linear("wv", c.D, c.D), Wo: p.Linear("wo", c.D, c.D)}
}

func (l *Layer) Forward(x *op.Node) *op.Node {
	v := op.Linear(x, l.Wv)
	t := v.Dim(1)
	if t <= 64 {
		return op.Linear(v, l.Wo)
	}
	next := op.Concat(1, op.Slice(v, 1, 1, t), op.Fill(op.Slice(v, 1, 0, 1), 0))
	return op.Linear(op.Add(v, next), l.Wo)
}
