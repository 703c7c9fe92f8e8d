package llm

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/archlab/archlab/agents"
)

//go:embed prompts/*.tmpl
var promptFS embed.FS

// prompts holds the parsed templates; parse once per team (no package state).
type prompts struct{ t *template.Template }

func loadPrompts() (*prompts, error) {
	t, err := template.New("").Option("missingkey=error").Funcs(template.FuncMap{
		"measured": formatMeasured,
		"design":   formatDesign,
		"quote":    quote,
		"trim":     func(s string) string { return strings.TrimRight(s, "\n") },
	}).ParseFS(promptFS, "prompts/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("llm: prompts: %w", err)
	}
	return &prompts{t: t}, nil
}

// render executes prompts/<name>.tmpl.
func (p *prompts) render(name string, data any) (string, error) {
	var b bytes.Buffer
	if err := p.t.ExecuteTemplate(&b, name+".tmpl", data); err != nil {
		return "", fmt.Errorf("llm: prompt %s: %w", name, err)
	}
	return strings.TrimSpace(b.String()) + "\n", nil
}

// formatMeasured writes the measured facts in one line, fixed order.
func formatMeasured(m agents.Measured) string {
	var b strings.Builder
	fmt.Fprintf(&b, "status=%s", m.Status)
	if m.Reason != "" {
		fmt.Fprintf(&b, " reason=%s", m.Reason)
	}
	if m.Status == "done" || m.ValLoss != 0 {
		fmt.Fprintf(&b, " val_loss=%.4f final_loss=%.4f bench=%.4f", m.ValLoss, m.FinalLoss, m.Bench)
	}
	if m.Params != 0 {
		fmt.Fprintf(&b, " params=%d", m.Params)
	}
	if m.Fitness != 0 {
		fmt.Fprintf(&b, " fitness=%.4f", m.Fitness)
	}
	for _, k := range sortedKeys(m.Scores) {
		fmt.Fprintf(&b, " %s=%.4f", k, m.Scores[k])
	}
	extra := make([]string, 0, len(m.Extra))
	for k := range m.Extra {
		extra = append(extra, k)
	}
	sort.Strings(extra)
	for _, k := range extra {
		fmt.Fprintf(&b, " %s=%s", k, strconv.FormatFloat(m.Extra[k], 'g', 5, 64))
	}
	if m.Error != "" {
		fmt.Fprintf(&b, " error=%q", m.Error)
	}
	return b.String()
}

// formatDesign shows a proposal's design: a JSON string as its text, any
// other JSON compacted.
func formatDesign(d json.RawMessage) string {
	var s string
	if json.Unmarshal(d, &s) == nil {
		return s
	}
	var b bytes.Buffer
	if json.Compact(&b, d) == nil {
		return b.String()
	}
	return string(d)
}

// quote prefixes every line with "> ".
func quote(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "> " + l
	}
	return strings.Join(lines, "\n")
}
