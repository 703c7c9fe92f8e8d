package models

import (
	"fmt"
	"math"

	"github.com/archlab/archlab/gpu"
)

// DeltaNetConfig pins the DeltaNet language model of issue 3. Preset
// fills one from the preset table.
type DeltaNetConfig struct {
	Vocab   int     // 256 (bytes) or 50257 (GPT-2)
	Tied    bool    // the LM head reads logits through the embedding (the screen and verify presets)
	D       int     // model width, e.g. 128
	Layers  int     // blocks, e.g. 4
	Heads   int     // delta-rule heads, e.g. 4 (head width D/Heads)
	Batch   int     // sequences per step, e.g. 8
	Seq     int     // tokens per sequence, e.g. 512
	Conv    int     // causal depthwise convolution width, 4
	NormEps float64 // every RMSNorm: x/√(mean x²+eps)·w, 1e-6 as in deltanet.py
	L2Eps   float64 // q, k: x/√(Σx²+eps), 1e-6 as in deltanet.py
	Chunked bool    // run the chunked delta rule instead of the recurrent one (same maths)
	FuseQKV bool    // one GEMM for q, k, v, β and one convolution (same maths; measured no faster on 2 cores)
}

// FFNHidden is the SwiGLU width: 8·D/3 rounded up to a multiple of 32
// (352 for D=128, 704 for D=256).
func (c DeltaNetConfig) FFNHidden() int { return (8*c.D + 3*32 - 1) / (3 * 32) * 32 }

// DeltaNet is the traced model.
type DeltaNet struct {
	Cfg    DeltaNetConfig
	Graph  *gpu.Graph
	Logits *gpu.Node // (B,T,Vocab)
	Loss   *gpu.Node // mean next-byte cross-entropy
}

// NewDeltaNet traces the model. Inputs: Tokens "ids" and "targets",
// both (B,T). Parameters are named as in deltanet.py's state_dict without
// ".weight" ("layers.0.q_proj"); linear weights are (in, out), the
// transpose of PyTorch's; convolutions are (C, Conv). Initialisation
// follows PyTorch's defaults (Linear and Conv1d U(±1/√fan_in), Embedding
// N(0,1), norms 1).
func NewDeltaNet(c DeltaNetConfig) *DeltaNet {
	if c.D%c.Heads != 0 {
		panic(fmt.Sprintf("models: DeltaNet: D=%d not divisible by Heads=%d", c.D, c.Heads))
	}
	B, T, D, H := c.Batch, c.Seq, c.D, c.Heads
	Dh := D / H
	g := gpu.NewGraph()
	ids := g.Tokens("ids", c.Vocab, B, T)
	tgt := g.Tokens("targets", c.Vocab, B, T)
	lin := func(g *gpu.Graph, name string, in, out int) *gpu.Node {
		return g.Param(name, []int{in, out}, gpu.LinearInit())
	}
	conv := func(g *gpu.Graph, name string) *gpu.Node {
		a := 1 / math.Sqrt(float64(c.Conv)) // depthwise: fan_in = 1·K
		return g.Param(name, []int{D, c.Conv}, gpu.Uniform(-a, a))
	}
	// N(0,1) as PyTorch's nn.Embedding; a tied head reads logits through
	// the same table, so it starts at GPT-2's N(0, 0.02) (as lib/train's
	// skeleton does) instead of logits of spread √D.
	embInit := gpu.Normal(1)
	if c.Tied {
		embInit = gpu.Normal(0.02)
	}
	emb := g.Param("emb", []int{c.Vocab, D}, embInit)
	x := gpu.Embedding(ids, emb)
	hid := c.FFNHidden()
	for l := range c.Layers {
		lg := g.Sub("layers").Sub(fmt.Sprint(l))
		h := gpu.RMSNorm(x, lg.Param("attn_norm", []int{D}, gpu.Ones()), c.NormEps)
		wq, wk, wv, wb := lin(lg, "q_proj", D, D), lin(lg, "k_proj", D, D), lin(lg, "v_proj", D, D), lin(lg, "b_proj", D, H)
		cq, ck, cv := conv(lg, "q_conv"), conv(lg, "k_conv"), conv(lg, "v_conv")
		var q, k, v, bl *gpu.Node
		if c.FuseQKV {
			// One GEMM for q, k, v and β's logits, one convolution over the
			// three: the same maths, fewer and wider kernels, but the splits
			// cost about what the wider GEMM saves.
			p := gpu.Split(gpu.MatMul(h, gpu.Concat(1, wq, wk, wv, wb)), 2, 3*D, H)
			qkv := gpu.Split(gpu.CausalConv1DSiLU(p[0], gpu.Concat(0, cq, ck, cv)), 2, D, D, D)
			q, k, v, bl = qkv[0], qkv[1], qkv[2], p[1]
		} else {
			q = gpu.CausalConv1DSiLU(gpu.MatMul(h, wq), cq)
			k = gpu.CausalConv1DSiLU(gpu.MatMul(h, wk), ck)
			v = gpu.CausalConv1DSiLU(gpu.MatMul(h, wv), cv)
			bl = gpu.MatMul(h, wb)
		}
		q = gpu.L2Norm(gpu.Reshape(q, B, T, H, Dh), c.L2Eps)
		k = gpu.L2Norm(gpu.Reshape(k, B, T, H, Dh), c.L2Eps)
		v = gpu.Reshape(v, B, T, H, Dh)
		beta := gpu.Sigmoid(bl) // (B,T,H)
		o := gpu.DeltaRule(q, k, v, beta, 1/math.Sqrt(float64(Dh)), gpu.MixerOptions{Chunked: c.Chunked})
		o = gpu.Reshape(gpu.RMSNorm(o, lg.Param("o_norm", []int{Dh}, gpu.Ones()), c.NormEps), B, T, D)
		x = gpu.Add(x, gpu.MatMul(o, lin(lg, "o_proj", D, D)))
		h = gpu.RMSNorm(x, lg.Param("ffn_norm", []int{D}, gpu.Ones()), c.NormEps)
		x = gpu.Add(x, gpu.MatMul(gpu.SwiGLU(gpu.MatMul(h, lin(lg, "w1", D, 2*hid))), lin(lg, "w2", hid, D)))
	}
	x = gpu.RMSNorm(x, g.Param("norm", []int{D}, gpu.Ones()), c.NormEps)
	var logits *gpu.Node
	if c.Tied {
		logits = gpu.MatMulT(x, emb, false, true) // (B,T,D)·(Vocab,D)ᵀ
	} else {
		logits = gpu.MatMul(x, lin(g, "head", D, c.Vocab))
	}
	return &DeltaNet{Cfg: c, Graph: g, Logits: logits, Loss: gpu.CrossEntropy(logits, tgt)}
}

// AdamW returns the reference optimiser settings: PyTorch's
// torch.optim.AdamW defaults with lr 3e-4, weight decay on every
// parameter (as deltanet.py does), no clipping.
func AdamW() gpu.AdamWConfig {
	c := gpu.DefaultAdamW()
	c.Decay = func(string, []int) bool { return true }
	return c
}

// TrainFLOPs estimates one training step's floating-point operations:
// 3× the forward (backward ≈ 2× forward) over the traced graph.
func (m *DeltaNet) TrainFLOPs() int64 { return 3 * m.Graph.FLOPs(m.Loss) }
