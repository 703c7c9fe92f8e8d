package llm

import (
	"encoding/json"

	"github.com/archlab/archlab/agents"
)

// Fixtures shared by the internal tests: small, fixed, realistic.

const parentSource = `package layer

import "archlab/op"

type Layer struct {
	Wq, Wk, Wv, Wo *op.Node
	Heads          int
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{Heads: c.Heads, Wq: p.Linear("wq", c.D, c.D), Wk: p.Linear("wk", c.D, c.D),
		Wv: p.Linear("wv", c.D, c.D), Wo: p.Linear("wo", c.D, c.D)}
}

func (l *Layer) Forward(x *op.Node) *op.Node {
	q := op.SplitHeads(op.Linear(x, l.Wq), l.Heads)
	k := op.SplitHeads(op.Linear(x, l.Wk), l.Heads)
	v := op.SplitHeads(op.Linear(x, l.Wv), l.Heads)
	return op.Linear(op.MergeHeads(op.LinearAttention(q, k, v)), l.Wo)
}
`

func fixtureParent() agents.Candidate {
	return agents.Candidate{
		ID: 7, Parent: 1, Name: "linear_attention", Motivation: "Linear attention is the simplest O(T) mixer.",
		Source: parentSource,
		Result: agents.Measured{Status: "done", ValLoss: 3.2101, FinalLoss: 3.1502, Bench: 0.4125, Params: 65536, Fitness: 0.51,
			Scores: map[string]float64{"recall": 0.3, "copy": 0.525}},
		Memo: "Linear attention trails DeltaNet by 0.05 nats.",
	}
}

func fixtureBaseline() agents.Candidate {
	return agents.Candidate{ID: 1, Name: "deltanet", Motivation: "The baseline.", Source: parentSource,
		Result: agents.Measured{Status: "done", ValLoss: 3.1600, FinalLoss: 3.1000, Bench: 0.4400, Params: 69632, Fitness: 0.5}}
}

func fixtureResearch() agents.ResearchInput {
	return agents.ResearchInput{
		Seed: 42, Parent: fixtureParent(), Baseline: fixtureBaseline(),
		Refs: []agents.Candidate{{ID: 9, Name: "gated_deltanet", Motivation: "A decay gate forgets stale keys.",
			Source: "package layer\n// ...", Result: agents.Measured{Status: "done", ValLoss: 3.15, Bench: 0.45, Params: 70000}}},
		Memos:     []string{"Gating helped recall by 3 points."},
		Cognition: []agents.Snippet{{ID: "gdn-2024", Title: "Gated Delta Networks", Text: "Combines gating with the delta rule.", Score: 0.8}},
		Recent: []agents.Candidate{{ID: 11, Name: "conv_only", Result: agents.Measured{Status: "failed", Reason: "causality",
			Error: "output 3 depends on input 5"}}},
		Duplicate: []string{"gated_linear_attention"},
	}
}

func fixtureEngineer(repair bool) agents.EngineerInput {
	in := agents.EngineerInput{
		Seed: 43,
		Proposal: agents.Proposal{Name: "gated_linear_attention", Motivation: "A per-head decay gate lets the state forget.",
			Design: json.RawMessage(`"add g = -softplus(W_g x) and use SSD"`), Notes: "keep the parameter count within 5%"},
		ParentSource: parentSource,
		Contract:     "Write ONE Go file (package layer) with New and Forward.",
	}
	if repair {
		in.Previous = parentSource
		in.Feedback = &agents.Feedback{Kind: "compile", Reason: "compile", Message: "layer.go:14:9: undefined: op.SSDX", Attempts: 1}
	}
	return in
}

func fixtureAnalysis() agents.AnalysisInput {
	p := fixtureParent()
	gp := fixtureBaseline()
	return agents.AnalysisInput{
		Seed: 44,
		Experiment: agents.Candidate{ID: 12, Parent: 7, Name: "gated_linear_attention", Motivation: "A decay gate.",
			Source: parentSource, Result: agents.Measured{Status: "done", ValLoss: 3.1800, FinalLoss: 3.12, Bench: 0.43, Params: 66000}},
		Parent: &p, Grandparent: &gp,
		Siblings: []agents.Candidate{{ID: 13, Name: "short_conv_la", Motivation: "A short conv before q and k.",
			Result: agents.Measured{Status: "failed", Reason: "timeout"}}},
		Baseline: fixtureBaseline(),
	}
}

func fixtureJudge() agents.JudgeInput {
	return agents.JudgeInput{Seed: 45, Name: "gated_linear_attention", Motivation: "A per-head decay gate lets the state forget stale keys.",
		Source: parentSource, Result: agents.Measured{Status: "done", ValLoss: 3.18, Bench: 0.43, Params: 66000},
		Baseline: fixtureBaseline(), Novelty: 0.35}
}

func fixtureRunFailure() agents.EngineerInput {
	in := fixtureEngineer(true)
	in.Feedback = &agents.Feedback{Kind: "run", Reason: "memory", Message: "the worker ran out of memory", Exit: 137,
		LogTail: "step 12 loss 5.91\nstep 13 loss 5.88\nfatal error: runtime: out of memory", Attempts: 2}
	return in
}
