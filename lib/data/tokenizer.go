package data

import (
	"fmt"
	"sync"

	tiktoken_loader "github.com/pkoukk/tiktoken-go-loader"
)

// Tokenizer maps text to token ids in [0, VocabSize()) and back.
// Implementations are safe for concurrent use.
type Tokenizer interface {
	Encode(s string) []int
	Decode(ids []int) string
	VocabSize() int
	Name() string // "byte" or "gpt2"
}

// EndOfText is implemented by tokenizers with a document separator token
// (GPT-2's <|endoftext|>, id 50256). Load puts it between documents.
type EndOfText interface {
	EndOfText() int
}

// Bytes returns the byte-level tokenizer: one token per byte, vocabulary 256.
// Decode of ids outside [0,256) panics (programmer misuse).
func Bytes() Tokenizer { return byteTokenizer{} }

type byteTokenizer struct{}

func (byteTokenizer) Encode(s string) []int {
	ids := make([]int, len(s))
	for i := 0; i < len(s); i++ {
		ids[i] = int(s[i])
	}
	return ids
}

func (byteTokenizer) Decode(ids []int) string {
	b := make([]byte, len(ids))
	for i, id := range ids {
		if id < 0 || id > 255 {
			panic(fmt.Sprintf("data: byte tokenizer: id %d out of range [0,256)", id))
		}
		b[i] = byte(id)
	}
	return string(b)
}

func (byteTokenizer) VocabSize() int { return 256 }
func (byteTokenizer) Name() string   { return "byte" }

// GPT-2's BPE (tiktoken's r50k_base): 50,256 merges plus <|endoftext|>.
const (
	gpt2Vocab = 50257
	gpt2EOT   = 50256
	// gpt2Pattern is r50k_base's pre-tokenisation regexp (as in tiktoken).
	gpt2Pattern = `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
)

// gpt2Ranks loads r50k_base's merge ranks once per process from the
// offline loader's embedded files (no network, no cache directory); the
// result is read-only.
var gpt2Ranks = sync.OnceValues(func() (map[string]int, error) {
	ranks, err := tiktoken_loader.NewOfflineLoader().LoadTiktokenBpe("r50k_base.tiktoken")
	if err != nil {
		return nil, fmt.Errorf("data: gpt2 tokenizer: load r50k_base ranks: %w", err)
	}
	if len(ranks) != gpt2EOT {
		return nil, fmt.Errorf("data: gpt2 tokenizer: %d ranks, want %d", len(ranks), gpt2EOT)
	}
	return ranks, nil
})

// gpt2Load builds the encoder once per process.
var gpt2Load = sync.OnceValues(func() (*bpe, error) {
	ranks, err := gpt2Ranks()
	if err != nil {
		return nil, err
	}
	return newBPE(ranks), nil
})

// GPT2 returns the GPT-2 BPE tokenizer (r50k_base, vocabulary 50,257), the
// one ASI-ARCH used. It works offline: the merge ranks are embedded in the
// binary by github.com/pkoukk/tiktoken-go-loader. The first call takes
// a fraction of a second to build the tables; later calls share them.
// Encode treats "<|endoftext|>" in the text as plain text, never as the
// special token.
func GPT2() (Tokenizer, error) {
	e, err := gpt2Load()
	if err != nil {
		return nil, err
	}
	return gpt2Tokenizer{e}, nil
}

type gpt2Tokenizer struct{ fast *bpe }

func (g gpt2Tokenizer) Encode(s string) []int { return g.fast.encode(s) }
func (g gpt2Tokenizer) Decode(ids []int) string {
	for _, id := range ids {
		if id < 0 || id >= gpt2Vocab {
			panic(fmt.Sprintf("data: gpt2 tokenizer: id %d out of range [0,%d)", id, gpt2Vocab))
		}
	}
	return g.fast.decode(ids)
}
func (gpt2Tokenizer) VocabSize() int { return gpt2Vocab }
func (gpt2Tokenizer) Name() string   { return "gpt2" }
func (gpt2Tokenizer) EndOfText() int { return gpt2EOT }

// NewTokenizer returns a tokenizer by name: "byte", or "gpt2" (also
// "r50k_base").
func NewTokenizer(name string) (Tokenizer, error) {
	switch name {
	case "byte", "bytes":
		return Bytes(), nil
	case "gpt2", "r50k_base":
		return GPT2()
	}
	return nil, fmt.Errorf("data: unknown tokenizer %q (want byte or gpt2)", name)
}
