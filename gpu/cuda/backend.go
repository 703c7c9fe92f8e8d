//go:build cgo

package cuda

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/gpu/cpu"
)

// Options configure a Backend.
type Options struct {
	Threads int // host workers for Parallel and the host-side kernels, e.g. 2; 0: all cores
	Device  int // device number, 0: the first visible
}

// Backend is gpu.Backend over a Library: float32 products on the device
// through ag_sgemm, everything else on the host (Parallel and float64
// products on a CPU backend of Options.Threads workers). Until the
// training core's buffers move into the backend, each Sgemm copies its
// operands in and C out through grow-only device buffers.
//
// gpu.Backend's methods return no error: a failing device call in Sgemm
// panics with the *Error. Experiments run in their own processes, so
// that costs the experiment, and its log says what failed.
type Backend struct {
	dev  *Device
	host *cpu.Backend

	mu      sync.Mutex // guards the scratch buffers
	a, b, c buffer
}

// buffer is a grow-only device buffer of n float32s.
type buffer struct {
	p Ptr
	n int
}

// New opens device o.Device of lib as a Backend. Close releases it.
func New(lib *Library, o Options) (*Backend, error) {
	d, err := lib.Open(o.Device)
	if err != nil {
		return nil, err
	}
	return &Backend{dev: d, host: cpu.New(cpu.Options{Threads: o.Threads})}, nil
}

// Device returns the backend's device (Info, and the C API for tests).
func (b *Backend) Device() *Device { return b.dev }

// Name is "cuda-cublas", or "cuda-hostref" over the host reference.
func (b *Backend) Name() string { return "cuda-" + b.dev.Info.Impl }

// String names the backend, its device and its library.
func (b *Backend) String() string {
	return fmt.Sprintf("%s on %s from %s", b.Name(), b.dev.Info, b.dev.lib.Path)
}

// Threads is the number of host workers.
func (b *Backend) Threads() int { return b.host.Threads() }

// Parallel runs on the host workers.
func (b *Backend) Parallel(n int, f func(lo, hi int)) { b.host.Parallel(n, f) }

// Dgemm runs on the host (float64 serves gradient checks, not training).
func (b *Backend) Dgemm(g gpu.Gemm[float64]) { b.host.Dgemm(g) }

// Sgemm runs g on the device: A, B and C copied in (C only when the
// product reads it or its span has gaps), C copied out. It panics with an *Error when the device fails.
func (b *Backend) Sgemm(g gpu.Gemm[float32]) {
	if err := b.sgemm(g); err != nil {
		panic(err)
	}
}

// extent is the number of elements a strided batched operand spans:
// rows×cols stored with row stride ld, batch items stride apart (stride
// 0: one shared item).
func extent(rows, cols, ld, batch, stride int) int {
	if rows == 0 || cols == 0 {
		return 0
	}
	n := (rows-1)*ld + cols
	if batch > 1 && stride > 0 {
		n += (batch - 1) * stride
	}
	return n
}

func (b *Backend) sgemm(g gpu.Gemm[float32]) error {
	if g.M == 0 || g.N == 0 {
		return nil
	}
	batch := max(g.Batch, 1)
	ra, ca := g.M, g.K
	if g.TransA {
		ra, ca = g.K, g.M
	}
	rb, cb := g.K, g.N
	if g.TransB {
		rb, cb = g.N, g.K
	}
	na := extent(ra, ca, g.LDA, batch, g.StrideA)
	nb := extent(rb, cb, g.LDB, batch, g.StrideB)
	nc := extent(g.M, g.N, g.LDC, batch, g.StrideC)
	if na > len(g.A) || nb > len(g.B) || nc > len(g.C) {
		panic("cuda: Sgemm: an operand is shorter than its sizes and strides")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, x := range []struct {
		buf *buffer
		n   int
	}{{&b.a, na}, {&b.b, nb}, {&b.c, nc}} {
		if err := b.grow(x.buf, x.n); err != nil {
			return err
		}
	}
	if err := b.dev.CopyIn(b.a.p, g.A[:na]); err != nil {
		return err
	}
	if err := b.dev.CopyIn(b.b.p, g.B[:nb]); err != nil {
		return err
	}
	// C goes in when the product reads it, and when its span has gaps
	// (row padding, batch strides) that copying it out must not clobber.
	dense := g.LDC == g.N && (batch == 1 || g.StrideC == 0 || g.StrideC == g.M*g.N)
	if g.Beta != 0 || !dense {
		if err := b.dev.CopyIn(b.c.p, g.C[:nc]); err != nil {
			return err
		}
	}
	dg := Sgemm{
		TransA: g.TransA, TransB: g.TransB, M: g.M, N: g.N, K: g.K, Alpha: g.Alpha, Beta: g.Beta,
		A: b.a.p, B: b.b.p, C: b.c.p, LDA: g.LDA, LDB: g.LDB, LDC: g.LDC,
		Batch: g.Batch, StrideA: g.StrideA, StrideB: g.StrideB, StrideC: g.StrideC,
	}
	if na == 0 {
		dg.A = 0
	}
	if nb == 0 {
		dg.B = 0
	}
	if err := b.dev.Sgemm(dg); err != nil {
		return err
	}
	return b.dev.CopyOut(g.C[:nc], b.c.p)
}

// grow makes buf hold at least n floats (contents not kept).
func (b *Backend) grow(buf *buffer, n int) error {
	if n <= buf.n {
		return nil
	}
	if buf.p != 0 {
		if err := b.dev.Free(buf.p); err != nil {
			return err
		}
		*buf = buffer{}
	}
	n = max(n, 2*buf.n, 1<<16) // amortise: a training step's products come in a few sizes
	p, err := b.dev.Alloc(4 * n)
	if err != nil {
		return err
	}
	*buf = buffer{p, n}
	return nil
}

// Close frees the device buffers and context and stops the host workers.
func (b *Backend) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.dev.Close(); err != nil { // frees the buffers too
		slog.Warn("gpu/cuda: close", "device", b.dev.Info.Name, "err", err) // nothing left to return it to
	}
	b.a, b.b, b.c = buffer{}, buffer{}, buffer{}
	b.host.Close()
}

// ErrNotAccelerator is returned (wrapped) by the "auto" opener when the
// library found is the host reference.
var ErrNotAccelerator = errors.New("the library is the host reference, not a GPU")

// open is the "cuda" Opener: Find, Load, New; under auto it refuses a
// library without an accelerator.
func open(o gpu.OpenOptions) (gpu.Backend, error) {
	path, err := Find()
	if err != nil {
		return nil, err
	}
	lib, err := Load(path)
	if err != nil {
		return nil, err
	}
	b, err := New(lib, Options{Threads: o.Threads})
	if err != nil {
		return nil, fmt.Errorf("%w (library %s)", err, path)
	}
	if o.Auto && !b.dev.Info.Accelerator {
		b.Close()
		return nil, fmt.Errorf("gpu/cuda: %s: %w", path, ErrNotAccelerator)
	}
	return b, nil
}

func init() { gpu.RegisterBackend("cuda", open) }
