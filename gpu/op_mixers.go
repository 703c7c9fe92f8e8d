package gpu

import (
	"fmt"
	"math"
	"sync"

	"github.com/archlab/archlab/gpu/kernels"
)

// Fused sequence mixers: one op each for linear attention, the SSD
// (Mamba2) scalar-decay scan, the delta rule and the gated delta rule,
// with hand-written backward passes from package gpu/kernels. Shapes:
// q, k (B,T,H,DK); v and the output (B,T,H,DV); beta, g (B,T,H). The
// state S (DV×DK per batch row and head) starts at zero:
//
//	LinearAttention  S_t = S_{t-1} + v_t k_tᵀ
//	SSDScan          S_t = exp(g_t) S_{t-1} + v_t k_tᵀ            (g ≤ 0)
//	DeltaRule        S_t = S_{t-1} + β_t (v_t − S_{t-1} k_t) k_tᵀ
//	GatedDeltaRule   S_t = α_t S_{t-1} + β_t (v_t − α_t S_{t-1} k_t) k_tᵀ, α_t = exp(g_t)
//	                 o_t = S_t q_t · scale (scale 0 means 1/√DK)
//
// The float32 path runs the recurrent kernel (in C where cgo is on), the
// fastest form at head widths up to 64 on a CPU; MixerOptions selects the
// chunked form.

// MixerOptions tune a mixer op; the zero value is the default.
type MixerOptions struct {
	Chunked bool // run the chunked (UT transform) form instead of the recurrent one
	Chunk   int  // tokens per chunk, also the recompute window of the recurrent backward; 0 means 64
}

type mixerAttr struct {
	mixer kernels.Mixer
	cfg   kernels.Config
	mu    sync.Mutex
	p32   *kernels.Plan[float32]
	p64   *kernels.Plan[float64]
	// stand-ins for gradients the graph does not need
	dummy32 [][]float32
	dummy64 [][]float64
}

// LinearAttention is the unnormalised causal linear attention mixer.
func LinearAttention(q, k, v *Node, scale float64, opt ...MixerOptions) *Node {
	return mixer(opLinearAttention, kernels.LinearAttention, scale, opt, q, k, v)
}

// SSDScan is the Mamba2/SSD scalar-decay scan: with Mamba2's names,
// q = C, k = B, v = x·Δ and g = Δ·A (per token and head, ≤ 0).
func SSDScan(q, k, v, g *Node, scale float64, opt ...MixerOptions) *Node {
	return mixer(opSSD, kernels.SSD, scale, opt, q, k, v, g)
}

// DeltaRule is DeltaNet's mixer; beta (B,T,H) is usually sigmoid(W_β h)
// and q, k L2-normalised per head.
func DeltaRule(q, k, v, beta *Node, scale float64, opt ...MixerOptions) *Node {
	return mixer(opDeltaRule, kernels.DeltaRule, scale, opt, q, k, v, beta)
}

// GatedDeltaRule is Gated DeltaNet's mixer: DeltaRule with a per-token,
// per-head decay α = exp(g), g ≤ 0.
func GatedDeltaRule(q, k, v, beta, g *Node, scale float64, opt ...MixerOptions) *Node {
	return mixer(opGatedDeltaRule, kernels.GatedDeltaRule, scale, opt, q, k, v, beta, g)
}

func mixer(d *OpDef, m kernels.Mixer, scale float64, opts []MixerOptions, in ...*Node) *Node {
	q, k, v := in[0], in[1], in[2]
	sameGraph(d.Name, in...)
	if q.Rank() != 4 || k.Rank() != 4 || v.Rank() != 4 {
		shapePanic(d.Name, "want q, k (B,T,H,DK) and v (B,T,H,DV)", in...)
	}
	B, T, H, DK, DV := q.shape[0], q.shape[1], q.shape[2], q.shape[3], v.shape[3]
	if k.shape[0] != B || k.shape[1] != T || k.shape[2] != H || k.shape[3] != DK ||
		v.shape[0] != B || v.shape[1] != T || v.shape[2] != H {
		shapePanic(d.Name, "q, k must be (B,T,H,DK) and v (B,T,H,DV) with equal B, T, H", in...)
	}
	for _, s := range in[3:] {
		if s.Rank() != 3 || s.shape[0] != B || s.shape[1] != T || s.shape[2] != H {
			shapePanic(d.Name, "beta and g must be (B,T,H)", in...)
		}
	}
	var o MixerOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	if scale == 0 {
		scale = 1 / math.Sqrt(float64(DK))
	}
	algo := kernels.Recurrent
	if o.Chunked {
		algo = kernels.Chunked
	}
	a := &mixerAttr{mixer: m, cfg: kernels.Config{Mixer: m, Algo: algo, B: B, T: T, H: H, DK: DK, DV: DV, Chunk: o.Chunk, Scale: scale}}
	return Apply(d, a, []int{B, T, H, DV}, in...)
}

func (a *mixerAttr) String() string {
	return fmt.Sprintf("%v %v chunk=%d scale=%.4g", a.cfg.Mixer, a.cfg.Algo, a.cfg.Chunk, a.cfg.Scale)
}

// mixerPlan returns the node's plan for F, made on first use and reused.
func mixerPlan[F Float](c *Call[F]) (*kernels.Plan[F], *mixerAttr) {
	a := c.Node.attr.(*mixerAttr)
	cfg := a.cfg
	cfg.Workers = min(c.B.Threads(), cfg.B*cfg.H) // as NewPlan caps it, so the plan is reused
	if cfg.Workers > 1 {
		cfg.Parallel = c.B.Parallel
	}
	var z F
	switch any(z).(type) {
	case float32:
		if a.p32 == nil || a.p32.Config().Workers != cfg.Workers {
			a.p32 = kernels.NewPlan[float32](cfg)
		}
		return any(a.p32).(*kernels.Plan[F]), a
	default:
		if a.p64 == nil || a.p64.Config().Workers != cfg.Workers {
			a.p64 = kernels.NewPlan[float64](cfg)
		}
		return any(a.p64).(*kernels.Plan[F]), a
	}
}

func mixerForward[F Float](c *Call[F]) {
	a := c.Node.attr.(*mixerAttr)
	a.mu.Lock()
	defer a.mu.Unlock()
	p, _ := mixerPlan(c)
	p.UseStates(c.Scratch)
	q, k, v := c.In[0], c.In[1], c.In[2]
	var beta, g []F
	if a.mixer.HasBeta() {
		beta = c.In[3]
	}
	if a.mixer.HasGate() {
		g = c.In[len(c.In)-1]
	}
	p.Forward(c.Out, q, k, v, beta, g)
}

func mixerBackward[F Float](c *Call[F]) {
	a := c.Node.attr.(*mixerAttr)
	a.mu.Lock()
	defer a.mu.Unlock()
	p, _ := mixerPlan(c)
	p.UseStates(c.Scratch)
	grads := make4(c, a)
	q, k, v := c.In[0], c.In[1], c.In[2]
	var beta, g, dbeta, dg []F
	if a.mixer.HasBeta() {
		beta, dbeta = c.In[3], grads[3]
	}
	if a.mixer.HasGate() {
		g, dg = c.In[len(c.In)-1], grads[len(c.In)-1]
	}
	p.Backward(grads[0], grads[1], grads[2], dbeta, dg, c.GradOut, q, k, v, beta, g)
}

// make4 returns c.GradIn with a scratch buffer standing in for each nil
// entry (a gradient the graph does not need), allocated once per node.
func make4[F Float](c *Call[F], a *mixerAttr) [][]F {
	var dummy *[][]F
	var z F
	switch any(z).(type) {
	case float32:
		dummy = any(&a.dummy32).(*[][]F)
	default:
		dummy = any(&a.dummy64).(*[][]F)
	}
	if *dummy == nil {
		*dummy = make([][]F, len(c.In))
	}
	out := *dummy
	need := false
	for i, gi := range c.GradIn {
		if gi == nil {
			need = true
			if len(out[i]) != len(c.In[i]) {
				out[i] = make([]F, len(c.In[i]))
			}
		}
	}
	if !need {
		return c.GradIn
	}
	res := make([][]F, len(c.In))
	for i, gi := range c.GradIn {
		if gi == nil {
			res[i] = out[i]
		} else {
			res[i] = gi
		}
	}
	return res
}

func mixerScratch(n *Node) int { return kernels.StatesLen(n.attr.(*mixerAttr).cfg) }

func mixerFLOPs(n *Node) int64 {
	c := n.attr.(*mixerAttr).cfg
	per := int64(4 * c.DK * c.DV) // state update + readout, multiply-add = 2
	if c.Mixer.HasBeta() {
		per += int64(2 * c.DK * c.DV)
	}
	return int64(c.B*c.T*c.H) * per
}

func mixerOp(name string, _ int, example func(g *Graph, in []*Node, o MixerOptions, n func(string) string) *Node) *OpDef {
	return Register(&OpDef{
		Name:    name,
		F32:     Kernels[float32]{mixerForward[float32], mixerBackward[float32]},
		F64:     Kernels[float64]{mixerForward[float64], mixerBackward[float64]},
		Scratch: mixerScratch,
		FLOPs:   mixerFLOPs,
		Examples: func(g *Graph) []*Node {
			var out []*Node
			for i, o := range []MixerOptions{{Chunk: 4}, {Chunked: true, Chunk: 4}} {
				n := func(s string) string { return fmt.Sprintf("%s%d", s, i) }
				in := []*Node{
					g.Input(n("q"), 2, 7, 2, 3),
					L2Norm(g.Input(n("k"), 2, 7, 2, 3), 1e-6),
					g.Input(n("v"), 2, 7, 2, 5),
				}
				out = append(out, example(g, in, o, n))
			}
			return out
		},
	})
}

// The examples build through LookupOp, not the constructors, so that the
// op variables do not depend on themselves at initialisation.
var (
	opLinearAttention = mixerOp("linear_attention", 3, func(g *Graph, in []*Node, o MixerOptions, n func(string) string) *Node {
		return mixer(LookupOp("linear_attention"), kernels.LinearAttention, 0, []MixerOptions{o}, in...)
	})
	opSSD = mixerOp("ssd_scan", 4, func(g *Graph, in []*Node, o MixerOptions, n func(string) string) *Node {
		gate := Neg(Softplus(g.Input(n("g"), 2, 7, 2)))
		return mixer(LookupOp("ssd_scan"), kernels.SSD, 0, []MixerOptions{o}, append(in, gate)...)
	})
	opDeltaRule = mixerOp("delta_rule", 4, func(g *Graph, in []*Node, o MixerOptions, n func(string) string) *Node {
		beta := Sigmoid(g.Input(n("beta"), 2, 7, 2))
		return mixer(LookupOp("delta_rule"), kernels.DeltaRule, 0, []MixerOptions{o}, append(in, beta)...)
	})
	opGatedDeltaRule = mixerOp("gated_delta_rule", 5, func(g *Graph, in []*Node, o MixerOptions, n func(string) string) *Node {
		beta, gate := Sigmoid(g.Input(n("beta"), 2, 7, 2)), Neg(Softplus(g.Input(n("g"), 2, 7, 2)))
		return mixer(LookupOp("gated_delta_rule"), kernels.GatedDeltaRule, 0, []MixerOptions{o}, append(in, beta, gate)...)
	})
)
