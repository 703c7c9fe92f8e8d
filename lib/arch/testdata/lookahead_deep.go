//go:build ignore

// A look-ahead only in the layers after the first (c.Layer >= 1), which a
// one-layer check never builds. Causality must catch it in layer 1.
package layer

import "archlab/op"

type Layer struct {
	Deep   bool
	Wv, Wo *op.Node
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{Deep: c.Layer >= 1, Wv: p.Linear("wv", c.D, c.D), Wo: p.Linear("wo", c.D, c.D)}
}

func (l *Layer) Forward(x *op.Node) *op.Node {
	v := op.Linear(x, l.Wv)
	t := v.Dim(1)
	if !l.Deep || t < 2 {
		return op.Linear(v, l.Wo)
	}
	next := op.Concat(1, op.Slice(v, 1, 1, t), op.Fill(op.Slice(v, 1, 0, 1), 0))
	return op.Linear(op.Add(v, next), l.Wo)
}
