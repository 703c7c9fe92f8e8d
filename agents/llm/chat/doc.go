// Package chat is the small contract between the agents' roles and an LLM
// endpoint: one provider-neutral [Request] in, one [Response] out.
//
//	var p chat.Provider = openai.New(openai.Options{BaseURL: "http://localhost:8000/v1", APIKey: key})
//	resp, err := p.Complete(ctx, chat.Request{
//		Role:      "researcher",
//		Model:     "qwen",
//		System:    "You propose layers.",
//		Messages:  []chat.Message{{Role: chat.User, Content: "..."}},
//		Schema:    &chat.Schema{Name: "proposal", JSON: schema},
//		MaxTokens: 2048,
//	})
//
// Adapters (agents/openai, agents/anthropic, agents/replay) implement
// [Provider]; agents/llm builds the roles, retries, budgets and records on
// top of it. [Render] gives the request's canonical JSON and hash, the key
// under which calls are recorded and replayed. A transport failure with an
// HTTP status is a [*StatusError]; [Transient] says whether it is worth
// retrying.
package chat
