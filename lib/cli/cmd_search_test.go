package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSearchUsage(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"pool": {"capacity": 0, "cpacity": 3}}`), 0o644)
	badValue := filepath.Join(t.TempDir(), "badvalue.json")
	os.WriteFile(badValue, []byte(`{"fitness": {"noise_k": -1}}`), 0o644)
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"no dir", []string{"search", "--experiments", "3"}, 2, "--dir is required"},
		{"no budget", []string{"search", "--dir", t.TempDir()}, 2, "give a budget"},
		{"negative", []string{"search", "--dir", t.TempDir(), "--experiments", "-1"}, 2, "must not be negative"},
		{"unknown flag", []string{"search", "--dir", t.TempDir(), "--bogus"}, 2, "flag provided but not defined"},
		{"extra argument", []string{"search", "--dir", t.TempDir(), "--experiments", "2", "x"}, 2, "unexpected argument"},
		{"unknown key", []string{"search", "--dir", t.TempDir(), "--experiments", "2", "--config", bad}, 1, `unknown field "cpacity"`},
		{"bad value", []string{"search", "--dir", t.TempDir(), "--experiments", "2", "--config", badValue}, 1, "fitness.noise_k"},
		{"bad llm", []string{"search", "--dir", t.TempDir(), "--experiments", "2", "--llm", "gpt"}, 1, "llm"},
		{"missing config", []string{"search", "--dir", t.TempDir(), "--experiments", "2", "--config", "/nonexistent.json"}, 1, "no such file"},
		{"verify a missing run", []string{"search", "--dir", t.TempDir(), "--verify"}, 2, "--verify needs an existing run"},
		{"top-k without verify", []string{"search", "--dir", t.TempDir(), "--experiments", "2", "--top-k", "3"}, 2, "go with --verify"},
		{"unknown device", []string{"search", "--dir", t.TempDir(), "--experiments", "2", "--device", "tpu"}, 2, `--device "tpu": unknown device`},
		{"negative top-k", []string{"search", "--dir", t.TempDir(), "--verify", "--top-k", "-2"}, 2, "must not be negative"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.inStderr) {
				t.Errorf("code %d stderr %q, want %d and %q", code, stderr, tc.code, tc.inStderr)
			}
		})
	}
}

// TestSearchEndToEnd runs `archlab search` with the offline agents (its
// workers are this test binary acting as archlab), resumes it, and reads
// the run with `archlab results --dir`.
func TestSearchEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in worker processes")
	}
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1")
	dir := filepath.Join(t.TempDir(), "run")
	cfg := filepath.Join(t.TempDir(), "search.json")
	os.WriteFile(cfg, []byte(`{"seeds": 2, "stage1": {"preset": "test"}, "stage2": {"preset": "test", "top_k": 1, "seeds": 2}}`), 0o644)
	code, out, stderr := runCLI("search", "--dir", dir, "--config", cfg, "--experiments", "3", "--workers", "1")
	if code != 0 {
		t.Fatalf("search: exit %d\n%s\n%s", code, out, stderr)
	}
	if !strings.Contains(out, "agents offline") || strings.Count(out, "\n#") < 3 {
		t.Errorf("search output lacks its header or one line per experiment:\n%s", out)
	}
	// Resume to 4 without the config: the stored one is used.
	if code, out, stderr := runCLI("search", "--dir", dir, "--experiments", "4", "--quiet"); code != 0 {
		t.Fatalf("resume: exit %d\n%s\n%s", code, out, stderr)
	}
	// A resume with another config is refused, naming the way out.
	other := filepath.Join(t.TempDir(), "other.json")
	os.WriteFile(other, []byte(`{"seed": 9}`), 0o644)
	if code, _, stderr := runCLI("search", "--dir", dir, "--experiments", "5", "--config", other); code != 1 || !strings.Contains(stderr, "another config") {
		t.Errorf("resume with another config: exit %d, %q", code, stderr)
	}

	// Stage 2 decided after the search: two more candidates, both rows of
	// the first verify kept, and the agreement reported.
	code, out, stderr = runCLI("search", "--dir", dir, "--verify", "--top-k", "3", "--workers", "2")
	if code != 0 || !strings.Contains(out, "fitness_s1") || !strings.Contains(out, "Spearman ρ = ") {
		t.Fatalf("search --verify: exit %d\n%s\n%s", code, out, stderr)
	}
	if code, out, _ := runCLI("search", "--dir", dir, "--print-config"); code != 0 || !strings.Contains(out, `"top_k": 3`) {
		t.Errorf("--verify --top-k 3 is not stored in the run's config:\n%s", out)
	}

	code, out, stderr = runCLI("results", "--dir", dir)
	if code != 0 {
		t.Fatalf("results: %d %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := strings.Join(rows[0], ",")
	for _, col := range []string{"id", "parent", "name", "stage", "status", "reason", "val_loss", "bench", "fitness", "fitness_loss",
		"fitness_bench", "fitness_judge", "beats_asi", "beats_noise", "wall_s", "cpu_s", "device_s"} {
		if !strings.Contains(","+header+",", ","+col+",") {
			t.Errorf("results header lacks %q: %s", col, header)
		}
	}
	stage1, stage2 := 0, 0
	for _, r := range rows[1:] {
		switch r[4] {
		case "1":
			stage1++
		case "2":
			stage2++
		}
	}
	if stage1 != 4 || stage2 != 4 { // 4 finished at stage 1; the baseline and the best 3 re-trained at stage 2
		t.Errorf("results: %d stage-1 and %d stage-2 rows, want 4 and 4:\n%s", stage1, stage2, out)
	}
	code, out, _ = runCLI("results", "--dir", dir, "--format", "json", "--table", "calls")
	var calls []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &calls) != nil || len(calls) == 0 {
		t.Errorf("results --table calls --format json: exit %d, %d calls\n%.300s", code, len(calls), out)
	}
	if code, out, _ = runCLI("results", "--dir", dir, "--table", "metrics", "--format", "tsv"); code != 0 || !strings.HasPrefix(out, "exp\tseed\tstep") {
		t.Errorf("results --table metrics: exit %d\n%.200s", code, out)
	}
	// stages: the baseline's pair first, then the candidates re-trained.
	code, out, _ = runCLI("results", "--dir", dir, "--table", "stages")
	if rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); code != 0 || len(rows) != stage2+1 || rows[0][5] != "fitness_1" || rows[1][3] != "1" {
		t.Errorf("results --table stages: exit %d, want %d rows\n%s", code, stage2, out)
	}
	// Every table and every figure into folders.
	csvDir, figDir := filepath.Join(t.TempDir(), "csv"), filepath.Join(t.TempDir(), "fig")
	code, out, stderr = runCLI("results", "--dir", dir, "--csv", csvDir, "--figures", figDir, "--control", dir)
	if code != 0 || !strings.Contains(out, "rank.csv") || !strings.Contains(out, "discoveries.png") || !strings.Contains(out, "judge-drift.svg") {
		t.Errorf("results --csv --figures: exit %d\n%s\n%s", code, out, stderr)
	}
	if code, _, stderr = runCLI("results", "--dir", filepath.Join(t.TempDir(), "none")); code != 1 || stderr == "" {
		t.Errorf("results on a missing run: exit %d %q", code, stderr)
	}
}
