//go:build cgo && amd64 && !noblas

package gpu

/*
#cgo CFLAGS: -O3
#cgo LDFLAGS: -lm
#include "fastmath_sse.h"
*/
import "C"

import "unsafe"

// The float32 activation loops, four lanes at a time in C (SSE2, part of
// every amd64 CPU); fastmath_go.go is the pure-Go twin with identical
// per-element results.

const fastmathImpl = "sse2"

func cf(x []float32) *C.float { return (*C.float)(unsafe.Pointer(unsafe.SliceData(x))) }

func sigmoid32s(y, x []float32) {
	if len(x) > 0 {
		C.archlab_sigmoid(cf(y), cf(x), C.long(len(x)))
	}
}

func siluSave32(y, s, x []float32) {
	if len(x) > 0 {
		C.archlab_silu_save(cf(y), cf(s), cf(x), C.long(len(x)))
	}
}

func expShift32(y, x []float32, shift float32) float32 {
	if len(x) == 0 {
		return 0
	}
	return float32(C.archlab_exp_shift(cf(y), cf(x), C.float(shift), C.long(len(x))))
}

func expSum32(x []float32, shift float32) float32 {
	if len(x) == 0 {
		return 0
	}
	return float32(C.archlab_exp_sum(cf(x), C.float(shift), C.long(len(x))))
}

func expAxpy32(d, x []float32, shift, a float32) {
	if len(x) > 0 {
		C.archlab_exp_axpy(cf(d), cf(x), C.float(shift), C.float(a), C.long(len(x)))
	}
}

func convRows32(out, x, wT []float32, T, C, K, lo, hi int) {
	C.archlab_conv_rows(cf(out), cf(x), cf(wT), C.long(T), C.long(C), C.long(K), C.long(lo), C.long(hi))
}

func convDx32(dx, gp, wT []float32, T, C, K, lo, hi int) {
	C.archlab_conv_dx(cf(dx), cf(gp), cf(wT), C.long(T), C.long(C), C.long(K), C.long(lo), C.long(hi))
}

func convDw32(dwT, gp, x []float32, T, C, K, N, c0, c1 int) {
	C.archlab_conv_dw(cf(dwT), cf(gp), cf(x), C.long(T), C.long(C), C.long(K), C.long(N), C.long(c0), C.long(c1))
}

// cfOrNil is cf, or NULL for a nil slice (an input without a gradient).
func cfOrNil(x []float32) *C.float {
	if x == nil {
		return nil
	}
	return cf(x)
}

func rmsNormForward32(out, rstd, x, w []float32, N, C int, eps float32) {
	if N > 0 && C > 0 {
		C.archlab_rms_fwd(cf(out), cf(rstd), cf(x), cf(w), C.long(N), C.long(C), C.float(eps))
	}
}

func rmsNormBackward32(dx, dw, g, x, w, rstd []float32, N, C int) {
	if N > 0 && C > 0 {
		C.archlab_rms_bwd(cfOrNil(dx), cfOrNil(dw), cf(g), cf(x), cf(w), cf(rstd), C.long(N), C.long(C))
	}
}

func l2NormForward32(out, rinv, x []float32, N, C int, eps float32) {
	if N > 0 && C > 0 {
		C.archlab_l2_fwd(cf(out), cf(rinv), cf(x), C.long(N), C.long(C), C.float(eps))
	}
}

func l2NormBackward32(dx, g, y, rinv []float32, N, C int) {
	if N > 0 && C > 0 {
		C.archlab_l2_bwd(cf(dx), cf(g), cf(y), cf(rinv), C.long(N), C.long(C))
	}
}

func swigluForward32(o, s, x []float32, N, H int) {
	if N > 0 && H > 0 {
		C.archlab_swiglu_fwd(cf(o), cf(s), cf(x), C.long(N), C.long(H))
	}
}

func swigluBackward32(dx, gy, x, s []float32, N, H int) {
	if N > 0 && H > 0 {
		C.archlab_swiglu_bwd(cf(dx), cf(gy), cf(x), cf(s), C.long(N), C.long(H))
	}
}
