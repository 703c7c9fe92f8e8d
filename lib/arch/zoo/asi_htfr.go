//go:build ignore

// ASI-ARCH's delta_net_htfr ("GateDivergeTransformer", index 4 of the 106
// by the 340M benchmark average, tied with delta_net_entropy_cagf_rc_norm):
// 0.4006 (DeltaNet 0.3799, Gated DeltaNet 0.3896; ARC-c 0.245, ARC-e 0.475,
// BoolQ 0.593, HellaSwag 0.284, LAMBADA 0.118, PIQA 0.608, SIQA 0.359,
// WinoGrande 0.523; final training loss 3.410; 818M parameters as run).
//
// Hierarchical temperature-and-floor gating: four paths per head (short
// FIR width 5, long FIR width 64, both identity-initialised; the delta
// rule; v itself) mixed in two stages. Stage 2 picks within the local pair
// (short vs long) and within the global pair (delta vs value), each by a
// softmax from an MLP on [x | the pair's outputs]; stage 1 picks local vs
// global by a softmax from an MLP on [x | all four outputs]. Every gate
// has a learned per-head temperature (logits × e^τ, τ from 0) and an
// ε-floor, w·(1 − 2ε) + ε with ε = 0.05. Per-head RMSNorm, output
// projection.
//
// Differences from the PyTorch source:
//   - the gate MLPs are narrower to fit archlab's parameter budget
//     (8·D² + 64·D): hidden D/2 for stage 1 (2D there) and D/8 for each
//     stage-2 MLP (D there); their inputs are the full path outputs as
//     in the source;
//   - the always-on entropy regulariser (0.01 × −entropy of all gates,
//     added to the loss) is left out: a layer has no auxiliary loss here;
//   - the source's +4 "value" bias on the global gate lands, through its
//     (h s) layout, on both logits of heads H/2..H−1, which a softmax
//     ignores: the biases start at 0 here, the same function;
//   - the delta rule runs per token (the same recurrence as the 32-token
//     chunks) and is multiplied by √HeadDim to undo DeltaRule's 1/√DK.
package layer

import (
	"math"

	"archlab/op"
)

const eps = 0.05 // ε-floor of every gate

type Layer struct {
	Heads          int
	DeltaScale     float64  // √HeadDim: ASI-ARCH's delta rule has no 1/√DK
	Wq, Wk, Wv, Wo *op.Node // (D, D)
	Wb             *op.Node // (D, Heads): write strength β
	Cq, Ck, Cv     *op.Node // (D, ConvSize)
	Short, Long    *op.Node // (D, 5), (D, 64): identity-initialised FIRs
	S1             gate     // local vs global: [x|short|long|delta|v] (5D)
	S2l            gate     // short vs long: [x|short|long] (3D)
	S2g            gate     // delta vs value: [x|delta|v] (3D)
	Norm           *op.Node // (HeadDim)
}

// gate is a two-way softmax per head from a two-layer MLP.
type gate struct {
	W1, B1, W2, B2 *op.Node // (in, hid), (hid), (hid, 2·Heads), (2·Heads)
	LogTemp        *op.Node // (Heads, 1)
}

func newGate(p *op.Params, name string, in, hid, heads int) gate {
	return gate{
		W1:      p.Linear(name+"_w1", in, hid),
		B1:      p.Zeros(name+"_b1", hid),
		W2:      p.Linear(name+"_w2", hid, 2*heads),
		B2:      p.Zeros(name+"_b2", 2*heads),
		LogTemp: p.Zeros(name+"_log_temp", heads, 1),
	}
}

// weights returns the floored gate (B,T,H,2) for the input z (B,T,in).
func (g gate) weights(z *op.Node, heads int) *op.Node {
	a := op.GELU(op.Add(op.Linear(z, g.W1), g.B1))
	logits := op.Reshape(op.Add(op.Linear(a, g.W2), g.B2), z.Dim(0), z.Dim(1), heads, 2)
	w := op.Softmax(op.Mul(logits, op.Exp(g.LogTemp)))
	return op.AddConst(op.Scale(w, 1-2*eps), eps)
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
		S1:         newGate(p, "stage1", 5*c.D, atLeast1(c.D/2), c.Heads),
		S2l:        newGate(p, "stage2_local", 3*c.D, atLeast1(c.D/8), c.Heads),
		S2g:        newGate(p, "stage2_global", 3*c.D, atLeast1(c.D/8), c.Heads),
		Norm:       p.Ones("norm", c.HeadDim),
	}
}

// atLeast1 keeps a hidden width positive at tiny D.
func atLeast1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

// Forward maps x (B,T,C) to (B,T,C).
func (l *Layer) Forward(x *op.Node) *op.Node {
	h := l.Heads
	vin := op.SiLU(op.ShortConv(op.Linear(x, l.Wv), l.Cv))                            // (B,T,D)
	q := op.L2Norm(op.SplitHeads(op.SiLU(op.ShortConv(op.Linear(x, l.Wq), l.Cq)), h)) // (B,T,H,Dh)
	k := op.L2Norm(op.SplitHeads(op.SiLU(op.ShortConv(op.Linear(x, l.Wk), l.Ck)), h))
	beta := op.Sigmoid(op.Linear(x, l.Wb)) // (B,T,H)
	delta := op.Scale(op.DeltaRule(q, k, op.SplitHeads(vin, h), beta), l.DeltaScale)
	dm := op.MergeHeads(delta)          // (B,T,D)
	short := op.ShortConv(vin, l.Short) // (B,T,D)
	long := op.ShortConv(vin, l.Long)

	w1 := l.S1.weights(op.Concat(-1, x, short, long, dm, vin), h) // (B,T,H,2)
	wl := l.S2l.weights(op.Concat(-1, x, short, long), h)
	wg := l.S2g.weights(op.Concat(-1, x, dm, vin), h)

	sh, lo, v := op.SplitHeads(short, h), op.SplitHeads(long, h), op.SplitHeads(vin, h)
	local := op.Add(op.Mul(sh, op.Slice(wl, -1, 0, 1)), op.Mul(lo, op.Slice(wl, -1, 1, 2)))
	global := op.Add(op.Mul(delta, op.Slice(wg, -1, 0, 1)), op.Mul(v, op.Slice(wg, -1, 1, 2)))
	o := op.Add(op.Mul(local, op.Slice(w1, -1, 0, 1)), op.Mul(global, op.Slice(w1, -1, 1, 2)))
	o = op.RMSNorm(o, l.Norm)
	return op.Linear(op.MergeHeads(o), l.Wo)
}
