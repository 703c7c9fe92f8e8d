package eval

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/archlab/archlab/lib/data"
)

func byteStream(s string) []int32 {
	out := make([]int32, len(s))
	for i := range len(s) {
		out[i] = int32(s[i])
	}
	return out
}

func TestLossUniform(t *testing.T) {
	batches := data.EvalBatches(byteStream(strings.Repeat("abcdefgh", 50)), 3, 16, 0)
	got, err := Loss(context.Background(), uniform{256}, batches)
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-6 // ln 256 rounded to float32
	if math.Abs(got.Loss-math.Log(256)) > tol || math.Abs(got.Perplexity-256) > 256*tol || got.Accuracy != 0 || got.Tokens != len(batches)*3*16 {
		t.Errorf("Loss = %+v, want ln 256, perplexity 256, accuracy 0, %d tokens", got, len(batches)*3*16)
	}
}

func TestLossBigramExact(t *testing.T) {
	text := "the quick brown fox jumps over the lazy dog; the dog sleeps. "
	m := newBigram(strings.Repeat(text, 3))
	val := "the lazy fox sleeps over the quick dog and the brown cat"
	batches := data.EvalBatches(byteStream(val), 2, 9, 0)
	// Masks count: drop the first two positions of every row.
	for i := range batches {
		b := &batches[i]
		b.Mask = make([]bool, b.B*b.T)
		for j := range b.Mask {
			b.Mask[j] = j%b.T >= 2
		}
	}
	got, err := Loss(context.Background(), m, batches)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	var n, hits int
	for _, b := range batches {
		for r := range b.B {
			for tt := 2; tt < b.T; tt++ {
				i := r*b.T + tt
				prev, next := byte(b.Inputs[i]), byte(b.Targets[i])
				sum -= float64(float32(m.logp(prev, next)))
				n++
				if m.argmax(prev) == int32(next) {
					hits++
				}
			}
		}
	}
	const tol = 1e-12 // same float32 values summed in the same order
	if math.Abs(got.Loss-sum/float64(n)) > tol || got.Tokens != n || got.Accuracy != float64(hits)/float64(n) {
		t.Errorf("Loss = %+v, want loss %v over %d tokens, accuracy %v", got, sum/float64(n), n, float64(hits)/float64(n))
	}
}

func TestLossErrors(t *testing.T) {
	batches := data.EvalBatches(byteStream(strings.Repeat("x", 100)), 2, 8, 0)
	failing := ModelFunc(func(context.Context, *data.Batch, []float32, []bool) error { return errors.New("out of memory") })
	positive := ModelFunc(func(_ context.Context, _ *data.Batch, logp []float32, _ []bool) error {
		for i := range logp {
			logp[i] = 0.5
		}
		return nil
	})
	tests := []struct {
		name    string
		m       Model
		batches []data.Batch
		want    string
	}{
		{"model error", failing, batches, "eval: loss: batch 0: out of memory"},
		{"positive log p", positive, batches, "model returned log p = 0.5"},
		{"no batches", uniform{2}, nil, "no target tokens"},
	}
	for _, tt := range tests {
		_, err := Loss(context.Background(), tt.m, tt.batches)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want %q", tt.name, err, tt.want)
		}
	}
}
