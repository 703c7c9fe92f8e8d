package cpu

import (
	"sync/atomic"
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

// TestNestedAndConcurrentUse checks a Parallel or Sgemm issued from
// inside a worker, or from several goroutines at once, completes.
func TestNestedAndConcurrentUse(t *testing.T) {
	b := New(Options{Threads: 2})
	defer b.Close()
	var total atomic.Int64
	done := make(chan bool)
	for range 3 {
		go func() {
			b.Parallel(8, func(lo, hi int) {
				for range hi - lo {
					b.Parallel(10, func(lo, hi int) { total.Add(int64(hi - lo)) })
					g := gemmOf(64, 64, 64, false, false)
					b.Sgemm(g)
				}
			})
			done <- true
		}()
	}
	for range 3 {
		<-done
	}
	if got := total.Load(); got != 3*8*10 {
		t.Errorf("nested Parallel covered %d indices, want %d", got, 3*8*10)
	}
}
