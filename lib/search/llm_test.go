package search_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/archlab/archlab/agents/llmtest"
	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/search"
	"github.com/archlab/archlab/lib/store"
)

// scriptedLLM answers every role over HTTP: proposals that walk through
// the zoo, sources that are those zoo layers (the first one malformed, so
// a retry with the error quoted is exercised), memos and grades.
func scriptedLLM() *llmtest.Server {
	s := llmtest.New()
	var mu sync.Mutex
	n := map[string]int{}
	zoo := []string{"gated_deltanet", "mamba2", "linear_attention_conv", "hybrid_router"}
	s.Handle(func(r llmtest.Request) llmtest.Step {
		mu.Lock()
		defer mu.Unlock()
		n[r.Schema]++
		k := n[r.Schema]
		reply := func(v any) llmtest.Step {
			b, _ := json.Marshal(v)
			return llmtest.Step{Text: string(b)}
		}
		switch r.Schema {
		case "proposal":
			name := zoo[(k-1)%len(zoo)]
			return reply(map[string]string{"name": fmt.Sprintf("try_%s_%d", name, k), "motivation": fmt.Sprintf("round%d: %s's mechanism may help here", k, name),
				"design": name, "notes": "use the zoo's " + name})
		case "code":
			if k == 1 {
				return llmtest.Step{Text: `{"source": "package layer\n\nfunc broken(", "notes": "truncated"`} // not JSON
			}
			var name string
			for _, z := range zoo {
				if bytes.Contains([]byte(r.Last), []byte("use the zoo's "+z)) {
					name = z
				}
			}
			if name == "" {
				name = zoo[k%len(zoo)]
			}
			src, _ := arch.ZooSource(name)
			return reply(map[string]string{"source": src, "notes": "the zoo's " + name})
		case "memo":
			return reply(map[string]string{"summary": "measured the loss", "vs_parent": "close to the parent", "vs_siblings": "no siblings yet", "lessons": "keep gates", "cognition_query": "gated delta rule"})
		case "grade":
			return reply(map[string]any{"performance": 6, "innovation": 5, "complexity": 7, "rationale": "by the numbers"})
		}
		return llmtest.Step{Status: 400, Error: "unknown schema " + r.Schema}
	})
	return s
}

// TestLLMSearchOverHTTPAndReplay runs the loop with every role over a real
// HTTP connection, for both APIs, then replays the recording with no
// server: the same sources and losses, and no key anywhere in the run.
func TestLLMSearchOverHTTPAndReplay(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in worker processes")
	}
	const key = "sk-archlab-test-secret-key"
	for _, api := range []string{"openai", "anthropic"} {
		t.Run(api, func(t *testing.T) {
			srv := scriptedLLM()
			defer srv.Close()
			cfg := testConfig()
			cfg.LLM = api + ":test-model"
			cfg.Agents.MaxRetries = 1
			if api == "openai" {
				cfg.Agents.BaseURL = srv.OpenAIURL()
				t.Setenv("OPENAI_API_KEY", key)
			} else {
				cfg.Agents.BaseURL = srv.AnthropicURL()
				t.Setenv("ANTHROPIC_API_KEY", key)
			}
			ctx := context.Background()
			dir := t.TempDir()
			l := offlineLoop(t, dir, cfg)
			if err := l.Run(ctx, search.Budget{Experiments: 3}); err != nil {
				t.Fatal(err)
			}
			rows := list(t, l)
			calls, err := l.Store().Calls(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			l.Close()
			done, retried := 0, false
			for _, e := range rows {
				if e.Status == store.Done {
					done++
				}
			}
			roles := map[string]int{}
			for _, c := range calls {
				roles[c.Role]++
				if c.Provider != api || c.TokensIn == 0 || c.LatencyS <= 0 {
					t.Errorf("call %+v: want provider %s with tokens and latency", c.CallRecord, api)
				}
				if c.Role == "engineer" && c.Error != "" {
					retried = true
				}
			}
			if done < 2 || roles["researcher"] == 0 || roles["engineer"] == 0 || roles["analyst"] == 0 || roles["judge"] == 0 || !retried {
				t.Errorf("%d done; calls per role %v; malformed engineer reply recorded: %v", done, roles, retried)
			}
			// The key never reaches the run folder.
			filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
				if err == nil && !info.IsDir() {
					if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(key)) {
						t.Errorf("%s holds the API key", p)
					}
				}
				return nil
			})

			// Replay: no server, the recording answers.
			srv.Close()
			rcfg := testConfig()
			rcfg.LLM = "replay:" + dir
			rdir := t.TempDir()
			r := offlineLoop(t, rdir, rcfg)
			defer r.Close()
			if err := r.Run(ctx, search.Budget{Experiments: 3}); err != nil {
				t.Fatal(err)
			}
			again := list(t, r)
			if len(again) != len(rows) {
				t.Fatalf("replay has %d rows, the recorded run %d", len(again), len(rows))
			}
			for i := range rows {
				if rows[i].SourceHash != again[i].SourceHash || rows[i].ValLoss != again[i].ValLoss && rows[i].ValLoss == rows[i].ValLoss {
					t.Errorf("#%d: recorded %s %v, replayed %s %v", rows[i].ID, rows[i].Name, rows[i].ValLoss, again[i].Name, again[i].ValLoss)
				}
			}
		})
	}
}
