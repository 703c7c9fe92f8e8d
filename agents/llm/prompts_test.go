package llm

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestPromptsGolden pins the rendering of every prompt template on fixed
// inputs; refresh with go test -update.
func TestPromptsGolden(t *testing.T) {
	p, err := loadPrompts()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, tmpl string
		data       any
	}{
		{"researcher_system", "researcher_system", fixtureResearch()},
		{"researcher", "researcher", fixtureResearch()},
		{"engineer_system", "engineer_system", fixtureEngineer(false)},
		{"engineer_write", "engineer", fixtureEngineer(false)},
		{"engineer_repair", "engineer", fixtureEngineer(true)},
		{"engineer_repair_run", "engineer", fixtureRunFailure()},
		{"analyst_system", "analyst_system", fixtureAnalysis()},
		{"analyst", "analyst", fixtureAnalysis()},
		{"judge_system", "judge_system", fixtureJudge()},
		{"judge", "judge", fixtureJudge()},
		{"retry", "retry", struct {
			Error string
			JSON  bool
		}{"name \"X\" does not match ^[a-z][a-z0-9_]{2,40}$\nmotivation is empty", true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.render(tt.tmpl, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (go test -update to accept):\n%s", tt.name, path, diff(string(want), got))
			}
		})
	}
}

// TestEveryTemplateTested: each embedded template has a golden case.
func TestEveryTemplateTested(t *testing.T) {
	entries, err := promptFS.ReadDir("prompts")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".tmpl")
		matches, _ := filepath.Glob(filepath.Join("testdata", name+"*.golden"))
		if len(matches) == 0 {
			t.Errorf("prompts/%s has no golden file", e.Name())
		}
	}
}

// diff shows the first differing line, -want +got.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n-%s\n+%s", i+1, a, b)
		}
	}
	return ""
}
