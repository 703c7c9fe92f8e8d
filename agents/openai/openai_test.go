package openai_test

import (
	"encoding/json"
	"testing"

	"github.com/archlab/archlab/agents/llm/chat"
	"github.com/archlab/archlab/agents/llmtest"
	"github.com/archlab/archlab/agents/openai"
)

func TestProvider(t *testing.T) {
	llmtest.RunProvider(t, "openai", func(s *llmtest.Server) chat.Provider {
		return openai.New(openai.Options{BaseURL: s.OpenAIURL(), APIKey: llmtest.Key})
	})
}

// TestMaxTokensField: OpenAI itself gets max_completion_tokens, other
// servers max_tokens, unless the option names the field.
func TestMaxTokensField(t *testing.T) {
	tests := []struct {
		o    openai.Options
		want string
	}{
		{openai.Options{}, "max_completion_tokens"},
		{openai.Options{BaseURL: "http://localhost:8000/v1"}, "max_tokens"},
		{openai.Options{BaseURL: "http://localhost:8000/v1", MaxTokensField: "max_completion_tokens"}, "max_completion_tokens"},
		{openai.Options{MaxTokensField: "max_tokens"}, "max_tokens"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(openai.New(tt.o).Params(chat.Request{Model: "m", MaxTokens: 9}))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		json.Unmarshal(b, &m)
		if m[tt.want] != 9.0 || len(m) != 2 {
			t.Errorf("%+v: body %s, want %s", tt.o, b, tt.want)
		}
	}
}
