//go:build cgo

package cuda_test

import (
	"math/rand/v2"
	"os"
	"testing"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/gpu/cuda"
)

// gemmSizes are the products of the deltanet-1m step (B·T = 4096 rows), as
// gpu/cpu's BenchmarkSgemm, plus a large square one.
var gemmSizes = []struct {
	name    string
	tA, tB  bool
	M, N, K int
}{
	{"4096x384x128", false, false, 4096, 384, 128},
	{"4096x128x128_NT", false, true, 4096, 128, 128},
	{"128x128x4096_TN", true, false, 128, 128, 4096},
	{"4096x256x128", false, false, 4096, 256, 128},
	{"1024x1024x1024", false, false, 1024, 1024, 1024},
	{"4096x4096x4096", false, false, 4096, 4096, 4096},
}

// BenchmarkSgemm times the library ARCHLAB_CUDA_LIB names (skipped when
// unset: the host reference's triple loop is not worth timing): "resident"
// is ag_sgemm on device buffers plus a synchronize (the kernel), "copied"
// is Backend.Sgemm on host slices (copies in and out, what training pays
// today). Both report GFLOP/s.
func BenchmarkSgemm(b *testing.B) {
	if os.Getenv(cuda.LibraryEnv) == "" {
		b.Skip("set " + cuda.LibraryEnv + " to the CUDA library (install/build-cuda.sh)")
	}
	be := openBackend(b, cuda.SearchPath(os.Getenv, "")[0], 2)
	dev := be.Device()
	b.Logf("%s", be)
	for _, s := range gemmSizes {
		flops := 2 * float64(s.M) * float64(s.N) * float64(s.K)
		g := gpu.Gemm[float32]{TransA: s.tA, TransB: s.tB, M: s.M, N: s.N, K: s.K, Alpha: 1, LDA: s.K, LDB: s.N, LDC: s.N}
		if s.tA {
			g.LDA = s.M
		}
		if s.tB {
			g.LDB = s.K
		}
		r := rand.New(rand.NewPCG(1, 2))
		g.A, g.B, g.C = randn(r, s.M*s.K), randn(r, s.K*s.N), make([]float32, s.M*s.N)
		b.Run("resident/"+s.name, func(b *testing.B) {
			var p [3]cuda.Ptr
			for i, x := range [][]float32{g.A, g.B, g.C} {
				var err error
				if p[i], err = dev.Alloc(4 * len(x)); err != nil {
					b.Fatal(err)
				}
				defer dev.Free(p[i])
				if err := dev.CopyIn(p[i], x); err != nil {
					b.Fatal(err)
				}
			}
			dg := cuda.Sgemm{TransA: s.tA, TransB: s.tB, M: s.M, N: s.N, K: s.K, Alpha: 1, A: p[0], B: p[1], C: p[2], LDA: g.LDA, LDB: g.LDB, LDC: g.LDC}
			b.ReportAllocs()
			for b.Loop() {
				if err := dev.Sgemm(dg); err != nil {
					b.Fatal(err)
				}
				if err := dev.Sync(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		b.Run("copied/"+s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				be.Sgemm(g)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
