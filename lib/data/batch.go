package data

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
)

// IgnoreIndex marks a Targets entry that has no target (a position that
// does not count in loss or accuracy).
const IgnoreIndex = -1

// Batch is B sequences of T positions, every slice (B,T) row-major: entry
// b*T+t is sequence b, position t. It is the one currency between data,
// eval and the trainer: language-model batches from a Batcher and synthetic
// task batches from lib/eval alike.
type Batch struct {
	B, T    int
	Inputs  []int32 // (B,T) token ids fed to the model
	Targets []int32 // (B,T) token to predict at each position (the next token for LM); IgnoreIndex where none
	Mask    []bool  // (B,T) true where a position counts; nil means every position with a target counts
}

// NewBatch returns a zeroed batch of shape (B,T) with a nil Mask.
func NewBatch(B, T int) *Batch {
	if B < 1 || T < 1 {
		panic(fmt.Sprintf("data: NewBatch(%d, %d): B and T must be positive", B, T))
	}
	return &Batch{B: B, T: T, Inputs: make([]int32, B*T), Targets: make([]int32, B*T)}
}

// Counts reports whether flat position i (b*T+t) counts in loss and
// accuracy: its target is not IgnoreIndex and the mask, if any, is set.
func (b *Batch) Counts(i int) bool {
	return b.Targets[i] != IgnoreIndex && (b.Mask == nil || b.Mask[i])
}

// Count returns the number of positions that count.
func (b *Batch) Count() int {
	n := 0
	for i := range b.Targets {
		if b.Counts(i) {
			n++
		}
	}
	return n
}

// Batcher cuts (B,T+1) windows out of a token stream. Batch number step is
// a pure function of (seed, step), so a resumed run sees the same batches as
// an uninterrupted one and two runs with one seed see the same data.
type Batcher struct {
	tokens []int32
	b, t   int
	seed   uint64
}

// NewBatcher returns a batcher of B windows of T+1 tokens from tokens. It
// panics when the stream is shorter than T+1 tokens or B, T < 1.
func NewBatcher(tokens []int32, B, T int, seed uint64) *Batcher {
	if B < 1 || T < 1 {
		panic(fmt.Sprintf("data: NewBatcher: B=%d, T=%d must be positive", B, T))
	}
	if len(tokens) < T+1 {
		panic(fmt.Sprintf("data: NewBatcher: stream of %d tokens is shorter than one window of T+1=%d", len(tokens), T+1))
	}
	return &Batcher{tokens: tokens, b: B, t: T, seed: seed}
}

// Window fills dst, (B,T+1) row-major, with batch number step: B windows at
// offsets drawn uniformly from the stream. len(dst) must be B*(T+1).
func (bt *Batcher) Window(step int, dst []int32) {
	B, T := bt.b, bt.t
	if len(dst) != B*(T+1) {
		panic(fmt.Sprintf("data: Batcher.Window: len(dst)=%d, want B*(T+1)=%d", len(dst), B*(T+1)))
	}
	var r rand.PCG
	r.Seed(bt.seed, uint64(step))
	span := uint64(len(bt.tokens) - T) // offsets 0..len-T-1
	for b := range B {
		off := int(uint64n(&r, span))
		copy(dst[b*(T+1):(b+1)*(T+1)], bt.tokens[off:off+T+1])
	}
}

// Fill fills dst with batch number step: Inputs are each window's first T
// tokens and Targets its last T (the next token at every position); Mask
// is nil. dst's slices are reused when they have the right length.
func (bt *Batcher) Fill(step int, dst *Batch) {
	B, T := bt.b, bt.t
	dst.B, dst.T, dst.Mask = B, T, nil
	if len(dst.Inputs) != B*T {
		dst.Inputs = make([]int32, B*T)
	}
	if len(dst.Targets) != B*T {
		dst.Targets = make([]int32, B*T)
	}
	var r rand.PCG
	r.Seed(bt.seed, uint64(step))
	span := uint64(len(bt.tokens) - T)
	for b := range B {
		off := int(uint64n(&r, span))
		copy(dst.Inputs[b*T:(b+1)*T], bt.tokens[off:off+T])
		copy(dst.Targets[b*T:(b+1)*T], bt.tokens[off+1:off+T+1])
	}
}

// uint64n returns a uniform value in [0, n) (Lemire's method), spelled out
// here so that batches do not change if math/rand/v2's algorithm does.
func uint64n(r *rand.PCG, n uint64) uint64 {
	hi, lo := bits.Mul64(r.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(r.Uint64(), n)
		}
	}
	return hi
}

// Batch returns batch number step in a new Batch.
func (bt *Batcher) Batch(step int) *Batch {
	dst := &Batch{}
	bt.Fill(step, dst)
	return dst
}

// EvalBatches cuts a validation stream into non-overlapping windows of T+1
// tokens (stride T, so every token but the first is a target exactly once)
// and groups them into batches of exactly B; a last partial batch is
// dropped. With maxBatches > 0 and more windows than that, it takes
// maxBatches*B windows evenly spaced over the stream, so a long stream is
// sampled from end to end. The result is the same on every call.
func EvalBatches(tokens []int32, B, T, maxBatches int) []Batch {
	if B < 1 || T < 1 {
		panic(fmt.Sprintf("data: EvalBatches: B=%d, T=%d must be positive", B, T))
	}
	nwin := 0
	if len(tokens) > T {
		nwin = (len(tokens) - 1) / T
	}
	nb := nwin / B
	stride := 1
	if maxBatches > 0 && nb > maxBatches {
		stride = nwin / (maxBatches * B)
		nb = maxBatches
	}
	out := make([]Batch, nb)
	for i := range out {
		bt := NewBatch(B, T)
		for b := range B {
			off := ((i*B + b) * stride) * T
			copy(bt.Inputs[b*T:(b+1)*T], tokens[off:off+T])
			copy(bt.Targets[b*T:(b+1)*T], tokens[off+1:off+T+1])
		}
		out[i] = *bt
	}
	return out
}
