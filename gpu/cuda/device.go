//go:build cgo

package cuda

/*
#include "bind.h"
*/
import "C"

import (
	"fmt"
	"sync"
	"unsafe"
)

// Ptr is a device pointer from Device.Alloc: an address on the device
// (on the host reference, in the library's heap) that only this API
// dereferences. Ptr + 4·i is element i of a float32 buffer.
type Ptr uintptr

// Info describes an opened device (ag_device_info).
type Info struct {
	Name           string // e.g. "NVIDIA H100 80GB HBM3", "host reference (no GPU)"
	Impl           string // "cublas" or "hostref"
	Accelerator    bool   // false for the host reference: --device auto passes it over
	CCMajor        int    // compute capability, e.g. 9.0
	CCMinor        int
	RuntimeVersion int // CUDA runtime and driver, e.g. 12040
	DriverVersion  int
	TotalBytes     uint64
	FreeBytes      uint64 // at open
}

// Device is one context of a Library: memory, copies and kernels, each
// call synchronous. Safe for concurrent use (calls are serialised).
type Device struct {
	lib  *Library
	mu   sync.Mutex
	ctx  *C.ag_context
	args C.ag_go_sgemm_args // Sgemm's arguments, here so a call allocates nothing
	Info Info
}

// Open opens device number n (0: the first visible; CUDA_VISIBLE_DEVICES
// selects which that is).
func (l *Library) Open(n int) (*Device, error) {
	var ctx *C.ag_context
	var msg [512]C.char
	if st := C.ag_go_init(l.fns, C.int(n), &ctx, &msg[0], C.size_t(len(msg))); st != C.AG_OK {
		return nil, &Error{Op: "ag_init", Status: int(st), Name: l.statusName(st), Msg: C.GoString(&msg[0])}
	}
	d := &Device{lib: l, ctx: ctx}
	var ci C.ag_device_info
	if err := d.check("ag_get_device_info", C.ag_go_info(l.fns, ctx, &ci)); err != nil {
		C.ag_go_shutdown(l.fns, ctx)
		return nil, err
	}
	d.Info = Info{
		Name: C.GoString(&ci.name[0]), Impl: C.GoString(&ci.impl[0]), Accelerator: ci.is_accelerator != 0,
		CCMajor: int(ci.cc_major), CCMinor: int(ci.cc_minor),
		RuntimeVersion: int(ci.runtime_version), DriverVersion: int(ci.driver_version),
		TotalBytes: uint64(ci.total_bytes), FreeBytes: uint64(ci.free_bytes),
	}
	return d, nil
}

func (l *Library) statusName(st C.int) string { return C.GoString(C.ag_go_status_string(l.fns, st)) }

// check turns a status into an *Error carrying the context's message.
// The caller holds d.mu (or owns d alone).
func (d *Device) check(op string, st C.int) error {
	if st == C.AG_OK {
		return nil
	}
	return &Error{Op: op, Status: int(st), Name: d.lib.statusName(st), Msg: C.GoString(C.ag_go_last_error(d.lib.fns, d.ctx))}
}

// Close frees every buffer and the context; the device must not be used
// after.
func (d *Device) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ctx == nil {
		return nil
	}
	st := C.ag_go_shutdown(d.lib.fns, d.ctx)
	d.ctx = nil
	if st != C.AG_OK {
		return &Error{Op: "ag_shutdown", Status: int(st), Name: d.lib.statusName(st)}
	}
	return nil
}

// Alloc allocates bytes of device memory.
func (d *Device) Alloc(bytes int) (Ptr, error) {
	if bytes <= 0 {
		panic("cuda: Alloc of a non-positive size")
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	var p C.uintptr_t
	if err := d.check("ag_alloc", C.ag_go_alloc(d.lib.fns, d.ctx, C.size_t(bytes), &p)); err != nil {
		return 0, err
	}
	return Ptr(p), nil
}

// Free frees a pointer from Alloc (0 does nothing; after Close, which
// freed it, neither does anything).
func (d *Device) Free(p Ptr) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ctx == nil {
		return nil
	}
	return d.check("ag_free", C.ag_go_free(d.lib.fns, d.ctx, C.uintptr_t(p)))
}

// HostAlloc allocates bytes of zeroed host memory that copies to and from
// the device are fastest from (page-locked on CUDA). It stays valid until
// HostFree or Close.
func (d *Device) HostAlloc(bytes int) (unsafe.Pointer, error) {
	if bytes <= 0 {
		panic("cuda: HostAlloc of a non-positive size")
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	var p unsafe.Pointer
	if err := d.check("ag_host_alloc", C.ag_go_host_alloc(d.lib.fns, d.ctx, C.size_t(bytes), &p)); err != nil {
		return nil, err
	}
	return p, nil
}

// HostFree frees memory from HostAlloc (nil does nothing; after Close,
// which freed it, neither does anything).
func (d *Device) HostFree(p unsafe.Pointer) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ctx == nil {
		return nil
	}
	return d.check("ag_host_free", C.ag_go_host_free(d.lib.fns, d.ctx, p))
}

// CopyIn copies src to the device at dst.
func (d *Device) CopyIn(dst Ptr, src []float32) error {
	if len(src) == 0 {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.check("ag_copy_h2d", C.ag_go_h2d(d.lib.fns, d.ctx, C.uintptr_t(dst), unsafe.Pointer(&src[0]), C.size_t(4*len(src))))
}

// CopyOut copies len(dst) floats from the device at src to dst.
func (d *Device) CopyOut(dst []float32, src Ptr) error {
	if len(dst) == 0 {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.check("ag_copy_d2h", C.ag_go_d2h(d.lib.fns, d.ctx, unsafe.Pointer(&dst[0]), C.uintptr_t(src), C.size_t(4*len(dst))))
}

// Sync waits for the device's queued work.
func (d *Device) Sync() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.check("ag_synchronize", C.ag_go_sync(d.lib.fns, d.ctx))
}

// Sgemm is gpu.Gemm[float32] over device buffers: the same sizes, strides
// and meaning, with A, B and C device pointers.
type Sgemm struct {
	TransA, TransB            bool
	M, N, K                   int
	Alpha, Beta               float32
	A, B, C                   Ptr
	LDA, LDB, LDC             int
	Batch                     int
	StrideA, StrideB, StrideC int
}

func cbool(b bool) C.int32_t {
	if b {
		return 1
	}
	return 0
}

// Sgemm runs a (batched) product on the device (ag_sgemm).
func (d *Device) Sgemm(g Sgemm) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.args = C.ag_go_sgemm_args{
		trans_a: cbool(g.TransA), trans_b: cbool(g.TransB),
		m: C.int64_t(g.M), n: C.int64_t(g.N), k: C.int64_t(g.K), alpha: C.float(g.Alpha), beta: C.float(g.Beta),
		a: C.uintptr_t(g.A), b: C.uintptr_t(g.B), c: C.uintptr_t(g.C),
		lda: C.int64_t(g.LDA), ldb: C.int64_t(g.LDB), ldc: C.int64_t(g.LDC),
		batch: C.int64_t(g.Batch), stride_a: C.int64_t(g.StrideA), stride_b: C.int64_t(g.StrideB), stride_c: C.int64_t(g.StrideC),
	}
	return d.check("ag_sgemm", C.ag_go_sgemm(d.lib.fns, d.ctx, &d.args))
}

// Scal computes x = alpha·x over n elements (ag_sscal).
func (d *Device) Scal(n int, alpha float32, x Ptr) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.check("ag_sscal", C.ag_go_sscal(d.lib.fns, d.ctx, C.int64_t(n), C.float(alpha), C.uintptr_t(x)))
}

// Axpy computes y = alpha·x + y over n elements (ag_saxpy).
func (d *Device) Axpy(n int, alpha float32, x, y Ptr) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.check("ag_saxpy", C.ag_go_saxpy(d.lib.fns, d.ctx, C.int64_t(n), C.float(alpha), C.uintptr_t(x), C.uintptr_t(y)))
}

// String is the device's one-line description.
func (i Info) String() string {
	s := i.Name
	if i.Accelerator {
		s += fmt.Sprintf(" (compute %d.%d, %.0f GiB, CUDA runtime %d, driver %d)", i.CCMajor, i.CCMinor, float64(i.TotalBytes)/(1<<30), i.RuntimeVersion, i.DriverVersion)
	}
	return s
}
