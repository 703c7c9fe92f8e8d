package eval

import (
	"context"
	"math"
	"testing"

	"github.com/archlab/archlab/lib/data"
)

func TestUnigramLoss(t *testing.T) {
	tests := []struct {
		train, val []int32
		vocab      int
		want       float64
	}{
		{nil, []int32{0, 1}, 4, math.Log(4)},                     // no counts: uniform
		{[]int32{0, 0, 0, 1}, []int32{0}, 2, -math.Log(4.0 / 6)}, // (3+1)/(4+2)
		{[]int32{0, 0, 0, 1}, []int32{0, 1}, 2, -(math.Log(4.0/6) + math.Log(2.0/6)) / 2},
	}
	for _, tt := range tests {
		if got := UnigramLoss(tt.train, tt.val, tt.vocab); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("UnigramLoss(%v, %v, %d) = %v, want %v", tt.train, tt.val, tt.vocab, got, tt.want)
		}
	}
}

func TestUnigramLossOpticks(t *testing.T) {
	c, err := data.Opticks()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := data.Load(context.Background(), c, data.Bytes(), data.LoadConfig{ValFraction: 0.1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	// English bytes carry about 4.6 bits (3.2 nats) each under a unigram model.
	if got := UnigramLoss(ds.Train, ds.Val, 256); got < 3.0 || got > 3.4 {
		t.Errorf("Opticks byte unigram loss %.3f nats, want about 3.2", got)
	}
}

// The whole path on real data: Opticks → bytes → split → validation
// batches → Loss of a bigram model fitted on the training split, which
// must beat the unigram baseline.
func TestLossOpticksBigramBeatsUnigram(t *testing.T) {
	c, err := data.Opticks()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := data.Load(context.Background(), c, data.Bytes(), data.LoadConfig{ValFraction: 0.1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	train := make([]byte, len(ds.Train))
	for i, id := range ds.Train {
		train[i] = byte(id)
	}
	m := newBigram(string(train))
	val := data.EvalBatches(ds.Val, 8, 128, 8)
	res, err := Loss(context.Background(), m, val)
	if err != nil {
		t.Fatal(err)
	}
	uni := UnigramLoss(ds.Train, ds.Val, 256)
	if res.Tokens != 8*8*128 || !(res.Loss < uni-0.5) {
		t.Errorf("bigram loss %.3f over %d tokens; unigram %.3f: want the bigram well below", res.Loss, res.Tokens, uni)
	}
	t.Logf("Opticks bytes: unigram %.3f, bigram %.3f nats/token (perplexity %.1f)", uni, res.Loss, res.Perplexity)
}
