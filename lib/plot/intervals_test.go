package plot

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMeanStd(t *testing.T) {
	for _, tc := range []struct {
		in        []float64
		mean, std float64
	}{
		{[]float64{1, 2, 3}, 2, 1},
		{[]float64{1, math.NaN(), 3}, 2, math.Sqrt2},
		{[]float64{4}, 4, math.NaN()},
		{nil, math.NaN(), math.NaN()},
	} {
		m, s := meanStd(tc.in)
		same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-12 }
		if !same(m, tc.mean) || !same(s, tc.std) {
			t.Errorf("meanStd(%v) = %v, %v; want %v, %v", tc.in, m, s, tc.mean, tc.std)
		}
	}
}

// An Intervals figure renders with a reference band, rows of one value and
// of none, and two-line labels. PLOT_OUT=DIR keeps the PNG to look at.
func TestIntervals(t *testing.T) {
	cfg := IntervalsConfig{
		Title: "Validation loss over 3 seeds", XLabel: "validation loss (nats/byte), lower is better",
		Rows: []IntervalRow{
			{Label: "deltanet", Values: []float64{1.26, 1.27, 1.25}},
			{Label: "asi_mor\nASI rule: beats · noise-aware: no", Values: []float64{1.24, 1.28, 1.25}},
			{Label: "one seed", Values: []float64{1.3}},
			{Label: "failed", Values: nil},
		},
	}
	p, err := Intervals(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, p, "png", Notebook); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("PLOT_OUT"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "intervals.png"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []IntervalsConfig{{}, {Rows: cfg.Rows, Reference: 4}} {
		if _, err := Intervals(bad); err == nil || !strings.HasPrefix(err.Error(), "plot: intervals:") {
			t.Errorf("%+v: error %v, want a plot: intervals: error", bad, err)
		}
	}
}
