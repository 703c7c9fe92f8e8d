package search_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/archlab/archlab/agents/llm"
	"github.com/archlab/archlab/agents/llmtest"
	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/search"
	"github.com/archlab/archlab/lib/store"
)

// repairingLLM answers each role of the loop the way a model would, over
// the real OpenAI or Anthropic HTTP API: proposals name zoo layers in
// turn, the Engineer returns them as source. Its first Engineer reply is
// malformed JSON and its second a source that does not compile, so both
// repair paths run against the server.
func repairingLLM() func(r llmtest.Request) llmtest.Step {
	var mu sync.Mutex
	n := map[string]int{}
	layers := []string{"gated_deltanet", "mamba2", "linear_attention_conv"}
	reply := func(v any) llmtest.Step {
		b, _ := json.Marshal(v)
		return llmtest.Step{Text: string(b)}
	}
	return func(r llmtest.Request) llmtest.Step {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case strings.Contains(r.System, "You are the Researcher"):
			name := layers[n["researcher"]%len(layers)]
			n["researcher"]++
			return reply(map[string]any{"name": "try_" + name, "motivation": "Measure " + name + " against the parent.",
				"design": "the zoo's " + name, "notes": ""})
		case strings.Contains(r.System, "You are the Engineer"):
			n["engineer"]++
			switch n["engineer"] {
			case 1:
				return llmtest.Step{Text: `{"source": "package layer`}
			case 2:
				return reply(map[string]any{"source": "package layer\n\nfunc New( {\n", "notes": "a first draft"})
			}
			name := "gated_deltanet"
			if _, rest, ok := strings.Cut(r.Last, "# Proposal: try_"); ok {
				name, _, _ = strings.Cut(rest, "\n")
			}
			src, err := arch.ZooSource(strings.TrimSpace(name))
			if err != nil {
				return llmtest.Step{Status: 500, Error: err.Error()}
			}
			return reply(map[string]any{"source": src, "notes": "the zoo's " + name})
		case strings.Contains(r.System, "You are the Analyst"):
			return reply(map[string]any{"summary": "measured", "vs_parent": "close", "vs_siblings": "none yet",
				"lessons": "keep the gate", "cognition_query": "gated linear attention"})
		case strings.Contains(r.System, "You are the Judge"):
			return reply(map[string]any{"performance": 5, "innovation": 4, "complexity": 7, "rationale": "close to the parent"})
		}
		return llmtest.Step{Status: 400, Error: "unknown role"}
	}
}

// TestLLMTeamFromConfigRepairs: the loop end to end with LLM agents built from
// the config (no Team passed), every role over HTTP, for both APIs. A
// malformed reply is retried and a source that does not compile is
// repaired; every attempt is stored with its provider, model and tokens.
func TestLLMTeamFromConfigRepairs(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in worker processes")
	}
	for _, api := range []string{llm.OpenAI, llm.Anthropic} {
		t.Run(api, func(t *testing.T) {
			srv := llmtest.New()
			defer srv.Close()
			srv.Handle(repairingLLM())
			url := srv.OpenAIURL()
			if api == llm.Anthropic {
				url = srv.AnthropicURL()
			}
			t.Setenv("ARCHLAB_TEST_LLM_KEY", llmtest.Key)
			cfg := testConfig()
			cfg.LLM = api + ":test-model"
			cfg.Agents = llm.Config{BaseURL: url, APIKeyEnv: "ARCHLAB_TEST_LLM_KEY", TimeoutS: 20, BackoffS: 0.01}
			loop, err := search.Open(t.TempDir(), cfg, search.Options{Executor: executor(t, 1), Logger: quietLLMLog()})
			if err != nil {
				t.Fatal(err)
			}
			defer loop.Close()
			ctx := context.Background()
			if err := loop.Run(ctx, search.Budget{Experiments: 3}); err != nil {
				t.Fatal(err)
			}
			es := list(t, loop)
			for _, e := range es {
				if e.Stage == 1 && e.Status != store.Done {
					t.Errorf("#%d %s: %s (%s) %s", e.ID, e.Name, e.Status, e.Reason, e.Error)
				}
			}
			if len(es) < 3 || es[1].Tries < 1 {
				t.Fatalf("%d experiments", len(es))
			}
			calls, err := loop.Store().Calls(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			roles := map[string]int{}
			var malformed bool
			for _, c := range calls {
				roles[c.Role]++
				if c.Provider != api || c.Model != "test-model" || c.TokensIn == 0 {
					t.Errorf("call %d (%s): provider %q model %q, %d tokens in", c.ID, c.Role, c.Provider, c.Model, c.TokensIn)
				}
				if c.Role == "engineer" && c.Attempt == 1 && c.Error != "" {
					malformed = true
				}
			}
			for _, r := range []string{"researcher", "engineer", "analyst", "judge"} {
				if roles[r] == 0 {
					t.Errorf("no %s call stored: %v", r, roles)
				}
			}
			if !malformed {
				t.Errorf("the malformed Engineer reply is not stored as a failed attempt")
			}
			// Experiment 2's source was repaired after the compile error:
			// three Engineer replies (malformed, broken, fixed).
			var eng2 int
			for _, c := range calls {
				if c.Exp == 2 && c.Role == "engineer" {
					eng2++
				}
			}
			if eng2 < 3 {
				t.Errorf("experiment 2: %d Engineer calls stored, want at least 3 (a retry and a compile repair)", eng2)
			}
			if got := srv.Requests(); len(got) < len(calls) {
				t.Errorf("the server saw %d requests, the store has %d calls", len(got), len(calls))
			}
		})
	}
}

func quietLLMLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
