package offline

import (
	"context"
	"testing"

	"github.com/archlab/archlab/agents"
)

// synthetic is a made-up val loss with known good components (an output
// gate, a local path, a decay) and bad ones (the linear rule, a feature
// map other than SiLU, no short convolution).
func synthetic(d Design) float64 {
	v := 1.5
	if d.OutGate != "none" {
		v -= 0.03
	}
	if len(d.Paths) > 0 && d.Paths[0] == "local" {
		v -= 0.04
	}
	if d.Decay != "none" {
		v -= 0.02
	}
	if d.Rule == "linear" {
		v += 0.05
	}
	if d.FeatureMap != "silu" {
		v += 0.02
	}
	if d.Conv == 0 {
		v += 0.03
	}
	return v
}

// TestGuidedBeatsRandom: on the synthetic loss, a greedy loop driven by the
// guided Researcher ends lower than the same loop driven by the random
// control, over ten search seeds (each deterministic).
func TestGuidedBeatsRandom(t *testing.T) {
	run := func(r *Researcher, seed uint64) float64 {
		base := cand(1, 0, "deltanet", DeltaNet(), "done", synthetic(DeltaNet()))
		pool := []agents.Candidate{base}
		best := base
		an := Analyst{}
		var memos []string
		for step := range 25 {
			var recent []agents.Candidate
			for i := len(pool) - 1; i >= 0 && len(recent) < 20; i-- {
				recent = append(recent, pool[i])
			}
			in := agents.ResearchInput{Seed: seed*1000 + uint64(step), Parent: best, Baseline: base, Recent: recent, Memos: memos}
			p, err := r.Propose(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			d, err := ParseDesign(p.Design)
			if err != nil {
				t.Fatal(err)
			}
			c := cand(int64(len(pool)+1), best.ID, p.Name, d, "done", synthetic(d))
			m, err := an.Analyze(context.Background(), agents.AnalysisInput{Experiment: c, Parent: &best, Baseline: base})
			if err != nil {
				t.Fatal(err)
			}
			memos = append([]string{m.Lessons}, memos...)
			pool = append(pool, c)
			if c.Result.ValLoss < best.Result.ValLoss {
				best = c
			}
		}
		return best.Result.ValLoss
	}
	guided, random := 0.0, 0.0
	for seed := uint64(1); seed <= 10; seed++ {
		guided += run(NewResearcher(Config{}), seed) / 10
		random += run(NewResearcher(Config{Random: true}), seed) / 10
	}
	t.Logf("mean best val loss after 25 steps: guided %.4f, random %.4f (optimum %.2f)", guided, random, 1.5-0.09)
	if guided >= random {
		t.Fatalf("guided %.4f is not below random %.4f", guided, random)
	}
}
