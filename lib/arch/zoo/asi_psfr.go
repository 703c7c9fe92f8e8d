//go:build ignore

// ASI-ARCH's delta_net_psfr ("FusionGatedFIRNet", index 3 of the 106 by
// the 340M benchmark average): 0.4010 (DeltaNet 0.3799, Gated DeltaNet
// 0.3896; ARC-c 0.233, ARC-e 0.469, BoolQ 0.616, HellaSwag 0.288, LAMBADA
// 0.127, PIQA 0.605, SIQA 0.358, WinoGrande 0.513; final training loss
// 3.405).
//
// Parallel sigmoid fusion with retention: four paths per head (short FIR
// width 3, long FIR width 63, both identity-initialised; a delta rule with
// a per-head retention λ; v itself) are added, each with its own gate in
// [ε, 1] (ε = 0.02) rather than competing in a softmax, so local and global
// paths can both be on. The gates come from an MLP (D + 4·Heads → 2D,
// GELU, → 4 per head) on the input and the paths' per-head mean |x|,
// divided by a learned per-head temperature. Initial gate biases
// (short, long, delta, value) = (−1, −1, 1, 3). λ = 0.6 + 0.4·σ(r_h),
// starting at 1 − 4e-5 (retention_init 1.0, clamped). Per-head RMSNorm,
// output projection.
//
// Differences from the PyTorch source: ASI-ARCH multiplies the state by λ
// once per 32-token chunk; here the decay is spread over tokens,
// α = λ^(1/32) each step, in archlab's GatedDeltaRule (which also decays
// the state inside the delta error, S_t = α S + β(v − α S k)kᵀ); the delta
// output is multiplied by √HeadDim to undo the op's 1/√DK (ASI-ARCH's
// kernel does not scale q); the MLP's input is the concatenation
// [x | stats] written as two products summed (the same function).
package layer

import (
	"math"

	"archlab/op"
)

const (
	paths     = 4    // short FIR, long FIR, delta, value
	floor     = 0.02 // ε: least gate of any path
	retainMin = 0.6  // λ in [0.6, 1]
	chunk     = 32   // ASI-ARCH applies λ once per chunk of this length
)

type Layer struct {
	Heads          int
	DeltaScale     float64  // √HeadDim: ASI-ARCH's delta rule has no 1/√DK
	Wq, Wk, Wv, Wo *op.Node // (D, D)
	Wb             *op.Node // (D, Heads): write strength β
	Retain         *op.Node // (Heads): retention logit r_h
	Cq, Ck, Cv     *op.Node // (D, ConvSize)
	Short, Long    *op.Node // (D, 3), (D, 63): identity-initialised FIRs
	G1x            *op.Node // (D, 2D): gate MLP, input part
	G1s            *op.Node // (4·Heads, 2D): gate MLP, statistics part
	G1b            *op.Node // (2D)
	G2, G2b        *op.Node // (2D, 4·Heads), (4·Heads)
	LogTemp        *op.Node // (Heads, 1): per-head gate temperature, log
	Norm           *op.Node // (HeadDim)
}

func New(p *op.Params, c op.Config) *Layer {
	ratio := 1 - 1e-4 // (retention_init − min)/(1 − min), clamped below 1
	return &Layer{
		Heads:      c.Heads,
		DeltaScale: math.Sqrt(float64(c.HeadDim)),
		Wq:         p.Linear("wq", c.D, c.D),
		Wk:         p.Linear("wk", c.D, c.D),
		Wv:         p.Linear("wv", c.D, c.D),
		Wo:         p.Linear("wo", c.D, c.D),
		Wb:         p.Linear("wb", c.D, c.Heads),
		Retain:     p.Fill("retention", math.Log(ratio/(1-ratio)), c.Heads),
		Cq:         p.Conv("cq", c.D, c.ConvSize),
		Ck:         p.Conv("ck", c.D, c.ConvSize),
		Cv:         p.Conv("cv", c.D, c.ConvSize),
		Short:      p.Dirac("fir_short", c.D, 3, 0.01),
		Long:       p.Dirac("fir_long", c.D, 63, 0.01),
		G1x:        p.Linear("gate1_x", c.D, 2*c.D),
		G1s:        p.Linear("gate1_stats", paths*c.Heads, 2*c.D),
		G1b:        p.Zeros("gate1_bias", 2*c.D),
		G2:         p.Linear("gate2", 2*c.D, paths*c.Heads),
		G2b:        p.Pattern("gate2_bias", []float64{-1, -1, 1, 3}, paths*c.Heads),
		LogTemp:    p.Zeros("log_temp", c.Heads, 1),
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

	// Retention: log α = ln λ / chunk per token, the same per head.
	lambda := op.AddConst(op.Scale(op.Sigmoid(l.Retain), 1-retainMin), retainMin) // (H)
	g := op.Add(op.Fill(beta, 0), op.Scale(op.Log(lambda), 1.0/chunk))            // (B,T,H)
	delta := op.Scale(op.GatedDeltaRule(q, k, v, beta, g), l.DeltaScale)
	short := op.SplitHeads(op.ShortConv(vin, l.Short), h)
	long := op.SplitHeads(op.ShortConv(vin, l.Long), h)

	// Parallel sigmoid gates from [x | mean|path| per head], (B,T,H,paths).
	stats := op.Concat(-1, absMean(short), absMean(long), absMean(delta), absMean(v)) // (B,T,H,4)
	stats = op.Reshape(stats, b, t, paths*h)
	z := op.GELU(op.Add(op.Add(op.Linear(x, l.G1x), op.Linear(stats, l.G1s)), l.G1b))
	logits := op.Reshape(op.Add(op.Linear(z, l.G2), l.G2b), b, t, h, paths)
	w := op.Sigmoid(op.Div(logits, op.Exp(l.LogTemp)))
	w = op.AddConst(op.Scale(w, 1-floor), floor) // in [ε, 1]

	o := op.Mul(short, op.Slice(w, -1, 0, 1))
	o = op.Add(o, op.Mul(long, op.Slice(w, -1, 1, 2)))
	o = op.Add(o, op.Mul(delta, op.Slice(w, -1, 2, 3)))
	o = op.Add(o, op.Mul(v, op.Slice(w, -1, 3, 4)))
	o = op.RMSNorm(o, l.Norm)
	return op.Linear(op.MergeHeads(o), l.Wo)
}

// absMean is the mean |x| over the last dimension: (B,T,H,Dh) -> (B,T,H,1).
func absMean(x *op.Node) *op.Node { return op.Mean(op.Abs(x)) }
