// Package backends registers every training-core backend built into
// archlab with the gpu registry; import it for its side effect wherever a
// backend is opened by name:
//
//	import _ "github.com/archlab/archlab/gpu/backends"
//
//	b, choice, err := gpu.Resolve("auto", gpu.OpenOptions{Threads: 2})
//	// choice.Device is "cpu" here, and choice.Reason says why (no CUDA library)
//	defer gpu.Close(b)
//
// "cpu" is gpu/cpu (OpenBLAS), "cuda" gpu/cuda (its library loaded at
// run time; opening it fails, saying why, where it is missing). lib/train, lib/arch and lib/train/models import
// this package instead of a backend, so they pick one by name
// (--device cpu|cuda|auto).
package backends

import (
	_ "github.com/archlab/archlab/gpu/cpu"  // "cpu"
	_ "github.com/archlab/archlab/gpu/cuda" // "cuda"
)
