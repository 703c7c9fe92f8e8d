//go:build ignore

// Linear attention (Katharopoulos et al., 2020) in its classic form: the
// feature map elu(x)+1 on q and k, S_t = S_{t-1} + v_t k_tᵀ, and the output
// normalised by the running sum of keys: o_t = S_t q_t / (q_t · Σ_{s≤t} k_s).
package layer

import "archlab/op"

type Layer struct {
	Heads          int
	Wq, Wk, Wv, Wo *op.Node // (D, D)
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{
		Heads: c.Heads,
		Wq:    p.Linear("wq", c.D, c.D),
		Wk:    p.Linear("wk", c.D, c.D),
		Wv:    p.Linear("wv", c.D, c.D),
		Wo:    p.Linear("wo", c.D, c.D),
	}
}

// Forward maps x (B,T,C) to (B,T,C).
func (l *Layer) Forward(x *op.Node) *op.Node {
	q := op.AddConst(op.ELU(op.SplitHeads(op.Linear(x, l.Wq), l.Heads)), 1) // (B,T,H,D), positive
	k := op.AddConst(op.ELU(op.SplitHeads(op.Linear(x, l.Wk), l.Heads)), 1)
	v := op.SplitHeads(op.Linear(x, l.Wv), l.Heads)
	num := op.LinearAttention(q, k, v)                                 // (B,T,H,D)
	den := op.LinearAttention(q, k, op.Fill(op.Slice(v, -1, 0, 1), 1)) // (B,T,H,1): q_t · Σ k_s
	o := op.Div(num, op.AddConst(den, 1e-6))
	return op.Linear(op.MergeHeads(o), l.Wo)
}
