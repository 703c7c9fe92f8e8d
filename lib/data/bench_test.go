package data

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func BenchmarkBatcherFill(b *testing.B) {
	for _, sh := range []struct {
		name string
		B, T int
	}{{"B8_T512", 8, 512}, {"B32_T128", 32, 128}} {
		b.Run(sh.name, func(b *testing.B) {
			bt := NewBatcher(stream(1<<20), sh.B, sh.T, 1)
			var batch Batch
			b.ReportAllocs()
			b.SetBytes(int64(sh.B * sh.T * 4))
			step := 0
			for b.Loop() {
				bt.Fill(step, &batch)
				step++
			}
		})
	}
}

// BenchmarkEncode measures tokenizer throughput on the first 64 KiB of
// Opticks (MB/s is bytes of text per second).
func BenchmarkEncode(b *testing.B) {
	p, err := OpticksPath()
	if err != nil {
		b.Fatal(err)
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw[:64<<10])
	gpt2, err := GPT2()
	if err != nil {
		b.Fatal(err)
	}
	for _, tok := range []Tokenizer{Bytes(), gpt2} {
		b.Run(tok.Name()+"_64KiB", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				tok.Encode(text)
			}
		})
	}
	// The reference twin, for the ratio: tiktoken-go's own encoder.
	b.Run("gpt2-tiktoken-go_64KiB", func(b *testing.B) {
		ref := reference(b)
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			ref.EncodeOrdinary(text)
		}
	})
}

func BenchmarkLoadOpticksBytes(b *testing.B) {
	c, err := Opticks()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(567198)
	for b.Loop() {
		if _, err := Load(context.Background(), c, Bytes(), LoadConfig{ValFraction: 0.1, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadOpticksGPT2(b *testing.B) {
	c, err := Opticks()
	if err != nil {
		b.Fatal(err)
	}
	tok, err := GPT2()
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			b.SetBytes(567198)
			for b.Loop() {
				if _, err := Load(context.Background(), c, tok, LoadConfig{ValFraction: 0.1, Seed: 1, Workers: w}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
