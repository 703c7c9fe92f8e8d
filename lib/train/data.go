package train

import (
	"context"
	"fmt"
	"math"

	"github.com/archlab/archlab/lib/data"
)

// The data phase: the corpus (tokenised, split, cut into validation
// batches) and the batches of every step. A batch is a pure function of
// (seed, step), so a resumed run sees the batches an uninterrupted one
// does.

// loadData reads and tokenises the corpus of a language-model task (a
// synthetic task needs nothing read).
func (j *job) loadData(ctx context.Context) error {
	r := j.r
	if r.task != nil {
		return nil
	}
	corpus, err := data.Open(r.Corpus)
	if err != nil {
		return fmt.Errorf("train: corpus: %w", err)
	}
	tok, err := data.NewTokenizer(r.Tokenizer)
	if err != nil {
		return fmt.Errorf("train: tokenizer: %w", err)
	}
	if tok.VocabSize() != r.Vocab {
		return fmt.Errorf("train: tokenizer %s has %d tokens, the spec %d", r.Tokenizer, tok.VocabSize(), r.Vocab)
	}
	ds, err := data.Load(ctx, corpus, tok, data.LoadConfig{ValFraction: 0.1, Seed: 1, MaxTrainTokens: 50_000_000, MaxValTokens: 1_000_000})
	if err != nil {
		return fmt.Errorf("train: data: %w", err)
	}
	if len(ds.Train) < r.Seq+1 || len(ds.Val) < r.Seq+1 {
		return fmt.Errorf("train: corpus %s is too small: %d training and %d validation tokens for sequences of %d", r.Corpus, len(ds.Train), len(ds.Val), r.Seq)
	}
	j.ds = ds
	j.val = data.EvalBatches(ds.Val, r.Batch, r.Seq, r.EvalBatches)
	j.unigram = unigramLoss(ds.Train, j.val, tok.VocabSize())
	return nil
}

// batches hands out one seed's training batches.
type batches struct {
	r      *resolved
	seed   uint64
	corpus *data.Batcher // nil for a synthetic task
}

func (j *job) batches(seed uint64) *batches {
	b := &batches{r: j.r, seed: seed}
	if j.ds != nil {
		b.corpus = data.NewBatcher(j.ds.Train, j.r.Batch, j.r.Seq, seed)
	}
	return b
}

// at returns batch number step and its stream (-1: the main task, k:
// suite task k).
func (b *batches) at(step int) (*data.Batch, int) {
	r := b.r
	if k := r.stream(step); k >= 0 {
		return r.suite[k].Batch(b.seed, step, r.SuiteBatch), k
	}
	if r.task != nil {
		return r.task.Batch(b.seed, step, r.Batch), -1
	}
	return b.corpus.Batch(step), -1
}

// unigramLoss is the validation loss of the training tokens' frequencies
// (add-one smoothed): the bar a model must clear to have learned anything
// beyond letter counts.
func unigramLoss(train []int32, val []data.Batch, vocab int) float64 {
	counts := make([]float64, vocab)
	for _, t := range train {
		counts[t]++
	}
	total := float64(len(train) + vocab)
	var sum float64
	var n int
	for _, b := range val {
		for i, t := range b.Targets {
			if b.Counts(i) {
				sum -= math.Log((counts[t] + 1) / total)
				n++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}
