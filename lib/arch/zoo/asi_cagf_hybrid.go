//go:build ignore

// ASI-ARCH's delta_net_cagf_rc_pf_hybrid ("HybridFlowNet", index 2 of the
// 106 by the 340M benchmark average): 0.4019 (DeltaNet 0.3799, Gated
// DeltaNet 0.3896; ARC-c 0.251, ARC-e 0.480, BoolQ 0.619, HellaSwag 0.283,
// LAMBADA 0.118, PIQA 0.609, SIQA 0.346, WinoGrande 0.509; final training
// loss 3.424).
//
// Content-aware gated fusion with a probability floor and a hybrid
// residual: four paths per head (short FIR width 5, long FIR width 64,
// both identity-initialised; the delta rule; v itself) mixed by a softmax
// whose logits come from an MLP shared by the heads, fed with the input
// and the sum over paths of four per-head statistics (mean, variance,
// mean |x|, L2 norm). Every weight is floored at ε = 0.03 and the weights
// renormalised, so no path starves. Then an always-on residual of the
// short FIR: o += σ(γ_h)·(α + (1−α)·σ(W x + b))·short, α = 0.3, γ_h from
// −1. Per-head RMSNorm, output projection.
//
// Differences from the PyTorch source: the delta rule runs per token
// (archlab's DeltaRule, the same recurrence as ASI-ARCH's 32-token chunks)
// and is multiplied by √HeadDim to undo DeltaRule's 1/√DK; the floor
// max(w, ε) is written ε + relu(w − ε) (the same function); RMSNorm's ε
// is 1e-6.
package layer

import (
	"math"

	"archlab/op"
)

const (
	paths = 4    // short FIR, long FIR, delta, value
	floor = 0.03 // ε: least weight of any path
	alpha = 0.3  // always-on fraction of the residual
)

type Layer struct {
	Heads          int
	DeltaScale     float64  // √HeadDim: ASI-ARCH's delta rule has no 1/√DK
	Wq, Wk, Wv, Wo *op.Node // (D, D)
	Wb             *op.Node // (D, Heads): write strength β
	Cq, Ck, Cv     *op.Node // (D, ConvSize)
	Short, Long    *op.Node // (D, 5), (D, 64): identity-initialised FIRs
	G1x            *op.Node // (D, D): fusion MLP, input part
	G1s            *op.Node // (4, D): fusion MLP, statistics part
	G1b            *op.Node // (D)
	G2             *op.Node // (D, paths)
	G2b            *op.Node // (paths): 3 on the value path
	ResLogit       *op.Node // (Heads): static residual strength γ_h
	Wr, Br         *op.Node // (D, Heads), (Heads): dynamic residual gate
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
		Short:      p.Dirac("fir_short", c.D, 5, 0.01),
		Long:       p.Dirac("fir_long", c.D, 64, 0.01),
		G1x:        p.Linear("gate1_x", c.D, c.D),
		G1s:        p.Linear("gate1_stats", 4, c.D),
		G1b:        p.Zeros("gate1_bias", c.D),
		G2:         p.Linear("gate2", c.D, paths),
		G2b:        p.Pattern("gate2_bias", []float64{0, 0, 0, 3}, paths),
		ResLogit:   p.Fill("res_logit", -1, c.Heads),
		Wr:         p.Linear("res_gate", c.D, c.Heads),
		Br:         p.Zeros("res_gate_bias", c.Heads),
		Norm:       p.Ones("norm", c.HeadDim),
	}
}

// Forward maps x (B,T,C) to (B,T,C).
func (l *Layer) Forward(x *op.Node) *op.Node {
	h, b, t := l.Heads, x.Dim(0), x.Dim(1)
	vin := op.SiLU(op.ShortConv(op.Linear(x, l.Wv), l.Cv))                            // (B,T,D)
	q := op.L2Norm(op.SplitHeads(op.SiLU(op.ShortConv(op.Linear(x, l.Wq), l.Cq)), h)) // (B,T,H,Dh)
	k := op.L2Norm(op.SplitHeads(op.SiLU(op.ShortConv(op.Linear(x, l.Wk), l.Ck)), h))
	v := op.SplitHeads(vin, h)
	beta := op.Sigmoid(op.Linear(x, l.Wb)) // (B,T,H)
	delta := op.Scale(op.DeltaRule(q, k, v, beta), l.DeltaScale)
	short := op.SplitHeads(op.ShortConv(vin, l.Short), h)
	long := op.SplitHeads(op.ShortConv(vin, l.Long), h)

	// Fusion gate, shared by the heads: [x | stats] -> D -> GELU -> paths.
	stats := op.Add(op.Add(headStats(short), headStats(long)), op.Add(headStats(delta), headStats(v))) // (B,T,H,4)
	xg := op.Reshape(op.Linear(x, l.G1x), b, t, 1, x.Dim(2))                                           // (B,T,1,D)
	g := op.GELU(op.Add(op.Add(xg, op.Linear(stats, l.G1s)), l.G1b))                                   // (B,T,H,D)
	w := op.Softmax(op.Add(op.Linear(g, l.G2), l.G2b))                                                 // (B,T,H,paths)
	w = op.AddConst(op.ReLU(op.AddConst(w, -floor)), floor)                                            // max(w, ε)
	w = op.Div(w, op.Sum(w))

	o := op.Mul(short, op.Slice(w, -1, 0, 1))
	o = op.Add(o, op.Mul(long, op.Slice(w, -1, 1, 2)))
	o = op.Add(o, op.Mul(delta, op.Slice(w, -1, 2, 3)))
	o = op.Add(o, op.Mul(v, op.Slice(w, -1, 3, 4)))

	// Hybrid residual: σ(γ_h)·(α + (1−α)·σ(W x + b)), (B,T,H,1).
	dyn := op.Sigmoid(op.Add(op.Linear(x, l.Wr), l.Br))
	gamma := op.Mul(op.Sigmoid(l.ResLogit), op.AddConst(op.Scale(dyn, 1-alpha), alpha))
	o = op.Add(o, op.Mul(short, op.Reshape(gamma, b, t, h, 1)))

	o = op.RMSNorm(o, l.Norm)
	return op.Linear(op.MergeHeads(o), l.Wo)
}

// headStats returns (mean, variance, mean |x|, L2 norm) over the last
// dimension: (B,T,H,Dh) -> (B,T,H,4).
func headStats(x *op.Node) *op.Node {
	m := op.Mean(x)
	sq := op.Mul(x, x)
	variance := op.Sub(op.Mean(sq), op.Mul(m, m))
	l2 := op.Sqrt(op.AddConst(op.Sum(sq), 1e-6))
	return op.Concat(-1, m, variance, op.Mean(op.Abs(x)), l2)
}
