package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/agents/llm"
	"github.com/archlab/archlab/agents/offline"
	"github.com/archlab/archlab/agents/replay"
	"github.com/archlab/archlab/lib/cognition"
	"github.com/archlab/archlab/lib/store"
)

// NewTeam returns the agents named by c.LLM: "offline" (the default),
// "random" (the control: one random change to a uniformly random parent,
// no memos), or an LLM ("openai:MODEL", "anthropic:MODEL"). Every role
// call is recorded through rec.
func NewTeam(c Config, rec agents.Recorder) (agents.Team, error) {
	switch c.LLM {
	case "", "offline":
		return recorded(offline.NewTeam(offline.Config{}), rec), nil
	case "random":
		return recorded(offline.NewTeam(offline.Config{Random: true}), rec), nil
	}
	if path, ok := strings.CutPrefix(c.LLM, "replay:"); ok {
		return replayTeam(path, rec)
	}
	return newLLMTeam(c, rec)
}

// recorded wraps an offline team so its calls are stored like an LLM's:
// the request and reply as JSON, zero tokens and cost.
func recorded(t agents.Team, rec agents.Recorder) agents.Team {
	if rec == nil {
		return t
	}
	r := &recorder{rec: rec, provider: t.Name}
	out := agents.Team{Name: t.Name,
		Researcher: researcherFunc(func(ctx context.Context, in agents.ResearchInput) (agents.Proposal, error) {
			var p agents.Proposal
			err := r.call(ctx, "researcher", in, &p, func() (any, error) { return t.Researcher.Propose(ctx, in) })
			return p, err
		}),
		Engineer: engineerFunc(func(ctx context.Context, in agents.EngineerInput) (agents.Code, error) {
			var c agents.Code
			err := r.call(ctx, "engineer", in, &c, func() (any, error) { return t.Engineer.Write(ctx, in) })
			return c, err
		}),
		Analyst: analystFunc(func(ctx context.Context, in agents.AnalysisInput) (agents.Memo, error) {
			var m agents.Memo
			err := r.call(ctx, "analyst", in, &m, func() (any, error) { return t.Analyst.Analyze(ctx, in) })
			return m, err
		}),
	}
	if t.Judge != nil {
		out.Judge = judgeFunc(func(ctx context.Context, in agents.JudgeInput) (agents.Grade, error) {
			var g agents.Grade
			err := r.call(ctx, "judge", in, &g, func() (any, error) { return t.Judge.Grade(ctx, in) })
			return g, err
		})
	}
	return out
}

type recorder struct {
	rec      agents.Recorder
	provider string
}

// call runs fn, records the call and copies its result into out.
func (r *recorder) call(ctx context.Context, role string, in any, out any, fn func() (any, error)) error {
	req, _ := json.Marshal(in)
	sum := sha256.Sum256(req)
	t0 := time.Now()
	v, err := fn()
	c := agents.CallRecord{Role: role, Provider: r.provider, Model: r.provider, PromptHash: hex.EncodeToString(sum[:]),
		Request: string(req), LatencyS: time.Since(t0).Seconds(), Attempt: 1, Time: t0.UTC()}
	if err != nil {
		c.Error = err.Error()
	} else {
		b, _ := json.Marshal(v)
		c.Reply = string(b)
		if uerr := json.Unmarshal(b, out); uerr != nil {
			return fmt.Errorf("search: %s reply: %w", role, uerr)
		}
	}
	if rerr := r.rec.RecordCall(ctx, c); rerr != nil && err == nil {
		return fmt.Errorf("search: record the %s call: %w", role, rerr)
	}
	return err
}

type researcherFunc func(context.Context, agents.ResearchInput) (agents.Proposal, error)

func (f researcherFunc) Propose(ctx context.Context, in agents.ResearchInput) (agents.Proposal, error) {
	return f(ctx, in)
}

type engineerFunc func(context.Context, agents.EngineerInput) (agents.Code, error)

func (f engineerFunc) Write(ctx context.Context, in agents.EngineerInput) (agents.Code, error) {
	return f(ctx, in)
}

type analystFunc func(context.Context, agents.AnalysisInput) (agents.Memo, error)

func (f analystFunc) Analyze(ctx context.Context, in agents.AnalysisInput) (agents.Memo, error) {
	return f(ctx, in)
}

type judgeFunc func(context.Context, agents.JudgeInput) (agents.Grade, error)

func (f judgeFunc) Grade(ctx context.Context, in agents.JudgeInput) (agents.Grade, error) {
	return f(ctx, in)
}

// newLLMTeam builds the LLM roles over the OpenAI-compatible or Anthropic
// API, with the config's "agents" settings (base URL, key variable,
// prices, cost cap, per-role models).
func newLLMTeam(c Config, rec agents.Recorder) (agents.Team, error) {
	lc, err := c.Agents.WithLLM(c.LLM)
	if err != nil {
		return agents.Team{}, fmt.Errorf("search: %w", err)
	}
	t, err := llm.NewTeam(lc, rec)
	if err != nil {
		return agents.Team{}, fmt.Errorf("search: %w", err)
	}
	if t.Name == "" {
		t.Name = c.LLM
	}
	return t, nil
}

// replayTeam re-runs the LLM agents of the search in run folder dir from
// its recorded calls, with no network: the same requests get the same
// replies, and a request the recording lacks is an error.
func replayTeam(dir string, rec agents.Recorder) (agents.Team, error) {
	st, err := store.OpenReadOnly(dir)
	if err != nil {
		return agents.Team{}, fmt.Errorf("search: replay: %w", err)
	}
	defer st.Close()
	ctx := context.Background()
	b, ok, err := st.Meta(ctx, "config")
	if err != nil || !ok {
		return agents.Team{}, fmt.Errorf("search: replay: %s has no stored config (%v)", dir, err)
	}
	orig, err := ParseConfig(b)
	if err != nil {
		return agents.Team{}, fmt.Errorf("search: replay: the config of %s: %w", dir, err)
	}
	if p, _, _ := strings.Cut(orig.LLM, ":"); p != "openai" && p != "anthropic" {
		return agents.Team{}, fmt.Errorf("search: replay: %s ran with llm %q, which records no LLM replies; the offline agents are deterministic: run again with its seed", dir, orig.LLM)
	}
	calls, err := st.Calls(ctx, 0)
	if err != nil {
		return agents.Team{}, fmt.Errorf("search: replay: %w", err)
	}
	recs := make([]agents.CallRecord, len(calls))
	for i, c := range calls {
		recs[i] = c.CallRecord
	}
	lc, err := orig.Agents.WithLLM(orig.LLM)
	if err != nil {
		return agents.Team{}, fmt.Errorf("search: replay: %w", err)
	}
	t, err := llm.NewTeamWith(lc, rec, replay.New(recs))
	if err != nil {
		return agents.Team{}, fmt.Errorf("search: replay: %w", err)
	}
	t.Name = "replay:" + dir
	return t, nil
}

// CognitionSource loads a cognition base (ASI-ARCH's published format: a
// folder or a file) for the Researcher, searched with BM25.
func CognitionSource(path string) (SnippetSource, error) {
	b, err := cognition.Load(path)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return bm25{b}, nil
}

type bm25 struct{ b *cognition.Base }

func (s bm25) Snippets(query string, k int) []agents.Snippet {
	return cognition.Snippets(s.b.Search(query, k))
}
