package gpu

// Backend runs the heavy parts of a Program: matrix products and the
// parallel loops of the element-wise kernels. The CPU backend (package
// gpu/cpu) uses OpenBLAS and a fixed pool of worker goroutines; Reference
// is the plain serial Go twin used by tests. backendtest.RunAll checks any
// backend against Reference.
type Backend interface {
	// Name identifies the backend, e.g. "cpu-openblas".
	Name() string
	// Threads is the number of workers Parallel uses.
	Threads() int
	// Parallel calls f on disjoint ranges covering [0,n) and returns when
	// all are done. Calls may run concurrently; f must not call Parallel.
	Parallel(n int, f func(lo, hi int))
	// Sgemm and Dgemm compute C = Alpha·op(A)·op(B) + Beta·C.
	Sgemm(g Gemm[float32])
	Dgemm(g Gemm[float64])
}

// Gemm is one (batched) matrix product C = Alpha·op(A)·op(B) + Beta·C in
// row-major layout: op(A) is M×K, op(B) is K×N, C is M×N.
type Gemm[F Float] struct {
	TransA, TransB bool // A stored K×M, B stored N×K
	M, N, K        int
	Alpha, Beta    F
	A              []F
	LDA            int // row stride of A as stored (K, or M when TransA)
	B              []F
	LDB            int // row stride of B as stored (N, or K when TransB)
	C              []F
	LDC            int // row stride of C (N)

	// Batch > 1 repeats the product Batch times, item i using A, B, C
	// offset by i*StrideA, i*StrideB, i*StrideC (elements). StrideA or
	// StrideB 0 shares that operand; StrideC 0 sums every item's product
	// into the one C (Beta applied once).
	Batch                     int
	StrideA, StrideB, StrideC int
}

// Reference returns the plain serial Go backend: naive triple-loop GEMM,
// Parallel runs f(0, n). It is the twin every fast backend is checked
// against, and what float64 gradient checks run on.
func Reference() Backend { return refBackend{} }

type refBackend struct{}

func (refBackend) Name() string                       { return "reference" }
func (refBackend) Threads() int                       { return 1 }
func (refBackend) Parallel(n int, f func(lo, hi int)) { f(0, n) }
func (refBackend) Sgemm(g Gemm[float32])              { NaiveGemm(g) }
func (refBackend) Dgemm(g Gemm[float64])              { NaiveGemm(g) }

// NaiveGemm is the reference matrix product: serial, accumulated in
// float64, three loops.
func NaiveGemm[F Float](g Gemm[F]) {
	batch := max(g.Batch, 1)
	for bi := range batch {
		a := g.A[bi*g.StrideA:]
		b := g.B[bi*g.StrideB:]
		c := g.C[bi*g.StrideC:]
		beta := g.Beta
		if bi > 0 && g.StrideC == 0 {
			beta = 1
		}
		for i := range g.M {
			for j := range g.N {
				var s float64
				for k := range g.K {
					var av, bv F
					if g.TransA {
						av = a[k*g.LDA+i]
					} else {
						av = a[i*g.LDA+k]
					}
					if g.TransB {
						bv = b[j*g.LDB+k]
					} else {
						bv = b[k*g.LDB+j]
					}
					s += float64(av) * float64(bv)
				}
				ci := &c[i*g.LDC+j]
				if beta == 0 {
					*ci = g.Alpha * F(s)
				} else {
					*ci = g.Alpha*F(s) + beta**ci
				}
			}
		}
	}
}
