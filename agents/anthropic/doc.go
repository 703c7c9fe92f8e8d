// Package anthropic adapts the Anthropic Messages API to [chat.Provider],
// through the official github.com/anthropics/anthropic-sdk-go SDK with the
// SDK's own retries and environment defaults off.
//
//	p := anthropic.New(anthropic.Options{APIKey: key})
//	resp, err := p.Complete(ctx, chat.Request{Model: "claude-sonnet-4-5", Messages: msgs, MaxTokens: 2048})
//
// A request with a [chat.Schema] becomes a tool with that input_schema and
// a tool_choice forcing it, unless Options.NoTools is set (JSON is then
// asked for in the prompt only); the reply's Text is the tool input JSON,
// or the text when the model answered in text. The caller validates it
// either way. Errors carrying an HTTP status are *chat.StatusError, with
// the key redacted from every message.
package anthropic
