package arch

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/lib/arch/op"
)

// smallCheck keeps the checks fast: short sequences, complexity from T=128.
var smallCheck = CheckConfig{ComplexityT: 128, T: 24, Lengths: []int{1, 17}}

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

// TestNonCausalCaught: a layer reading position t+1 fails causality (and
// only causality).
func TestNonCausalCaught(t *testing.T) {
	src, err := os.ReadFile("testdata/noncausal.go")
	if err != nil {
		t.Fatal(err)
	}
	l, err := Parse("noncausal.go", string(src))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Check(context.Background(), l, smallCheck)
	if err != nil {
		t.Fatal(err)
	}
	failed := rep.Failed()
	if len(failed) != 1 || failed[0].Name != CheckCausal {
		t.Fatalf("want only %s to fail, got %+v", CheckCausal, failed)
	}
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
	cfg := CheckConfig{Layer: op.Config{D: 8, Heads: 2, HeadDim: 4, ConvSize: 4, Layers: 1}}.withDefaults()
	for _, name := range ZooNames() {
		l, err := Zoo(name)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := trace(context.Background(), l, cfg, 2, 9)
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
