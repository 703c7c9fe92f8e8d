package offline

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/archlab/archlab/agents"
)

func cand(id, parent int64, name string, d Design, status string, val float64) agents.Candidate {
	return agents.Candidate{ID: id, Parent: parent, Name: name, Design: d.JSON(),
		Result: agents.Measured{Status: status, ValLoss: val, Params: 1000}}
}

func with(d Design, cs ...Change) Design {
	for _, c := range cs {
		var err error
		if d, err = d.Apply(c); err != nil {
			panic(err)
		}
	}
	return d
}

// history: three experiments that added an output gate improved val loss
// by 0.03 each; two that added the identity path made it worse by 0.02;
// one with a fast memory failed.
func history() agents.ResearchInput {
	base := cand(1, 0, "deltanet", DeltaNet(), "done", 1.50)
	recent := []agents.Candidate{
		cand(2, 1, "gate_a", with(DeltaNet(), Change{"out_gate", "silu"}), "done", 1.47),
		cand(3, 1, "ident_a", with(DeltaNet(), Change{"path.identity", "on"}), "done", 1.52),
		cand(4, 2, "gate_b", with(DeltaNet(), Change{"out_gate", "silu"}, Change{"conv", "6"}), "done", 1.46),
		cand(5, 3, "gate_c", with(DeltaNet(), Change{"path.identity", "on"}, Change{"out_gate", "silu"}), "done", 1.49),
		cand(6, 1, "ident_b", with(DeltaNet(), Change{"path.identity", "on"}), "done", 1.52),
		cand(7, 1, "fast", with(DeltaNet(), Change{"path.fast_memory", "on"}), "failed", 0),
	}
	return agents.ResearchInput{Seed: 1, Parent: base, Baseline: base, Recent: recent}
}

func TestCredit(t *testing.T) {
	c := Credit(history())
	for _, tc := range []struct {
		key      string
		n, fails int
		mean     float64
	}{
		{"out_gate=silu", 2, 0, -0.03}, // gate_a, gate_c; gate_b's parent (gate_a) had the gate already
		{"path.identity=on", 2, 0, 0.02},
		{"conv=6", 1, 0, -0.01},
		{"path.fast_memory=on", 0, 1, 0},
	} {
		s := c[tc.key]
		if s.N != tc.n || s.Failed != tc.fails || (s.N > 0 && abs(s.Mean()-tc.mean) > 1e-9) {
			t.Errorf("%s: got %+v (mean %g), want n %d, failed %d, mean %g", tc.key, s, s.Mean(), tc.n, tc.fails, tc.mean)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestResearcherFollowsCredit: over many seeds, the change that measured
// best is drawn far more often than the one that measured worst, and the
// motivation cites the measurement.
func TestResearcherFollowsCredit(t *testing.T) {
	r := NewResearcher(Config{MaxChanges: 1, Crossover: -1})
	in := history()
	in.Parent = cand(8, 1, "conv3", with(DeltaNet(), Change{"conv", "3"}), "done", 1.5) // a parent nothing was tried from
	gate, ident := 0, 0
	var cited string
	for seed := range uint64(300) {
		in.Seed = seed
		p, err := r.Propose(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.Contains(p.Motivation, "change out_gate=silu"):
			gate++
			cited = p.Motivation
		case strings.Contains(p.Motivation, "change path.identity=on"):
			ident++
		}
	}
	if gate < 3*ident || gate < 10 {
		t.Fatalf("out_gate=silu drawn %d times, path.identity=on %d times: credit ignored", gate, ident)
	}
	if !strings.Contains(cited, "Experiments that set out_gate=silu improved val loss by 0.030 on average over 2 experiments") {
		t.Fatalf("motivation does not cite the measurement: %s", cited)
	}
}

// TestResearcherDeterministic: the same input gives the same proposal; a
// different seed (almost always) another.
func TestResearcherDeterministic(t *testing.T) {
	r := NewResearcher(Config{})
	in := history()
	a, err := r.Propose(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := r.Propose(context.Background(), in)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("same input, different proposals:\n%+v\n%+v", a, b)
	}
	differ := false
	for seed := uint64(2); seed < 12 && !differ; seed++ {
		in.Seed = seed
		c, _ := r.Propose(context.Background(), in)
		differ = c.Name != a.Name
	}
	if !differ {
		t.Fatal("ten seeds gave the same proposal")
	}
}

// TestResearcherAvoidsRepeats: with every single change but one already in
// Recent, the one left is proposed.
func TestResearcherAvoidsRepeats(t *testing.T) {
	r := NewResearcher(Config{MaxChanges: 1, Crossover: -1})
	base := cand(1, 0, "deltanet", DeltaNet(), "done", 1.5)
	moves := DeltaNet().Moves()
	left := moves[len(moves)/2]
	var recent []agents.Candidate
	for i, c := range moves {
		if c != left {
			recent = append(recent, cand(int64(10+i), 1, "m"+c.String(), with(DeltaNet(), c), "done", 1.5))
		}
	}
	for seed := range uint64(5) {
		p, err := r.Propose(context.Background(), agents.ResearchInput{Seed: seed, Parent: base, Baseline: base, Recent: recent})
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseDesign(p.Design)
		if err != nil {
			t.Fatal(err)
		}
		if got := joinChanges(Diff(DeltaNet(), d)); got != left.String() {
			t.Fatalf("seed %d: proposed %s, the only untried change is %s", seed, got, left)
		}
	}
}

// TestResearcherParentWithoutDesign: a zoo parent is mapped by name.
func TestResearcherParentWithoutDesign(t *testing.T) {
	r := NewResearcher(Config{MaxChanges: 1})
	parent := agents.Candidate{ID: 1, Name: "gated_deltanet", Source: "package layer // a zoo source"}
	p, err := r.Propose(context.Background(), agents.ResearchInput{Seed: 3, Parent: parent, Baseline: parent})
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseDesign(p.Design)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(Diff(GatedDeltaNet(), d)); n != 1 {
		t.Fatalf("%d changes from Gated DeltaNet, want 1: %s", n, d.Describe())
	}
	if !strings.Contains(p.Motivation, "closest catalogue design") {
		t.Fatalf("motivation hides the mapping: %s", p.Motivation)
	}
}

// TestCrossover: with crossover always on, the change comes from the
// better reference.
func TestCrossover(t *testing.T) {
	r := NewResearcher(Config{Crossover: 1})
	ref := with(DeltaNet(), Change{"out_gate", "sigmoid"}, Change{"conv", "8"})
	in := agents.ResearchInput{
		Parent: cand(1, 0, "deltanet", DeltaNet(), "done", 1.5),
		Refs:   []agents.Candidate{cand(2, 1, "better", ref, "done", 1.4)},
	}
	for seed := range uint64(10) {
		in.Seed = seed
		p, err := r.Propose(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := ParseDesign(p.Design)
		got := Diff(DeltaNet(), d)
		if len(got) != 1 || (got[0] != Change{"out_gate", "sigmoid"} && got[0] != Change{"conv", "8"}) {
			t.Fatalf("seed %d: %v is not one component of the reference", seed, got)
		}
		if !strings.Contains(p.Motivation, "Crossover: better") {
			t.Fatalf("motivation does not name the reference: %s", p.Motivation)
		}
	}
}

// TestMemoHintsGuide: an Analyst memo's "avoid" lesson lowers a change's
// weight and "keep" raises it.
func TestMemoHintsGuide(t *testing.T) {
	keep, avoid := memoHints([]string{"summary...\nkeep: out_gate=silu, conv=6\navoid: path.identity=on"})
	if !keep["out_gate=silu"] || !keep["conv=6"] || !avoid["path.identity=on"] || len(keep)+len(avoid) != 3 {
		t.Fatalf("keep %v avoid %v", keep, avoid)
	}
	if w := weight(Change{"path.identity", "on"}, nil, keep, avoid); w >= 1 {
		t.Fatalf("avoided change weight %g", w)
	}
}

// TestRandomResearcher: one change, names from it, and nothing read: the
// same proposal with or without history and memos.
func TestRandomResearcher(t *testing.T) {
	r := NewResearcher(Config{Random: true})
	in := history()
	in.Parent = cand(4, 2, "gate_b", with(DeltaNet(), Change{"out_gate", "silu"}), "done", 1.46)
	bare := agents.ResearchInput{Seed: in.Seed, Parent: in.Parent}
	in.Memos = []string{"keep: conv=8"}
	a, err := r.Propose(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := r.Propose(context.Background(), bare)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("the random control read its input:\n%+v\n%+v", a, b)
	}
	pd, _ := ParseDesign(in.Parent.Design)
	d, _ := ParseDesign(a.Design)
	if n := len(Diff(pd, d)); n != 1 || !strings.HasPrefix(a.Name, "random_") {
		t.Fatalf("%s: %d changes", a.Name, n)
	}
	if NewTeam(Config{Random: true}).Name != "random" || NewTeam(Config{}).Name != "offline" {
		t.Fatal("team names")
	}
}

func TestSeedProposals(t *testing.T) {
	ps := SeedProposals()
	if len(ps) != len(Families()) {
		t.Fatalf("%d proposals for %d families", len(ps), len(Families()))
	}
	for _, p := range ps {
		if _, err := ParseDesign(p.Design); err != nil {
			t.Fatal(err)
		}
		var d Design
		_ = json.Unmarshal(p.Design, &d)
		if p.Name == "content_aware_router" && !strings.Contains(p.Motivation, "delta_net_cagf_br") {
			t.Fatalf("seed motivation does not cite ASI-ARCH: %s", p.Motivation)
		}
	}
}

// TestCreditCountsBench: a change that lowers val loss but collapses the
// bench (recall lost) is credited as harmful; a change that keeps the bench
// and lowers val loss a little is credited as helpful, and is drawn far
// more often.
func TestCreditCountsBench(t *testing.T) {
	withBench := func(c agents.Candidate, bench float64) agents.Candidate {
		c.Result.Bench = bench
		c.Result.Scores = map[string]float64{"mqar": bench}
		return c
	}
	base := withBench(cand(1, 0, "deltanet", DeltaNet(), "done", 1.26), 0.98)
	in := agents.ResearchInput{Seed: 1, Parent: base, Baseline: base, Recent: []agents.Candidate{
		withBench(cand(2, 1, "elu", with(DeltaNet(), Change{"feature_map", "elu1"}), "done", 1.20), 0.01),
		withBench(cand(3, 1, "gate", with(DeltaNet(), Change{"out_gate", "silu"}), "done", 1.24), 0.98),
	}}
	c := Credit(in)
	elu, gate := c["feature_map=elu1"], c["out_gate=silu"]
	if elu.MeanGain() >= 0 || gate.MeanGain() <= 0 {
		t.Fatalf("elu1 gain %g (want < 0: recall lost), gate gain %g (want > 0)", elu.MeanGain(), gate.MeanGain())
	}
	if elu.NBench != 1 || abs(elu.MeanBench()+0.97) > 1e-9 {
		t.Fatalf("elu1 bench: %+v", elu)
	}
	r := NewResearcher(Config{MaxChanges: 1, Crossover: -1})
	in.Parent = withBench(cand(4, 1, "conv3", with(DeltaNet(), Change{"conv", "3"}), "done", 1.26), 0.98)
	nElu, nGate := 0, 0
	var cited string
	for seed := range uint64(300) {
		in.Seed = seed
		p, err := r.Propose(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.Contains(p.Motivation, "change feature_map=elu1"):
			nElu++
			cited = p.Motivation
		case strings.Contains(p.Motivation, "change out_gate=silu"):
			nGate++
		}
	}
	if nGate < 5*max(nElu, 1) {
		t.Fatalf("out_gate=silu drawn %d times, feature_map=elu1 %d times: the bench collapse is ignored", nGate, nElu)
	}
	if nElu > 0 && !strings.Contains(cited, "lowered the bench by 0.970") {
		t.Fatalf("motivation does not cite the bench: %s", cited)
	}
}

// TestAnalystFlagsRecallLoss: a child that improves val loss but loses the
// bench gets "avoid", not "keep", and a lesson that names the collapse.
func TestAnalystFlagsRecallLoss(t *testing.T) {
	parent := cand(1, 0, "deltanet", DeltaNet(), "done", 1.26)
	parent.Result.Bench = 0.98
	child := cand(2, 1, "elu", with(DeltaNet(), Change{"feature_map", "elu1"}), "done", 1.20)
	child.Result.Bench = 0.01
	m, err := Analyst{}.Analyze(context.Background(), agents.AnalysisInput{Experiment: child, Parent: &parent, Baseline: parent})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Lessons, "avoid: feature_map=elu1") || !strings.Contains(m.Lessons, "bench fell 0.980 → 0.010") {
		t.Fatalf("lessons:\n%s", m.Lessons)
	}
}
