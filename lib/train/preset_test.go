package train

import (
	"context"
	"testing"

	"github.com/archlab/archlab/lib/arch"
)

// TestPresetSizes pins the presets' parameter counts with the DeltaNet
// baseline (traced only: nothing is allocated).
func TestPresetSizes(t *testing.T) {
	l, err := arch.Zoo("deltanet")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		preset   string
		min, max int
	}{
		{"tiny", 400_000, 600_000},
		{"small", 800_000, 1_100_000},
		{"screen", 18_000_000, 22_000_000},
		{"verify", 300_000_000, 450_000_000},
		{"deltanet-1m", 877824, 877824}, // the reference DeltaNet's count (models.Preset)
	}
	for _, tc := range tests {
		p, err := LookupPreset(tc.preset)
		if err != nil {
			t.Fatal(err)
		}
		n, err := buildNet(context.Background(), l, arch.Limits{}, p.Shape, 1, 8)
		if err != nil {
			t.Fatal(err)
		}
		if got := n.g.NumParams(); got < tc.min || got > tc.max {
			t.Errorf("%s: %d parameters, want %d..%d", tc.preset, got, tc.min, tc.max)
		} else {
			t.Logf("%s: %d parameters", tc.preset, got)
		}
	}
}
