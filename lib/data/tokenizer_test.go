package data

import (
	"slices"
	"strings"
	"testing"
)

func TestTokenizers(t *testing.T) {
	gpt2, err := GPT2()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tok   Tokenizer
		text  string
		want  []int // nil: only check the round trip
		vocab int
	}{
		{Bytes(), "hi!", []int{104, 105, 33}, 256},
		{Bytes(), "", []int{}, 256},
		{Bytes(), "héllo\x00\xff", nil, 256},
		// Ids from OpenAI's tiktoken, encoding r50k_base ("gpt2").
		{gpt2, "Hello world", []int{15496, 995}, 50257},
		{gpt2, " the", []int{262}, 50257},
		{gpt2, "<|endoftext|>", nil, 50257}, // plain text, not the special token
		{gpt2, "Opticks: OR, A TREATISE\n\nOF THE _Reflections_, 光 🙂", nil, 50257},
	}
	for _, tt := range tests {
		t.Run(tt.tok.Name()+"/"+tt.text, func(t *testing.T) {
			ids := tt.tok.Encode(tt.text)
			if tt.want != nil && !slices.Equal(ids, tt.want) {
				t.Errorf("Encode(%q) = %v, want %v", tt.text, ids, tt.want)
			}
			for _, id := range ids {
				if id < 0 || id >= tt.tok.VocabSize() || id == gpt2EOT && tt.tok.Name() == "gpt2" {
					t.Errorf("Encode(%q) gave id %d", tt.text, id)
				}
			}
			if got := tt.tok.Decode(ids); got != tt.text {
				t.Errorf("Decode(Encode(%q)) = %q", tt.text, got)
			}
			if got := tt.tok.VocabSize(); got != tt.vocab {
				t.Errorf("VocabSize() = %d, want %d", got, tt.vocab)
			}
		})
	}
	if e, ok := gpt2.(EndOfText); !ok || e.EndOfText() != 50256 {
		t.Errorf("gpt2 EndOfText: %v %v", ok, e)
	}
	if _, ok := Bytes().(EndOfText); ok {
		t.Errorf("byte tokenizer claims an end-of-text token")
	}
}

func TestNewTokenizer(t *testing.T) {
	for _, name := range []string{"byte", "gpt2", "r50k_base"} {
		if _, err := NewTokenizer(name); err != nil {
			t.Errorf("NewTokenizer(%q): %v", name, err)
		}
	}
	if _, err := NewTokenizer("sentencepiece"); err == nil || !strings.Contains(err.Error(), `"sentencepiece"`) {
		t.Errorf("NewTokenizer(unknown) error = %v", err)
	}
}

func TestDecodeOutOfRangePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Bytes().Decode([]int{256}) did not panic")
		}
	}()
	Bytes().Decode([]int{256})
}
