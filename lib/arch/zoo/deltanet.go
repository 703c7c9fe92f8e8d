//go:build ignore

// DeltaNet (Yang et al., 2024), the baseline: q, k, v projections through
// short causal convolutions and SiLU, L2-normalised q and k, a per-head
// write strength β = σ(W_β x), the delta rule
// S_t = S_{t-1} + β_t (v_t − S_{t-1} k_t) k_tᵀ, o_t = S_t q_t, then a
// per-head RMSNorm and the output projection.
package layer

import "archlab/op"

type Layer struct {
	Heads          int
	Wq, Wk, Wv, Wo *op.Node // (D, D)
	Wb             *op.Node // (D, Heads): write strength β
	Cq, Ck, Cv     *op.Node // (D, ConvSize): short convolutions
	Norm           *op.Node // (HeadDim): output RMSNorm weight
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{
		Heads: c.Heads,
		Wq:    p.Linear("wq", c.D, c.D),
		Wk:    p.Linear("wk", c.D, c.D),
		Wv:    p.Linear("wv", c.D, c.D),
		Wo:    p.Linear("wo", c.D, c.D),
		Wb:    p.Linear("wb", c.D, c.Heads),
		Cq:    p.Conv("cq", c.D, c.ConvSize),
		Ck:    p.Conv("ck", c.D, c.ConvSize),
		Cv:    p.Conv("cv", c.D, c.ConvSize),
		Norm:  p.Ones("norm", c.HeadDim),
	}
}

// Forward maps x (B,T,C) to (B,T,C).
func (l *Layer) Forward(x *op.Node) *op.Node {
	q := op.SiLU(op.ShortConv(op.Linear(x, l.Wq), l.Cq))
	k := op.SiLU(op.ShortConv(op.Linear(x, l.Wk), l.Ck))
	v := op.SiLU(op.ShortConv(op.Linear(x, l.Wv), l.Cv))
	q = op.L2Norm(op.SplitHeads(q, l.Heads)) // (B,T,H,D)
	k = op.L2Norm(op.SplitHeads(k, l.Heads))
	v = op.SplitHeads(v, l.Heads)
	beta := op.Sigmoid(op.Linear(x, l.Wb)) // (B,T,H)
	o := op.DeltaRule(q, k, v, beta)       // (B,T,H,D)
	o = op.RMSNorm(o, l.Norm)
	return op.Linear(op.MergeHeads(o), l.Wo)
}
