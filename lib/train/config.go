package train

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/archlab/archlab/lib/train/models"
)

// Preset is a named skeleton size with its default training settings,
// read from the preset table (models.LookupPreset).
type Preset struct {
	Name      string
	Shape     Shape
	Tokenizer string  // "byte" or "gpt2"
	Batch     int     // sequences per step, e.g. 8
	Seq       int     // tokens per sequence, e.g. 256
	Steps     int     // default training steps
	LR        float64 // peak learning rate
	Warmup    int     // warm-up steps
	About     string  // one line for listings
}

// PresetNames returns the preset names, sorted: the one table in
// lib/train/models, which the reference DeltaNet and `archlab bench train`
// read too.
func PresetNames() []string { return models.PresetNames() }

// LookupPreset returns the named preset.
func LookupPreset(name string) (Preset, error) {
	m, err := models.LookupPreset(name)
	if err != nil {
		return Preset{}, fmt.Errorf("train: unknown preset %q (have %s)", name, strings.Join(PresetNames(), ", "))
	}
	return Preset{Name: m.Name, Shape: Shape{D: m.D, Layers: m.Layers, Heads: m.Heads, Vocab: m.Vocab, Tied: m.Tied},
		Tokenizer: m.Tokenizer, Batch: m.Batch, Seq: m.Seq, Steps: m.Steps, LR: m.LR, Warmup: m.Warmup, About: m.About}, nil
}

// Progress is what the progress callback receives after every step and
// every evaluation.
type Progress struct {
	Seed      uint64  // the run's seed (several seeds run one after another)
	Step      int     // steps done
	Steps     int     // steps planned
	Loss      float64 // training loss of the last step
	ValLoss   float64 // last validation loss, 0 before the first evaluation
	TokensPS  float64 // training tokens per second so far
	WallS     float64 // seconds since the run started
	Evaluated bool    // this report follows an evaluation
}

// Config is one training run: a Spec's fields (see Spec for their
// meaning) with the run's place, its layer source and its hooks. Zero
// fields take the preset's values.
type Config struct {
	Arch       string   // "zoo:deltanet" or a path to a .go source; ignored when Source is set
	Source     string   // the layer source itself
	Preset     string   // tiny, small, screen, verify
	Task       string   // "" or a corpus task ("opticks", "gosource", or a data.Open spec with Corpus); or "mqar", "mqar-t128-kv32", ... (lib/eval's synthetic tasks)
	Corpus     string   // data.Open spec for a language-model task, e.g. "opticks" (the default) or "text:/path/a.txt"
	Suite      []string // synthetic tasks trained alongside the corpus and scored at every evaluation, e.g. {"mqar-t64-kv8", "recall-t65"}
	SuiteEvery int      // with a Suite, every SuiteEvery-th step trains on a suite task (in turn), default 2
	SuiteBatch int      // sequences per suite-task batch, default Batch·Seq / T of the longest suite task
	SuiteSteps int      // > 0: each suite task trains its own model (same shape and optimiser) this many steps after the main one, instead of mixing
	Tokenizer  string   // "byte" or "gpt2"; default the preset's
	Vocab      int      // 0: the tokenizer's; else it must equal it (a stored Spec's check)
	D          int      // override the preset's width
	Layers     int      // override the preset's depth
	Heads      int      // override the preset's heads
	Steps      int      // training steps; 0: from Tokens, else the preset's
	Tokens     int64    // token budget (Steps = Tokens / (Batch·Seq)) when Steps is 0
	Batch      int      // sequences per step
	Seq        int      // tokens per sequence (LM tasks; a synthetic task fixes its own)
	LR         float64
	MinLR      float64 // end of the schedule, default LR/10
	Warmup     int
	Sched      string  // "cosine" (default), "constant", "wsd"
	WD         float64 // AdamW weight decay, default 0.01
	Clip       float64 // gradient-norm clip, default 1
	Seed       uint64  // default 1
	Seeds      int     // run seeds Seed, Seed+1, ...; the result reports their spread. Default 1
	Threads    int     // CPU threads, default all; negative is an error
	Backend    string  // device: "cpu" (default), "cuda" or "auto" (cuda when a GPU and its library are present, else cpu); see gpu.Resolve
	Unchecked  bool    // train even if the layer fails arch.Check (default: refuse with ErrCheckFailed)

	EvalEvery   int           // steps between validation runs, default Steps/5
	EvalBatches int           // validation batches, default 8
	HeldOut     int           // held-out examples of a synthetic task, default 256
	WallTime    time.Duration // stop training after this long (status "budget"), 0 = none
	Out         string        // directory for metrics.jsonl, result.json and the checkpoints; "" writes nothing
	CkptEvery   int           // steps between checkpoints (when Out is set), default EvalEvery
	Resume      bool          // continue from Out's checkpoints; Out must exist; a finished run is returned as recorded

	Progress func(Progress) // called after every step; must be quick
	Logger   *slog.Logger   // default slog.Default()
	Records  Records        // where metrics and the result go; default files under Out (nil Out: nowhere)
}
