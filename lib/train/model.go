package train

import (
	"context"
	"fmt"
	"math"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/arch/op"
	"github.com/archlab/archlab/lib/data"
)

// Shape is the model skeleton's size.
type Shape struct {
	D      int  // model width, e.g. 128
	Layers int  // blocks, e.g. 4
	Heads  int  // heads of the token mixer, e.g. 4
	Vocab  int  // vocabulary, e.g. 256 (bytes) or 50257 (GPT-2)
	Tied   bool // the LM head reuses the embedding (ASI-ARCH's screen and verify shapes)
}

// FFNHidden is the SwiGLU hidden width: ⌈8D/3 / 32⌉·32, as in the
// reference DeltaNet.
func FFNHidden(d int) int { return (8*d + 3*32 - 1) / (3 * 32) * 32 }

// normEps is every RMSNorm's ε in the skeleton (as the reference DeltaNet).
const normEps = 1e-6

// net is one traced model: the graph of the skeleton around a layer source,
// for a batch shape (B,T).
type net struct {
	g       *gpu.Graph
	tokens  *gpu.Node // Tokens (B,T)
	targets *gpu.Node // Tokens (B,T), -1 where no loss
	logits  *gpu.Node // (B,T,V)
	loss    *gpu.Node // scalar mean cross-entropy
}

// buildNet traces embedding → L × [RMSNorm → layer → residual → RMSNorm →
// SwiGLU → residual] → RMSNorm → LM head for inputs (B,T), with the
// layer's instances built in the sandbox.
func buildNet(ctx context.Context, l *arch.Layer, lim arch.Limits, s Shape, B, T int) (*net, error) {
	n := &net{g: gpu.NewGraph()}
	g := n.g
	n.tokens = g.Tokens("tokens", s.Vocab, B, T)
	n.targets = g.Tokens("targets", s.Vocab, B, T)
	// N(0,1) as PyTorch's nn.Embedding (the reference DeltaNet); a tied head
	// reads logits through the same table, so it starts at GPT-2's N(0, 0.02)
	// instead of logits of spread √D.
	embInit := gpu.Normal(1)
	if s.Tied {
		embInit = gpu.Normal(0.02)
	}
	emb := g.Param("embed", []int{s.Vocab, s.D}, embInit)
	cfg := op.Config{D: s.D, Heads: s.Heads, HeadDim: s.D / s.Heads, ConvSize: 4, Layers: s.Layers}
	hid := FFNHidden(s.D)
	err := l.Trace(ctx, lim, func(b *arch.Builder) error {
		x := gpu.Embedding(n.tokens, emb)
		for i := range s.Layers {
			blk := g.Sub(fmt.Sprintf("block%d", i))
			c := cfg
			c.Layer = i
			mix := b.New(blk.Sub("mixer"), c)
			h := gpu.RMSNorm(x, blk.Param("mixer_norm", []int{s.D}, gpu.Ones()), normEps)
			y := mix(h)
			if got := y.Shape(); len(got) != 3 || got[0] != B || got[1] != T || got[2] != s.D {
				return fmt.Errorf("train: the layer maps (B,T,C) = %v to %v", x.Shape(), got)
			}
			x = gpu.Add(x, y)
			h = gpu.RMSNorm(x, blk.Param("ffn_norm", []int{s.D}, gpu.Ones()), normEps)
			up := gpu.MatMul(h, blk.Param("w1", []int{s.D, 2 * hid}, gpu.LinearInit()))
			x = gpu.Add(x, gpu.MatMul(gpu.SwiGLU(up), blk.Param("w2", []int{hid, s.D}, gpu.LinearInit())))
		}
		x = gpu.RMSNorm(x, g.Param("norm", []int{s.D}, gpu.Ones()), normEps)
		if s.Tied {
			n.logits = gpu.MatMulT(x, emb, false, true)
		} else {
			n.logits = gpu.MatMul(x, g.Param("head", []int{s.D, s.Vocab}, gpu.LinearInit()))
		}
		n.loss = gpu.CrossEntropy(n.logits, n.targets)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// setBatch copies a batch's inputs and targets (IgnoreIndex where a
// position does not count) into a training program.
func setBatch(p *gpu.Program, b *data.Batch) error {
	if err := p.SetTokens("tokens", b.Inputs); err != nil {
		return err
	}
	tg := b.Targets
	if b.Mask != nil {
		tg = make([]int32, len(b.Targets))
		for i := range tg {
			tg[i] = data.IgnoreIndex
			if b.Counts(i) {
				tg[i] = b.Targets[i]
			}
		}
	}
	return p.SetTokens("targets", tg)
}

// scorer adapts an inference program to eval.Model: log-softmax at the
// targets and the arg max, from the logits (B,T,V).
type scorer struct {
	prog *gpu.Program
	n    *net
	B, T int
}

func (s *scorer) Score(ctx context.Context, b *data.Batch, logp []float32, top1 []bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.T != s.T || b.B > s.B {
		return fmt.Errorf("train: score: batch (%d,%d) does not fit the program's (%d,%d)", b.B, b.T, s.B, s.T)
	}
	// Pad a short batch with rows of token 0; their outputs are not read.
	full := b
	if b.B < s.B {
		full = data.NewBatch(s.B, s.T)
		copy(full.Inputs, b.Inputs)
	}
	if err := s.prog.SetTokens("tokens", full.Inputs); err != nil {
		return err
	}
	s.prog.Forward()
	lg := s.prog.Value(s.n.logits).Data
	V := s.n.logits.Dim(-1)
	for i := range b.B * b.T {
		row := lg[i*V : (i+1)*V]
		mx, arg := float32(math.Inf(-1)), 0
		for j, v := range row {
			if v > mx {
				mx, arg = v, j
			}
		}
		var sum float64
		for _, v := range row {
			sum += math.Exp(float64(v - mx))
		}
		t := b.Targets[i]
		if t < 0 || int(t) >= V {
			logp[i], top1[i] = 0, false
			continue
		}
		logp[i] = float32(float64(row[t]-mx) - math.Log(sum))
		top1[i] = int(t) == arg
	}
	return nil
}
