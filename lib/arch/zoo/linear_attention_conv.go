//go:build ignore

// Linear attention as in linear_attention (the elu+1 feature map, the
// output normalised by the running sum of keys) with DeltaNet's short
// causal convolutions on q, k and v: the fairer comparison, since every
// recurrent layer in the zoo has them and without them a layer sees the
// previous token only through its state. linear_attention stays as it
// was, so older results remain comparable.
package layer

import "archlab/op"

type Layer struct {
	Heads          int
	Wq, Wk, Wv, Wo *op.Node // (D, D)
	Cq, Ck, Cv     *op.Node // (D, ConvSize): short convolutions
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{
		Heads: c.Heads,
		Wq:    p.Linear("wq", c.D, c.D),
		Wk:    p.Linear("wk", c.D, c.D),
		Wv:    p.Linear("wv", c.D, c.D),
		Wo:    p.Linear("wo", c.D, c.D),
		Cq:    p.Conv("cq", c.D, c.ConvSize),
		Ck:    p.Conv("ck", c.D, c.ConvSize),
		Cv:    p.Conv("cv", c.D, c.ConvSize),
	}
}

// Forward maps x (B,T,C) to (B,T,C).
func (l *Layer) Forward(x *op.Node) *op.Node {
	h := l.Heads
	q := op.AddConst(op.ELU(op.SplitHeads(op.ShortConv(op.Linear(x, l.Wq), l.Cq), h)), 1) // (B,T,H,D), positive
	k := op.AddConst(op.ELU(op.SplitHeads(op.ShortConv(op.Linear(x, l.Wk), l.Ck), h)), 1)
	v := op.SplitHeads(op.ShortConv(op.Linear(x, l.Wv), l.Cv), h)
	num := op.LinearAttention(q, k, v)                                 // (B,T,H,D)
	den := op.LinearAttention(q, k, op.Fill(op.Slice(v, -1, 0, 1), 1)) // (B,T,H,1): q_t · Σ k_s
	o := op.Div(num, op.AddConst(den, 1e-6))
	return op.Linear(op.MergeHeads(o), l.Wo)
}
