package llm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/agents/llm/chat"
)

// Bounds on replies. A reply outside them is invalid and retried.
const (
	MinMotivation = 40    // bytes
	MaxMotivation = 3000  // bytes
	MaxNotes      = 8000  // bytes, design and notes each
	MaxSource     = 65536 // bytes
	MaxRationale  = 4000  // bytes
	MaxSection    = 4000  // bytes per memo section
	MaxQuery      = 200   // bytes, the cognition query
	minSection    = 3     // bytes per memo section
	maxReplyQuote = 300   // bytes of a bad reply quoted in an error
)

// nameRE is what a proposal's name must match.
var nameRE = regexp.MustCompile(`^[a-z][a-z0-9_]{2,40}$`)

func object(props map[string]any, required ...string) map[string]any {
	return map[string]any{
		"type":                 "object",
		"properties":           props,
		"required":             required,
		"additionalProperties": false,
	}
}

func str(desc string) map[string]any   { return map[string]any{"type": "string", "description": desc} }
func score(desc string) map[string]any { return map[string]any{"type": "integer", "description": desc} }

func proposalSchema() *chat.Schema {
	return &chat.Schema{Name: "proposal", Description: "the next design to try", JSON: object(map[string]any{
		"name":       str("snake_case name, 3 to 41 characters"),
		"motivation": str("why it should beat the parent"),
		"design":     str("what changes in the layer"),
		"notes":      str("implementation notes for the engineer"),
	}, "name", "motivation", "design", "notes")}
}

func codeSchema() *chat.Schema {
	return &chat.Schema{Name: "code", Description: "the layer's complete Go source", JSON: object(map[string]any{
		"source": str("the complete Go file, package layer"),
		"notes":  str("what was done"),
	}, "source", "notes")}
}

func memoSchema() *chat.Schema {
	return &chat.Schema{Name: "memo", Description: "the analyst's memo", JSON: object(map[string]any{
		"summary":         str("what was tried and what happened, in numbers"),
		"vs_parent":       str("comparison with the parent and grandparent"),
		"vs_siblings":     str("what the siblings tried and how they did"),
		"lessons":         str("what to keep, what to avoid"),
		"cognition_query": str("one literature search query"),
	}, "summary", "vs_parent", "vs_siblings", "lessons", "cognition_query")}
}

func gradeSchema() *chat.Schema {
	return &chat.Schema{Name: "grade", Description: "the judge's grade", JSON: object(map[string]any{
		"performance": score("1 to 10"),
		"innovation":  score("1 to 10"),
		"complexity":  score("1 to 10"),
		"rationale":   str("why"),
	}, "performance", "innovation", "complexity", "rationale")}
}

var fenceRE = regexp.MustCompile("(?s)```([a-zA-Z]*)[ \t]*\n(.*?)\n?```")

// decodeObject decodes a reply that is one JSON object, bare or in one
// ```json fence. Fields must be present (required lists them).
func decodeObject(text string, v any, required ...string) error {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "{") {
		if m := fenceRE.FindAllStringSubmatch(t, -1); len(m) == 1 && (m[0][1] == "" || m[0][1] == "json") {
			t = strings.TrimSpace(m[0][2])
		}
	}
	if t == "" {
		return errors.New("the reply is empty")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(t), &fields); err != nil {
		return fmt.Errorf("the reply is not one JSON object (%v): %s", err, clipQuote(text))
	}
	var missing []string
	for _, f := range required {
		if _, ok := fields[f]; !ok {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the JSON object lacks %s", strings.Join(missing, ", "))
	}
	d := json.NewDecoder(bytes.NewReader([]byte(t)))
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("the JSON object does not fit the schema: %v", err)
	}
	return nil
}

func clipQuote(s string) string { return fmt.Sprintf("%q", chat.Clip(s, maxReplyQuote)) }

func checkLen(field, s string, lo, hi int) error {
	n := len(strings.TrimSpace(s))
	switch {
	case n < lo && lo <= 1:
		return fmt.Errorf("%s is empty", field)
	case n < lo:
		return fmt.Errorf("%s has %d characters, want at least %d", field, n, lo)
	case len(s) > hi:
		return fmt.Errorf("%s has %d characters, want at most %d", field, len(s), hi)
	case !utf8.ValidString(s):
		return fmt.Errorf("%s is not valid UTF-8", field)
	}
	return nil
}

// parseProposal decodes and validates the Researcher's reply.
func parseProposal(text string, in agents.ResearchInput) (agents.Proposal, error) {
	var r struct {
		Name       string          `json:"name"`
		Motivation string          `json:"motivation"`
		Design     json.RawMessage `json:"design"`
		Notes      string          `json:"notes"`
	}
	if err := decodeObject(text, &r, "name", "motivation"); err != nil {
		return agents.Proposal{}, err
	}
	var errs []error
	if !nameRE.MatchString(r.Name) {
		errs = append(errs, fmt.Errorf("name %q does not match %s", r.Name, nameRE))
	}
	if r.Name != "" && r.Name == in.Parent.Name {
		errs = append(errs, fmt.Errorf("name %q is the parent's: name the new design", r.Name))
	}
	for _, d := range in.Duplicate {
		if r.Name != "" && r.Name == d {
			errs = append(errs, fmt.Errorf("name %q is a design just refused as a duplicate", r.Name))
		}
	}
	if err := checkLen("motivation", r.Motivation, MinMotivation, MaxMotivation); err != nil {
		errs = append(errs, err)
	}
	if err := checkLen("notes", r.Notes, 0, MaxNotes); err != nil {
		errs = append(errs, err)
	}
	if len(r.Design) > MaxNotes {
		errs = append(errs, fmt.Errorf("design has %d characters, want at most %d", len(r.Design), MaxNotes))
	}
	if err := errors.Join(errs...); err != nil {
		return agents.Proposal{}, err
	}
	p := agents.Proposal{Name: r.Name, Motivation: strings.TrimSpace(r.Motivation), Notes: strings.TrimSpace(r.Notes)}
	if d := bytes.TrimSpace(r.Design); len(d) > 0 && string(d) != "null" && string(d) != `""` {
		p.Design = json.RawMessage(d)
	}
	return p, nil
}

// parseCode decodes and validates the Engineer's reply: a JSON object
// {"source", "notes"} or one ```go fenced block (text around it is notes).
func parseCode(text string, in agents.EngineerInput) (agents.Code, error) {
	var c agents.Code
	t := strings.TrimSpace(text)
	if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "```json") {
		if err := decodeObject(t, &c, "source"); err != nil {
			return agents.Code{}, err
		}
	} else {
		var blocks [][]string
		for _, m := range fenceRE.FindAllStringSubmatch(t, -1) {
			if m[1] == "go" || m[1] == "" {
				blocks = append(blocks, m)
			}
		}
		switch len(blocks) {
		case 0:
			return agents.Code{}, fmt.Errorf("the reply is neither a JSON object nor a ```go block: %s", clipQuote(text))
		case 1:
		default:
			return agents.Code{}, fmt.Errorf("the reply has %d ```go blocks, want exactly one complete file", len(blocks))
		}
		c.Source = blocks[0][2]
		c.Notes = strings.TrimSpace(strings.Replace(t, blocks[0][0], "", 1))
	}
	c.Source = strings.TrimSpace(c.Source) + "\n"
	if err := checkSource(c.Source); err != nil {
		return agents.Code{}, err
	}
	if in.Feedback != nil && strings.TrimSpace(in.Previous) == strings.TrimSpace(c.Source) {
		return agents.Code{}, errors.New("the source is the refused attempt unchanged: repair it")
	}
	if len(c.Notes) > MaxNotes {
		c.Notes = chat.Clip(c.Notes, MaxNotes)
	}
	return c, nil
}

// checkSource is the Engineer reply's own check: a parseable Go file of
// package layer with New and Forward. The contract's checks come later
// (lib/arch), and their errors come back as Feedback.
func checkSource(src string) error {
	if len(src) > MaxSource {
		return fmt.Errorf("source has %d bytes, want at most %d", len(src), MaxSource)
	}
	var errs []error
	if !strings.Contains(src, "func New(") {
		errs = append(errs, errors.New("source has no `func New(`"))
	}
	if !strings.Contains(src, "Forward(") {
		errs = append(errs, errors.New("source has no `Forward(` method"))
	}
	f, err := parser.ParseFile(token.NewFileSet(), "layer.go", src, parser.SkipObjectResolution)
	if err != nil {
		errs = append(errs, fmt.Errorf("source does not parse: %v", err))
	} else if f.Name.Name != "layer" {
		errs = append(errs, fmt.Errorf("source is package %s, want package layer", f.Name.Name))
	}
	return errors.Join(errs...)
}

// parseMemo decodes and validates the Analyst's reply.
func parseMemo(text string) (agents.Memo, error) {
	var m agents.Memo
	if err := decodeObject(text, &m, "summary", "vs_parent", "vs_siblings", "lessons", "cognition_query"); err != nil {
		return agents.Memo{}, err
	}
	var errs []error
	for _, f := range []struct {
		name string
		v    *string
	}{{"summary", &m.Summary}, {"vs_parent", &m.VsParent}, {"vs_siblings", &m.VsSiblings}, {"lessons", &m.Lessons}} {
		*f.v = strings.TrimSpace(*f.v)
		if err := checkLen(f.name, *f.v, minSection, MaxSection); err != nil {
			errs = append(errs, err)
		}
	}
	m.CognitionQuery = strings.TrimSpace(m.CognitionQuery)
	if err := checkLen("cognition_query", m.CognitionQuery, minSection, MaxQuery); err != nil {
		errs = append(errs, err)
	}
	if strings.ContainsAny(m.CognitionQuery, "\n\r") {
		errs = append(errs, errors.New("cognition_query spans several lines, want one"))
	}
	return m, errors.Join(errs...)
}

// parseGrade decodes and validates the Judge's reply.
func parseGrade(text string) (agents.Grade, error) {
	var g agents.Grade
	if err := decodeObject(text, &g, "performance", "innovation", "complexity", "rationale"); err != nil {
		return agents.Grade{}, err
	}
	var errs []error
	for _, s := range []struct {
		name string
		v    int
	}{{"performance", g.Performance}, {"innovation", g.Innovation}, {"complexity", g.Complexity}} {
		if s.v < 1 || s.v > 10 {
			errs = append(errs, fmt.Errorf("%s is %d, want 1 to 10", s.name, s.v))
		}
	}
	g.Rationale = strings.TrimSpace(g.Rationale)
	if err := checkLen("rationale", g.Rationale, 1, MaxRationale); err != nil {
		errs = append(errs, err)
	}
	return g, errors.Join(errs...)
}
