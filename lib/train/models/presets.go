package models

import (
	"fmt"
	"sort"
	"strings"
)

// PresetInfo is one row of archlab's preset table: a model shape, the
// batch it trains on and its default training settings. lib/train trains
// its skeleton at these sizes (train.LookupPreset), Preset builds the
// reference DeltaNet at them, and `archlab bench train --model NAME` times
// that model.
type PresetInfo struct {
	Name      string
	D         int     // model width, e.g. 128
	Layers    int     // blocks, e.g. 4
	Heads     int     // token-mixer heads, e.g. 4 (head width D/Heads)
	Vocab     int     // 256 (bytes) or 50257 (GPT-2)
	Tied      bool    // the LM head reuses the embedding (ASI-ARCH's screen and verify shapes)
	Tokenizer string  // "byte" or "gpt2"
	Batch     int     // sequences per step, e.g. 8
	Seq       int     // tokens per sequence, e.g. 512
	Steps     int     // default training steps, e.g. 300
	LR        float64 // peak learning rate, e.g. 3e-3
	Warmup    int     // warm-up steps, e.g. 30
	About     string  // one line for listings
}

// presets is the one table. tiny and small are the CPU search stages'
// sizes, screen and verify ASI-ARCH's exploration and verification shapes;
// deltanet-1m and deltanet-6m are the sizes pinned against PyTorch in
// `archlab bench train` (deltanet.py's PRESETS), deltanet-tiny the
// PyTorch twin's exported test model (gpu/testdata/torch).
var presets = map[string]PresetInfo{
	"tiny": {Name: "tiny", D: 128, Layers: 2, Heads: 4, Vocab: 256, Tokenizer: "byte",
		Batch: 32, Seq: 128, Steps: 600, LR: 3e-3, Warmup: 50, About: "~0.5M parameters, synthetic tasks (MQAR ...)"},
	"small": {Name: "small", D: 128, Layers: 4, Heads: 4, Vocab: 256, Tokenizer: "byte",
		Batch: 8, Seq: 256, Steps: 300, LR: 3e-3, Warmup: 30, About: "~0.9M parameters, byte-level LM (the pinned deltanet-1m shape)"},
	"screen": {Name: "screen", D: 256, Layers: 8, Heads: 8, Vocab: 50257, Tied: true, Tokenizer: "gpt2",
		Batch: 8, Seq: 512, Steps: 2000, LR: 1e-3, Warmup: 100, About: "ASI-ARCH's exploration shape: d256, 8 layers, 8 heads, GPT-2 vocabulary, ~19M parameters"},
	"verify": {Name: "verify", D: 1024, Layers: 24, Heads: 16, Vocab: 50257, Tied: true, Tokenizer: "gpt2",
		Batch: 8, Seq: 2048, Steps: 20000, LR: 3e-4, Warmup: 1000, About: "ASI-ARCH's verification shape: d1024, 24 layers, ~350M parameters"},
	"deltanet-1m": {Name: "deltanet-1m", D: 128, Layers: 4, Heads: 4, Vocab: 256, Tokenizer: "byte",
		Batch: 8, Seq: 512, Steps: 300, LR: 3e-4, Warmup: 30, About: "the DeltaNet benchmarked against PyTorch: d128, 4 layers, B8, T512, 0.88M parameters"},
	"deltanet-6m": {Name: "deltanet-6m", D: 256, Layers: 8, Heads: 8, Vocab: 256, Tokenizer: "byte",
		Batch: 8, Seq: 512, Steps: 300, LR: 3e-4, Warmup: 30, About: "the DeltaNet benchmarked against PyTorch: d256, 8 layers, B8, T512, ~6.4M parameters"},
	"deltanet-tiny": {Name: "deltanet-tiny", D: 32, Layers: 2, Heads: 2, Vocab: 256, Tokenizer: "byte",
		Batch: 2, Seq: 77, Steps: 10, LR: 3e-4, Warmup: 0, About: "PyTorch's exported test model: d32, 2 layers, B2, T77 (a ragged last chunk)"},
}

// PresetNames lists the presets, sorted.
func PresetNames() []string {
	n := make([]string, 0, len(presets))
	for k := range presets {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}

// LookupPreset returns the named row of the preset table.
func LookupPreset(name string) (PresetInfo, error) {
	p, ok := presets[name]
	if !ok {
		return p, fmt.Errorf("models: unknown preset %q (have %s)", name, strings.Join(PresetNames(), ", "))
	}
	return p, nil
}

// Preset returns the reference DeltaNet at a preset's size and batch, e.g.
// deltanet-1m (d128, 4 layers, 4 heads, B8, T512), deltanet-6m (d256,
// 8 layers, 8 heads, B8, T512) or deltanet-tiny (d32, 2 layers, 2 heads,
// B2, T77), with deltanet.py's constants (convolution 4, both ε 1e-6).
func Preset(name string) (DeltaNetConfig, error) {
	p, err := LookupPreset(name)
	if err != nil {
		return DeltaNetConfig{}, err
	}
	return DeltaNetConfig{Vocab: p.Vocab, Tied: p.Tied, D: p.D, Layers: p.Layers, Heads: p.Heads,
		Batch: p.Batch, Seq: p.Seq, Conv: 4, NormEps: 1e-6, L2Eps: 1e-6}, nil
}
