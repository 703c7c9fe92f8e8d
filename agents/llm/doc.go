// Package llm runs the agents' roles (Researcher, Engineer, Analyst,
// Judge) on an LLM: OpenAI-compatible Chat Completions or Anthropic
// Messages.
//
//	cfg, err := llm.Config{MaxCostUSD: 5, Prices: prices}.WithLLM("openai:gpt-4o-mini")
//	team, err := llm.NewTeam(cfg, recorder)
//	proposal, err := team.Researcher.Propose(ctx, in)
//	if errors.Is(err, agents.ErrBudget) { /* the cost cap is reached: stop the search */ }
//
// Each role renders its prompts from embedded templates (prompts/*.tmpl),
// asks for a JSON reply (a JSON schema where the server supports one),
// decodes it into the agents structs and validates it. An invalid reply —
// malformed JSON, truncated, a refusal, a name or score out of bounds,
// source that does not parse — is answered with the validation error
// quoted, up to max_attempts replies; then the role returns an error
// wrapping [agents.ErrInvalidReply]. Transport failures (429, 5xx,
// timeouts) are retried with exponential backoff, honouring Retry-After,
// up to max_retries per request. Every HTTP attempt is recorded as an
// [agents.CallRecord] with tokens, latency, cost and error; keys never
// reach records, logs or errors. [EloquenceProbe] measures how much an
// inflated motivation sways a Judge.
//
// The providers live in agents/openai and agents/anthropic, the replay
// provider in agents/replay, and a scripted test server in agents/llmtest.
package llm
