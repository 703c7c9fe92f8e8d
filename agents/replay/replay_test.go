package replay_test

import (
	"context"
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
	"github.com/archlab/archlab/agents/replay"
)

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

const grade = `{"performance": 6, "innovation": 4, "complexity": 8, "rationale": "0.03 nats better"}`

const proposal = `{"name": "gated_la", "motivation": "A per-head decay gate lets the state forget stale keys, unlike the parent.", "design": "gate", "notes": ""}`

func judgeInput() agents.JudgeInput {
	return agents.JudgeInput{Seed: 4, Name: "gated_la", Motivation: "A decay gate.", Source: "package layer",
		Result: agents.Measured{Status: "done", ValLoss: 3.18}}
}

func researchInput() agents.ResearchInput {
	return agents.ResearchInput{Seed: 9, Parent: agents.Candidate{Name: "linear_attention"}}
}

// TestReplay records a session with bad replies and transport failures
// over HTTP, then replays it with no server: the same results, the same
// replies in the same order, and a new request is a clear error.
func TestReplay(t *testing.T) {
	srv := llmtest.New(
		llmtest.Step{Status: 503},                                  // transport: skipped on replay
		llmtest.Step{Text: `{"performance": 6`},                    // malformed
		llmtest.Step{Text: grade, Stop: llmtest.Length},            // truncated
		llmtest.Step{Text: "No.", Stop: llmtest.Refusal},           // refused
		llmtest.Step{Text: grade},                                  // judge's answer
		llmtest.Step{Text: `{"name": "X", "motivation": "short"}`}, // invalid proposal
		llmtest.Step{Text: proposal},                               // researcher's answer
		llmtest.Step{Text: strings.Replace(grade, "6", "7", 1)},    // a second, identical judge request
	)
	cfg := llm.Config{Provider: "openai", Model: "test-model", BaseURL: srv.OpenAIURL(), APIKey: llmtest.Key,
		BackoffS: 0.01, TimeoutS: 2, MaxAttempts: 4, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	rec := &memRec{}
	team, err := llm.NewTeam(cfg, rec)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	g1, err1 := team.Judge.Grade(ctx, judgeInput())
	p1, err2 := team.Researcher.Propose(ctx, researchInput())
	g2, err3 := team.Judge.Grade(ctx, judgeInput())
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	srv.Close() // no network from here on

	p := replay.New(rec.calls)
	rec2 := &memRec{}
	cfg.BaseURL, cfg.APIKey = "", ""
	rteam, err := llm.NewTeamWith(cfg, rec2, p)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r1, err1 := rteam.Judge.Grade(ctx, judgeInput())
	q1, err2 := rteam.Researcher.Propose(ctx, researchInput())
	r2, err3 := rteam.Judge.Grade(ctx, judgeInput())
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	if r1 != g1 || r2 != g2 || q1.Name != p1.Name || q1.Motivation != p1.Motivation || g1 == g2 {
		t.Errorf("replay differs: %+v %+v %+v / %+v %+v %+v", r1, q1, r2, g1, p1, g2)
	}
	if p.Unused() != 0 {
		t.Errorf("%d recorded replies unused", p.Unused())
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("replay took %v", d)
	}
	// Every recorded reply, and nothing else, is played again.
	var want []agents.CallRecord
	for _, c := range rec.calls {
		if !strings.HasPrefix(c.Error, llm.ErrPrefixTransport) {
			want = append(want, c)
		}
	}
	if len(rec2.calls) != len(want) {
		t.Fatalf("%d replayed calls, want %d", len(rec2.calls), len(want))
	}
	for i, c := range rec2.calls {
		w := want[i]
		if c.Provider != "replay" || c.PromptHash != w.PromptHash || c.Reply != w.Reply || c.Error != w.Error || c.TokensIn != w.TokensIn {
			t.Errorf("call %d: %+v\nwant %+v", i, c, w)
		}
	}

	// A request not in the recording.
	in := judgeInput()
	in.Name = "something_else"
	_, err = rteam.Judge.Grade(ctx, in)
	if !errors.Is(err, replay.ErrNotRecorded) || !strings.Contains(err.Error(), "judge request sha256") {
		t.Errorf("err = %v, want replay.ErrNotRecorded", err)
	}
	// A third identical judge request: recorded only twice.
	_, err = rteam.Judge.Grade(ctx, judgeInput())
	if !errors.Is(err, replay.ErrNotRecorded) || !strings.Contains(err.Error(), "asked 3 times, recorded 2") {
		t.Errorf("err = %v", err)
	}
}
