//go:build cgo

package cuda_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/archlab/archlab/gpu"
	_ "github.com/archlab/archlab/gpu/backends"
	"github.com/archlab/archlab/gpu/backendtest"
	"github.com/archlab/archlab/gpu/cuda"
)

// buildC compiles C source files into a shared library in a temporary
// folder and returns its path; with no C compiler the test is skipped.
func buildC(t testing.TB, name string, srcs ...string) string {
	t.Helper()
	cc := os.Getenv("CC")
	if cc == "" {
		cc = "cc"
	}
	if _, err := exec.LookPath(cc); err != nil {
		t.Skipf("no C compiler (%s) to build %s: %v", cc, name, err)
	}
	out := filepath.Join(t.TempDir(), name)
	args := append([]string{"-std=c11", "-O2", "-Wall", "-Werror", "-shared", "-fPIC", "-o", out}, srcs...)
	if b, err := exec.Command(cc, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", cc, args, err, b)
	}
	return out
}

// hostRef builds the host-reference library (hostref/hostref.c).
func hostRef(t testing.TB) string {
	return buildC(t, "libarchlab_hostref.so", filepath.Join("hostref", "hostref.c"))
}

func openBackend(t testing.TB, path string, threads int) *cuda.Backend {
	t.Helper()
	lib, err := cuda.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cuda.New(lib, cuda.Options{Threads: threads})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// libUnderTest is the library ARCHLAB_CUDA_LIB names (the CUDA library on
// a GPU machine, see NOTES.md), else the host reference built here.
func libUnderTest(t testing.TB) string {
	if os.Getenv(cuda.LibraryEnv) != "" {
		return cuda.SearchPath(os.Getenv, "")[0]
	}
	return hostRef(t)
}

// TestConformance runs the backend suite on the bindings over the
// library under test: every op's forward and backward, every GEMM
// layout, through the C API.
func TestConformance(t *testing.T) {
	for _, threads := range []int{1, 2} {
		b := openBackend(t, libUnderTest(t), threads)
		t.Run(fmt.Sprintf("%s/threads=%d", b.Name(), threads), func(t *testing.T) {
			t.Logf("%s", b)
			backendtest.RunAll(t, b)
		})
	}
}

// TestHostRefIsNoAccelerator: the host reference says so, and names
// itself, so auto and the logs can tell it from a GPU.
func TestHostRefIsNoAccelerator(t *testing.T) {
	b := openBackend(t, hostRef(t), 1)
	if b.Name() != "cuda-hostref" || b.Device().Info.Accelerator {
		t.Fatalf("%s: %+v, want cuda-hostref without an accelerator", b.Name(), b.Device().Info)
	}
}

// TestLoadErrors: a library that is missing, is not a shared object, lacks
// a function, or was built from another API version is a clear error.
func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.so")
	if err := os.WriteFile(corrupt, []byte("this is not an ELF file"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := func(name, code string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	partial := buildC(t, "partial.so", src("partial.c", "int ag_api_version(void) { return 1; }\n"))
	future := buildC(t, "future.so", src("future.c", "int ag_api_version(void) { return 99; }\n"))
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope.so"), "no such file"},
		{"corrupt", corrupt, "corrupt.so"},
		{"missing symbol", partial, "missing symbol ag_status_string"},
		{"other version", future, "API version 99, this archlab wants 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cuda.Load(tc.path)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "gpu/cuda: load ") {
				t.Errorf("Load(%s) = %v, want an error with %q", tc.path, err, tc.want)
			}
		})
	}
}

// TestOpenByName opens "cuda" and "auto" through the registry with
// ARCHLAB_CUDA_LIB set to the host reference, to a missing file, and
// unset with no library anywhere.
func TestOpenByName(t *testing.T) {
	ref := hostRef(t)
	missing := filepath.Join(t.TempDir(), "libarchlab_cuda.so")
	tests := []struct {
		name, env, device string
		want              string // the device chosen, "" for an error
		msg               string // in the reason or the error
	}{
		{"cuda over the host reference", ref, "cuda", "cuda", "cuda-hostref on host reference (no GPU)"},
		{"auto passes over the host reference", ref, "auto", "cpu", "cuda: gpu/cuda: " + ref + ": the library is the host reference, not a GPU"},
		{"cuda without the library", missing, "cuda", "", "libarchlab_cuda.so not found (looked at [" + missing + "]): on a GPU machine build it with install/build-cuda.sh"},
		{"auto without the library", missing, "auto", "cpu", "passed over cuda: gpu/cuda: libarchlab_cuda.so not found"},
		{"a folder", filepath.Dir(ref), "cuda", "", "looked at [" + filepath.Join(filepath.Dir(ref), cuda.LibraryName) + "]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(cuda.LibraryEnv, tc.env)
			b, choice, err := gpu.Resolve(tc.device, gpu.OpenOptions{Threads: 1})
			if tc.want == "" {
				if err == nil || !strings.Contains(err.Error(), tc.msg) || !errors.Is(err, cuda.ErrNotFound) {
					t.Fatalf("err %v, want ErrNotFound with %q", err, tc.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer gpu.Close(b)
			if choice.Device != tc.want || !strings.Contains(choice.Reason, tc.msg) {
				t.Errorf("chose %+v, want %s with %q", choice, tc.want, tc.msg)
			}
		})
	}
}

// TestDeviceAPI exercises the C API's memory and element-wise calls and
// its argument errors on the library under test.
func TestDeviceAPI(t *testing.T) {
	lib, err := cuda.Load(libUnderTest(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Open(1 << 20); err == nil || !strings.Contains(err.Error(), "gpu/cuda: ag_init: no device: init: device 1048576") {
		t.Errorf("Open(1<<20): %v, want no device", err)
	}
	d, err := lib.Open(0)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	const n = 37
	x, y := mustAlloc(t, d, n), mustAlloc(t, d, n)
	xs, ys := make([]float32, n), make([]float32, n)
	for i := range xs {
		xs[i], ys[i] = float32(i), 1
	}
	must(t, d.CopyIn(x, xs))
	must(t, d.CopyIn(y, ys))
	must(t, d.Axpy(n, 2, x, y)) // y = 2x + 1
	must(t, d.Scal(n, 0.5, y))  // y = x + 0.5
	got := make([]float32, n)
	must(t, d.CopyOut(got, y))
	for i, v := range got {
		if v != float32(i)+0.5 {
			t.Fatalf("y[%d] = %v, want %v", i, v, float32(i)+0.5)
		}
	}
	must(t, d.Sync())

	bad := []struct {
		name string
		err  error
		want string
	}{
		{"lda", d.Sgemm(cuda.Sgemm{M: 2, N: 3, K: 4, A: x, B: y, C: x, LDA: 3, LDB: 3, LDC: 3, Alpha: 1}),
			"gpu/cuda: ag_sgemm: invalid argument: sgemm: leading dimensions lda=3 ldb=3 ldc=3 below rows of 4, 3, 3"},
		{"negative", d.Sgemm(cuda.Sgemm{M: -1, N: 3, K: 4, A: x, B: y, C: x, LDA: 4, LDB: 3, LDC: 3}), "negative size m=-1"},
		{"null", d.Sgemm(cuda.Sgemm{M: 2, N: 3, K: 4, B: y, C: x, LDA: 4, LDB: 3, LDC: 3}), "NULL operand"},
		{"free twice", func() error { must(t, d.Free(x)); return d.Free(x) }(), "was not allocated by this context"},
	}
	for _, tc := range bad {
		var e *cuda.Error
		if !errors.As(tc.err, &e) || e.Status != cuda.StatusInvalid || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: %v, want an invalid-argument *Error with %q", tc.name, tc.err, tc.want)
		}
	}
}

// TestBackendSgemmRandom compares the backend's Sgemm with gpu.NaiveGemm
// on random layouts, sizes and strides (the suite's fixed cases, widened),
// one Backend reused so the grow-only buffers are exercised.
func TestBackendSgemmRandom(t *testing.T) {
	b := openBackend(t, libUnderTest(t), 1)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		M, N, K, batch := 1+r.IntN(40), 1+r.IntN(40), r.IntN(40), 1+r.IntN(4)
		g := gpu.Gemm[float32]{TransA: r.IntN(2) == 1, TransB: r.IntN(2) == 1, M: M, N: N, K: K, Alpha: 1.5, Beta: float32(r.IntN(2)) * 0.5, Batch: batch}
		g.LDA, g.LDB, g.LDC = K+r.IntN(3), N+r.IntN(3), N+r.IntN(3)
		if g.TransA {
			g.LDA = M + r.IntN(3)
		}
		if g.TransB {
			g.LDB = K + r.IntN(3)
		}
		g.StrideA, g.StrideB, g.StrideC = (M+K)*(M+K+3), (N+K)*(N+K+3), M*g.LDC
		if r.IntN(4) == 0 {
			g.StrideC = 0
		}
		g.A, g.B, g.C = randn(r, batch*g.StrideA+1), randn(r, batch*g.StrideB+1), randn(r, max(batch*g.StrideC, M*g.LDC))
		want := g
		want.C = append([]float32(nil), g.C...)
		gpu.NaiveGemm(want)
		b.Sgemm(g)
		for j := range g.C {
			if d := g.C[j] - want.C[j]; d > 1e-4 || d < -1e-4 { // fp32 vs fp64-accumulated sums of ≤ 160 terms
				t.Fatalf("case %d (tA %v tB %v M %d N %d K %d batch %d ld %d,%d,%d strides %d,%d,%d beta %v): C[%d] = %v, want %v",
					i, g.TransA, g.TransB, M, N, K, batch, g.LDA, g.LDB, g.LDC, g.StrideA, g.StrideB, g.StrideC, g.Beta, j, g.C[j], want.C[j])
			}
		}
	}
}

// TestSgemmAllocs: a product through the backend allocates nothing once
// its device buffers have grown (STYLE: allocation-free hot loops).
func TestSgemmAllocs(t *testing.T) {
	b := openBackend(t, libUnderTest(t), 1)
	r := rand.New(rand.NewPCG(5, 6))
	g := gpu.Gemm[float32]{M: 17, N: 33, K: 5, Alpha: 1, LDA: 5, LDB: 33, LDC: 33, A: randn(r, 17*5), B: randn(r, 5*33), C: randn(r, 17*33)}
	b.Sgemm(g)
	if n := testing.AllocsPerRun(20, func() { b.Sgemm(g) }); n != 0 {
		t.Errorf("Sgemm allocates %v times per call, want 0", n)
	}
}

func randn(r *rand.Rand, n int) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(r.NormFloat64())
	}
	return x
}

func mustAlloc(t *testing.T, d *cuda.Device, n int) cuda.Ptr {
	t.Helper()
	p, err := d.Alloc(4 * n)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestArena: the backend owns Program buffers: aligned, zeroed, exactly
// the size asked for, disjoint, carved from few library calls, freed by
// Release. (Programs compiled on the backend take their buffers from it:
// TestConformance and TestTrainMatchesCPU run on such buffers.)
func TestArena(t *testing.T) {
	b := openBackend(t, libUnderTest(t), 1)
	a := b.NewArena()
	var bufs [][]float32
	for _, n := range []int{1, 17, 1000, 3, 2 << 20} { // the last needs a chunk of its own
		x := a.Float32s(n)
		if len(x) != n || cap(x) != n || uintptr(unsafe.Pointer(&x[0]))%64 != 0 {
			t.Fatalf("Float32s(%d): len %d cap %d at %p", n, len(x), cap(x), &x[0])
		}
		for i, v := range x {
			if v != 0 {
				t.Fatalf("Float32s(%d)[%d] = %v, want zeroed memory", n, i, v)
			}
		}
		for i := range x {
			x[i] = float32(len(bufs) + 1)
		}
		bufs = append(bufs, x)
	}
	for k, x := range bufs { // no buffer overwrote another
		for i, v := range x {
			if v != float32(k+1) {
				t.Fatalf("buffer %d [%d] = %v, want %d", k, i, v, k+1)
			}
		}
	}
	if x, y := a.Float64s(5), a.Int32s(7); len(x) != 5 || len(y) != 7 || cap(x) != 5 || cap(y) != 7 {
		t.Fatalf("Float64s/Int32s: %d/%d, %d/%d", len(x), cap(x), len(y), cap(y))
	}
	a.Release()
	a.Release() // a second Release has nothing left to free
}
