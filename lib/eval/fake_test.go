package eval

import (
	"context"
	"math"

	"github.com/archlab/archlab/lib/data"
)

// bigram is a test double for a trained byte-level model: add-one
// smoothed bigram counts over a training text. Its log probabilities are
// easy to recompute from strings, so scores can be checked exactly.
type bigram struct {
	count [256][256]float64
	total [256]float64
	calls int // Score calls
	maxB  int // largest batch seen
}

func newBigram(text string) *bigram {
	m := &bigram{}
	for i := 1; i < len(text); i++ {
		m.count[text[i-1]][text[i]]++
		m.total[text[i-1]]++
	}
	return m
}

// logp is log p(next | prev).
func (m *bigram) logp(prev, next byte) float64 {
	return math.Log((m.count[prev][next] + 1) / (m.total[prev] + 256))
}

// argmax is the most likely byte after prev, the lowest on ties.
func (m *bigram) argmax(prev byte) int32 {
	best := 0
	for c := 1; c < 256; c++ {
		if m.count[prev][c] > m.count[prev][best] {
			best = c
		}
	}
	return int32(best)
}

func (m *bigram) Score(ctx context.Context, b *data.Batch, logp []float32, top1 []bool) error {
	m.calls++
	m.maxB = max(m.maxB, b.B)
	if len(logp) != b.B*b.T || len(top1) != b.B*b.T || len(b.Inputs) != b.B*b.T {
		panic("bigram: bad lengths")
	}
	for i, tg := range b.Targets {
		if tg == data.IgnoreIndex {
			continue
		}
		prev := byte(b.Inputs[i])
		logp[i] = float32(m.logp(prev, byte(tg)))
		top1[i] = m.argmax(prev) == tg
	}
	return nil
}

// llOf is the bigram log-likelihood of cont after ctx, recomputed from the
// strings alone (each token's log p rounded to float32 as Score returns it).
func (m *bigram) llOf(ctx, cont string) (sum float64, greedy bool) {
	s := ctx + cont
	greedy = true
	for i := len(ctx); i < len(s); i++ {
		sum += float64(float32(m.logp(s[i-1], s[i])))
		greedy = greedy && m.argmax(s[i-1]) == int32(s[i])
	}
	return sum, greedy
}

// uniform gives every token of a vocabulary of V the same probability.
type uniform struct{ V int }

func (u uniform) Score(ctx context.Context, b *data.Batch, logp []float32, top1 []bool) error {
	for i := range logp {
		logp[i] = float32(-math.Log(float64(u.V)))
		top1[i] = false
	}
	return nil
}

// lookback predicts, at each position, the token that followed the first
// earlier occurrence of the current token (an ideal induction head that
// trusts first mentions): it solves MQAR, in-context recall and induction
// heads exactly, whatever random filler follows the key-value pairs.
var lookback = ModelFunc(func(ctx context.Context, b *data.Batch, logp []float32, top1 []bool) error {
	for r := range b.B {
		in := b.Inputs[r*b.T : (r+1)*b.T]
		for t := range in {
			pred := int32(-2)
			for p := 0; p < t; p++ {
				if in[p] == in[t] {
					pred = in[p+1]
					break
				}
			}
			i := r*b.T + t
			top1[i] = pred == b.Targets[i]
			logp[i] = 0
			if !top1[i] {
				logp[i] = float32(math.Log(1e-6))
			}
		}
	}
	return nil
})

// copier predicts at the j-th marker (token 1) the j-th non-noise token
// before the markers: it solves selective copying exactly.
var copier = ModelFunc(func(ctx context.Context, b *data.Batch, logp []float32, top1 []bool) error {
	for r := range b.B {
		in := b.Inputs[r*b.T : (r+1)*b.T]
		var seen []int32
		j := 0
		for t, x := range in {
			i := r*b.T + t
			if x == 1 {
				top1[i] = j < len(seen) && seen[j] == b.Targets[i]
				j++
			} else if x != 0 {
				seen = append(seen, x)
			}
		}
	}
	return nil
})
