package anthropic_test

import (
	"testing"

	"github.com/archlab/archlab/agents/anthropic"
	"github.com/archlab/archlab/agents/llm/chat"
	"github.com/archlab/archlab/agents/llmtest"
)

func TestProvider(t *testing.T) {
	llmtest.RunProvider(t, "anthropic", func(s *llmtest.Server) chat.Provider {
		return anthropic.New(anthropic.Options{BaseURL: s.AnthropicURL(), APIKey: llmtest.Key})
	})
}
