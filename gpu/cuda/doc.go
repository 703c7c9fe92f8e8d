// Package cuda is the training core's device backend: Go bindings of the
// flat C API in archlab_gpu.h, loaded at run time with dlopen, and a
// gpu.Backend over it, registered as device "cuda".
//
//	import _ "github.com/archlab/archlab/gpu/backends"
//
//	b, err := gpu.Open("cuda") // finds libarchlab_cuda.so, opens GPU 0
//	if err != nil { ... }      // says where it looked and what to do
//	defer gpu.Close(b)
//	prog, err := gpu.Compile(g, loss, b, nil)
//
// The C API has two implementations: archlab_cuda.cu (CUDA runtime and
// cuBLAS, built on a GPU machine by install/build-cuda.sh into
// libarchlab_cuda.so) and hostref/hostref.c (plain C on host memory,
// built by install/build-gpu-lib.sh or by this package's tests with cc).
// go build needs neither the CUDA toolkit nor a library: the library is
// found when the backend is opened, at $ARCHLAB_CUDA_LIB (a file or a
// folder), next to the executable, in ../lib beside it, /usr/local/lib or
// /usr/lib (SearchPath). --device auto passes over a library whose device
// is not an accelerator (the host reference).
//
// Today the Backend runs float32 products on the device, copying operands
// per call, and everything else on host workers; it owns its Programs'
// buffers (gpu.BufferOwner) and hands out library host memory,
// page-locked on CUDA, for faster copies; the tests run
// gpu/backendtest.RunAll against the host reference (and against the CUDA
// library when ARCHLAB_CUDA_LIB names one). NOTES.md says what has not yet
// been built or measured on a GPU and the script that does it.
package cuda
