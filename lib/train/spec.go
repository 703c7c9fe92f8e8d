package train

import (
	"context"
	"log/slog"
	"time"
)

// Spec is one training run as data: what the loop stores, the executor
// hands to `archlab worker`, and result.json embeds. Zero fields take the
// preset's values; Config.Resolve fills every field.
type Spec struct {
	Arch       string   `json:"arch"`                  // "zoo:deltanet", a file path, or a display name when the source travels beside
	SourceHash string   `json:"source_hash,omitempty"` // sha256 (hex) of the layer source
	Preset     string   `json:"preset"`                // tiny, small, screen, verify
	Task       string   `json:"task,omitempty"`        // corpus task or synthetic task
	Corpus     string   `json:"corpus,omitempty"`      // data.Open spec
	Suite      []string `json:"suite,omitempty"`       // synthetic tasks trained alongside a corpus and scored at the end
	D          int      `json:"d,omitempty"`           // width, e.g. 128
	Layers     int      `json:"layers,omitempty"`      // blocks, e.g. 4
	Heads      int      `json:"heads,omitempty"`       // heads, e.g. 4
	Steps      int      `json:"steps,omitempty"`
	Tokens     int64    `json:"tokens,omitempty"`
	Batch      int      `json:"batch,omitempty"`
	Seq        int      `json:"seq,omitempty"`
	LR         float64  `json:"lr,omitempty"`
	MinLR      float64  `json:"min_lr,omitempty"`
	Warmup     int      `json:"warmup,omitempty"`
	Sched      string   `json:"sched,omitempty"` // cosine, constant, wsd
	WD         float64  `json:"wd,omitempty"`
	Clip       float64  `json:"clip,omitempty"`
	Seed       uint64   `json:"seed,omitempty"`
	Seeds      int      `json:"seeds,omitempty"`
	Threads    int      `json:"threads,omitempty"`
	Backend    string   `json:"backend,omitempty"` // "cpu" (default)

	EvalEvery   int     `json:"eval_every,omitempty"`
	EvalBatches int     `json:"eval_batches,omitempty"`
	HeldOut     int     `json:"held_out,omitempty"`
	WallTimeS   float64 `json:"wall_time_s,omitempty"`
	CkptEvery   int     `json:"ckpt_every,omitempty"`
}

// Hooks travel beside a Spec, never in it.
type Hooks struct {
	Progress func(Progress) // called after every step; must be quick
	Logger   *slog.Logger   // default slog.Default()
}

// Spec returns the data part of c.
func (c Config) Spec() Spec {
	return Spec{
		Arch: c.Arch, Preset: c.Preset, Task: c.Task, Corpus: c.Corpus, Suite: c.Suite,
		D: c.D, Layers: c.Layers, Heads: c.Heads, Steps: c.Steps, Tokens: c.Tokens, Batch: c.Batch, Seq: c.Seq,
		LR: c.LR, MinLR: c.MinLR, Warmup: c.Warmup, Sched: c.Sched, WD: c.WD, Clip: c.Clip,
		Seed: c.Seed, Seeds: c.Seeds, Threads: c.Threads, Backend: c.Backend,
		EvalEvery: c.EvalEvery, EvalBatches: c.EvalBatches, HeldOut: c.HeldOut,
		WallTimeS: c.WallTime.Seconds(), CkptEvery: c.CkptEvery,
	}
}

// Config returns a Config for s with hooks h; out, resume and source are
// the run's place and the layer's text.
func (s Spec) Config(h Hooks) Config {
	return Config{
		Arch: s.Arch, Preset: s.Preset, Task: s.Task, Corpus: s.Corpus, Suite: s.Suite,
		D: s.D, Layers: s.Layers, Heads: s.Heads, Steps: s.Steps, Tokens: s.Tokens, Batch: s.Batch, Seq: s.Seq,
		LR: s.LR, MinLR: s.MinLR, Warmup: s.Warmup, Sched: s.Sched, WD: s.WD, Clip: s.Clip,
		Seed: s.Seed, Seeds: s.Seeds, Threads: s.Threads, Backend: s.Backend,
		EvalEvery: s.EvalEvery, EvalBatches: s.EvalBatches, HeldOut: s.HeldOut,
		WallTime: time.Duration(s.WallTimeS * float64(time.Second)), CkptEvery: s.CkptEvery,
		Progress: h.Progress, Logger: h.Logger,
	}
}

// RunSpec trains the layer source src under spec s, writing its records to
// out ("" writes nothing). It is Run for callers that hold a Spec.
func RunSpec(ctx context.Context, s Spec, src, out string, resume bool, h Hooks) (*Result, error) {
	c := s.Config(h)
	c.Source, c.Out, c.Resume = src, out, resume
	return Run(ctx, c)
}
