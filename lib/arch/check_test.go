package arch

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/lib/arch/op"
)

// smallCheck keeps the checks fast: short sequences, complexity from T=128.
// Probes run at T in {1, 5, 17, 24, 65, 80}: above 64 for lookahead_long.go.
var smallCheck = CheckConfig{ComplexityT: 128, T: 24, TrainT: 80, Lengths: []int{1, 17}}

// TestZooPasses: every reference layer passes every check, except that
// softmax attention (with or without RoPE) is flagged quadratic (and only
// that).
func TestZooPasses(t *testing.T) {
	for _, name := range ZooNames() {
		t.Run(name, func(t *testing.T) {
			l, err := Zoo(name)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Check(context.Background(), l, smallCheck)
			if err != nil {
				t.Fatal(err)
			}
			failed := rep.Failed()
			if name == "softmax_attention" || name == "softmax_attention_rope" {
				if len(failed) != 1 || failed[0].Name != CheckComplexity {
					t.Fatalf("softmax attention: want only %s to fail, got %+v", CheckComplexity, failed)
				}
				return
			}
			if !rep.OK {
				t.Fatalf("%s failed: %+v", name, failed)
			}
		})
	}
}

// TestCheatsCaught: each layer written to cheat in testdata fails the
// right check (and only that one), with a message that says what leaked.
func TestCheatsCaught(t *testing.T) {
	tests := []struct {
		file  string
		check string
		msg   []string // substrings of the reason
	}{
		{"noncausal.go", CheckCausal, []string{"layer 0 (c.Layer=0) reads the future", "depends on the input at position"}},
		{"lookahead_zero_scale.go", CheckCausal, []string{"layer 0", "reads the future", "the output at position", "of row"}},
		{"lookahead_long.go", CheckCausal, []string{"at T=65", "reads the future"}},
		{"lookahead_deep.go", CheckCausal, []string{"layer 1 (c.Layer=1) reads the future"}},
		{"batch_mix.go", CheckBatch, []string{"mixes the batch", "the output of row 2", "the input of row 1"}},
		{"signed_denominator.go", CheckFinite, []string{"denominator", "can be 0"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			src, err := os.ReadFile("testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			rep := CheckSource(context.Background(), tc.file, string(src), smallCheck)
			failed := rep.Failed()
			if len(failed) != 1 || failed[0].Name != tc.check {
				t.Fatalf("want only %s to fail, got %+v", tc.check, failed)
			}
			for _, m := range tc.msg {
				if !strings.Contains(failed[0].Reason, m) {
					t.Errorf("reason %q lacks %q", failed[0].Reason, m)
				}
			}
		})
	}
}

// TestHeavyStops: a legal layer too heavy to measure stops at the bounds
// of the measurement phase with a message that says so, quickly.
func TestHeavyStops(t *testing.T) {
	src, err := os.ReadFile("testdata/heavy.go")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rep := CheckSource(context.Background(), "heavy.go", string(src), smallCheck)
	if v := rep.Checks[2]; v.OK || !strings.Contains(v.Reason, "too heavy to check") {
		t.Fatalf("causality: %+v", v)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v to refuse", d)
	}
	// The time limit: with a tiny one, every measured check stops at it.
	cfg := smallCheck
	cfg.MeasureTime = time.Nanosecond
	var steps []string
	cfg.Progress = func(check, step string) { steps = append(steps, check+": "+step) }
	rep = CheckSource(context.Background(), "contract", exampleSource(t), cfg)
	if v := rep.Checks[2]; v.OK || !strings.Contains(v.Reason, "measurement time limit") {
		t.Fatalf("causality under a 1ns limit: %+v", v)
	}
	if len(steps) == 0 {
		t.Error("no progress reported")
	}
}

// TestCheckSourceAlwaysReports: a static rejection and a cancelled context
// still give a full report.
func TestCheckSourceAlwaysReports(t *testing.T) {
	rep := CheckSource(context.Background(), "bad", "package layer\n\nimport \"os\"\n\nvar _ = os.Args\n", smallCheck)
	if rep == nil || rep.OK || len(rep.Checks) != 7 || rep.Error == nil || rep.Error.Stage != StageStatic ||
		!strings.Contains(rep.Checks[0].Reason, `3:8: import "os" is not allowed`) {
		t.Fatalf("static: %+v", rep)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep = CheckSource(ctx, "contract", exampleSource(t), smallCheck)
	if rep == nil || rep.OK || len(rep.Checks) != 7 || rep.Error == nil || rep.Error.Stage != StageCancelled {
		t.Fatalf("cancelled: %+v", rep)
	}
}

// TestReportNonFiniteJSON: details holding NaN and Inf still serialise.
func TestReportNonFiniteJSON(t *testing.T) {
	rep := &Report{Arch: "x", Checks: []Verdict{{Name: CheckFinite, Details: map[string]any{
		"losses": []float64{1, math.NaN()}, "max": math.Inf(1), "nested": map[string]any{"min": float32(math.Inf(-1))}}}}}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"arch":"x","ok":false,"checks":[{"name":"finite","ok":false,"reason":"","details":{"losses":[1,"NaN"],"max":"+Inf","nested":{"min":"-Inf"}}}]}`
	if string(b) != want {
		t.Fatalf("-want +got\n-%s\n+%s", want, b)
	}
}

func exampleSource(t *testing.T) string {
	_, rest, _ := strings.Cut(Contract, "```go\n")
	src, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("no Go example in Contract")
	}
	return src
}

// TestReportJSON pins the report's field names, which tools and LLM
// prompts read.
func TestReportJSON(t *testing.T) {
	rep := &Report{Arch: "x", Checks: []Verdict{{Name: CheckCausal, Reason: "r", Details: map[string]any{"position": 3}}},
		Error: &Error{Stage: StageRun, Problems: []Problem{{Line: 4, Col: 2, Msg: "m"}}}}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"arch":"x","ok":false,"checks":[{"name":"causality","ok":false,"reason":"r","details":{"position":3}}],"error":{"stage":"run","problems":[{"line":4,"col":2,"msg":"m"}]}}`
	if string(b) != want {
		t.Fatalf("-want +got\n-%s\n+%s", want, b)
	}
}

// TestZooGradients: the backward pass of every reference layer, as traced
// through package op, matches float64 central differences (gpu's check),
// so a composed op (ELU, CausalMask, Mean) cannot hide a wrong gradient.
func TestZooGradients(t *testing.T) {
	cfg := CheckConfig{Layer: op.Config{D: 8, Heads: 2, HeadDim: 4, ConvSize: 4}}.withDefaults()
	cfg.Layer.Layers = 1 // one layer: float64 differences stay within gpu's tolerance
	for _, name := range ZooNames() {
		l, err := Zoo(name)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := trace(context.Background(), l, cfg, 2, 9, false)
		if err != nil {
			t.Fatal(err)
		}
		if err := gpu.CheckGradients(tr.y, 1); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestContractExample: the example in Contract parses and passes the checks.
func TestContractExample(t *testing.T) {
	_, rest, _ := strings.Cut(Contract, "```go\n")
	src, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("no Go example in Contract")
	}
	l, err := Parse("contract", src)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Check(context.Background(), l, smallCheck)
	if err != nil || !rep.OK {
		t.Fatalf("%v %+v", err, rep.Failed())
	}
}

// BenchmarkCheck times the whole Check, default config, per zoo layer.
func BenchmarkCheck(b *testing.B) {
	for _, name := range []string{"deltanet", "gated_deltanet", "mamba2", "softmax_attention"} {
		b.Run(name, func(b *testing.B) {
			l, err := Zoo(name)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Check(context.Background(), l, CheckConfig{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
