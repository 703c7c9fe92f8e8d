// Package llmtest is a scripted LLM server for tests: it speaks the OpenAI
// /v1/chat/completions and the Anthropic /v1/messages HTTP APIs (real JSON
// shapes, ids and usage, no streaming) over a real TCP connection and plays
// a script of replies, good and bad.
//
//	srv := llmtest.New(
//		llmtest.Step{Status: 429, RetryAfter: "1"},
//		llmtest.Step{Text: `{"name":"x"`},              // malformed JSON
//		llmtest.Step{Text: good, Stop: llmtest.Length}, // truncated
//		llmtest.Step{Delay: time.Minute},               // past the client's timeout
//		llmtest.Step{Text: good},
//	)
//	defer srv.Close()
//	p := openai.New(openai.Options{BaseURL: srv.OpenAIURL()})
//
// When the script runs out the server answers with the step set by
// [Server.Always], else with the function set by [Server.Handle], else with
// HTTP 500. [Server.Requests] returns what it received.
package llmtest
