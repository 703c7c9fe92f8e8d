package llm_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/agents/llm"
	"github.com/archlab/archlab/agents/llmtest"
)

// memRec is a Recorder keeping calls in memory.
type memRec struct {
	mu    sync.Mutex
	calls []agents.CallRecord
}

func (m *memRec) RecordCall(_ context.Context, c agents.CallRecord) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls = append(m.calls, c)
	return nil
}

func (m *memRec) all() []agents.CallRecord {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]agents.CallRecord(nil), m.calls...)
}

const layerSource = `package layer

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

const motivation = "A per-head decay gate lets the state forget stale keys, which the parent cannot do."

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

var (
	goodProposal = mustJSON(map[string]any{"name": "gated_la", "motivation": motivation, "design": "g = -softplus(W_g x); SSD", "notes": "keep params within 5%"})
	goodCode     = mustJSON(map[string]any{"source": layerSource, "notes": "added nothing yet"})
	goodMemo     = mustJSON(map[string]any{"summary": "val_loss 3.18 against 3.21", "vs_parent": "0.03 nats better",
		"vs_siblings": "the only sibling timed out", "lessons": "keep the gate", "cognition_query": "decay gate linear attention"})
	goodGrade = `{"performance": 6, "innovation": 4, "complexity": 8, "rationale": "0.03 nats better than the parent"}`
)

// byRole answers each role's system prompt with a valid reply.
func byRole(r llmtest.Request) llmtest.Step {
	switch {
	case strings.Contains(r.System, "You are the Researcher"):
		return llmtest.Step{Text: goodProposal}
	case strings.Contains(r.System, "You are the Engineer"):
		return llmtest.Step{Text: goodCode}
	case strings.Contains(r.System, "You are the Analyst"):
		return llmtest.Step{Text: goodMemo}
	case strings.Contains(r.System, "You are the Judge"):
		return llmtest.Step{Text: goodGrade}
	}
	return llmtest.Step{Status: 400, Error: "unknown role"}
}

var apis = []string{llm.OpenAI, llm.Anthropic}

func baseURL(api string, s *llmtest.Server) string {
	if api == llm.OpenAI {
		return s.OpenAIURL()
	}
	return s.AnthropicURL()
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// testConfig: short timeouts and backoffs so that every test ends fast.
func testConfig(api string, s *llmtest.Server) llm.Config {
	return llm.Config{
		Provider: api, Model: "test-model", BaseURL: baseURL(api, s), APIKey: llmtest.Key,
		TimeoutS: 2, BackoffS: 0.01, MaxBackoffS: 2, Logger: quiet(),
	}
}

func newTeam(t *testing.T, cfg llm.Config) (agents.Team, *memRec) {
	t.Helper()
	rec := &memRec{}
	team, err := llm.NewTeam(cfg, rec)
	if err != nil {
		t.Fatal(err)
	}
	return team, rec
}

func researchInput() agents.ResearchInput {
	return agents.ResearchInput{Seed: 1,
		Parent:   agents.Candidate{ID: 2, Name: "linear_attention", Motivation: "the simplest", Source: layerSource, Result: agents.Measured{Status: "done", ValLoss: 3.21}},
		Baseline: agents.Candidate{ID: 1, Name: "deltanet", Result: agents.Measured{Status: "done", ValLoss: 3.16}}}
}

func judgeInput() agents.JudgeInput {
	return agents.JudgeInput{Seed: 4, Name: "gated_la", Motivation: motivation, Source: layerSource,
		Result: agents.Measured{Status: "done", ValLoss: 3.18}, Baseline: agents.Candidate{ID: 1, Name: "deltanet"}}
}

// TestRolesOverHTTP: every role runs over HTTP for both APIs, and each
// call is recorded with tokens, latency, model and a key-free request.
func TestRolesOverHTTP(t *testing.T) {
	for _, api := range apis {
		t.Run(api, func(t *testing.T) {
			srv := llmtest.New()
			defer srv.Close()
			srv.Handle(byRole)
			team, rec := newTeam(t, testConfig(api, srv))
			ctx := context.Background()
			if team.Name != api+":test-model" {
				t.Errorf("team.Name = %q", team.Name)
			}

			p, err := team.Researcher.Propose(ctx, researchInput())
			if err != nil || p.Name != "gated_la" || p.Motivation != motivation || string(p.Design) != `"g = -softplus(W_g x); SSD"` {
				t.Fatalf("Propose = %+v, %v", p, err)
			}
			c, err := team.Engineer.Write(ctx, agents.EngineerInput{Seed: 2, Proposal: p, ParentSource: layerSource, Contract: "contract"})
			if err != nil || c.Source != layerSource {
				t.Fatalf("Write = %+v, %v", c, err)
			}
			m, err := team.Analyst.Analyze(ctx, agents.AnalysisInput{Seed: 3, Experiment: agents.Candidate{Name: "gated_la"}})
			if err != nil || m.CognitionQuery != "decay gate linear attention" {
				t.Fatalf("Analyze = %+v, %v", m, err)
			}
			g, err := team.Judge.Grade(ctx, judgeInput())
			if err != nil || g != (agents.Grade{Performance: 6, Innovation: 4, Complexity: 8, Rationale: "0.03 nats better than the parent"}) {
				t.Fatalf("Grade = %+v, %v", g, err)
			}

			calls := rec.all()
			roles := []string{"researcher", "engineer", "analyst", "judge"}
			schemas := []string{"proposal", "code", "memo", "grade"}
			if len(calls) != 4 {
				t.Fatalf("%d records, want 4", len(calls))
			}
			reqs := srv.Requests()
			for i, c := range calls {
				sum := sha256.Sum256([]byte(c.Request))
				if c.Role != roles[i] || c.Provider != api || c.Model != "test-model" || c.Attempt != 1 || c.Error != "" ||
					c.TokensIn <= 0 || c.TokensOut <= 0 || c.LatencyS <= 0 || c.Time.IsZero() ||
					c.PromptHash != hex.EncodeToString(sum[:]) || c.Reply == "" {
					t.Errorf("record %d = %+v", i, c)
				}
				if strings.Contains(c.Request, llmtest.Key) {
					t.Errorf("record %d holds the key", i)
				}
				if reqs[i].Schema != schemas[i] {
					t.Errorf("request %d asked for schema %q, want %q", i, reqs[i].Schema, schemas[i])
				}
			}
		})
	}
}

// TestBadRepliesRetried: 429 (Retry-After), 500, malformed JSON, a
// truncated reply, a refusal, a reply past the timeout and an out-of-range
// score are each retried; the Recorder gets every attempt with its error.
func TestBadRepliesRetried(t *testing.T) {
	for _, api := range apis {
		t.Run(api, func(t *testing.T) {
			srv := llmtest.New(
				llmtest.Step{Status: 429, RetryAfter: "1"},
				llmtest.Step{Status: 500},
				llmtest.Step{Text: `{"performance": 6, "innovation":`},
				llmtest.Step{Text: goodGrade, Stop: llmtest.Length},
				llmtest.Step{Text: "I cannot grade this.", Stop: llmtest.Refusal},
				llmtest.Step{Delay: time.Minute, Text: goodGrade},
				llmtest.Step{Text: strings.Replace(goodGrade, `"innovation": 4`, `"innovation": 11`, 1)},
				llmtest.Step{Text: goodGrade},
			)
			defer srv.Close()
			cfg := testConfig(api, srv)
			cfg.TimeoutS = 0.3
			cfg.MaxAttempts = 5
			team, rec := newTeam(t, cfg)
			start := time.Now()
			g, err := team.Judge.Grade(context.Background(), judgeInput())
			if err != nil || g.Performance != 6 {
				t.Fatalf("Grade = %+v, %v", g, err)
			}
			if d := time.Since(start); d < time.Second {
				t.Errorf("took %v: Retry-After: 1 not honoured", d)
			}
			wantErr := []string{
				"transport: " + api + ": HTTP 429",
				"transport: " + api + ": HTTP 500",
				"not one JSON object",
				"truncated: ",
				"refused: ",
				"transport: no reply within timeout_s 0.3",
				"innovation is 11",
				"",
			}
			calls := rec.all()
			if len(calls) != len(wantErr) {
				for _, c := range calls {
					t.Logf("%d %q", c.Attempt, c.Error)
				}
				t.Fatalf("%d records, want %d", len(calls), len(wantErr))
			}
			for i, c := range calls {
				if c.Attempt != i+1 || c.LatencyS <= 0 || c.Role != "judge" {
					t.Errorf("record %d: attempt %d latency %g role %s", i, c.Attempt, c.LatencyS, c.Role)
				}
				if (wantErr[i] == "") != (c.Error == "") || !strings.Contains(c.Error, wantErr[i]) {
					t.Errorf("record %d error %q, want %q", i, c.Error, wantErr[i])
				}
				replied := !strings.HasPrefix(c.Error, "transport: ")
				if replied != (c.TokensIn > 0 && c.TokensOut > 0) {
					t.Errorf("record %d: tokens %d/%d", i, c.TokensIn, c.TokensOut)
				}
			}
			// The transport retries resend the same request; each refused
			// reply adds the reply and the quoted error to the conversation.
			if calls[0].PromptHash != calls[2].PromptHash || calls[2].PromptHash == calls[3].PromptHash {
				t.Error("prompt hashes do not follow the conversation")
			}
			reqs := srv.Requests()
			if !strings.Contains(reqs[3].Last, "> the reply is not one JSON object") {
				t.Errorf("retry prompt does not quote the error:\n%s", reqs[3].Last)
			}
			if !strings.Contains(reqs[7].Last, "> innovation is 11, want 1 to 10") {
				t.Errorf("last retry prompt:\n%s", reqs[7].Last)
			}
		})
	}
}

// TestNeverUsable: a server that never gives a usable reply ends the
// role within its bounds with an error wrapping agents.ErrInvalidReply.
func TestNeverUsable(t *testing.T) {
	tests := []struct {
		name    string
		step    llmtest.Step
		edit    func(*llm.Config)
		records int
		invalid bool   // wraps agents.ErrInvalidReply
		want    string // in the error
	}{
		{"garbage", llmtest.Step{Text: "no"}, func(c *llm.Config) { c.MaxAttempts = 3 }, 3, true, "3 replies refused"},
		{"truncated", llmtest.Step{Text: `{"perf`, Stop: llmtest.Length}, func(c *llm.Config) { c.MaxAttempts = 2 }, 2, true, "truncated"},
		{"refusals", llmtest.Step{Text: "No.", Stop: llmtest.Refusal}, func(c *llm.Config) { c.MaxAttempts = 2 }, 2, true, "refused"},
		{"500s", llmtest.Step{Status: 500}, func(c *llm.Config) { c.MaxRetries = 2 }, 3, true, "HTTP 500"},
		{"429 forever", llmtest.Step{Status: 429, RetryAfter: "100"}, func(c *llm.Config) { c.MaxRetries = 1; c.MaxBackoffS = 0.05 }, 2, true, "HTTP 429"},
		{"slow", llmtest.Step{Delay: time.Minute}, func(c *llm.Config) { c.MaxRetries = 1; c.TimeoutS = 0.2 }, 2, true, "no reply within timeout_s 0.2"},
		{"malformed body", llmtest.Step{Body: `{"id": "x", "choices": [`}, func(c *llm.Config) { c.MaxRetries = 1 }, 2, true, "malformed"},
		{"401", llmtest.Step{Status: 401}, func(*llm.Config) {}, 1, false, "HTTP 401"},
	}
	for _, api := range apis {
		for _, tt := range tests {
			t.Run(api+"/"+tt.name, func(t *testing.T) {
				srv := llmtest.New()
				defer srv.Close()
				srv.Always(tt.step)
				cfg := testConfig(api, srv)
				tt.edit(&cfg)
				team, rec := newTeam(t, cfg)
				start := time.Now()
				_, err := team.Judge.Grade(context.Background(), judgeInput())
				if err == nil {
					t.Fatal("no error")
				}
				if errors.Is(err, agents.ErrInvalidReply) != tt.invalid || !strings.Contains(err.Error(), tt.want) ||
					!strings.HasPrefix(err.Error(), "llm: judge: ") {
					t.Errorf("err = %v", err)
				}
				if d := time.Since(start); d > 10*time.Second {
					t.Errorf("took %v", d)
				}
				calls := rec.all()
				if len(calls) != tt.records {
					t.Errorf("%d records, want %d", len(calls), tt.records)
				}
				for _, c := range calls {
					if c.Error == "" {
						t.Errorf("record %d has no error", c.Attempt)
					}
				}
			})
		}
	}
}

// TestCostCap: once max_cost_usd is spent the next call stops with
// agents.ErrBudget, before any request.
func TestCostCap(t *testing.T) {
	srv := llmtest.New()
	defer srv.Close()
	srv.Always(llmtest.Step{Text: goodGrade, TokensIn: 1000, TokensOut: 100})
	cfg := testConfig(llm.OpenAI, srv)
	cfg.Prices = map[string]llm.Price{"test-model": {Input: 1000, Output: 2000}} // 1.2 USD a call
	cfg.MaxCostUSD = 2
	team, rec := newTeam(t, cfg)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := team.Judge.Grade(ctx, judgeInput()); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	_, err := team.Researcher.Propose(ctx, researchInput())
	if !errors.Is(err, agents.ErrBudget) {
		t.Fatalf("err = %v, want agents.ErrBudget", err)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	calls := rec.all()
	if len(calls) != 2 || calls[0].CostUSD != 1.2 || calls[1].CostUSD != 1.2 {
		t.Errorf("records = %+v", calls)
	}
}

// TestKeyNeverLeaks: keys from the environment reach the server and
// nothing else: not the records, the logs or the errors, even when the
// server repeats the key in its error message.
func TestKeyNeverLeaks(t *testing.T) {
	for _, api := range apis {
		t.Run(api, func(t *testing.T) {
			srv := llmtest.New(llmtest.Step{Status: 500, Error: "overloaded", EchoKey: true},
				llmtest.Step{Status: 400, Error: "bad request", EchoKey: true})
			defer srv.Close()
			keyEnv, baseEnv := "OPENAI_API_KEY", "OPENAI_BASE_URL"
			if api == llm.Anthropic {
				keyEnv, baseEnv = "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"
			}
			t.Setenv(keyEnv, llmtest.Key)
			t.Setenv(baseEnv, baseURL(api, srv))
			var logs bytes.Buffer
			cfg := llm.Config{Provider: api, Model: "test-model", BackoffS: 0.01, TimeoutS: 2,
				Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
			team, rec := newTeam(t, cfg)
			_, err := team.Judge.Grade(context.Background(), judgeInput())
			if err == nil {
				t.Fatal("no error")
			}
			reqs := srv.Requests()
			if len(reqs) != 2 || !strings.Contains(reqs[0].Header.Get("Authorization")+reqs[0].Header.Get("X-Api-Key"), llmtest.Key) {
				t.Fatalf("the key from %s was not sent", keyEnv)
			}
			recs, _ := json.Marshal(rec.all())
			for what, s := range map[string]string{"error": err.Error(), "records": string(recs), "logs": logs.String()} {
				if strings.Contains(s, llmtest.Key) {
					t.Errorf("the key leaks into the %s: %s", what, s)
				}
			}
			if !strings.Contains(string(recs), "[redacted]") {
				t.Errorf("records = %s", recs)
			}
		})
	}
}

func TestNoKey(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "")
	t.Setenv("OPENAI_BASE_URL", "")
	_, err := llm.NewTeam(llm.Config{Provider: "openai", Model: "m"}, nil)
	if err == nil || !strings.Contains(err.Error(), "OPENAI_API_KEY") {
		t.Errorf("err = %v", err)
	}
}

// TestRoleOverride: a role on another provider and model talks to its own endpoint.
func TestRoleOverride(t *testing.T) {
	oa, an := llmtest.New(), llmtest.New()
	defer oa.Close()
	defer an.Close()
	oa.Handle(byRole)
	an.Handle(byRole)
	cfg := testConfig(llm.OpenAI, oa)
	cfg.Roles = map[string]llm.Role{"judge": {Provider: "anthropic", Model: "claude-test", BaseURL: an.AnthropicURL()}}
	t.Setenv("ANTHROPIC_API_KEY", "sk-ant-other-key")
	team, rec := newTeam(t, cfg)
	if team.Name != "openai:test-model (judge=anthropic:claude-test)" {
		t.Errorf("team.Name = %q", team.Name)
	}
	ctx := context.Background()
	if _, err := team.Judge.Grade(ctx, judgeInput()); err != nil {
		t.Fatal(err)
	}
	if _, err := team.Researcher.Propose(ctx, researchInput()); err != nil {
		t.Fatal(err)
	}
	if len(an.Requests()) != 1 || len(oa.Requests()) != 1 || an.Requests()[0].Model != "claude-test" {
		t.Errorf("requests: anthropic %d, openai %d", len(an.Requests()), len(oa.Requests()))
	}
	calls := rec.all()
	if calls[0].Provider != "anthropic" || calls[0].Model != "claude-test" || calls[1].Provider != "openai" {
		t.Errorf("records = %+v", calls)
	}
}

// TestRateLimit: rate_per_min spaces the requests on one endpoint.
func TestRateLimit(t *testing.T) {
	srv := llmtest.New()
	defer srv.Close()
	srv.Always(llmtest.Step{Text: goodGrade})
	cfg := testConfig(llm.OpenAI, srv)
	cfg.RatePerMin = 600 // one per 100 ms
	team, _ := newTeam(t, cfg)
	start := time.Now()
	for i := 0; i < 3; i++ {
		if _, err := team.Judge.Grade(context.Background(), judgeInput()); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 190*time.Millisecond {
		t.Errorf("3 calls at 600/min took %v, want at least 200ms", d)
	}
}

// TestEngineerRepair: the repair prompt carries the compile error with its
// line:col, and a fenced ```go reply is accepted.
func TestEngineerRepair(t *testing.T) {
	srv := llmtest.New(
		llmtest.Step{Text: "```go\n" + layerSource + "```"}, // unchanged: refused
		llmtest.Step{Text: "Fixed the call.\n```go\n" + strings.Replace(layerSource, "LinearAttention", "DeltaRule", 1) + "```"},
	)
	defer srv.Close()
	team, _ := newTeam(t, testConfig(llm.Anthropic, srv))
	in := agents.EngineerInput{Seed: 5, Proposal: agents.Proposal{Name: "gated_la", Motivation: motivation},
		ParentSource: layerSource, Contract: "contract", Previous: layerSource,
		Feedback: &agents.Feedback{Kind: "check", Reason: "causality", Message: "layer.go:17:9: output 3 depends on input 5",
			Report: []byte(`{"causality":"fail"}`), Attempts: 1}}
	c, err := team.Engineer.Write(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Source, "DeltaRule") || c.Notes != "Fixed the call." {
		t.Errorf("code = %+v", c)
	}
	reqs := srv.Requests()
	if !strings.Contains(reqs[0].Last, "layer.go:17:9: output 3 depends on input 5") || !strings.Contains(reqs[0].Last, `{"causality":"fail"}`) {
		t.Errorf("repair prompt lacks the feedback:\n%s", reqs[0].Last)
	}
	if !strings.Contains(reqs[1].Last, "unchanged") {
		t.Errorf("second prompt: %s", reqs[1].Last)
	}
}

// TestCancel: a cancelled context ends a role at once, without ErrInvalidReply.
func TestCancel(t *testing.T) {
	srv := llmtest.New()
	defer srv.Close()
	srv.Always(llmtest.Step{Delay: time.Minute})
	team, _ := newTeam(t, testConfig(llm.OpenAI, srv))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := team.Judge.Grade(ctx, judgeInput())
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, agents.ErrInvalidReply) {
		t.Errorf("err = %v", err)
	}
}

// TestNoSchema: for a server without structured output the JSON is asked
// for in the prompt only, and the reply is validated the same way.
func TestNoSchema(t *testing.T) {
	for _, api := range apis {
		t.Run(api, func(t *testing.T) {
			srv := llmtest.New(llmtest.Step{Text: "```json\n" + goodGrade + "\n```"})
			defer srv.Close()
			cfg := testConfig(api, srv)
			cfg.NoSchema = true
			team, _ := newTeam(t, cfg)
			g, err := team.Judge.Grade(context.Background(), judgeInput())
			if err != nil || g.Performance != 6 {
				t.Fatalf("Grade = %+v, %v", g, err)
			}
			r := srv.Requests()[0]
			if r.Schema != "" || !strings.Contains(r.Last, `"performance": 1-10`) {
				t.Errorf("request asked for schema %q; prompt:\n%s", r.Schema, r.Last)
			}
		})
	}
}

// TestConcurrentRoles: roles of one team run at once under one budget and
// one rate limiter.
func TestConcurrentRoles(t *testing.T) {
	srv := llmtest.New()
	defer srv.Close()
	srv.Handle(byRole)
	cfg := testConfig(llm.OpenAI, srv)
	cfg.Prices = map[string]llm.Price{"test-model": {Input: 1, Output: 1}}
	cfg.MaxCostUSD = 100
	cfg.RatePerMin = 6000
	team, rec := newTeam(t, cfg)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); _, err := team.Judge.Grade(context.Background(), judgeInput()); errs <- err }()
		go func() {
			defer wg.Done()
			_, err := team.Researcher.Propose(context.Background(), researchInput())
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := len(rec.all()); n != 8 {
		t.Errorf("%d records, want 8", n)
	}
}
