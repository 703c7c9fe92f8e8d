//go:build cgo && !noblas

package kernels

/*
#cgo CFLAGS: -O3
#cgo LDFLAGS: -lm
#include "scan.h"
*/
import "C"

import "unsafe"

// HaveC reports whether the float32 recurrent kernels run in C (cgo
// builds without the noblas tag, which makes the whole training core pure Go).
const HaveC = true

func cptr(x []float32, off int) *C.float {
	if x == nil {
		return nil
	}
	return (*C.float)(unsafe.Pointer(&x[off]))
}

// f32 returns the call's float32 slices, or ok=false for float64 plans and
// plans that asked for the Go kernels.
func (h *head[F]) f32() (q, k, v, beta, g []float32, ok bool) {
	if h.p.cfg.NoC {
		return
	}
	c := &h.p.call
	q, ok = any(c.q).([]float32)
	if !ok {
		return
	}
	k, v = any(c.k).([]float32), any(c.v).([]float32)
	beta, g = any(c.beta).([]float32), any(c.g).([]float32)
	return
}

func (h *head[F]) offsets() (ok, ov, os int, sk, sv, ss C.long) {
	c := &h.p.cfg
	base := h.b*c.T*c.H + h.h
	return base * c.DK, base * c.DV, base, C.long(c.H * c.DK), C.long(c.H * c.DV), C.long(c.H)
}

func (h *head[F]) recurrentForwardC() bool {
	q, k, v, beta, g, ok := h.f32()
	if !ok {
		return false
	}
	c := &h.p.cfg
	s := any(h.s).(*scratch[float32])
	o := any(h.p.call.o).([]float32)
	st := any(h.states).([]float32)
	okk, ov, os, sk, sv, ss := h.offsets()
	var pb, pg *C.float
	if beta != nil {
		pb = cptr(beta, os)
	}
	if g != nil {
		pg = cptr(g, os)
	}
	C.archlab_scan_fwd_f32(C.int(c.T), C.int(c.DK), C.int(c.DV), C.int(c.Chunk), C.float(h.p.scale),
		cptr(q, okk), cptr(k, okk), cptr(v, ov), pb, pg, sk, sv, ss,
		cptr(o, ov), cptr(st, 0), cptr(s.S, 0), cptr(s.u, 0), cptr(s.r, 0))
	return true
}

func (h *head[F]) recurrentBackwardC() bool {
	q, k, v, beta, g, ok := h.f32()
	if !ok {
		return false
	}
	c := &h.p.cfg
	call := &h.p.call
	s := any(h.s).(*scratch[float32])
	st := any(h.states).([]float32)
	do := any(call.do).([]float32)
	dq, dk, dv := any(call.dq).([]float32), any(call.dk).([]float32), any(call.dv).([]float32)
	okk, ov, os, sk, sv, ss := h.offsets()
	var pb, pg, pdb, pdg *C.float
	if beta != nil {
		pb, pdb = cptr(beta, os), cptr(any(call.dbeta).([]float32), os)
	}
	if g != nil {
		pg, pdg = cptr(g, os), cptr(any(call.dg).([]float32), os)
	}
	C.archlab_scan_bwd_f32(C.int(c.T), C.int(c.DK), C.int(c.DV), C.int(c.Chunk), C.float(h.p.scale),
		cptr(q, okk), cptr(k, okk), cptr(v, ov), pb, pg, sk, sv, ss, cptr(do, ov),
		cptr(dq, okk), cptr(dk, okk), cptr(dv, ov), pdb, pdg,
		cptr(st, 0), cptr(s.S, 0), cptr(s.u, 0), cptr(s.r, 0), cptr(s.dS, 0))
	return true
}

// mm32 runs the float32 small products in C; ok is false for float64.
func mm32[F Float](kind byte, c, a, b []F, m, n, k int) bool {
	c32, ok := any(c).([]float32)
	if !ok || m == 0 || n == 0 || k == 0 {
		return ok
	}
	a32, b32 := any(a).([]float32), any(b).([]float32)
	pc, pa, pb := cptr(c32, 0), cptr(a32, 0), cptr(b32, 0)
	switch kind {
	case 'n':
		C.archlab_mm_nn_f32(pc, pa, pb, C.int(m), C.int(n), C.int(k))
	case 'r':
		C.archlab_mm_nt_f32(pc, pa, pb, C.int(m), C.int(n), C.int(k))
	default:
		C.archlab_mm_tn_f32(pc, pa, pb, C.int(m), C.int(n), C.int(k))
	}
	return true
}
