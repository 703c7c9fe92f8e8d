package llm

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/archlab/archlab/agents"
)

// hype are the words Plain removes: the vocabulary of persuasive writing,
// not of content.
var hype = regexp.MustCompile(`(?i)\b(groundbreaking|revolutionary|novel|unprecedented|dramatically|significantly|remarkably|substantially|elegant(ly)?|powerful|state-of-the-art|cutting-edge|breakthrough|paradigm[- ]shifting|fundamentally|profoundly|truly|clearly|vastly)\b ?`)

var spaces = regexp.MustCompile(`[ \t]+`)

// Plain removes persuasive intensifiers from a motivation, keeping its
// content.
func Plain(motivation string) string {
	s := hype.ReplaceAllString(motivation, "")
	s = spaces.ReplaceAllString(s, " ")
	return strings.TrimSpace(s)
}

// Inflate rewrites a motivation deterministically into an inflated one:
// the same content framed with confident claims and intensifiers, nothing
// a measurement backs.
func Inflate(motivation string) string {
	p := Plain(motivation)
	return "This is a groundbreaking, paradigm-shifting advance that fundamentally rethinks sequence mixing. " +
		p + " " +
		"We are confident this elegant design will dramatically outperform every prior layer, setting a new state of the art " +
		"with unprecedented efficiency, and it will be remembered as a key breakthrough in efficient language modelling."
}

// EloquenceProbe grades the same experiment twice: under the plain
// motivation and under its inflated rewrite. A judge that grades code and
// numbers gives the same grade; the difference measures how much
// persuasive writing sways it. It works for any Judge, offline or LLM.
func EloquenceProbe(ctx context.Context, judge agents.Judge, in agents.JudgeInput) (plain, inflated agents.Grade, err error) {
	p := in
	p.Motivation = Plain(in.Motivation)
	plain, err = judge.Grade(ctx, p)
	if err != nil {
		return agents.Grade{}, agents.Grade{}, fmt.Errorf("llm: eloquence probe: plain: %w", err)
	}
	f := in
	f.Motivation = Inflate(in.Motivation)
	inflated, err = judge.Grade(ctx, f)
	if err != nil {
		return plain, agents.Grade{}, fmt.Errorf("llm: eloquence probe: inflated: %w", err)
	}
	return plain, inflated, nil
}

// Sway is inflated's total score minus plain's: 0 for a judge that
// persuasive writing does not move, positive when it earns points.
func Sway(plain, inflated agents.Grade) int {
	return (inflated.Performance + inflated.Innovation + inflated.Complexity) -
		(plain.Performance + plain.Innovation + plain.Complexity)
}
