package eval

import (
	"context"
	"fmt"
	"math"

	"github.com/archlab/archlab/lib/data"
)

// Model is what evaluation needs from a trained network, and all of it:
// one forward pass over a batch, reduced at each position to the log
// probability of the given target and whether that target is the model's
// first choice.
//
// Score runs the network on b.Inputs, (B,T) row-major, and for every flat
// position i = row*T + t writes
//
//	logp[i] = log p(b.Targets[i] | b.Inputs[row*T : row*T+t+1])  // log-softmax of the logits at i, picked at the target
//	top1[i] = b.Targets[i] == argmax of the logits at i           // ties: any maximal index
//
// len(logp) == len(top1) == B*T. Where b.Targets[i] is data.IgnoreIndex
// (-1) the values are not read: write anything (0, false). b.Mask is for
// the caller and may be ignored. Every batch that eval passes has rows of
// equal length T (shorter sequences are padded on the right with token 0
// and target IgnoreIndex, which a causal model never sees from earlier
// positions), at most the batch size the caller configured (the last batch
// may have fewer rows), and T no larger than the caller's MaxLen
// (ScoreConfig.FixedLen makes every T equal MaxLen, for a model traced for
// one shape; Loss and TaskAccuracy pass the T of their batches). Score must
// not keep b, logp or top1.
//
// A trainer implements it in a few lines from its logits (B,T,V): a
// log-softmax over V, a gather at the targets, an argmax.
type Model interface {
	Score(ctx context.Context, b *data.Batch, logp []float32, top1 []bool) error
}

// ModelFunc adapts a function to Model.
type ModelFunc func(ctx context.Context, b *data.Batch, logp []float32, top1 []bool) error

// Score calls f.
func (f ModelFunc) Score(ctx context.Context, b *data.Batch, logp []float32, top1 []bool) error {
	return f(ctx, b, logp, top1)
}

// LossResult is a model's loss over a set of batches.
type LossResult struct {
	Loss       float64 // mean negative log-likelihood, nats per counted target token, e.g. 1.45
	Perplexity float64 // exp(Loss)
	Accuracy   float64 // share of counted targets that were the model's first choice
	Tokens     int     // counted target tokens
}

// Loss returns the mean next-token loss and perplexity of m over batches
// (typically data.EvalBatches of a validation stream), counting the
// positions where Batch.Counts holds. It is an error for no position to
// count, or for the model to return a NaN or positive log probability.
func Loss(ctx context.Context, m Model, batches []data.Batch) (LossResult, error) {
	var sum float64
	var n, hits int
	var logp []float32
	var top1 []bool
	for bi := range batches {
		b := &batches[bi]
		logp, top1 = grow(logp, top1, b.B*b.T)
		if err := m.Score(ctx, b, logp, top1); err != nil {
			return LossResult{}, fmt.Errorf("eval: loss: batch %d: %w", bi, err)
		}
		for i := range b.Targets {
			if !b.Counts(i) {
				continue
			}
			lp := float64(logp[i])
			if math.IsNaN(lp) || lp > 1e-4 {
				return LossResult{}, fmt.Errorf("eval: loss: batch %d position %d: model returned log p = %v", bi, i, lp)
			}
			sum -= lp
			n++
			if top1[i] {
				hits++
			}
		}
	}
	if n == 0 {
		return LossResult{}, fmt.Errorf("eval: loss: no target tokens in %d batches", len(batches))
	}
	loss := sum / float64(n)
	return LossResult{Loss: loss, Perplexity: math.Exp(loss), Accuracy: float64(hits) / float64(n), Tokens: n}, nil
}

// grow returns logp and top1 resliced to n, reallocated if too small.
func grow(logp []float32, top1 []bool, n int) ([]float32, []bool) {
	if cap(logp) < n {
		logp, top1 = make([]float32, n), make([]bool, n)
	}
	logp, top1 = logp[:n], top1[:n]
	clear(logp)
	clear(top1)
	return logp, top1
}
