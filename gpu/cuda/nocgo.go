//go:build !cgo

package cuda

import (
	"errors"

	"github.com/archlab/archlab/gpu"
)

// ErrNoCgo is why "cuda" does not open in a binary built with
// CGO_ENABLED=0: loading the library needs dlopen through cgo.
var ErrNoCgo = errors.New("gpu/cuda: this archlab was built without cgo (CGO_ENABLED=0), so it cannot load " + LibraryName + "; rebuild with cgo")

func init() {
	gpu.RegisterBackend("cuda", func(gpu.OpenOptions) (gpu.Backend, error) { return nil, ErrNoCgo })
}
