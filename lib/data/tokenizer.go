package data

import (
	"fmt"
	"sync"

	tiktoken "github.com/pkoukk/tiktoken-go"
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

// gpt2Tables holds what the GPT-2 tokenizer needs: tiktoken-go's encoder
// (the reference) and our faster twin built from the same ranks.
type gpt2Tables struct {
	ref  *tiktoken.Tiktoken
	fast *bpe
}

// gpt2Load loads the ranks once per process; the result is read-only.
var gpt2Load = sync.OnceValues(func() (gpt2Tables, error) {
	// The offline loader reads the ranks embedded in tiktoken-go-loader;
	// no network, no cache directory. We build the encoder ourselves instead
	// of tiktoken.SetBpeLoader so no package-global loader is changed.
	ranks, err := tiktoken_loader.NewOfflineLoader().LoadTiktokenBpe("r50k_base.tiktoken")
	if err != nil {
		return gpt2Tables{}, fmt.Errorf("data: gpt2 tokenizer: load r50k_base ranks: %w", err)
	}
	if len(ranks) != gpt2EOT {
		return gpt2Tables{}, fmt.Errorf("data: gpt2 tokenizer: %d ranks, want %d", len(ranks), gpt2EOT)
	}
	special := map[string]int{"<|endoftext|>": gpt2EOT}
	core, err := tiktoken.NewCoreBPE(ranks, special, gpt2Pattern)
	if err != nil {
		return gpt2Tables{}, fmt.Errorf("data: gpt2 tokenizer: %w", err)
	}
	enc := &tiktoken.Encoding{Name: "r50k_base", PatStr: gpt2Pattern, MergeableRanks: ranks,
		SpecialTokens: special, ExplicitNVocab: gpt2Vocab}
	return gpt2Tables{
		ref:  tiktoken.NewTiktoken(core, enc, map[string]any{"<|endoftext|>": true}),
		fast: newBPE(ranks),
	}, nil
})

// GPT2 returns the GPT-2 BPE tokenizer (r50k_base, vocabulary 50,257), the
// one ASI-ARCH used. It works offline: the merge ranks are embedded in the
// binary by github.com/pkoukk/tiktoken-go-loader. The first call takes
// a fraction of a second to build the tables; later calls share them.
// Encode treats "<|endoftext|>" in the text as plain text, never as the
// special token.
func GPT2() (Tokenizer, error) {
	t, err := gpt2Load()
	if err != nil {
		return nil, err
	}
	return gpt2Tokenizer{t.fast}, nil
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
