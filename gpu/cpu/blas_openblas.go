//go:build !noblas

package cpu

/*
#cgo LDFLAGS: -lopenblas
#include <cblas.h>
extern void openblas_set_num_threads(int);
*/
import "C"

import (
	"unsafe"

	"github.com/archlab/archlab/gpu"
)

const blasName = "openblas"

func setBLASThreads(n int) { C.openblas_set_num_threads(C.int(n)) }

func trans(t bool) C.enum_CBLAS_TRANSPOSE {
	if t {
		return C.CblasTrans
	}
	return C.CblasNoTrans
}

// sgemm runs one float32 product with OpenBLAS (row-major).
func sgemm(g gpu.Gemm[float32]) {
	if g.K == 0 {
		scaleC(&g)
		return
	}
	C.cblas_sgemm(C.CblasRowMajor, trans(g.TransA), trans(g.TransB), C.blasint(g.M), C.blasint(g.N), C.blasint(g.K),
		C.float(g.Alpha), (*C.float)(unsafe.Pointer(unsafe.SliceData(g.A))), C.blasint(g.LDA),
		(*C.float)(unsafe.Pointer(unsafe.SliceData(g.B))), C.blasint(g.LDB),
		C.float(g.Beta), (*C.float)(unsafe.Pointer(unsafe.SliceData(g.C))), C.blasint(g.LDC))
}

// dgemm runs one float64 product with OpenBLAS (row-major).
func dgemm(g gpu.Gemm[float64]) {
	if g.K == 0 {
		scaleC(&g)
		return
	}
	C.cblas_dgemm(C.CblasRowMajor, trans(g.TransA), trans(g.TransB), C.blasint(g.M), C.blasint(g.N), C.blasint(g.K),
		C.double(g.Alpha), (*C.double)(unsafe.Pointer(unsafe.SliceData(g.A))), C.blasint(g.LDA),
		(*C.double)(unsafe.Pointer(unsafe.SliceData(g.B))), C.blasint(g.LDB),
		C.double(g.Beta), (*C.double)(unsafe.Pointer(unsafe.SliceData(g.C))), C.blasint(g.LDC))
}
