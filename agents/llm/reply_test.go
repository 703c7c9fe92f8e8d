package llm

import (
	"encoding/json"
	"strings"
	"testing"
)

const goodMotivation = "A per-head decay gate lets the state forget stale keys, which the parent cannot do."

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestParseProposal(t *testing.T) {
	in := fixtureResearch()
	tests := []struct {
		name, text string
		wantErr    string // "" for valid
	}{
		{"valid", js(map[string]any{"name": "gated_la", "motivation": goodMotivation, "design": "gate", "notes": "n"}), ""},
		{"fenced", "```json\n" + js(map[string]any{"name": "gated_la", "motivation": goodMotivation}) + "\n```", ""},
		{"design object", js(map[string]any{"name": "gated_la", "motivation": goodMotivation, "design": map[string]any{"gate": true}}), ""},
		{"malformed", `{"name": "gated_la", "motivation": "x"`, "not one JSON object"},
		{"prose", "Sure! Here is my proposal.", "not one JSON object"},
		{"empty", "  ", "empty"},
		{"missing", js(map[string]any{"name": "gated_la"}), "lacks motivation"},
		{"bad name", js(map[string]any{"name": "Gated LA", "motivation": goodMotivation}), "does not match"},
		{"short name", js(map[string]any{"name": "ga", "motivation": goodMotivation}), "does not match"},
		{"parent name", js(map[string]any{"name": "linear_attention", "motivation": goodMotivation}), "the parent's"},
		{"duplicate", js(map[string]any{"name": "gated_linear_attention", "motivation": goodMotivation}), "duplicate"},
		{"short motivation", js(map[string]any{"name": "gated_la", "motivation": "better"}), "at least 40"},
		{"long motivation", js(map[string]any{"name": "gated_la", "motivation": strings.Repeat("x", MaxMotivation+1)}), "at most"},
		{"wrong type", `{"name": 3, "motivation": "` + goodMotivation + `"}`, "does not fit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseProposal(tt.text, in)
			checkErr(t, err, tt.wantErr)
			if err == nil && (p.Name != "gated_la" || p.Motivation != goodMotivation) {
				t.Errorf("proposal = %+v", p)
			}
		})
	}
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("err = %v, want none", err)
	case want != "" && err == nil:
		t.Errorf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Errorf("err = %v, want one containing %q", err, want)
	}
}

func TestParseCode(t *testing.T) {
	tests := []struct {
		name, text string
		repair     bool
		wantErr    string
	}{
		{"json", js(map[string]any{"source": parentSource, "notes": "n"}), false, ""},
		{"fenced go", "Here it is.\n```go\n" + parentSource + "```\nDone.", false, ""},
		{"fenced json", "```json\n" + js(map[string]any{"source": parentSource}) + "\n```", false, ""},
		{"two blocks", "```go\n" + parentSource + "```\n```go\n" + parentSource + "```", false, "2 ```go blocks"},
		{"prose", "I would add a gate.", false, "neither a JSON object nor"},
		{"no New", js(map[string]any{"source": strings.Replace(parentSource, "func New(", "func Make(", 1)}), false, "no `func New(`"},
		{"no Forward", js(map[string]any{"source": strings.ReplaceAll(parentSource, "Forward(", "Fwd(")}), false, "no `Forward(`"},
		{"syntax", js(map[string]any{"source": strings.Replace(parentSource, "return &Layer{", "return &Layer{{", 1)}), false, "does not parse"},
		{"package", js(map[string]any{"source": strings.Replace(parentSource, "package layer", "package main", 1)}), false, "want package layer"},
		{"unchanged repair", js(map[string]any{"source": parentSource}), true, "unchanged"},
		{"truncated", js(map[string]any{"source": parentSource[:200]}), false, "does not parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseCode(tt.text, fixtureEngineer(tt.repair))
			checkErr(t, err, tt.wantErr)
			if err == nil && c.Source != parentSource {
				t.Errorf("source = %q", c.Source)
			}
		})
	}
}

func TestParseMemo(t *testing.T) {
	good := map[string]any{"summary": "val_loss 3.18 vs 3.21", "vs_parent": "0.03 better", "vs_siblings": "none ran",
		"lessons": "keep the gate", "cognition_query": "decay gate linear attention"}
	with := func(k string, v any) string {
		m := map[string]any{}
		for a, b := range good {
			m[a] = b
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return js(m)
	}
	tests := []struct {
		name, text, wantErr string
	}{
		{"valid", js(good), ""},
		{"missing section", with("lessons", nil), "lacks lessons"},
		{"empty section", with("vs_parent", " "), "vs_parent has 0 characters"},
		{"multi-line query", with("cognition_query", "a\nb c d"), "several lines"},
		{"long query", with("cognition_query", strings.Repeat("q", MaxQuery+1)), "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseMemo(tt.text)
			checkErr(t, err, tt.wantErr)
		})
	}
}

func TestParseGrade(t *testing.T) {
	tests := []struct {
		name, text, wantErr string
	}{
		{"valid", `{"performance": 6, "innovation": 4, "complexity": 8, "rationale": "0.03 nats better"}`, ""},
		{"zero", `{"performance": 0, "innovation": 4, "complexity": 8, "rationale": "r"}`, "performance is 0"},
		{"eleven", `{"performance": 6, "innovation": 11, "complexity": 8, "rationale": "r"}`, "innovation is 11"},
		{"float", `{"performance": 6.5, "innovation": 4, "complexity": 8, "rationale": "r"}`, "does not fit"},
		{"no rationale", `{"performance": 6, "innovation": 4, "complexity": 8, "rationale": ""}`, "rationale is empty"},
		{"missing", `{"performance": 6}`, "lacks innovation, complexity, rationale"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseGrade(tt.text)
			checkErr(t, err, tt.wantErr)
		})
	}
}
