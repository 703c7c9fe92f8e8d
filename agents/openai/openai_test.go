package openai_test

import (
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
