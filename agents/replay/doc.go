// Package replay re-runs LLM roles from a recording, exactly and with no
// network: a [chat.Provider] that answers each request with the recorded
// reply to the same request.
//
//	p := replay.New(calls) // []agents.CallRecord from the store, in order
//	team, err := llm.NewTeamWith(cfg, rec, p)
//	proposal, err := team.Researcher.Propose(ctx, in) // the recorded proposal
//
// Requests are matched by role and prompt hash (the sha256 of the rendered
// request), in recorded order for repeats; the cfg must be the recording's
// (models and limits shape the requests). Recorded transport failures (no
// reply) are skipped; truncated, refused and invalid replies are played
// again, so the roles retry as they did. A request not in the recording is
// an error wrapping [ErrNotRecorded].
package replay
