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
// use: a call that finds the pool busy (another goroutine's, or a
// Parallel nested in a worker) runs on the calling goroutine.
type Backend struct {
	threads int
	mu      sync.Mutex
	work    []chan task
	done    chan struct{}
	j32     *gemmJob[float32]
	j64     *gemmJob[float64]
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
	b := &Backend{threads: n, done: make(chan struct{}, n), j32: newGemmJob(sgemm), j64: newGemmJob(dgemm)}
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
	if !b.mu.TryLock() { // nested in a worker, or another program is using the pool
		f(0, n)
		return
	}
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
func (b *Backend) Sgemm(g gpu.Gemm[float32]) { gemmParallel(b, b.j32, g) }

// Dgemm computes a (batched) float64 GEMM across the workers.
func (b *Backend) Dgemm(g gpu.Gemm[float64]) { gemmParallel(b, b.j64, g) }

// gemmJob is one GEMM being split across the pool. The backend keeps
// one per float type with its run method bound once, so a call
// allocates nothing.
type gemmJob[F gpu.Float] struct {
	g      gpu.Gemm[F]
	kernel func(g gpu.Gemm[F])
	mode   int // 0: items across workers; 1: rows of C; 2: columns of C
	item   int // the item being split (modes 1, 2)
	block  int // rows or columns per part
	run    func(lo, hi int)
}

func newGemmJob[F gpu.Float](kernel func(g gpu.Gemm[F])) *gemmJob[F] {
	j := &gemmJob[F]{kernel: kernel}
	j.run = j.parts
	return j
}

// one returns item i of the batch as a single product.
func (j *gemmJob[F]) one(i int) gpu.Gemm[F] {
	one := j.g
	one.Batch = 1
	one.A = j.g.A[i*j.g.StrideA:]
	one.B = j.g.B[i*j.g.StrideB:]
	one.C = j.g.C[i*j.g.StrideC:]
	if i > 0 && j.g.StrideC == 0 {
		one.Beta = 1
	}
	return one
}

// parts runs parts [lo,hi) of the current split.
func (j *gemmJob[F]) parts(lo, hi int) {
	for p := lo; p < hi; p++ {
		if j.mode == 0 {
			one := j.one(p)
			j.kernel(one)
			continue
		}
		s := j.one(j.item)
		if j.mode == 1 {
			i0 := p * j.block
			s.M = min(j.block, s.M-i0)
			if s.TransA {
				s.A = s.A[i0:]
			} else {
				s.A = s.A[i0*s.LDA:]
			}
			s.C = s.C[i0*s.LDC:]
		} else {
			j0 := p * j.block
			s.N = min(j.block, s.N-j0)
			if s.TransB {
				s.B = s.B[j0*s.LDB:]
			} else {
				s.B = s.B[j0:]
			}
			s.C = s.C[j0:]
		}
		j.kernel(s)
	}
}

// gemmParallel runs g on the pool: batch items across workers when there
// are enough independent ones, otherwise each product split by rows of C
// (or columns when N > M) in blocks of a multiple of 8.
func gemmParallel[F gpu.Float](b *Backend, j *gemmJob[F], g gpu.Gemm[F]) {
	batch := max(g.Batch, 1)
	if g.M == 0 || g.N == 0 {
		return
	}
	if !b.mu.TryLock() { // nested in a worker, or the pool is busy: run here
		serial := gemmJob[F]{g: g, kernel: j.kernel}
		serial.parts(0, batch)
		return
	}
	defer b.mu.Unlock()
	j.g = g
	if b.threads <= 1 || batch*g.M*g.N*g.K < gemmMinFlops {
		j.mode = 0
		j.parts(0, batch)
		return
	}
	if batch >= b.threads && g.StrideC != 0 {
		j.mode = 0
		b.split(batch, b.threads, j.run)
		return
	}
	for i := range batch {
		j.item = i
		n := g.M
		j.mode = 1
		if g.N > g.M {
			n, j.mode = g.N, 2
		}
		j.block = ((n+b.threads-1)/b.threads + 7) &^ 7
		parts := (n + j.block - 1) / j.block
		b.split(parts, min(parts, b.threads), j.run)
	}
}

// init registers the backend as "cpu" (gpu.Open("cpu")); it always opens.
func init() {
	gpu.RegisterBackend("cpu", func(o gpu.OpenOptions) (gpu.Backend, error) {
		return New(Options{Threads: o.Threads}), nil
	})
}
