//go:build ignore

// An ASI-ARCH-style hybrid: three paths mixed per token and head by a
// learned router (softmax over paths): a delta-rule path (global memory), a
// short-convolution path (local patterns) and an identity path (the value
// itself), then a per-head RMSNorm and the output projection.
package layer

import "archlab/op"

const paths = 3

type Layer struct {
	Heads          int
	Wq, Wk, Wv, Wo *op.Node // (D, D)
	Wb             *op.Node // (D, Heads): write strength β
	Wr             *op.Node // (D, Heads*paths): router logits
	Br             *op.Node // (Heads*paths): router bias, starting at 0 (equal weights)
	Cq, Ck, Cv, Cl *op.Node // (D, ConvSize); Cl is the local path's convolution
	Norm           *op.Node // (HeadDim)
}

func New(p *op.Params, c op.Config) *Layer {
	bias := p.Zeros("router_bias", c.Heads*paths)
	return &Layer{
		Heads: c.Heads,
		Wq:    p.Linear("wq", c.D, c.D),
		Wk:    p.Linear("wk", c.D, c.D),
		Wv:    p.Linear("wv", c.D, c.D),
		Wo:    p.Linear("wo", c.D, c.D),
		Wb:    p.Linear("wb", c.D, c.Heads),
		Wr:    p.Normal("router", 0.02, c.D, c.Heads*paths),
		Br:    bias,
		Cq:    p.Conv("cq", c.D, c.ConvSize),
		Ck:    p.Conv("ck", c.D, c.ConvSize),
		Cv:    p.Conv("cv", c.D, c.ConvSize),
		Cl:    p.Conv("cl", c.D, c.ConvSize),
		Norm:  p.Ones("norm", c.HeadDim),
	}
}

// Forward maps x (B,T,C) to (B,T,C).
func (l *Layer) Forward(x *op.Node) *op.Node {
	h := l.Heads
	vin := op.Linear(x, l.Wv)
	q := op.L2Norm(op.SplitHeads(op.SiLU(op.ShortConv(op.Linear(x, l.Wq), l.Cq)), h))
	k := op.L2Norm(op.SplitHeads(op.SiLU(op.ShortConv(op.Linear(x, l.Wk), l.Ck)), h))
	v := op.SplitHeads(op.SiLU(op.ShortConv(vin, l.Cv)), h)
	beta := op.Sigmoid(op.Linear(x, l.Wb))
	delta := op.DeltaRule(q, k, v, beta)                        // (B,T,H,D) global
	local := op.SplitHeads(op.ShortConv(vin, l.Cl), h)          // (B,T,H,D) local
	ident := op.SplitHeads(vin, h)                              // (B,T,H,D) identity
	r := op.Add(op.Linear(x, l.Wr), l.Br)                       // (B,T,H*paths)
	r = op.Softmax(op.Reshape(r, x.Dim(0), x.Dim(1), h, paths)) // (B,T,H,paths)
	o := op.Mul(delta, op.Slice(r, -1, 0, 1))
	o = op.Add(o, op.Mul(local, op.Slice(r, -1, 1, 2)))
	o = op.Add(o, op.Mul(ident, op.Slice(r, -1, 2, 3)))
	o = op.RMSNorm(o, l.Norm)
	return op.Linear(op.MergeHeads(o), l.Wo)
}
