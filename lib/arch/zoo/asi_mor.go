//go:build ignore

// ASI-ARCH's delta_net_mor ("OutputAwareMultiScaleRouter", index 1,
// parent DLGM), the best of the 106 published architectures by the
// 340M benchmark average: 0.4030 (DeltaNet 0.3799, Gated DeltaNet 0.3896;
// ARC-c 0.261, ARC-e 0.487, BoolQ 0.615, HellaSwag 0.287, LAMBADA 0.104,
// PIQA 0.599, SIQA 0.353, WinoGrande 0.519; final training loss 3.405).
//
// Multi-scale output-aware routing: four paths per head, mixed by a
// softmax router, then a per-head RMSNorm and the output projection:
//
//	local    a causal depthwise convolution of v, width 7
//	mid      a causal depthwise convolution of v, width 31
//	delta    the delta rule over q, k, v (global memory)
//	identity v itself
//
// The router is a two-layer MLP on the input (D → 2D, SiLU, → 4 per head)
// whose logits are shifted by w_h,p · mean|path_p| (the "output-aware"
// term, w starting at 0), with an identity bias of 1.5 so the identity
// path starts dominant. q, k, v go through short convolutions and SiLU as
// in DeltaNet.
//
// Differences from the PyTorch source: the delta rule runs per token
// (archlab's DeltaRule) instead of ASI-ARCH's 32-token chunks (the same
// recurrence); its output is multiplied by √HeadDim to undo DeltaRule's
// 1/√DK, since ASI-ARCH's kernel does not scale q; RMSNorm's ε is 1e-6
// (1e-5 there); the convolution widths 7 and 31 are kept at every scale.
package layer

import (
	"math"

	"archlab/op"
)

const paths = 4 // local, mid, delta, identity

type Layer struct {
	Heads          int
	DeltaScale     float64  // √HeadDim: ASI-ARCH's delta rule has no 1/√DK
	Wq, Wk, Wv, Wo *op.Node // (D, D)
	Wb             *op.Node // (D, Heads): write strength β
	Cq, Ck, Cv     *op.Node // (D, ConvSize): short convolutions
	Local, Mid     *op.Node // (D, 7), (D, 31): the multi-scale paths
	R1, R2         *op.Node // router MLP: (D, 2D), (2D, Heads·paths)
	B1, B2         *op.Node // (2D), (Heads·paths): B2 favours identity
	StatW          *op.Node // (Heads, paths): output-aware weights, from 0
	Norm           *op.Node // (HeadDim)
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{
		Heads:      c.Heads,
		DeltaScale: math.Sqrt(float64(c.HeadDim)),
		Wq:         p.Linear("wq", c.D, c.D),
		Wk:         p.Linear("wk", c.D, c.D),
		Wv:         p.Linear("wv", c.D, c.D),
		Wo:         p.Linear("wo", c.D, c.D),
		Wb:         p.Linear("wb", c.D, c.Heads),
		Cq:         p.Conv("cq", c.D, c.ConvSize),
		Ck:         p.Conv("ck", c.D, c.ConvSize),
		Cv:         p.Conv("cv", c.D, c.ConvSize),
		Local:      p.Normal("local", 1/math.Sqrt(7), c.D, 7),
		Mid:        p.Normal("mid", 1/math.Sqrt(31), c.D, 31),
		R1:         p.Linear("router1", c.D, 2*c.D),
		B1:         p.Zeros("router1_bias", 2*c.D),
		R2:         p.Linear("router2", 2*c.D, c.Heads*paths),
		B2:         p.Pattern("router2_bias", []float64{0, 0, 0, 1.5}, c.Heads*paths),
		StatW:      p.Zeros("stat_weight", c.Heads, paths),
		Norm:       p.Ones("norm", c.HeadDim),
	}
}

// Forward maps x (B,T,C) to (B,T,C).
func (l *Layer) Forward(x *op.Node) *op.Node {
	h := l.Heads
	vin := op.SiLU(op.ShortConv(op.Linear(x, l.Wv), l.Cv))                            // (B,T,D)
	q := op.L2Norm(op.SplitHeads(op.SiLU(op.ShortConv(op.Linear(x, l.Wq), l.Cq)), h)) // (B,T,H,Dh)
	k := op.L2Norm(op.SplitHeads(op.SiLU(op.ShortConv(op.Linear(x, l.Wk), l.Ck)), h))
	v := op.SplitHeads(vin, h)
	beta := op.Sigmoid(op.Linear(x, l.Wb)) // (B,T,H)
	delta := op.Scale(op.DeltaRule(q, k, v, beta), l.DeltaScale)
	local := op.SplitHeads(op.ShortConv(vin, l.Local), h)
	mid := op.SplitHeads(op.ShortConv(vin, l.Mid), h)

	// Router: input MLP plus the paths' mean |activation|, (B,T,H,paths).
	stats := op.Concat(-1, absMean(local), absMean(mid), absMean(delta), absMean(v))
	r := op.SiLU(op.Add(op.Linear(x, l.R1), l.B1))
	r = op.Add(op.Linear(r, l.R2), l.B2)
	r = op.Reshape(r, x.Dim(0), x.Dim(1), h, paths)
	w := op.Softmax(op.Add(r, op.Mul(stats, l.StatW)))

	o := op.Mul(local, op.Slice(w, -1, 0, 1))
	o = op.Add(o, op.Mul(mid, op.Slice(w, -1, 1, 2)))
	o = op.Add(o, op.Mul(delta, op.Slice(w, -1, 2, 3)))
	o = op.Add(o, op.Mul(v, op.Slice(w, -1, 3, 4)))
	o = op.RMSNorm(o, l.Norm)
	return op.Linear(op.MergeHeads(o), l.Wo)
}

// absMean is the mean |x| over the last dimension: (B,T,H,Dh) -> (B,T,H,1).
func absMean(x *op.Node) *op.Node { return op.Mean(op.Abs(x)) }
