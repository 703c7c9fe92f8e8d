package llm_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/agents/llm"
	"github.com/archlab/archlab/agents/llmtest"
)

// judgeFunc adapts a function to agents.Judge.
type judgeFunc func(agents.JudgeInput) agents.Grade

func (f judgeFunc) Grade(_ context.Context, in agents.JudgeInput) (agents.Grade, error) {
	return f(in), nil
}

func TestEloquenceProbe(t *testing.T) {
	honest := judgeFunc(func(in agents.JudgeInput) agents.Grade {
		return agents.Grade{Performance: 5, Innovation: 5, Complexity: 5, Rationale: "numbers"}
	})
	swayed := judgeFunc(func(in agents.JudgeInput) agents.Grade {
		g := agents.Grade{Performance: 5, Innovation: 5, Complexity: 5, Rationale: "words"}
		if strings.Contains(in.Motivation, "groundbreaking") {
			g.Innovation += 3
		}
		return g
	})
	in := agents.JudgeInput{Name: "x", Motivation: "A truly novel gate that significantly helps recall."}
	tests := []struct {
		name  string
		judge agents.Judge
		sway  int
	}{{"honest", honest, 0}, {"swayed", swayed, 3}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, inflated, err := llm.EloquenceProbe(context.Background(), tt.judge, in)
			if err != nil {
				t.Fatal(err)
			}
			if got := llm.Sway(plain, inflated); got != tt.sway {
				t.Errorf("Sway = %d, want %d (%+v, %+v)", got, tt.sway, plain, inflated)
			}
		})
	}
}

// TestEloquenceProbeOverHTTP: the LLM judge sees the same source under the
// plain and the inflated motivation.
func TestEloquenceProbeOverHTTP(t *testing.T) {
	srv := llmtest.New(llmtest.Step{Text: goodGrade}, llmtest.Step{Text: strings.Replace(goodGrade, `"innovation": 4`, `"innovation": 7`, 1)})
	defer srv.Close()
	team, rec := newTeam(t, testConfig(llm.OpenAI, srv))
	plain, inflated, err := llm.EloquenceProbe(context.Background(), team.Judge, judgeInput())
	if err != nil {
		t.Fatal(err)
	}
	if llm.Sway(plain, inflated) != 3 {
		t.Errorf("plain %+v, inflated %+v", plain, inflated)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || strings.Contains(reqs[0].Last, "groundbreaking") || !strings.Contains(reqs[1].Last, "groundbreaking") ||
		!strings.Contains(reqs[1].Last, llm.Plain(motivation)) {
		t.Errorf("the judge did not see plain then inflated motivations")
	}
	if len(rec.all()) != 2 {
		t.Errorf("%d records", len(rec.all()))
	}
}

func ExamplePlain() {
	fmt.Println(llm.Plain("A truly novel gate that significantly helps recall."))
	// Output:
	// A gate that helps recall.
}

func ExampleInflate() {
	fmt.Println(llm.Inflate("A gate that helps recall."))
	// Output:
	// This is a groundbreaking, paradigm-shifting advance that fundamentally rethinks sequence mixing. A gate that helps recall. We are confident this elegant design will dramatically outperform every prior layer, setting a new state of the art with unprecedented efficiency, and it will be remembered as a key breakthrough in efficient language modelling.
}

// ExampleNewTeam runs the Judge against a local OpenAI-compatible server
// (here the scripted one; vLLM, llama.cpp or Ollama the same way).
func ExampleNewTeam() {
	srv := llmtest.New(llmtest.Step{Text: `{"performance": 7, "innovation": 5, "complexity": 8, "rationale": "0.04 nats under the baseline"}`})
	defer srv.Close()
	cfg, err := llm.Config{BaseURL: srv.OpenAIURL(), APIKey: "local", Logger: quiet()}.WithLLM("openai:qwen2.5-coder")
	if err != nil {
		fmt.Println(err)
		return
	}
	team, err := llm.NewTeam(cfg, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := team.Judge.Grade(context.Background(), judgeInput())
	fmt.Println(team.Name, g.Performance, g.Innovation, g.Complexity, err)
	// Output:
	// openai:qwen2.5-coder 7 5 8 <nil>
}
