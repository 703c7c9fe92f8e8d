// Package cpu is the CPU backend of the training core: float32 GEMMs
// through OpenBLAS (cblas_sgemm via cgo, single-threaded calls split
// across a fixed pool of worker goroutines) and the element-wise kernels'
// loops on the same pool.
//
//	b := cpu.New(cpu.Options{Threads: 2})
//	defer b.Close()
//	prog, err := gpu.Compile(g, loss, b, nil)
//
// The package registers itself as device "cpu" (gpu.Open("cpu"), or
// import gpu/backends for every backend).
//
// Build with -tags noblas for a pure-Go backend (no cgo, no OpenBLAS;
// slower GEMMs). Both pass gpu/backendtest.RunAll.
package cpu
