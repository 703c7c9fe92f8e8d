package runner_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/archlab/archlab/kernel/runner"
)

// TestJudgeCalibration runs notebooks/judge-calibration.ipynb: two small
// searches that differ only in their judge, and the judge figures for
// both. The offline judge never reads the motivation, so its sway is 0
// and it repeats itself; the notebook's swayed judge is caught by both.
func TestJudgeCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two searches with worker processes")
	}
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1")
	nb, err := runner.Read("../../notebooks/judge-calibration.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Run(context.Background(), nb, runner.Options{Params: []string{"experiments=4", "runDir=" + filepath.Join(t.TempDir(), "runs")}}); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	pngs := 0
	for _, c := range nb.Cells {
		outs, _ := c["outputs"].([]any)
		for _, o := range outs {
			m := o.(map[string]any)
			if l, ok := m["text"].([]any); ok {
				for _, x := range l {
					all.WriteString(x.(string))
				}
			}
			d, _ := m["data"].(map[string]any)
			for _, k := range []string{"text/markdown", "text/plain"} {
				if l, ok := d[k].([]any); ok {
					for _, x := range l {
						all.WriteString(x.(string))
					}
					all.WriteString("\n")
					break
				}
			}
			if _, ok := d["image/png"]; ok {
				pngs++
			}
		}
	}
	out := all.String()
	if pngs != 6 {
		t.Errorf("%d figures, want 3 judge figures for each of the 2 runs", pngs)
	}
	for _, want := range []string{"configured: [", "] finished · 4 of 4 finished", "**configured judge**: mean sway +0.00 points"} {
		if !strings.Contains(out, want) {
			t.Errorf("outputs lack %q:\n%s", want, out)
		}
	}
	m := regexp.MustCompile(`\*\*swayed judge\*\*: mean sway \+?(-?[0-9.]+) points`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no sway line for the swayed judge:\n%s", out)
	}
	// Inflation adds at least 3 innovation points; the wobble moves each
	// grade by at most 1, so the mean sway is at least 1.
	if sway, _ := strconv.ParseFloat(m[1], 64); sway < 1 {
		t.Errorf("the swayed judge's mean sway is %v, want at least 1", sway)
	}
}
