//go:build ignore

// A Mamba2-style layer (Dao & Gu, 2024): input x and per-head B, C through
// short convolutions and SiLU, a per-head step Δ = softplus(W_Δ x + dt_bias),
// the scalar-decay scan (SSD) h_t = exp(Δ_t A) h_{t-1} + Δ_t x_t B_tᵀ,
// y_t = h_t C_t, a skip D·x, a SiLU(z) output gate and an RMSNorm.
// B and C have one group per head (ngroups = heads), state size = head width.
package layer

import "archlab/op"

type Layer struct {
	Heads              int
	Wx, Wb, Wc, Wz, Wo *op.Node // (D, D)
	Wdt                *op.Node // (D, Heads)
	ALog, DtBias, Skip *op.Node // (Heads)
	Cx, Cb, Cc         *op.Node // (D, ConvSize)
	Norm               *op.Node // (HeadDim)
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{
		Heads:  c.Heads,
		Wx:     p.Linear("wx", c.D, c.D),
		Wb:     p.Linear("wb", c.D, c.D),
		Wc:     p.Linear("wc", c.D, c.D),
		Wz:     p.Linear("wz", c.D, c.D),
		Wo:     p.Linear("wo", c.D, c.D),
		Wdt:    p.Linear("wdt", c.D, c.Heads),
		ALog:   p.Uniform("a_log", 0, 2.7, c.Heads),
		DtBias: p.Uniform("dt_bias", -6.9, -2.3, c.Heads),
		Skip:   p.Ones("skip", c.Heads),
		Cx:     p.Conv("cx", c.D, c.ConvSize),
		Cb:     p.Conv("cb", c.D, c.ConvSize),
		Cc:     p.Conv("cc", c.D, c.ConvSize),
		Norm:   p.Ones("norm", c.HeadDim),
	}
}

// Forward maps x (B,T,C) to (B,T,C).
func (l *Layer) Forward(x *op.Node) *op.Node {
	h := l.Heads
	xs := op.SplitHeads(op.SiLU(op.ShortConv(op.Linear(x, l.Wx), l.Cx)), h) // (B,T,H,P)
	b := op.SplitHeads(op.SiLU(op.ShortConv(op.Linear(x, l.Wb), l.Cb)), h)  // (B,T,H,N)
	c := op.SplitHeads(op.SiLU(op.ShortConv(op.Linear(x, l.Wc), l.Cc)), h)  // (B,T,H,N)
	dt := op.Softplus(op.Add(op.Linear(x, l.Wdt), l.DtBias))                // (B,T,H)
	g := op.Mul(dt, op.Neg(op.Exp(l.ALog)))                                 // (B,T,H) = Δ·A
	v := op.Mul(xs, op.Reshape(dt, dt.Dim(0), dt.Dim(1), h, 1))             // x·Δ
	y := op.SSD(c, b, v, g)                                                 // (B,T,H,P)
	y = op.Add(y, op.Mul(xs, op.Reshape(l.Skip, h, 1)))                     // + D·x
	z := op.SiLU(op.SplitHeads(op.Linear(x, l.Wz), h))
	y = op.RMSNorm(op.Mul(y, z), l.Norm)
	return op.Linear(op.MergeHeads(y), l.Wo)
}
