//go:build cgo

package cuda

import (
	"log/slog"
	"unsafe"

	"github.com/archlab/archlab/gpu"
)

// NewArena makes Backend a gpu.BufferOwner: a Program's buffers come from
// host memory the library allocates for fast copies (page-locked on
// CUDA), carved from chunks so that a Program costs a few library calls,
// not one per buffer.
func (b *Backend) NewArena() gpu.Arena { return &arena{dev: b.dev} }

// arenaChunk is the smallest chunk an arena asks the library for.
const arenaChunk = 4 << 20

// arenaAlign is the alignment of every buffer (a cache line).
const arenaAlign = 64

// arena bump-allocates from chunks of library host memory, which comes
// zeroed and is never reused within the arena, so every buffer is zeroed.
type arena struct {
	dev    *Device
	chunks []unsafe.Pointer
	cur    unsafe.Pointer // the chunk being carved
	off    int            // bytes used of cur
	size   int            // bytes of cur
}

// take returns bytes of zeroed memory aligned to arenaAlign. A failing
// library call panics with its *Error: the Arena interface has no error,
// and Compile runs before any training.
func (a *arena) take(bytes int) unsafe.Pointer {
	bytes = max(bytes, 1)
	off := a.off + pad(a.cur, a.off)
	if a.cur == nil || off+bytes > a.size {
		size := max(bytes+arenaAlign, arenaChunk) // room to align the first buffer
		p, err := a.dev.HostAlloc(size)
		if err != nil {
			panic(err)
		}
		a.chunks = append(a.chunks, p)
		a.cur, a.size = p, size
		off = pad(p, 0)
	}
	a.off = off + bytes
	return unsafe.Add(a.cur, off)
}

// pad is how many bytes past base+off the next arenaAlign boundary is.
func pad(base unsafe.Pointer, off int) int {
	return int(-(uintptr(base) + uintptr(off)) & (arenaAlign - 1))
}

func (a *arena) Float32s(n int) []float32 {
	return unsafe.Slice((*float32)(a.take(4*n)), n)[:n:n]
}

func (a *arena) Float64s(n int) []float64 {
	return unsafe.Slice((*float64)(a.take(8*n)), n)[:n:n]
}

func (a *arena) Int32s(n int) []int32 {
	return unsafe.Slice((*int32)(a.take(4*n)), n)[:n:n]
}

// Release frees the chunks. A failure is logged: the memory then stays
// until the device's Close frees it, and nothing reads it again.
func (a *arena) Release() {
	for _, p := range a.chunks {
		if err := a.dev.HostFree(p); err != nil {
			slog.Warn("gpu/cuda: arena release", "err", err)
		}
	}
	a.chunks, a.cur, a.off, a.size = nil, nil, 0, 0
}
