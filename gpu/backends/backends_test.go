package backends_test

import (
	"slices"
	"testing"

	"github.com/archlab/archlab/gpu"
	_ "github.com/archlab/archlab/gpu/backends"
)

// TestCPURegistered opens the CPU backend by name and through auto.
func TestCPURegistered(t *testing.T) {
	if !slices.Contains(gpu.Devices(), "cpu") {
		t.Fatalf("devices %v lack cpu", gpu.Devices())
	}
	for _, name := range []string{"cpu", "auto"} {
		b, choice, err := gpu.Resolve(name, gpu.OpenOptions{Threads: 2})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b.Threads() != 2 {
			t.Errorf("%s: %d threads, want 2", name, b.Threads())
		}
		if choice.Device != "cpu" || choice.Reason == "" {
			t.Errorf("%s: chose %+v, want cpu with a reason", name, choice)
		}
		gpu.Close(b)
	}
}
