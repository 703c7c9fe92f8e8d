// Package agents is the contract between the search loop and ASI-ARCH's
// four roles: a Researcher proposes a change to a parent layer, an
// Engineer writes (and repairs) its Go source, an Analyst writes the memo
// the next proposal reads, and a Judge grades the result. Inputs and
// replies are Go structs; every call is recorded (CallRecord) through a
// Recorder the loop provides.
//
//	team := offline.NewTeam(offline.Config{})            // the default: no network
//	team, err := llm.NewTeam(llm.Config{Provider: "openai", Model: "gpt-4.1-mini"}, rec)
//	p, err := team.Researcher.Propose(ctx, agents.ResearchInput{Parent: parent, Baseline: base})
//
// Implementations live in sub-packages by dependency: agents/offline (the
// deterministic default, and the random control), agents/llm (the roles
// over an LLM: prompts, structured replies, retries, cost cap),
// agents/openai and agents/anthropic (the official SDKs), agents/replay
// (a recorded search re-run with no network) and agents/llmtest (a local
// server that speaks both HTTP APIs, for tests).
//
// Measured facts decide; the roles explain. Whether an experiment
// succeeded is the worker's exit status and result file, never a reply's
// wording, and the offline Judge never reads the motivation.
package agents
