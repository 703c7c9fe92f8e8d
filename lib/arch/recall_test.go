package arch_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/archlab/archlab/lib/arch"
)

func recall(t *testing.T, c arch.RecallConfig) *arch.RecallResult {
	t.Helper()
	r, err := arch.Recall(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// With at most DK orthogonal keys every rule stores every pair exactly.
func TestRecallWithinCapacity(t *testing.T) {
	for _, m := range arch.RecallMixers {
		r := recall(t, arch.RecallConfig{Mixer: m, DK: 16, Pairs: 16, Rows: 16})
		if r.Accuracy != 1 {
			t.Errorf("%s: accuracy %v with 16 orthogonal keys in DK 16, want 1", m, r.Accuracy)
		}
	}
}

// Past DK pairs the delta rule (β = 1) keeps exactly the last DK: the
// second rotation's keys span the space, so writing them erases the first.
func TestRecallDeltaOverwrites(t *testing.T) {
	r := recall(t, arch.RecallConfig{Mixer: "delta", DK: 8, Pairs: 16, Rows: 16})
	for i, a := range r.ByPair {
		if i < 8 && a > 0.25 || i >= 8 && a != 1 {
			t.Errorf("pair %d: accuracy %v, want the first 8 lost and the last 8 at 1 (all: %.2f)", i, a, r.ByPair)
		}
	}
	// Linear attention blurs every pair alike instead.
	lin := recall(t, arch.RecallConfig{Mixer: "linear", DK: 8, Pairs: 16, Rows: 16})
	var old, recent float64
	for i, a := range lin.ByPair {
		if i < 8 {
			old += a / 8
		} else {
			recent += a / 8
		}
	}
	if lin.Accuracy == 1 || math.Abs(old-recent) > 0.25 {
		t.Errorf("linear: accuracy %v, %.2f on the first 8 pairs and %.2f on the last 8: want below 1 and alike", lin.Accuracy, old, recent)
	}
}

// A key written again: linear attention and softmax return a mix of the
// old and the new value (a coin toss), the delta rule the new one, and a
// decay makes the newer value win for linear attention too.
func TestRecallRebind(t *testing.T) {
	for _, tc := range []struct {
		mixer  string
		decay  float64
		lo, hi float64
	}{
		{"softmax", 1, 0.3, 0.7},
		{"linear", 1, 0.3, 0.7},
		{"gated_linear", 0.99, 0.85, 1}, // the older value fades but still leans on the decoding
		{"delta", 1, 1, 1},
		{"gated_delta", 0.99, 1, 1},
	} {
		r := recall(t, arch.RecallConfig{Mixer: tc.mixer, DK: 16, Pairs: 16, Rebind: 8, Rows: 32, Decay: tc.decay})
		if r.Rebound < tc.lo || r.Rebound > tc.hi {
			t.Errorf("%s (α %v): %v of rebound keys recalled, want [%v, %v]", tc.mixer, tc.decay, r.Rebound, tc.lo, tc.hi)
		}
		for i := range 8 {
			if !math.IsNaN(r.ByPair[i]) {
				t.Errorf("%s: pair %d was rebound, so no query wants it, but ByPair is %v", tc.mixer, i, r.ByPair[i])
			}
		}
	}
}

// A decay α per token returns α^gap of a value; with noise in the read-out
// the far queries are lost.
func TestRecallDecay(t *testing.T) {
	const a = 0.95
	r := recall(t, arch.RecallConfig{Mixer: "gated_delta", DK: 16, Pairs: 8, T: 128, Decay: a, Noise: 0.05})
	for i, gap := range r.GapX {
		want := math.Pow(a, gap) // the bin's centre; the bin is 8 wide
		if lo, hi := want*math.Pow(a, 4), want/math.Pow(a, 4); r.GapKeep[i] < lo || r.GapKeep[i] > hi {
			t.Errorf("gap %v: kept %.3f of the value, want α^gap ≈ %.3f", gap, r.GapKeep[i], want)
		}
	}
	if first, last := r.GapAcc[0], r.GapAcc[len(r.GapAcc)-1]; first < 0.95 || last > 0.2 {
		t.Errorf("accuracy %.2f at the nearest gaps and %.2f at the farthest, want near 1 and lost", first, last)
	}
}

func TestRecallBadConfig(t *testing.T) {
	for _, tc := range []struct {
		c    arch.RecallConfig
		want string
	}{
		{arch.RecallConfig{Mixer: "mamba", DK: 8, Pairs: 4}, `unknown mixer "mamba"`},
		{arch.RecallConfig{Mixer: "linear", Pairs: 4}, "must be positive"},
		{arch.RecallConfig{Mixer: "linear", DK: 8, Pairs: 4, T: 12}, "T ≥ 4·Pairs"},
		{arch.RecallConfig{Mixer: "delta", DK: 8, Pairs: 4, Beta: 3}, "diverges"},
		{arch.RecallConfig{Mixer: "gated_delta", DK: 8, Pairs: 4, Decay: 1.5}, "0 < α ≤ 1"},
		{arch.RecallConfig{Mixer: "linear", DK: 8, Pairs: 4, Keys: "sparse"}, `Keys "sparse"`},
		{arch.RecallConfig{Mixer: "linear", DK: 8, Pairs: 4, Rebind: 3}, "Rebind 3"},
	} {
		_, err := arch.Recall(context.Background(), tc.c)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one containing %q", tc.c, err, tc.want)
		}
	}
}

// Rebinding: a key written a second time with a new value. Linear attention
// returns the sum of both values (a coin toss between them); the delta
// rule replaces the old value.
func ExampleRecall() {
	for _, m := range []string{"linear", "delta"} {
		r, err := arch.Recall(context.Background(), arch.RecallConfig{Mixer: m, DK: 16, Pairs: 16, Rebind: 8})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: newest value recalled for %.0f%% of the rebound keys\n", m, 100*r.Rebound)
	}
	// Output:
	// linear: newest value recalled for 41% of the rebound keys
	// delta: newest value recalled for 100% of the rebound keys
}
