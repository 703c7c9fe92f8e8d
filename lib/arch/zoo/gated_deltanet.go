//go:build ignore

// Gated DeltaNet (Yang et al., 2025): DeltaNet with a per-head decay
// α_t = exp(g_t), g_t = −exp(A) · softplus(W_a x + dt_bias) (Mamba2's
// parameterisation), S_t = α_t S_{t-1} + β_t (v_t − α_t S_{t-1} k_t) k_tᵀ,
// and an output gate SiLU(W_g x) after the per-head RMSNorm.
package layer

import "archlab/op"

type Layer struct {
	Heads              int
	Wq, Wk, Wv, Wg, Wo *op.Node // (D, D)
	Wb, Wa             *op.Node // (D, Heads): write strength and decay rate
	ALog, DtBias       *op.Node // (Heads)
	Cq, Ck, Cv         *op.Node // (D, ConvSize)
	Norm               *op.Node // (HeadDim)
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{
		Heads:  c.Heads,
		Wq:     p.Linear("wq", c.D, c.D),
		Wk:     p.Linear("wk", c.D, c.D),
		Wv:     p.Linear("wv", c.D, c.D),
		Wg:     p.Linear("wg", c.D, c.D),
		Wo:     p.Linear("wo", c.D, c.D),
		Wb:     p.Linear("wb", c.D, c.Heads),
		Wa:     p.Linear("wa", c.D, c.Heads),
		ALog:   p.Uniform("a_log", 0, 2.7, c.Heads),       // A in [1, 15]
		DtBias: p.Uniform("dt_bias", -6.9, -2.3, c.Heads), // softplus in [0.001, 0.1]
		Cq:     p.Conv("cq", c.D, c.ConvSize),
		Ck:     p.Conv("ck", c.D, c.ConvSize),
		Cv:     p.Conv("cv", c.D, c.ConvSize),
		Norm:   p.Ones("norm", c.HeadDim),
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
	beta := op.Sigmoid(op.Linear(x, l.Wb))                      // (B,T,H)
	rate := op.Softplus(op.Add(op.Linear(x, l.Wa), l.DtBias))   // (B,T,H)
	g := op.Mul(rate, op.Neg(op.Exp(l.ALog)))                   // (B,T,H), log decay ≤ 0
	o := op.GatedDeltaRule(q, k, v, beta, g)                    // (B,T,H,D)
	gate := op.SiLU(op.SplitHeads(op.Linear(x, l.Wg), l.Heads)) // (B,T,H,D)
	o = op.Mul(op.RMSNorm(o, l.Norm), gate)
	return op.Linear(op.MergeHeads(o), l.Wo)
}
