package data_test

import (
	"context"
	"fmt"

	"github.com/archlab/archlab/lib/data"
)

func ExampleBytes() {
	tok := data.Bytes()
	ids := tok.Encode("Hi!")
	fmt.Println(ids, tok.Decode(ids), tok.VocabSize())
	// Output: [72 105 33] Hi! 256
}

func ExampleGPT2() {
	tok, err := data.GPT2() // offline: the ranks are embedded
	if err != nil {
		panic(err)
	}
	ids := tok.Encode("Hello world")
	fmt.Println(ids, tok.VocabSize())
	// Output: [15496 995] 50257
}

func ExampleLoad() {
	c, err := data.Opticks()
	if err != nil {
		panic(err)
	}
	ds, err := data.Load(context.Background(), c, data.Bytes(), data.LoadConfig{
		ValFraction: 0.1, Seed: 1, MaxTrainTokens: 100_000, MaxValTokens: 10_000,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(ds.Name, len(ds.Train), len(ds.Val))
	// Output: opticks 100000 10000
}

func ExampleBatcher() {
	stream := []int32{10, 11, 12, 13, 14, 15, 16, 17, 18, 19}
	bt := data.NewBatcher(stream, 2, 3, 7) // B=2 windows of T+1=4 tokens, seed 7
	b := bt.Batch(0)                       // batch 0 is the same on every run
	for r := range b.B {
		fmt.Println(b.Inputs[r*b.T:(r+1)*b.T], "->", b.Targets[r*b.T:(r+1)*b.T])
	}
	// Output:
	// [11 12 13] -> [12 13 14]
	// [12 13 14] -> [13 14 15]
}

func ExampleEvalBatches() {
	stream := []int32{0, 1, 2, 3, 4, 5, 6, 7, 8}
	for _, b := range data.EvalBatches(stream, 2, 4, 0) {
		fmt.Println(b.Inputs, b.Targets)
	}
	// Output: [0 1 2 3 4 5 6 7] [1 2 3 4 5 6 7 8]
}
