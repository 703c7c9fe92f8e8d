package cpu

import (
	"runtime"
	"sync"

	"github.com/archlab/archlab/gpu"
)

// Options configure the CPU backend.
type Options struct {
	// Threads is the number of workers (goroutines, each running
	// single-threaded BLAS), e.g. 2; 0 means runtime.NumCPU().
	Threads int
}

// Backend is the CPU backend: GEMMs through OpenBLAS (or the pure-Go
// kernel with -tags noblas) split across a fixed pool of workers, and
// the element-wise kernels' loops on the same pool. Safe for concurrent
// use (calls are serialised).
type Backend struct {
	threads int
	mu      sync.Mutex
	work    []chan task
	done    chan struct{}
}

type task struct {
	f      func(lo, hi int)
	lo, hi int
}

// New returns a CPU backend with its worker goroutines started. Close
// stops them.
func New(o Options) *Backend {
	n := o.Threads
	if n <= 0 {
		n = runtime.NumCPU()
	}
	setBLASThreads(1) // the pool splits GEMMs itself: no OpenBLAS threads spinning beside it
	b := &Backend{threads: n, done: make(chan struct{}, n)}
	for range n - 1 {
		ch := make(chan task)
		b.work = append(b.work, ch)
		go func() {
			for t := range ch {
				t.f(t.lo, t.hi)
				b.done <- struct{}{}
			}
		}()
	}
	return b
}

// Close stops the worker goroutines; the backend must not be used after.
func (b *Backend) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, ch := range b.work {
		close(ch)
	}
	b.work = nil
	b.threads = 1
}

// Name is "cpu-openblas", or "cpu-go" in a -tags noblas build.
func (b *Backend) Name() string { return "cpu-" + blasName }

// Threads returns the number of workers.
func (b *Backend) Threads() int { return b.threads }

// Parallel splits [0,n) into one contiguous range per worker.
func (b *Backend) Parallel(n int, f func(lo, hi int)) {
	if n <= 0 {
		return
	}
	k := min(b.threads, n)
	if k <= 1 {
		f(0, n)
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.split(n, k, f)
}

func (b *Backend) split(n, k int, f func(lo, hi int)) {
	chunk := (n + k - 1) / k
	sent := 0
	for i := 1; i < k; i++ {
		lo, hi := i*chunk, min(n, (i+1)*chunk)
		if lo >= hi {
			break
		}
		b.work[i-1] <- task{f, lo, hi}
		sent++
	}
	f(0, min(chunk, n))
	for range sent {
		<-b.done
	}
}

// gemmMinFlops is the product size below which a GEMM runs on one worker.
const gemmMinFlops = 1 << 18

// Sgemm computes a (batched) float32 GEMM across the workers.
func (b *Backend) Sgemm(g gpu.Gemm[float32]) { gemmParallel(b, g, sgemm) }

// Dgemm computes a (batched) float64 GEMM across the workers.
func (b *Backend) Dgemm(g gpu.Gemm[float64]) { gemmParallel(b, g, dgemm) }

// gemmParallel runs g with kernel (one product, serial) on the pool:
// batches across workers when there are enough independent items,
// otherwise each product split by rows of C (or columns when N > M).
func gemmParallel[F gpu.Float](b *Backend, g gpu.Gemm[F], kernel func(g *gpu.Gemm[F])) {
	batch := max(g.Batch, 1)
	flops := batch * g.M * g.N * g.K
	if g.M == 0 || g.N == 0 {
		return
	}
	item := func(i int) gpu.Gemm[F] {
		one := g
		one.Batch = 1
		one.A = g.A[i*g.StrideA:]
		one.B = g.B[i*g.StrideB:]
		one.C = g.C[i*g.StrideC:]
		if i > 0 && g.StrideC == 0 {
			one.Beta = 1
		}
		return one
	}
	if b.threads <= 1 || flops < gemmMinFlops {
		for i := range batch {
			one := item(i)
			kernel(&one)
		}
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if batch >= b.threads && g.StrideC != 0 {
		b.split(batch, b.threads, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				one := item(i)
				kernel(&one)
			}
		})
		return
	}
	for i := range batch {
		one := item(i)
		if one.M >= one.N {
			rows := (one.M + b.threads - 1) / b.threads
			rows = (rows + 7) &^ 7
			parts := (one.M + rows - 1) / rows
			b.split(parts, min(parts, b.threads), func(lo, hi int) {
				for p := lo; p < hi; p++ {
					s := one
					i0 := p * rows
					s.M = min(rows, one.M-i0)
					if one.TransA {
						s.A = one.A[i0:]
					} else {
						s.A = one.A[i0*one.LDA:]
					}
					s.C = one.C[i0*one.LDC:]
					kernel(&s)
				}
			})
		} else {
			cols := (one.N + b.threads - 1) / b.threads
			cols = (cols + 7) &^ 7
			parts := (one.N + cols - 1) / cols
			b.split(parts, min(parts, b.threads), func(lo, hi int) {
				for p := lo; p < hi; p++ {
					s := one
					j0 := p * cols
					s.N = min(cols, one.N-j0)
					if one.TransB {
						s.B = one.B[j0*one.LDB:]
					} else {
						s.B = one.B[j0:]
					}
					s.C = one.C[j0:]
					kernel(&s)
				}
			})
		}
	}
}
