package train

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/lib/eval"
)

// Spec is one training run as data: what the loop stores, the executor
// hands to `archlab worker`, and result.json embeds. Zero fields take the
// preset's values; Config.Resolve (and Result.Spec) fill every field, so a
// resolved Spec says the width, vocabulary and schedule a run really had.
type Spec struct {
	Arch       string   `json:"arch"`                  // "zoo:deltanet", a file path, or a display name when the source travels beside
	SourceHash string   `json:"source_hash,omitempty"` // sha256 (hex) of the layer source; filled by Run
	Preset     string   `json:"preset"`                // tiny, small, screen, verify
	Task       string   `json:"task,omitempty"`        // corpus task or synthetic task; resolved: the synthetic task's full name, or the corpus
	Corpus     string   `json:"corpus,omitempty"`      // data.Open spec of a language-model task, e.g. "opticks"; resolved: "" for a synthetic task
	Suite      []string `json:"suite,omitempty"`       // synthetic tasks trained alongside a corpus and scored at every evaluation
	SuiteEvery int      `json:"suite_every,omitempty"` // every SuiteEvery-th step is a suite batch, e.g. 2
	SuiteBatch int      `json:"suite_batch,omitempty"` // sequences per suite batch, e.g. 32
	SuiteSteps int      `json:"suite_steps,omitempty"` // > 0: each suite task trains its own model this many steps instead of mixing (SuiteEvery 0)
	Tokenizer  string   `json:"tokenizer,omitempty"`   // byte or gpt2 (the preset's)
	Vocab      int      `json:"vocab,omitempty"`       // vocabulary, e.g. 256; resolved from the tokenizer
	Tied       bool     `json:"tied,omitempty"`        // the LM head reuses the embedding (the preset's; not an input)
	D          int      `json:"d,omitempty"`           // width, e.g. 128
	Layers     int      `json:"layers,omitempty"`      // blocks, e.g. 4
	Heads      int      `json:"heads,omitempty"`       // heads, e.g. 4
	Steps      int      `json:"steps,omitempty"`
	Tokens     int64    `json:"tokens,omitempty"` // input: budget when Steps is 0; resolved: training tokens of Steps steps
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
	Threads    int      `json:"threads,omitempty"` // resolved: the threads the backend used
	Backend    string   `json:"backend,omitempty"` // device: "cpu" (default), "cuda" or "auto"; resolved by Run: the one that ran

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
	Records  Records        // default files under the run's folder
}

// Spec returns the data part of c.
func (c Config) Spec() Spec {
	return Spec{
		Arch: c.Arch, Preset: c.Preset, Task: c.Task, Corpus: c.Corpus, Suite: c.Suite,
		SuiteEvery: c.SuiteEvery, SuiteBatch: c.SuiteBatch, SuiteSteps: c.SuiteSteps, Tokenizer: c.Tokenizer, Vocab: c.Vocab,
		D: c.D, Layers: c.Layers, Heads: c.Heads, Steps: c.Steps, Tokens: c.Tokens, Batch: c.Batch, Seq: c.Seq,
		LR: c.LR, MinLR: c.MinLR, Warmup: c.Warmup, Sched: c.Sched, WD: c.WD, Clip: c.Clip,
		Seed: c.Seed, Seeds: c.Seeds, Threads: c.Threads, Backend: c.Backend,
		EvalEvery: c.EvalEvery, EvalBatches: c.EvalBatches, HeldOut: c.HeldOut,
		WallTimeS: c.WallTime.Seconds(), CkptEvery: c.CkptEvery,
	}
}

// Config returns a Config for s with hooks h. A resolved Spec gives the
// same run again: its Tokens are dropped when Steps is set (they were
// derived from it), and Vocab and Tied follow from the preset and
// tokenizer (Resolve refuses a Vocab that does not).
func (s Spec) Config(h Hooks) Config {
	tokens := s.Tokens
	if s.Steps > 0 {
		tokens = 0
	}
	return Config{
		Arch: s.Arch, Preset: s.Preset, Task: s.Task, Corpus: s.Corpus, Suite: s.Suite,
		SuiteEvery: s.SuiteEvery, SuiteBatch: s.SuiteBatch, SuiteSteps: s.SuiteSteps, Tokenizer: s.Tokenizer,
		D: s.D, Layers: s.Layers, Heads: s.Heads, Steps: s.Steps, Tokens: tokens, Batch: s.Batch, Seq: s.Seq,
		LR: s.LR, MinLR: s.MinLR, Warmup: s.Warmup, Sched: s.Sched, WD: s.WD, Clip: s.Clip,
		Seed: s.Seed, Seeds: s.Seeds, Threads: s.Threads, Backend: s.Backend,
		EvalEvery: s.EvalEvery, EvalBatches: s.EvalBatches, HeldOut: s.HeldOut,
		WallTime: time.Duration(s.WallTimeS * float64(time.Second)), CkptEvery: s.CkptEvery,
		Progress: h.Progress, Logger: h.Logger, Records: h.Records,
		Vocab: s.Vocab,
	}
}

// RunSpec trains the layer source src under spec s, writing its records to
// out ("" writes nothing). It is Run for callers that hold a Spec.
func RunSpec(ctx context.Context, s Spec, src, out string, resume bool, h Hooks) (*Result, error) {
	c := s.Config(h)
	c.Source, c.Out, c.Resume = src, out, resume
	return Run(ctx, c)
}

// Resolve applies the preset and the defaults and checks the result: the
// Spec Run will train (but for SourceHash, filled once the layer is read,
// and Threads and an "auto" Backend, once the backend started).
func (c Config) Resolve() (Spec, error) {
	r, err := c.resolve()
	if err != nil {
		return Spec{}, err
	}
	return r.Spec, nil
}

// resolved is a Config with the preset applied and everything checked.
type resolved struct {
	Spec
	cfg    Config
	preset Preset
	task   *eval.Task   // the synthetic task, nil for a language model
	suite  []*eval.Task // Spec.Suite's tasks
	log    *slog.Logger
}

// shape is the skeleton's size.
func (r *resolved) shape() Shape {
	return Shape{D: r.D, Layers: r.Layers, Heads: r.Heads, Vocab: r.Vocab, Tied: r.Tied}
}

// taskAliases maps short names to lib/eval's screening tasks.
var taskAliases = map[string]string{"mqar": "mqar-t128-kv32"}

func taskByName(name string) (*eval.Task, error) {
	if a, ok := taskAliases[name]; ok {
		name = a
	}
	t, err := eval.TaskByName(name)
	if err != nil {
		return nil, fmt.Errorf("train: task: %w", err)
	}
	return t, nil
}

func isCorpus(name string) bool {
	return name == "opticks" || name == "gosrc" || name == "gosource" || strings.ContainsAny(name, "./:#")
}

// tokenizerVocab is each tokenizer's vocabulary (checked against the
// loaded tokenizer when the data is read).
var tokenizerVocab = map[string]int{"byte": 256, "gpt2": 50257}

func (c Config) resolve() (*resolved, error) {
	p, err := LookupPreset(c.Preset)
	if err != nil {
		return nil, err
	}
	if c.Source == "" && c.Arch == "" {
		return nil, fmt.Errorf("train: no architecture: set Arch (zoo:NAME or FILE.go) or Source")
	}
	r := &resolved{Spec: c.Spec(), cfg: c, preset: p, log: c.Logger}
	if r.log == nil {
		r.log = slog.Default()
	}
	s := &r.Spec
	s.Suite = slices.Clone(c.Suite)
	if c.Source != "" && s.Arch == "" {
		s.Arch = "source"
	}
	switch {
	case s.Backend == "":
		s.Backend = "cpu"
	case !gpu.Known(s.Backend):
		return nil, fmt.Errorf("train: device %q is not built in (%s)", s.Backend, strings.Join(gpu.Devices(), ", "))
	}
	if s.Tokenizer == "" {
		s.Tokenizer = p.Tokenizer
	}
	v, ok := tokenizerVocab[s.Tokenizer]
	if !ok {
		return nil, fmt.Errorf("train: unknown tokenizer %q (byte, gpt2)", s.Tokenizer)
	}
	if c.Vocab != 0 && c.Vocab != v {
		return nil, fmt.Errorf("train: vocabulary %d does not match tokenizer %s's %d", c.Vocab, s.Tokenizer, v)
	}
	s.Vocab, s.Tied = v, p.Shape.Tied
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&s.D, p.Shape.D)
	def(&s.Layers, p.Shape.Layers)
	def(&s.Heads, p.Shape.Heads)
	if s.D < 1 || s.Layers < 1 || s.Heads < 1 {
		return nil, fmt.Errorf("train: width %d, layers %d and heads %d must be positive", s.D, s.Layers, s.Heads)
	}
	if s.D%s.Heads != 0 {
		return nil, fmt.Errorf("train: width %d is not divisible by %d heads", s.D, s.Heads)
	}
	def(&s.Batch, p.Batch)
	def(&s.Seq, p.Seq)

	// The task: synthetic (fixes the sequence length) or a corpus.
	if s.Task != "" && !isCorpus(s.Task) {
		t, err := taskByName(s.Task)
		if err != nil {
			return nil, err
		}
		if t.Vocab > s.Vocab {
			return nil, fmt.Errorf("train: task %s has vocabulary %d, the model %d", t.Name, t.Vocab, s.Vocab)
		}
		r.task, s.Task, s.Seq, s.Corpus = t, t.Name, t.T, ""
	} else {
		if s.Corpus == "" {
			s.Corpus = s.Task
		}
		if s.Corpus == "" {
			s.Corpus = "opticks"
		}
		if s.Task == "" {
			s.Task = s.Corpus
		}
	}
	if len(s.Suite) > 0 {
		if r.task != nil {
			return nil, fmt.Errorf("train: a suite trains alongside a corpus, and the task %s is synthetic", s.Task)
		}
		longest := 0
		for i, name := range s.Suite {
			t, err := taskByName(name)
			if err != nil {
				return nil, err
			}
			if t.Vocab > s.Vocab {
				return nil, fmt.Errorf("train: suite task %s has vocabulary %d, the model %d", t.Name, t.Vocab, s.Vocab)
			}
			if slices.Contains(s.Suite[:i], t.Name) {
				return nil, fmt.Errorf("train: suite task %s listed twice", t.Name)
			}
			s.Suite[i] = t.Name
			r.suite = append(r.suite, t)
			longest = max(longest, t.T)
		}
		def(&s.SuiteBatch, max(s.Batch*s.Seq/longest, 1))
		switch {
		case s.SuiteSteps < 0:
			return nil, fmt.Errorf("train: suite steps %d is negative", s.SuiteSteps)
		case s.SuiteSteps > 0 && s.SuiteEvery != 0:
			return nil, fmt.Errorf("train: suite tasks either mix into the stream (suite every %d) or train their own models (suite steps %d), not both", s.SuiteEvery, s.SuiteSteps)
		case s.SuiteSteps == 0:
			def(&s.SuiteEvery, 2)
		}
		if (s.SuiteSteps == 0 && s.SuiteEvery < 2) || s.SuiteBatch < 1 {
			return nil, fmt.Errorf("train: suite every %d steps with batches of %d: need every ≥ 2 and batch ≥ 1", s.SuiteEvery, s.SuiteBatch)
		}
	} else {
		s.Suite, s.SuiteEvery, s.SuiteBatch, s.SuiteSteps = nil, 0, 0, 0
	}

	def(&s.Warmup, p.Warmup)
	if s.Steps == 0 && s.Tokens > 0 {
		s.Steps = int(s.Tokens / int64(s.Batch*s.Seq))
	}
	def(&s.Steps, p.Steps)
	def(&s.Seeds, 1)
	def(&s.EvalBatches, 8)
	def(&s.HeldOut, 256)
	def(&s.EvalEvery, max(s.Steps/5, 1))
	def(&s.CkptEvery, s.EvalEvery)
	if s.LR == 0 {
		s.LR = p.LR
	}
	if s.MinLR == 0 {
		s.MinLR = s.LR / 10
	}
	if s.WD == 0 {
		s.WD = 0.01
	}
	if s.Clip == 0 {
		s.Clip = 1
	}
	if s.Seed == 0 {
		s.Seed = 1
	}
	if s.Sched == "" {
		s.Sched = "cosine"
	}
	switch {
	case s.Steps < 1:
		return nil, fmt.Errorf("train: steps %d must be positive", s.Steps)
	case s.Batch < 1 || s.Seq < 2:
		return nil, fmt.Errorf("train: batch %d and sequence %d must be at least 1 and 2", s.Batch, s.Seq)
	case s.LR <= 0 || s.LR > 1:
		return nil, fmt.Errorf("train: learning rate %v out of (0, 1]", s.LR)
	case s.Seeds < 1 || s.Seeds > 100:
		return nil, fmt.Errorf("train: seeds %d out of [1, 100]", s.Seeds)
	case s.Warmup < 0:
		return nil, fmt.Errorf("train: warm-up %d is negative", s.Warmup)
	case s.Threads < 0:
		return nil, fmt.Errorf("train: threads %d is negative (0 means all)", s.Threads)
	case s.EvalEvery < 1 || s.CkptEvery < 1 || s.EvalBatches < 1 || s.HeldOut < 1:
		return nil, fmt.Errorf("train: eval every %d, checkpoint every %d, %d eval batches, %d held out: each must be positive", s.EvalEvery, s.CkptEvery, s.EvalBatches, s.HeldOut)
	}
	switch s.Sched {
	case "cosine", "constant", "wsd":
	default:
		return nil, fmt.Errorf("train: unknown schedule %q (cosine, constant, wsd)", s.Sched)
	}
	s.Tokens = r.tokensAt(s.Steps) + r.separateTokens()
	return r, nil
}

// stream is where the batch of a step comes from: the main task
// (suite < 0) or suite task number suite.
func (r *resolved) stream(step int) int {
	if r.SuiteEvery == 0 || step%r.SuiteEvery != r.SuiteEvery-1 {
		return -1
	}
	return (step / r.SuiteEvery) % len(r.suite)
}

// separateTokens returns the training tokens of the suite's own models
// (SuiteSteps > 0).
func (r *resolved) separateTokens() int64 {
	var n int64
	for _, t := range r.suite {
		n += int64(r.SuiteSteps) * int64(r.SuiteBatch*t.T)
	}
	return n
}

// tokensAt returns the training tokens of the main model's steps [0, done).
func (r *resolved) tokensAt(done int) int64 {
	main := int64(r.Batch * r.Seq)
	if r.SuiteEvery == 0 {
		return int64(done) * main
	}
	// Steps k-1, 2k-1, ... are suite steps, given to the tasks in turn.
	n, L := done/r.SuiteEvery, len(r.suite)
	tokens := int64(done-n) * main
	for t, task := range r.suite {
		cnt := n / L
		if t < n%L {
			cnt++
		}
		tokens += int64(cnt) * int64(r.SuiteBatch*task.T)
	}
	return tokens
}

// sameRun returns the first field, in a reading order, in which two
// resolved specs differ as runs: "" when they would train the same model
// on the same data. Threads, wall-time budget and checkpoint cadence do
// not count. With schedule false, the optimiser's settings and step count
// do not count either (what a resumed run may change).
func sameRun(a, b Spec, schedule bool) string {
	type f struct {
		name string
		eq   bool
	}
	fs := []f{
		{"source_hash", a.SourceHash == b.SourceHash},
		{"preset", a.Preset == b.Preset},
		{"task", a.Task == b.Task}, {"corpus", a.Corpus == b.Corpus},
		{"suite", slices.Equal(a.Suite, b.Suite)}, {"suite_every", a.SuiteEvery == b.SuiteEvery}, {"suite_batch", a.SuiteBatch == b.SuiteBatch}, {"suite_steps", a.SuiteSteps == b.SuiteSteps},
		{"tokenizer", a.Tokenizer == b.Tokenizer}, {"vocab", a.Vocab == b.Vocab}, {"tied", a.Tied == b.Tied},
		{"d", a.D == b.D}, {"layers", a.Layers == b.Layers}, {"heads", a.Heads == b.Heads},
		{"batch", a.Batch == b.Batch}, {"seq", a.Seq == b.Seq}, {"seed", a.Seed == b.Seed},
	}
	if schedule {
		fs = append(fs,
			f{"steps", a.Steps == b.Steps}, f{"lr", a.LR == b.LR}, f{"min_lr", a.MinLR == b.MinLR},
			f{"warmup", a.Warmup == b.Warmup}, f{"sched", a.Sched == b.Sched}, f{"wd", a.WD == b.WD},
			f{"clip", a.Clip == b.Clip}, f{"seeds", a.Seeds == b.Seeds}, f{"eval_every", a.EvalEvery == b.EvalEvery},
			f{"eval_batches", a.EvalBatches == b.EvalBatches}, f{"held_out", a.HeldOut == b.HeldOut})
	}
	for _, x := range fs {
		if !x.eq {
			return x.name
		}
	}
	return ""
}
