// Package openai adapts an OpenAI-compatible Chat Completions endpoint
// (OpenAI, vLLM, llama.cpp server, Ollama) to [chat.Provider], through the
// official github.com/openai/openai-go SDK with the SDK's own retries off.
//
//	p := openai.New(openai.Options{BaseURL: "http://localhost:11434/v1", APIKey: key})
//	resp, err := p.Complete(ctx, chat.Request{Model: "qwen2.5-coder", Messages: msgs, MaxTokens: 2048})
//
// A request with a [chat.Schema] asks for response_format json_schema
// (strict) unless Options.NoSchema is set; the caller validates the reply
// either way. Retries, timeouts, rate limits and recording belong to
// agents/llm. Errors carrying an HTTP status are *chat.StatusError, with the
// key redacted from every message.
package openai
