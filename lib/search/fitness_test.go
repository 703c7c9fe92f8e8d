package search

import (
	"math"
	"testing"

	"github.com/archlab/archlab/agents"
)

func TestScore(t *testing.T) {
	f := Defaults().Fit
	const tol = 1e-12 // closed forms in float64
	tests := []struct {
		name                string
		loss, bench, bl, bb float64
		g                   *agents.Grade
		wantLoss, wantFit   float64
		wantJudgeNaN        bool
	}{
		{"baseline itself", 2, 0.5, 2, 0.5, nil, 0.5, 0.5, true},
		{"10% better saturates", 1.8, 0.5, 2, 0.5, nil, sigmoid(6), (sigmoid(6) + 0.5) / 2, true},
		{"20% worse clips", 2.4, 0.5, 2, 0.5, nil, sigmoid(-6), (sigmoid(-6) + 0.5) / 2, true},
		{"judge all tens", 2, 0.5, 2, 0.5, &agents.Grade{Performance: 10, Innovation: 10, Complexity: 10}, 0.5, (0.5 + 0.5 + 1) / 3, false},
		{"judge all ones", 2, 0.5, 2, 0.5, &agents.Grade{Performance: 1, Innovation: 1, Complexity: 1}, 0.5, (0.5 + 0.5 + 0) / 3, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := f.Score(tc.loss, tc.bench, tc.bl, tc.bb, tc.g)
			if math.Abs(got.Loss-tc.wantLoss) > tol || math.Abs(got.Fitness-tc.wantFit) > tol || math.IsNaN(got.Judge) != tc.wantJudgeNaN {
				t.Errorf("Score = %+v, want loss %v fitness %v judgeNaN %v", got, tc.wantLoss, tc.wantFit, tc.wantJudgeNaN)
			}
		})
	}
	// A benchmark nobody solves (baseline 0) still ranks a real gain.
	if got := f.Score(2, 0.2, 2, 0, nil); got.Bench < 0.99 {
		t.Errorf("bench term over a zero baseline = %v, want saturated", got.Bench)
	}
}

func TestBeatsRules(t *testing.T) {
	base := Sample{Mean: 2.0, Std: 0.01, N: 3}
	bb := Sample{Mean: 0.5, Std: 0.02, N: 3}
	one := func(m float64) Sample { return Sample{Mean: m, Std: math.NaN(), N: 1} }
	tests := []struct {
		name          string
		loss, bench   Sample
		wantASI, want bool
	}{
		{"clearly better", one(1.9), one(0.6), true, true},
		{"within noise", one(1.995), one(0.51), true, false},
		{"better loss, worse bench beyond noise", one(1.9), one(0.3), false, false},
		{"better loss, bench slightly worse", one(1.9), one(0.49), false, true},
		{"worse", one(2.1), one(0.6), false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := BeatsASI(tc.loss, tc.bench, base, bb); got != tc.wantASI {
				t.Errorf("BeatsASI = %v, want %v", got, tc.wantASI)
			}
			if got := BeatsNoise(tc.loss, tc.bench, base, bb, 2); got != tc.want {
				t.Errorf("BeatsNoise = %v, want %v", got, tc.want)
			}
		})
	}
	// One seed against one seed proves nothing.
	if BeatsNoise(one(1), one(1), one(2), one(0), 2) {
		t.Error("BeatsNoise with no spread on either side = true")
	}
}
