//go:build ignore

// Linear attention normalised by q·Σk without a positive feature map or an
// epsilon: the denominator crosses 0. The finite check must flag it under
// random inputs even when no NaN shows up.
package layer

import "archlab/op"

type Layer struct {
	Heads          int
	Wq, Wk, Wv, Wo *op.Node
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{Heads: c.Heads, Wq: p.Linear("wq", c.D, c.D), Wk: p.Linear("wk", c.D, c.D),
		Wv: p.Linear("wv", c.D, c.D), Wo: p.Linear("wo", c.D, c.D)}
}

func (l *Layer) Forward(x *op.Node) *op.Node {
	q := op.SplitHeads(op.Linear(x, l.Wq), l.Heads)
	k := op.SplitHeads(op.Linear(x, l.Wk), l.Heads)
	v := op.SplitHeads(op.Linear(x, l.Wv), l.Heads)
	num := op.LinearAttention(q, k, v)
	den := op.LinearAttention(q, k, op.Fill(op.Slice(v, -1, 0, 1), 1)) // q_t · Σ k_s: signed
	return op.Linear(op.MergeHeads(op.Div(num, den)), l.Wo)
}
