package train

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archlab/archlab/lib/arch"
)

// mixed is a tiny language-model run with a suite task every second step:
// six steps, evaluated and checkpointed every three.
func mixed(out string) Config {
	return Config{Arch: "zoo:deltanet", Preset: "tiny", Task: "opticks", Suite: []string{"mqar-t64-kv8"},
		D: 32, Layers: 1, Heads: 2, Batch: 2, Seq: 32, SuiteBatch: 4, HeldOut: 8, EvalBatches: 2,
		Steps: 6, EvalEvery: 3, Threads: 1, Out: out}
}

// trainLines returns the steps of seed's training lines, in file order.
func trainLines(t *testing.T, dir string, seed uint64) []int {
	t.Helper()
	var steps []int
	for _, m := range readMetrics(t, filepath.Join(dir, MetricsFile)) {
		if _, ok := m["loss"]; ok && uint64(m["seed"].(float64)) == seed {
			steps = append(steps, int(m["step"].(float64)))
		}
	}
	return steps
}

// TestResumeExact: a run stopped at its step-3 checkpoint and resumed ends
// with the numbers of an uninterrupted run, and its metrics hold every
// step once.
func TestResumeExact(t *testing.T) {
	whole, err := Run(context.Background(), mixed(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if whole.ValLoss == 0 || whole.UnigramLoss == 0 || len(whole.Scores) != 1 || whole.Bench != whole.Scores["mqar-t64-kv8"] {
		t.Fatalf("a suite run reports validation loss and a score per task: %+v", whole)
	}
	s := whole.Spec
	if s.D != 32 || s.Vocab != 256 || s.Tokenizer != "byte" || s.SuiteEvery != 2 || s.SuiteBatch != 4 || s.Corpus != "opticks" ||
		s.Sched != "cosine" || s.Threads != 1 || len(s.SourceHash) != 64 || s.SourceHash != whole.SourceHash || s.Tokens != whole.Tokens {
		t.Fatalf("resolved spec %+v", s)
	}

	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cfg := mixed(dir)
	cfg.Progress = func(p Progress) {
		if p.Step == 4 { // step 4 is trained and logged, then lost: the checkpoint is at 3
			cancel()
		}
	}
	if res, err := Run(ctx, cfg); !errors.Is(err, context.Canceled) || res.Status != StatusCancelled || res.Reason != ReasonCancelled {
		t.Fatalf("stop: err %v, result %+v", err, res)
	}
	cancel()
	cfg = mixed(dir)
	cfg.Resume = true
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.ValLoss != whole.ValLoss || res.FinalLoss != whole.FinalLoss || res.Bench != whole.Bench || res.Tokens != whole.Tokens || res.Steps != 6 {
		t.Errorf("resumed: val %v final %v bench %v tokens %d; uninterrupted: val %v final %v bench %v tokens %d",
			res.ValLoss, res.FinalLoss, res.Bench, res.Tokens, whole.ValLoss, whole.FinalLoss, whole.Bench, whole.Tokens)
	}
	if got := trainLines(t, dir, 1); len(got) != 6 || got[0] != 1 || got[3] != 4 || got[5] != 6 {
		t.Errorf("training lines after a resume: steps %v, want 1..6 once each", got)
	}
}

// TestResumeFinished: resuming a complete run returns its record and
// changes no file; resuming into a missing folder is an error.
func TestResumeFinished(t *testing.T) {
	dir := t.TempDir()
	cfg := quick(dir)
	first, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, ResultFile))
	metrics, _ := os.ReadFile(filepath.Join(dir, MetricsFile))
	cfg.Resume = true
	again, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, ResultFile))
	metrics2, _ := os.ReadFile(filepath.Join(dir, MetricsFile))
	if !bytes.Equal(before, after) || !bytes.Equal(metrics, metrics2) {
		t.Errorf("resuming a finished run rewrote its records")
	}
	if again.FinalLoss != first.FinalLoss || again.Scores["mqar-t64-kv8"] != first.Scores["mqar-t64-kv8"] {
		t.Errorf("stored result %+v, first %+v", again, first)
	}

	cfg.Out = filepath.Join(dir, "missing")
	if res, err := Run(context.Background(), cfg); res != nil || err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("resume into a missing folder: res %v err %v", res, err)
	}
}

// TestResumeRefuses: a checkpoint of another layer, another shape or a
// damaged one is refused with an error naming it.
func TestResumeRefuses(t *testing.T) {
	src, err := arch.ZooSource("deltanet")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		mod  func(c *Config, dir string)
		want []string
	}{
		{"other layer", func(c *Config, _ string) { c.Source, c.Arch = src+"\n// edited\n", "edited" }, []string{
			"checkpoint-seed1.bin holds layer \"zoo:deltanet\"", "this run's layer is \"edited\"", SourceHash(src)[:12]}},
		{"other batch", func(c *Config, _ string) { c.Batch = 2 }, []string{"belongs to another run: its batch is 4, this run's 2"}},
		{"damaged", func(c *Config, dir string) {
			p := filepath.Join(dir, "checkpoint-seed1.bin")
			b, _ := os.ReadFile(p)
			b[len(b)-2] ^= 0x04
			os.WriteFile(p, b, 0o644)
		}, []string{"checkpoint-seed1.bin", "fails its CRC-32C"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := quick(dir)
			cfg.Steps, cfg.Unchecked = 3, true
			if _, err := Run(context.Background(), cfg); err != nil {
				t.Fatal(err)
			}
			cfg.Steps, cfg.Resume = 6, true
			tc.mod(&cfg, dir)
			res, err := Run(context.Background(), cfg)
			if err == nil {
				t.Fatal("resumed")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err %q lacks %q", err, w)
				}
			}
			if res == nil || res.Status != StatusFailed || res.Reason != ReasonCheckpoint {
				t.Errorf("result %+v", res)
			}
		})
	}
}

// TestRefusesUncheckedLayer: a layer that fails arch.Check is not trained
// unless Unchecked; the error lists the failed check.
func TestRefusesUncheckedLayer(t *testing.T) {
	src, err := os.ReadFile("../arch/testdata/noncausal.go")
	if err != nil {
		t.Fatal(err)
	}
	cfg := quick("")
	cfg.Source, cfg.Arch, cfg.Steps = string(src), "noncausal.go", 2
	res, err := Run(context.Background(), cfg)
	if !errors.Is(err, ErrCheckFailed) || !strings.Contains(err.Error(), "causality") || res == nil || res.Reason != ReasonCheck || res.Steps != 0 {
		t.Fatalf("err %v, result %+v", err, res)
	}
	cfg.Unchecked = true
	if res, err := Run(context.Background(), cfg); err != nil || res.Status != StatusOK {
		t.Fatalf("unchecked: err %v, result %+v", err, res)
	}
}

// TestNonFinite: a layer whose output is NaN fails with ErrNonFinite and
// the reason non_finite.
func TestNonFinite(t *testing.T) {
	const src = `package layer

import "archlab/op"

type Layer struct{ W *op.Node }

func New(p *op.Params, c op.Config) *Layer { return &Layer{W: p.Linear("w", c.D, c.D)} }

// Forward takes the log of values that are negative about half the time.
func (l *Layer) Forward(x *op.Node) *op.Node { return op.Log(op.Linear(x, l.W)) }
`
	cfg := quick("")
	cfg.Source, cfg.Unchecked = src, true
	res, err := Run(context.Background(), cfg)
	if !errors.Is(err, ErrNonFinite) || res == nil || res.Status != StatusFailed || res.Reason != ReasonNonFinite {
		t.Fatalf("err %v, result %+v", err, res)
	}
}

// TestSpecRoundTrip: a resolved Spec, turned back into a Config, resolves
// to itself.
func TestSpecRoundTrip(t *testing.T) {
	for _, c := range []Config{quick(""), mixed(""), {Arch: "zoo:mamba2", Preset: "small", Tokens: 1 << 20, Sched: "wsd"}} {
		s, err := c.Resolve()
		if err != nil {
			t.Fatal(err)
		}
		s2, err := s.Config(Hooks{}).Resolve()
		if err != nil {
			t.Fatal(err)
		}
		if d := sameRun(s, s2, true); d != "" || s.Tokens != s2.Tokens || s.CkptEvery != s2.CkptEvery {
			t.Errorf("%+v\nresolves to\n%+v (%s)", s, s2, d)
		}
	}
	bad := []struct {
		c    Config
		want string
	}{
		{Config{Arch: "zoo:deltanet", Preset: "tiny", Threads: -1}, "threads -1"},
		{Config{Arch: "zoo:deltanet", Preset: "tiny", Vocab: 100}, "vocabulary 100"},
		{Config{Arch: "zoo:deltanet", Preset: "tiny", Task: "mqar", Suite: []string{"recall-t65"}}, "synthetic"},
		{Config{Arch: "zoo:deltanet", Preset: "tiny", Suite: []string{"sudoku"}}, "unknown task"},
		{Config{Arch: "zoo:deltanet", Preset: "tiny", Backend: "tpu"}, `device "tpu" is not built in (cpu`},
	}
	for _, tc := range bad {
		if _, err := tc.c.Resolve(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err %v, want %q", tc.c, err, tc.want)
		}
	}
}

// TestTokensAt: the closed form counts what the batches hand out.
func TestTokensAt(t *testing.T) {
	c := mixed("")
	c.Suite = []string{"mqar-t64-kv8", "recall-t65", "induction-t128"}
	c.SuiteEvery = 3
	r, err := c.resolve()
	if err != nil {
		t.Fatal(err)
	}
	var want int64
	for step := range 40 {
		if got := r.tokensAt(step); got != want {
			t.Fatalf("tokensAt(%d) = %d, want %d", step, got, want)
		}
		if k := r.stream(step); k >= 0 {
			want += int64(r.SuiteBatch * r.suite[k].T)
		} else {
			want += int64(r.Batch * r.Seq)
		}
	}
}

// TestSuiteSeparate: suite tasks trained as their own models report a
// score each, and a resume retrains them to the same numbers, writing
// their lines once.
func TestSuiteSeparate(t *testing.T) {
	sep := func(out string) Config {
		c := mixed(out)
		c.SuiteSteps = 3
		return c
	}
	whole, err := Run(context.Background(), sep(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := whole.Scores["mqar-t64-kv8"]; !ok || whole.ValLoss == 0 || whole.Spec.SuiteEvery != 0 || whole.Tokens != 6*2*32+3*4*64 {
		t.Fatalf("result %+v", whole)
	}
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cfg := sep(dir)
	cfg.Progress = func(p Progress) {
		if p.Step == 4 {
			cancel()
		}
	}
	Run(ctx, cfg)
	cancel()
	cfg = sep(dir)
	cfg.Resume = true
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.ValLoss != whole.ValLoss || res.Bench != whole.Bench || res.FinalLoss != whole.FinalLoss {
		t.Errorf("resumed val %v bench %v final %v; whole val %v bench %v final %v", res.ValLoss, res.Bench, res.FinalLoss, whole.ValLoss, whole.Bench, whole.FinalLoss)
	}
	n := 0
	for _, m := range readMetrics(t, filepath.Join(dir, MetricsFile)) {
		if m["model"] == "mqar-t64-kv8" {
			n++
		}
	}
	if n != 4 { // 3 training lines and one evaluation
		t.Errorf("%d lines of the suite model, want 4", n)
	}
}
