package models_test

import (
	"fmt"

	"github.com/archlab/archlab/lib/train/models"
)

func ExamplePreset() {
	c, _ := models.Preset("deltanet-1m")
	m := models.NewDeltaNet(c)
	fmt.Println(c.D, c.Layers, c.Heads, c.FFNHidden(), m.Graph.NumParams())
	// Output: 128 4 4 352 877824
}

func ExampleLookupPreset() {
	p, _ := models.LookupPreset("screen")
	fmt.Println(p.D, p.Layers, p.Heads, p.Vocab, p.Tied, p.Tokenizer, p.Batch, p.Seq)
	// Output: 256 8 8 50257 true gpt2 8 512
}
