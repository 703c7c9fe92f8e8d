package eval

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/archlab/archlab/lib/data"
)

// Task is a synthetic screening task: a generator of (B,T) batches whose
// Targets are set, and Mask true, only at the positions that are scored
// (the answers); elsewhere Targets is data.IgnoreIndex. Train on
// [Task.Batch], score on [Task.HeldOut]: both are pure functions of their
// arguments, drawn from separate random streams.
type Task struct {
	Name  string // e.g. "mqar-t128-kv32"
	Vocab int    // token ids are in [0, Vocab), e.g. 256
	T     int    // sequence length (inputs per row), e.g. 128
	gen   func(r *rand.Rand, in, tgt []int32, mask []bool)
}

// Batch returns training batch number step of B examples for seed.
func (t *Task) Batch(seed uint64, step, B int) *data.Batch {
	return t.fill(seed, 2*uint64(step), B) // even streams: training
}

// HeldOut returns the n scoring examples for seed as one batch of B=n
// (slice it with [Rows] to score in smaller batches).
func (t *Task) HeldOut(seed uint64, n int) *data.Batch {
	return t.fill(seed, 1, n) // odd stream: never a training batch
}

func (t *Task) fill(seed, stream uint64, B int) *data.Batch {
	b := data.NewBatch(B, t.T)
	b.Mask = make([]bool, B*t.T)
	for i := range b.Targets {
		b.Targets[i] = data.IgnoreIndex
	}
	r := rand.New(rand.NewPCG(seed, stream))
	T := t.T
	for row := range B {
		t.gen(r, b.Inputs[row*T:(row+1)*T], b.Targets[row*T:(row+1)*T], b.Mask[row*T:(row+1)*T])
	}
	return b
}

// Rows returns rows [lo,hi) of b as a batch sharing b's memory.
func Rows(b *data.Batch, lo, hi int) *data.Batch {
	if lo < 0 || hi > b.B || lo >= hi {
		panic(fmt.Sprintf("eval: Rows(%d, %d) of a batch of %d rows", lo, hi, b.B))
	}
	T := b.T
	out := &data.Batch{B: hi - lo, T: T, Inputs: b.Inputs[lo*T : hi*T], Targets: b.Targets[lo*T : hi*T]}
	if b.Mask != nil {
		out.Mask = b.Mask[lo*T : hi*T]
	}
	return out
}

// Accuracy returns the share of b's counted positions where pred, the
// model's first choice at every position ((B,T) row-major), equals the
// target. It panics when len(pred) != B*T or nothing counts.
func Accuracy(b *data.Batch, pred []int32) float64 {
	if len(pred) != b.B*b.T {
		panic(fmt.Sprintf("eval: Accuracy: len(pred)=%d, want B*T=%d", len(pred), b.B*b.T))
	}
	n, hit := 0, 0
	for i, p := range pred {
		if b.Counts(i) {
			n++
			if p == b.Targets[i] {
				hit++
			}
		}
	}
	if n == 0 {
		panic("eval: Accuracy: no position counts")
	}
	return float64(hit) / float64(n)
}

// TaskAccuracy scores m on b (usually Task.HeldOut) in batches of at most
// batchSize rows and returns the share of counted positions where the
// target was the model's first choice.
func TaskAccuracy(ctx context.Context, m Model, b *data.Batch, batchSize int) (float64, error) {
	if batchSize < 1 {
		batchSize = b.B
	}
	var logp []float32
	var top1 []bool
	n, hit := 0, 0
	for lo := 0; lo < b.B; lo += batchSize {
		sub := Rows(b, lo, min(lo+batchSize, b.B))
		logp, top1 = grow(logp, top1, sub.B*sub.T)
		if err := m.Score(ctx, sub, logp, top1); err != nil {
			return 0, fmt.Errorf("eval: task accuracy: rows %d..%d: %w", lo, lo+sub.B, err)
		}
		for i := range sub.Targets {
			if sub.Counts(i) {
				n++
				if top1[i] {
					hit++
				}
			}
		}
	}
	if n == 0 {
		return 0, fmt.Errorf("eval: task accuracy: no position counts")
	}
	return float64(hit) / float64(n), nil
}

// MQARConfig sets the shape of multi-query associative recall.
type MQARConfig struct {
	Vocab  int     // vocabulary, e.g. 256: keys from [1, Vocab/2), values from [Vocab/2, Vocab)
	T      int     // input length, e.g. 128
	Pairs  int     // key-value pairs, e.g. 32; needs T >= 4*Pairs
	PowerA float64 // query-slot distribution p(gap g) ∝ g^(PowerA-1), Zoology's 0.01; 0 means 0.01
	// ZeroFill leaves the slots between queries as token 0 (Zoology's
	// random_non_queries=False); by default they hold random tokens from
	// [0, Vocab), as in Zoology's default.
	ZeroFill bool
}

// MQAR returns multi-query associative recall in Zoology's layout
// (Arora et al. 2023, zoology/data/associative_recall.py): a row opens with
// Pairs key-value pairs k1 v1 k2 v2 …, keys distinct from [1, Vocab/2) and
// values distinct from [Vocab/2, Vocab); the rest is filler token 0 in
// which every key is asked once, at an even slot drawn without replacement
// with probability ∝ slot^(PowerA-1) (small gaps likelier), and every other
// slot is then a random token (or 0 with ZeroFill). The target at a query
// key is its value, which the input never shows there; only query
// positions count. Zoology also asks Vocab > T; we do not, so that the
// hardest level fits a byte-sized vocabulary.
func MQAR(c MQARConfig) *Task {
	if c.PowerA == 0 {
		c.PowerA = 0.01
	}
	if c.Vocab < 4 || c.Pairs < 1 || c.Pairs > c.Vocab/2-1 || c.T < 4*c.Pairs {
		panic(fmt.Sprintf("eval: MQAR%+v: need Vocab ≥ 4, 1 ≤ Pairs < Vocab/2, T ≥ 4·Pairs", c))
	}
	ctxLen := 2 * c.Pairs
	space := (c.T - ctxLen) / 2
	w := make([]float64, space) // unnormalised p(gap g)
	for g := range w {
		w[g] = math.Pow(float64(g+1), c.PowerA-1)
	}
	half := c.Vocab / 2
	return &Task{
		Name:  fmt.Sprintf("mqar-t%d-kv%d", c.T, c.Pairs),
		Vocab: c.Vocab, T: c.T,
		gen: func(r *rand.Rand, in, tgt []int32, mask []bool) {
			keys := sample(r, 1, half, c.Pairs)
			vals := sample(r, half, c.Vocab, c.Pairs)
			clear(in)
			for i := range c.Pairs {
				in[2*i], in[2*i+1] = int32(keys[i]), int32(vals[i])
			}
			gaps := weightedSample(r, w, c.Pairs)
			for i, g := range gaps {
				pos := ctxLen + 2*g
				in[pos] = int32(keys[i])
				tgt[pos] = int32(vals[i])
				mask[pos] = true
			}
			if !c.ZeroFill {
				for p := ctxLen; p < len(in); p++ {
					if !mask[p] {
						in[p] = int32(r.IntN(c.Vocab))
					}
				}
			}
		},
	}
}

// MQARLevels returns MQAR at four difficulties, easiest first: (T, pairs) =
// (64, 8), (128, 16), (128, 32) (the CPU screening preset in ANCHORS.md)
// and (256, 64), all with vocabulary 256.
func MQARLevels() []*Task {
	return []*Task{
		MQAR(MQARConfig{Vocab: 256, T: 64, Pairs: 8}),
		MQAR(MQARConfig{Vocab: 256, T: 128, Pairs: 16}),
		MQAR(MQARConfig{Vocab: 256, T: 128, Pairs: 32}),
		MQAR(MQARConfig{Vocab: 256, T: 256, Pairs: 64}),
	}
}

// InContextRecall returns single-query associative recall (the H3 paper's
// "associative recall"): (T-1)/2 pairs k v with distinct keys from
// [1, Vocab/2) and values from [Vocab/2, Vocab) drawn with replacement,
// then one key from among them at the last position, whose target is its
// value. One position per row counts.
func InContextRecall(vocab, T int) *Task {
	pairs := (T - 1) / 2
	if vocab < 4 || pairs < 1 || pairs > vocab/2-1 {
		panic(fmt.Sprintf("eval: InContextRecall(%d, %d): need 1 ≤ (T-1)/2 < vocab/2", vocab, T))
	}
	half := vocab / 2
	return &Task{
		Name:  fmt.Sprintf("recall-t%d", T),
		Vocab: vocab, T: T,
		gen: func(r *rand.Rand, in, tgt []int32, mask []bool) {
			clear(in)
			keys := sample(r, 1, half, pairs)
			for i, k := range keys {
				in[2*i], in[2*i+1] = int32(k), int32(half+r.IntN(vocab-half))
			}
			q := r.IntN(pairs)
			last := len(in) - 1
			in[last] = int32(keys[q])
			tgt[last] = in[2*q+1]
			mask[last] = true
		},
	}
}

// SelectiveCopy returns selective copying (Gu & Dao 2023, Mamba): the first
// T-n positions hold n data tokens from [2, vocab) at random positions, in
// order, among noise tokens 0; the last n positions hold the marker token 1,
// and the target at the j-th marker is the j-th data token. n positions per
// row count.
func SelectiveCopy(vocab, T, n int) *Task {
	if vocab < 3 || n < 1 || T < 2*n {
		panic(fmt.Sprintf("eval: SelectiveCopy(%d, %d, %d): need vocab ≥ 3, n ≥ 1, T ≥ 2n", vocab, T, n))
	}
	L := T - n
	return &Task{
		Name:  fmt.Sprintf("selcopy-t%d-n%d", T, n),
		Vocab: vocab, T: T,
		gen: func(r *rand.Rand, in, tgt []int32, mask []bool) {
			clear(in)
			pos := sample(r, 0, L, n)
			slices.Sort(pos)
			for j, p := range pos {
				tok := int32(2 + r.IntN(vocab-2))
				in[p] = tok
				in[L+j] = 1
				tgt[L+j] = tok
				mask[L+j] = true
			}
		},
	}
}

// InductionHeads returns the induction-head task (Olsson et al. 2022, as in
// Mamba): T random tokens from [2, vocab), in which the trigger token 1
// appears once, followed by a token x, and again at the last position,
// where the target is x. One position per row counts.
func InductionHeads(vocab, T int) *Task {
	if vocab < 3 || T < 4 {
		panic(fmt.Sprintf("eval: InductionHeads(%d, %d): need vocab ≥ 3, T ≥ 4", vocab, T))
	}
	return &Task{
		Name:  fmt.Sprintf("induction-t%d", T),
		Vocab: vocab, T: T,
		gen: func(r *rand.Rand, in, tgt []int32, mask []bool) {
			for i := range in {
				in[i] = int32(2 + r.IntN(vocab-2))
			}
			p := r.IntN(T - 2) // trigger at p, x at p+1 <= T-2
			in[p] = 1
			last := T - 1
			in[last] = 1
			tgt[last] = in[p+1]
			mask[last] = true
		},
	}
}

// ScreeningTasks returns the default screening suite, all with vocabulary
// 256: the four MQAR levels, in-context recall (T=65), selective copying
// (T=128, 16 tokens) and induction heads (T=128).
func ScreeningTasks() []*Task {
	return append(MQARLevels(),
		InContextRecall(256, 65),
		SelectiveCopy(256, 128, 16),
		InductionHeads(256, 128),
	)
}

// TaskByName returns the task of ScreeningTasks with that name.
func TaskByName(name string) (*Task, error) {
	var names []string
	for _, t := range ScreeningTasks() {
		if t.Name == name {
			return t, nil
		}
		names = append(names, t.Name)
	}
	return nil, fmt.Errorf("eval: unknown task %q (have %v)", name, names)
}

// sample returns k distinct ints from [lo, hi) in random order (a partial
// Fisher–Yates shuffle).
func sample(r *rand.Rand, lo, hi, k int) []int {
	n := hi - lo
	p := make([]int, n)
	for i := range p {
		p[i] = lo + i
	}
	for i := range k {
		j := i + r.IntN(n-i)
		p[i], p[j] = p[j], p[i]
	}
	return p[:k]
}

// weightedSample draws k distinct indices of w without replacement, each
// draw with probability ∝ w among those left (numpy's choice(replace=False, p)).
func weightedSample(r *rand.Rand, w []float64, k int) []int {
	left := append([]float64(nil), w...)
	total := 0.0
	for _, x := range left {
		total += x
	}
	out := make([]int, k)
	for i := range k {
		u := r.Float64() * total
		j := 0
		for ; j < len(left)-1; j++ {
			if left[j] == 0 {
				continue
			}
			if u < left[j] {
				break
			}
			u -= left[j]
		}
		for left[j] == 0 { // rounding fell past the end: take the last left
			j--
		}
		out[i] = j
		total -= left[j]
		left[j] = 0
	}
	return out
}
