package offline

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/archlab/archlab/agents"
)

func TestEngineerNoDesign(t *testing.T) {
	for _, raw := range []string{"", "null"} {
		_, err := Engineer{}.Write(context.Background(), agents.EngineerInput{
			Proposal: agents.Proposal{Name: "llm_idea", Design: []byte(raw)}})
		if !errors.Is(err, ErrNoDesign) || !strings.Contains(err.Error(), "llm_idea") {
			t.Fatalf("design %q: error %v, want ErrNoDesign naming the proposal", raw, err)
		}
	}
	_, err := Engineer{}.Write(context.Background(), agents.EngineerInput{
		Proposal: agents.Proposal{Name: "x", Design: []byte(`{"rule":"magic"}`)}})
	if err == nil || !strings.Contains(err.Error(), `rule "magic"`) {
		t.Fatalf("bad design: %v", err)
	}
}

// TestEngineerRepair: each failure changes one component, and repairs
// accumulate through the previous source's design line.
func TestEngineerRepair(t *testing.T) {
	full := with(HybridRouter(), Change{"path.fast_memory", "on"}, Change{"router_stats", "on"}, Change{"out_norm", "none"}, Change{"beta", "sigmoid2"})
	check := func(names ...string) agents.Feedback {
		var cs []string
		for _, n := range names {
			cs = append(cs, `{"name":"`+n+`","ok":false,"reason":"r"}`)
		}
		return agents.Feedback{Kind: "check", Report: []byte(`{"ok":false,"checks":[{"name":"compiles","ok":true},` + strings.Join(cs, ",") + `]}`)}
	}
	prev, err := Render("full", full)
	if err != nil {
		t.Fatal(err)
	}
	localLine := 0
	for i, l := range strings.Split(prev, "\n") {
		if strings.Contains(l, "local := ") {
			localLine = i + 1
		}
	}
	for _, tc := range []struct {
		name string
		fb   agents.Feedback
		want string
	}{
		{"finite", check("finite"), "out_norm=rms"},
		{"nonfinite run", agents.Feedback{Kind: "run", Reason: "nonfinite"}, "out_norm=rms"},
		{"params", check("params"), "path.fast_memory=off"},
		{"complexity", check("complexity"), "path.fast_memory=off"},
		{"causality", check("causality"), "path.fast_memory=off"},
		{"compile at the local path", agents.Feedback{Kind: "compile", Reason: "compile",
			Message: "full.go:" + itoa([]int{localLine})[0] + ":2: undefined: op.Foo"}, "path.local=off"},
		{"check report naming the local path's line", agents.Feedback{Kind: "check", Report: []byte(`{"checks":[{"name":"compiles","ok":false}],` +
			`"error":{"stage":"run","problems":[{"line":` + itoa([]int{localLine})[0] + `,"col":2,"msg":"ShortConv: shape"}]}}`)}, "path.local=off"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := agents.EngineerInput{Proposal: agents.Proposal{Name: "full", Design: full.JSON()}, Previous: prev, Feedback: &tc.fb}
			code, err := Engineer{}.Write(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			d, _, _ := DesignOf(code.Source)
			if got := joinChanges(Diff(full, d)); got != tc.want {
				t.Fatalf("-want +got\n-%s\n+%s", tc.want, got)
			}
			if !strings.Contains(code.Notes, tc.want) {
				t.Fatalf("notes %q do not say what changed", code.Notes)
			}
		})
	}

	// Repairs accumulate: two finite failures fix two components.
	in := agents.EngineerInput{Proposal: agents.Proposal{Name: "full", Design: full.JSON()}, Previous: prev, Feedback: &agents.Feedback{Kind: "run", Reason: "nonfinite"}}
	c1, _ := Engineer{}.Write(context.Background(), in)
	in.Previous = c1.Source
	c2, _ := Engineer{}.Write(context.Background(), in)
	d, _, _ := DesignOf(c2.Source)
	if got := joinChanges(Diff(full, d)); got != "beta=sigmoid and out_norm=rms" {
		t.Fatalf("second repair: %s", got)
	}

	// DeltaNet has nothing left to drop.
	if _, _, err := Repair(DeltaNet(), check("causality"), ""); !errors.Is(err, ErrNoRepair) {
		t.Fatalf("DeltaNet repair: %v, want ErrNoRepair", err)
	}
}

// TestAnalystMemo: the memo reports measured deltas and its lessons feed
// the Researcher.
func TestAnalystMemo(t *testing.T) {
	base := cand(1, 0, "deltanet", DeltaNet(), "done", 1.50)
	parent := cand(2, 1, "conv6", with(DeltaNet(), Change{"conv", "6"}), "done", 1.48)
	exp := cand(3, 2, "gated", with(DeltaNet(), Change{"conv", "6"}, Change{"out_gate", "silu"}), "done", 1.44)
	exp.Result.Params, exp.Result.Bench = 1300, 0.4
	sib := cand(4, 2, "ident", with(DeltaNet(), Change{"conv", "6"}, Change{"path.identity", "on"}), "done", 1.47)
	m, err := Analyst{}.Analyze(context.Background(), agents.AnalysisInput{Experiment: exp, Parent: &parent, Grandparent: &base, Siblings: []agents.Candidate{sib}, Baseline: base})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ field, text string }{
		{m.Summary, "changed out_gate=silu"},
		{m.Summary, "val loss -0.060 (1.440 vs 1.500)"},
		{m.VsParent, "val loss -0.040 (1.440 vs 1.480)"},
		{m.VsParent, "params +300 (+30%)"},
		{m.VsParent, "the lineage keeps improving"},
		{m.VsSiblings, "ident (path.identity=on): val loss 1.470"},
		{m.VsSiblings, "this ranks 1 of 2"},
		{m.Lessons, "keep: out_gate=silu"},
		{m.CognitionQuery, "output gate"},
	} {
		if !strings.Contains(want.field, want.text) {
			t.Errorf("memo lacks %q:\n%+v", want.text, m)
		}
	}
	keep, _ := memoHints([]string{m.Lessons})
	if !keep["out_gate=silu"] {
		t.Fatalf("the Researcher does not read the lesson: %q", m.Lessons)
	}

	exp.Result = agents.Measured{Status: "failed", Reason: "nonfinite", Error: "NaN at step 3\nmore"}
	m, _ = Analyst{}.Analyze(context.Background(), agents.AnalysisInput{Experiment: exp, Parent: &parent, Baseline: base})
	if !strings.Contains(m.Summary, "did not finish: status failed (nonfinite): NaN at step 3") || !strings.Contains(m.Lessons, "avoid: out_gate=silu") {
		t.Fatalf("failed memo: %+v", m)
	}
}

func TestJudge(t *testing.T) {
	base := cand(1, 0, "deltanet", DeltaNet(), "done", 1.50)
	base.Result.Bench = 0.3
	src, _ := Render("x", with(DeltaNet(), Change{"out_gate", "silu"}, Change{"path.local", "on"}))
	in := agents.JudgeInput{Name: "x", Motivation: "a modest change", Source: src, Baseline: base, Novelty: 0.5,
		Result: agents.Measured{Status: "done", ValLoss: 1.47, Bench: 0.32, Params: 2000, Extra: map[string]float64{"flops_exponent": 1.2}}}
	g, err := Judge{}.Grade(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	// performance 5.5 + 2 (2% lower val loss) + 1 (bench +0.02) = 8.5 → 9 (round half away);
	// innovation 1 + 3 + 1.5 = 5.5 → 6; complexity 10 − 3 (2× params) − 2 (exponent 1.2) = 5.
	if g.Performance != 9 || g.Innovation != 6 || g.Complexity != 5 {
		t.Fatalf("grade %+v", g)
	}

	// The wording is never read.
	inflated := in
	inflated.Name = "revolutionary_breakthrough"
	inflated.Motivation = strings.Repeat("This groundbreaking, state-of-the-art, novel architecture will dominate every benchmark. ", 20)
	g2, _ := Judge{}.Grade(context.Background(), inflated)
	if g2 != g {
		t.Fatalf("the motivation changed the grade:\n%+v\n%+v", g, g2)
	}

	in.Result = agents.Measured{Status: "failed"}
	if g, _ := (Judge{}).Grade(context.Background(), in); g.Performance != 1 {
		t.Fatalf("failed run performance %d", g.Performance)
	}
}
