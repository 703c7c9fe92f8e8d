package offline

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/archlab/archlab/agents"
)

// Analyst writes a memo from measured deltas: the experiment against its
// parent, grandparent, siblings and the baseline. Its lessons carry
// "keep: field=value" and "avoid: field=value" lines that the offline
// Researcher reads back.
type Analyst struct{}

// Analyze implements agents.Analyst.
func (Analyst) Analyze(ctx context.Context, in agents.AnalysisInput) (agents.Memo, error) {
	if err := ctx.Err(); err != nil {
		return agents.Memo{}, err
	}
	e := in.Experiment
	ed, known := designOfCandidate(e.Name, e.Design, e.Source)
	var changes []Change
	if in.Parent != nil && known {
		pd, _ := designOfCandidate(in.Parent.Name, in.Parent.Design, in.Parent.Source)
		changes = Diff(pd, ed)
	}
	var m agents.Memo

	// Summary: what was tried and what happened.
	var s strings.Builder
	fmt.Fprintf(&s, "%s", e.Name)
	if known {
		fmt.Fprintf(&s, " (%s)", ed.Describe())
	}
	if len(changes) > 0 {
		fmt.Fprintf(&s, " changed %s", joinChanges(changes))
	}
	if e.Result.Status != "done" {
		fmt.Fprintf(&s, " and did not finish: status %s", orDash(e.Result.Status))
		if e.Result.Reason != "" {
			fmt.Fprintf(&s, " (%s)", e.Result.Reason)
		}
		if e.Result.Error != "" {
			fmt.Fprintf(&s, ": %s", firstLine(e.Result.Error))
		}
		s.WriteString(".")
	} else {
		fmt.Fprintf(&s, ": %s.", metrics(e.Result))
		if measured(in.Baseline.Result) && in.Baseline.ID != e.ID {
			fmt.Fprintf(&s, " Against the baseline %s: %s.", in.Baseline.Name, deltas(e.Result, in.Baseline.Result))
		}
	}
	m.Summary = s.String()

	// VsParent: the parent and the grandparent.
	switch {
	case in.Parent == nil:
		m.VsParent = "No parent: this is the baseline."
	case e.Result.Status != "done":
		m.VsParent = fmt.Sprintf("The parent %s measured %s; this child failed, so no delta.", in.Parent.Name, metrics(in.Parent.Result))
	default:
		v := fmt.Sprintf("Against the parent %s: %s.", in.Parent.Name, deltas(e.Result, in.Parent.Result))
		if g := in.Grandparent; g != nil && measured(g.Result) && measured(in.Parent.Result) {
			step1 := in.Parent.Result.ValLoss - g.Result.ValLoss
			step2 := e.Result.ValLoss - in.Parent.Result.ValLoss
			trend := "the lineage keeps improving"
			switch {
			case step1 < 0 && step2 >= 0:
				trend = "the lineage's gain stalled here"
			case step1 >= 0 && step2 < 0:
				trend = "this recovers the grandparent's regression"
			case step1 >= 0 && step2 >= 0:
				trend = "two regressions in a row"
			}
			v += fmt.Sprintf(" Grandparent %s → parent %+.3f → this %+.3f val loss: %s.", g.Name, step1, step2, trend)
		}
		m.VsParent = v
	}

	// VsSiblings: what the siblings tried and how they did.
	m.VsSiblings = siblings(e, in.Parent, in.Siblings)

	// Lessons: keep or avoid each change, by the measured deltas of both
	// terms in noise units (gain).
	var lessons []string
	var keep, avoid, unsure []string
	for _, c := range changes {
		switch {
		case e.Result.Status != "done":
			avoid = append(avoid, c.String())
		case in.Parent == nil || !measured(in.Parent.Result) || !measured(e.Result):
			unsure = append(unsure, c.String())
		default:
			switch g := gain(e.Result, in.Parent.Result); {
			case g >= 1:
				keep = append(keep, c.String())
			case g <= -1:
				avoid = append(avoid, c.String())
			default:
				unsure = append(unsure, c.String())
			}
		}
	}
	if len(changes) > 0 && e.Result.Status == "done" && in.Parent != nil && measured(in.Parent.Result) &&
		hasBench(e.Result) && hasBench(in.Parent.Result) && in.Parent.Result.Bench-e.Result.Bench >= benchNoise {
		lessons = append(lessons, fmt.Sprintf("bench fell %.3f → %.3f: the change costs recall, whatever it gains in val loss",
			in.Parent.Result.Bench, e.Result.Bench))
	}
	if len(keep) > 0 {
		lessons = append(lessons, "keep: "+strings.Join(keep, ", "))
	}
	if len(avoid) > 0 {
		lessons = append(lessons, "avoid: "+strings.Join(avoid, ", "))
	}
	if len(unsure) > 0 {
		lessons = append(lessons, fmt.Sprintf("inconclusive (val loss and bench together moved less than their seed noise, %.3f nats and %.2f, or unmeasured): %s",
			noise, benchNoise, strings.Join(unsure, ", ")))
	}
	if len(changes) == 0 {
		lessons = append(lessons, "no component change is known (a design outside the catalogue, or no parent)")
	}
	if e.Result.Status == "done" && e.Result.Params > 0 && in.Parent != nil && in.Parent.Result.Params > 0 {
		if r := float64(e.Result.Params) / float64(in.Parent.Result.Params); r > 1.25 {
			lessons = append(lessons, fmt.Sprintf("cost: %.0f%% more parameters than the parent; a gain must pay for them", 100*(r-1)))
		}
	}
	m.Lessons = strings.Join(lessons, "\n")

	// CognitionQuery: the components involved.
	words := []string{}
	for _, c := range changes {
		for _, w := range fieldWords[c.Field] {
			if !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
	}
	if len(words) == 0 {
		words = []string{"delta rule"}
	}
	if e.Result.Status != "done" {
		words = append(words, "stability")
	}
	m.CognitionQuery = strings.Join(words, " ")
	return m, nil
}

// metrics is one result in numbers.
func metrics(r agents.Measured) string {
	if r.Status != "done" {
		return "status " + orDash(r.Status)
	}
	parts := []string{fmt.Sprintf("val loss %.3f", r.ValLoss)}
	if r.Bench != 0 || len(r.Scores) > 0 {
		parts = append(parts, fmt.Sprintf("bench %.3f", r.Bench))
	}
	if r.Params > 0 {
		parts = append(parts, fmt.Sprintf("params %d", r.Params))
	}
	if r.Fitness != 0 {
		parts = append(parts, fmt.Sprintf("fitness %.3f", r.Fitness))
	}
	return strings.Join(parts, ", ")
}

// deltas is a against b: signed differences in every measured term.
func deltas(a, b agents.Measured) string {
	parts := []string{fmt.Sprintf("val loss %+.3f (%.3f vs %.3f)", a.ValLoss-b.ValLoss, a.ValLoss, b.ValLoss)}
	if math.Abs(a.ValLoss-b.ValLoss) < noise {
		parts[0] += ", within seed noise"
	}
	if a.Bench != 0 || b.Bench != 0 {
		parts = append(parts, fmt.Sprintf("bench %+.3f", a.Bench-b.Bench))
	}
	if a.Params > 0 && b.Params > 0 {
		parts = append(parts, fmt.Sprintf("params %+d (%+.0f%%)", a.Params-b.Params, 100*(float64(a.Params)/float64(b.Params)-1)))
	}
	if a.Fitness != 0 || b.Fitness != 0 {
		parts = append(parts, fmt.Sprintf("fitness %+.3f", a.Fitness-b.Fitness))
	}
	return strings.Join(parts, ", ")
}

func siblings(e agents.Candidate, parent *agents.Candidate, sibs []agents.Candidate) string {
	if len(sibs) == 0 {
		return "No siblings yet."
	}
	var pd Design
	if parent != nil {
		pd, _ = designOfCandidate(parent.Name, parent.Design, parent.Source)
	}
	var lines []string
	better, done := 0, 0
	for _, s := range sibs {
		what := "design unknown"
		if sd, ok := designOfCandidate(s.Name, s.Design, s.Source); ok && parent != nil {
			what = joinChanges(Diff(pd, sd))
			if what == "" {
				what = "no change"
			}
		}
		lines = append(lines, fmt.Sprintf("%s (%s): %s", s.Name, what, metrics(s.Result)))
		if measured(s.Result) {
			done++
			if measured(e.Result) && s.Result.ValLoss < e.Result.ValLoss {
				better++
			}
		}
	}
	head := fmt.Sprintf("%d siblings, %d measured", len(sibs), done)
	if measured(e.Result) && done > 0 {
		head += fmt.Sprintf("; this ranks %d of %d by val loss", better+1, done+1)
	}
	return head + ". " + strings.Join(lines, "; ") + "."
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}
