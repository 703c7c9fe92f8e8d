package llmtest

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/agents/llm/chat"
)

// Key is the API key RunProvider's providers must send; it must never show
// in an error.
const Key = "sk-llmtest-0123456789abcdef"

// RunProvider checks a chat.Provider against the scripted server: one
// suite for every adapter. newProvider builds the provider for a server
// (its base URL and Key); api is "openai" or "anthropic".
func RunProvider(t *testing.T, api string, newProvider func(s *Server) chat.Provider) {
	t.Helper()
	schema := &chat.Schema{Name: "grade", JSON: map[string]any{
		"type":                 "object",
		"properties":           map[string]any{"score": map[string]any{"type": "integer"}},
		"required":             []string{"score"},
		"additionalProperties": false,
	}}
	req := chat.Request{
		Role: "judge", Model: "test-model", System: "You grade.",
		Messages:  []chat.Message{{Role: chat.User, Content: "grade it"}},
		Schema:    schema,
		MaxTokens: 64,
	}
	run := func(t *testing.T, ctx context.Context, step Step) (chat.Response, error, []Request) {
		t.Helper()
		s := New(step)
		defer s.Close()
		resp, err := newProvider(s).Complete(ctx, req)
		return resp, err, s.Requests()
	}
	bg := context.Background()

	t.Run("structured", func(t *testing.T) {
		resp, err, reqs := run(t, bg, Step{Text: `{"score":7}`, TokensIn: 11, TokensOut: 5})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Text != `{"score":7}` || resp.Stop != chat.StopEnd || resp.TokensIn != 11 || resp.TokensOut != 5 || resp.ID == "" {
			t.Errorf("resp = %+v", resp)
		}
		if len(reqs) != 1 {
			t.Fatalf("%d requests", len(reqs))
		}
		r := reqs[0]
		if r.API != api || r.Model != "test-model" || r.System != "You grade." || r.Last != "grade it" || r.Schema != "grade" {
			t.Errorf("request = %+v", r)
		}
		if got := r.Header.Get("Authorization") + r.Header.Get("X-Api-Key"); !strings.Contains(got, Key) {
			t.Errorf("key not sent: %q", got)
		}
		var body map[string]any
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatal(err)
		}
		if _, ok := body["temperature"]; ok {
			t.Error("temperature sent though not configured")
		}
	})
	t.Run("text", func(t *testing.T) {
		resp, err, _ := run(t, bg, Step{Text: "not json at all"})
		if err != nil || resp.Text != "not json at all" || resp.Stop != chat.StopEnd {
			t.Errorf("resp = %+v, err = %v", resp, err)
		}
	})
	t.Run("truncated", func(t *testing.T) {
		resp, err, _ := run(t, bg, Step{Text: `{"sco`, Stop: Length})
		if err != nil || resp.Stop != chat.StopLength {
			t.Errorf("resp = %+v, err = %v", resp, err)
		}
	})
	t.Run("refusal", func(t *testing.T) {
		resp, err, _ := run(t, bg, Step{Text: "I cannot help with that.", Stop: Refusal})
		if err != nil || resp.Stop != chat.StopRefusal || resp.Refusal != "I cannot help with that." {
			t.Errorf("resp = %+v, err = %v", resp, err)
		}
	})
	for _, tt := range []struct {
		name   string
		step   Step
		status int
		after  time.Duration
		trans  bool
	}{
		{"429", Step{Status: 429, RetryAfter: "2"}, 429, 2 * time.Second, true},
		{"500", Step{Status: 500}, 500, 0, true},
		{"503", Step{Status: 503, RetryAfter: "1"}, 503, time.Second, true},
		{"400", Step{Status: 400, Error: "bad request"}, 400, 0, false},
		{"401", Step{Status: 401}, 401, 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err, _ := run(t, bg, tt.step)
			var se *chat.StatusError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v (%T), want *chat.StatusError", err, err)
			}
			if se.Status != tt.status || se.RetryAfter != tt.after || se.Provider != api || chat.Transient(err) != tt.trans {
				t.Errorf("err = %+v, transient %v", se, chat.Transient(err))
			}
		})
	}
	t.Run("leaky", func(t *testing.T) {
		_, err, _ := run(t, bg, Step{Status: 400, Error: "bad key", EchoKey: true})
		if err == nil || strings.Contains(err.Error(), Key) {
			t.Errorf("err = %v: want an error without the key", err)
		}
	})
	t.Run("malformed body", func(t *testing.T) {
		_, err, _ := run(t, bg, Step{Body: `{"id": "x", "choices": [`})
		if !errors.Is(err, chat.ErrMalformed) || !chat.Transient(err) {
			t.Errorf("err = %v, want chat.ErrMalformed", err)
		}
	})
	t.Run("slow", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(bg, 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err, _ := run(t, ctx, Step{Delay: time.Minute, Text: `{"score":1}`})
		if !errors.Is(err, context.DeadlineExceeded) || !chat.Transient(err) {
			t.Errorf("err = %v, want a deadline", err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %v", d)
		}
	})
	t.Run("temperature", func(t *testing.T) {
		s := New(Step{Text: `{"score":2}`})
		defer s.Close()
		r := req
		temp := 0.25
		r.Temperature = &temp
		if _, err := newProvider(s).Complete(bg, r); err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		json.Unmarshal(s.Requests()[0].Body, &body)
		if body["temperature"] != 0.25 {
			t.Errorf("temperature = %v", body["temperature"])
		}
	})
}
