package data

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"runtime"
	"sync"
)

// Split names a part of a corpus.
type Split int

const (
	Train Split = iota
	Validation
)

func (s Split) String() string {
	if s == Validation {
		return "validation"
	}
	return "train"
}

// SplitOf assigns a document to Train or Validation by a seeded hash of its
// text: the same text always lands in the same split for the same seed,
// whatever its position or file, so adding files to a corpus never moves an
// old document, and duplicated documents never straddle the split. About
// valFraction of the documents go to Validation.
func SplitOf(text string, seed uint64, valFraction float64) Split {
	if valFraction <= 0 {
		return Train
	}
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], seed)
	h.Write(b[:])
	h.Write([]byte(text))
	u := float64(mix64(h.Sum64())>>11) / (1 << 53) // uniform in [0,1)
	if u < valFraction {
		return Validation
	}
	return Train
}

// mix64 is splitmix64's finaliser: it spreads FNV's weak low bits.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// LoadConfig says how to turn a corpus into token streams.
type LoadConfig struct {
	ValFraction    float64 // share of documents held out for validation, e.g. 0.1
	Seed           uint64  // seeds the split, e.g. 1
	MaxTrainTokens int     // stop filling Train after this many tokens, e.g. 10_000_000; 0 = no limit
	MaxValTokens   int     // stop filling Val after this many tokens, e.g. 1_000_000; 0 = no limit
	Workers        int     // goroutines tokenising documents (BPE only), e.g. 4; 0 = GOMAXPROCS
}

// Dataset is a corpus tokenised into two token streams.
type Dataset struct {
	Name      string    // corpus name, e.g. "opticks"
	Tokenizer Tokenizer // what produced the ids
	Train     []int32   // training token stream, documents concatenated
	Val       []int32   // validation token stream
	TrainDocs int       // documents (or chunks) in Train
	ValDocs   int       // documents (or chunks) in Val
}

// Load streams the corpus, splits each document with SplitOf, tokenises it
// and appends it to its split's stream. Between documents (but not between
// the chunks of one text file) it puts the tokenizer's end-of-text token,
// where it has one. Loading stops early once both streams are full, so
// MaxTrainTokens and MaxValTokens bound the work done on huge corpora.
// A split that is full keeps skipping its documents while the other fills.
// A corpus error (a malformed line, an unreadable file) is returned as is.
func Load(ctx context.Context, c Corpus, tok Tokenizer, cfg LoadConfig) (*Dataset, error) {
	if cfg.ValFraction < 0 || cfg.ValFraction >= 1 || math.IsNaN(cfg.ValFraction) {
		return nil, fmt.Errorf("data: load %s: ValFraction %v not in [0,1)", c.Name(), cfg.ValFraction)
	}
	ds := &Dataset{Name: c.Name(), Tokenizer: tok}
	eot := -1
	if e, ok := tok.(EndOfText); ok {
		eot = e.EndOfText()
	}
	full := func(n, max int) bool { return max > 0 && n >= max }
	allFull := func() bool {
		return full(len(ds.Train), cfg.MaxTrainTokens) && (cfg.ValFraction == 0 || full(len(ds.Val), cfg.MaxValTokens))
	}
	// add appends one document's ids to its split, reporting whether to go on.
	add := func(d Document, split Split, ids []int) {
		dst, max, count := &ds.Train, cfg.MaxTrainTokens, &ds.TrainDocs
		if split == Validation {
			dst, max, count = &ds.Val, cfg.MaxValTokens, &ds.ValDocs
		}
		if full(len(*dst), max) {
			return
		}
		if eot >= 0 && len(*dst) > 0 && !d.Continues {
			*dst = append(*dst, int32(eot))
		}
		if ids == nil { // the byte tokenizer: no []int in between
			for i := 0; i < len(d.Text); i++ {
				*dst = append(*dst, int32(d.Text[i]))
			}
		} else {
			for _, id := range ids {
				*dst = append(*dst, int32(id))
			}
		}
		*count++
		if max > 0 && len(*dst) > max {
			*dst = (*dst)[:max]
		}
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if _, isBytes := tok.(byteTokenizer); isBytes || workers == 1 {
		for d, err := range c.Documents(ctx) {
			if err != nil {
				return nil, err
			}
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("data: load %s: %w", c.Name(), err)
			}
			split := SplitOf(d.Text, cfg.Seed, cfg.ValFraction)
			var ids []int
			if !isBytes {
				ids = tok.Encode(d.Text)
			}
			add(d, split, ids)
			if allFull() {
				break
			}
		}
		return ds, nil
	}
	err := encodeParallel(ctx, c, tok, cfg.Seed, cfg.ValFraction, workers, func(d Document, split Split, ids []int) bool {
		add(d, split, ids)
		return !allFull()
	})
	if err != nil {
		return nil, err
	}
	return ds, nil
}

// job is one document on its way through encodeParallel.
type job struct {
	d     Document
	split Split
	err   error      // a corpus error, in stream order
	ids   chan []int // the encoder's result, buffered 1
}

// encodeParallel streams c's documents, encodes them on workers goroutines
// and hands them to use in corpus order; use returns false to stop. Every
// goroutine has ended when it returns.
func encodeParallel(ctx context.Context, c Corpus, tok Tokenizer, seed uint64, valFraction float64, workers int,
	use func(Document, Split, []int) bool) error {
	stop := make(chan struct{})
	work := make(chan *job)
	order := make(chan *job, 4*workers) // bounds the documents in flight
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // reader: corpus order into both queues
		defer wg.Done()
		defer close(order)
		defer close(work)
		for d, err := range c.Documents(ctx) {
			j := &job{d: d, err: err, ids: make(chan []int, 1)}
			if err == nil {
				j.split = SplitOf(d.Text, seed, valFraction)
			} else {
				j.ids <- nil
			}
			select {
			case order <- j:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
			select {
			case work <- j:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				j.ids <- tok.Encode(j.d.Text)
			}
		}()
	}
	defer wg.Wait()
	defer close(stop)
	for j := range order {
		ids := <-j.ids // every job gets exactly one value
		if j.err != nil {
			return j.err
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("data: load %s: %w", c.Name(), err)
		}
		if !use(j.d, j.split, ids) {
			return nil
		}
	}
	return nil
}
