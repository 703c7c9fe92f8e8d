//go:build ignore

// Softmax attention with rotary position embeddings (Su et al., 2021): the
// fair Transformer reference. Causal, multi-head, q and k rotated by RoPE
// (base 10000) before the scaled dot product, so a score sees the distance
// between query and key. softmax_attention is the same layer without RoPE
// and stays as it was, so older results remain comparable. Quadratic in T
// by design: the complexity check flags it.
package layer

import (
	"math"

	"archlab/op"
)

type Layer struct {
	Heads          int
	Wq, Wk, Wv, Wo *op.Node // (D, D)
	Scale          float64
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{
		Heads: c.Heads,
		Wq:    p.Linear("wq", c.D, c.D),
		Wk:    p.Linear("wk", c.D, c.D),
		Wv:    p.Linear("wv", c.D, c.D),
		Wo:    p.Linear("wo", c.D, c.D),
		Scale: 1 / math.Sqrt(float64(c.HeadDim)),
	}
}

// Forward maps x (B,T,C) to (B,T,C).
func (l *Layer) Forward(x *op.Node) *op.Node {
	q := op.RoPE(op.SplitHeads(op.Linear(x, l.Wq), l.Heads)) // (B,T,H,D)
	k := op.RoPE(op.SplitHeads(op.Linear(x, l.Wk), l.Heads))
	v := op.SplitHeads(op.Linear(x, l.Wv), l.Heads)
	// (B,T,H,D) -> (B,H,T,D) for the batched products.
	q, k, v = op.Transpose(q, 1, 2), op.Transpose(k, 1, 2), op.Transpose(v, 1, 2)
	s := op.Scale(op.MatMul(q, op.Transpose(k, 2, 3)), l.Scale) // (B,H,T,T)
	a := op.Softmax(op.CausalMask(s))
	o := op.Transpose(op.MatMul(a, v), 1, 2) // (B,T,H,D)
	return op.Linear(op.MergeHeads(o), l.Wo)
}
