package llm

import (
	"context"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/agents/llm/chat"
)

// researcher is the LLM Researcher.
type researcher struct{ c *caller }

func (r researcher) Propose(ctx context.Context, in agents.ResearchInput) (agents.Proposal, error) {
	var out agents.Proposal
	err := r.c.run(ctx, "researcher", in, proposalSchema(), in.Seed, func(text string) (err error) {
		out, err = parseProposal(text, in)
		return err
	})
	return out, err
}

// engineer is the LLM Engineer.
type engineer struct{ c *caller }

func (e engineer) Write(ctx context.Context, in agents.EngineerInput) (agents.Code, error) {
	var out agents.Code
	err := e.c.run(ctx, "engineer", in, codeSchema(), in.Seed, func(text string) (err error) {
		out, err = parseCode(text, in)
		return err
	})
	return out, err
}

// analyst is the LLM Analyst.
type analyst struct{ c *caller }

func (a analyst) Analyze(ctx context.Context, in agents.AnalysisInput) (agents.Memo, error) {
	var out agents.Memo
	err := a.c.run(ctx, "analyst", in, memoSchema(), in.Seed, func(text string) (err error) {
		out, err = parseMemo(text)
		return err
	})
	return out, err
}

// judge is the LLM Judge.
type judge struct{ c *caller }

func (j judge) Grade(ctx context.Context, in agents.JudgeInput) (agents.Grade, error) {
	var out agents.Grade
	err := j.c.run(ctx, "judge", in, gradeSchema(), in.Seed, func(text string) (err error) {
		out, err = parseGrade(text)
		return err
	})
	return out, err
}

// run renders prompts/<tmpl>_system.tmpl and prompts/<tmpl>.tmpl with in
// and asks.
func (c *caller) run(ctx context.Context, tmpl string, in any, schema *chat.Schema, seed uint64, parse func(string) error) error {
	system, err := c.prompts.render(tmpl+"_system", in)
	if err != nil {
		return err
	}
	user, err := c.prompts.render(tmpl, in)
	if err != nil {
		return err
	}
	if err := c.ask(ctx, system, user, schema, seed, parse); err != nil {
		return redacted{c.redact(err.Error()), err}
	}
	return nil
}
