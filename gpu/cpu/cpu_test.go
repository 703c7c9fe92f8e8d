package cpu

import (
	"testing"

	"github.com/archlab/archlab/gpu/backendtest"
)

func TestConformance(t *testing.T) {
	for _, threads := range []int{1, 2, 3} {
		b := New(Options{Threads: threads})
		t.Run(b.Name(), func(t *testing.T) { backendtest.RunAll(t, b) })
		b.Close()
	}
}
