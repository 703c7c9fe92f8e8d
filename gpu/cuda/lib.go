//go:build cgo

package cuda

/*
#cgo LDFLAGS: -ldl
#include <stdlib.h>
#include "bind.h"
*/
import "C"

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"unsafe"
)

// Library is a loaded implementation of archlab_gpu.h: the CUDA library
// or the host reference. It stays loaded for the life of the process.
type Library struct {
	Path string
	fns  *C.ag_fns
}

var (
	loadMu sync.Mutex
	loaded = map[string]*Library{}
)

// Load dlopens the library at path and resolves every function of
// archlab_gpu.h, refusing one built from another API version. Loading the
// same path again returns the same Library.
func Load(path string) (*Library, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("gpu/cuda: load %s: %w", path, err)
	}
	loadMu.Lock()
	defer loadMu.Unlock()
	if l, ok := loaded[abs]; ok {
		return l, nil
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("gpu/cuda: load %s: %w", path, err)
	}
	cpath := C.CString(abs)
	defer C.free(unsafe.Pointer(cpath))
	fns := (*C.ag_fns)(C.calloc(1, C.sizeof_ag_fns))
	var msg [512]C.char
	if h := C.ag_load(cpath, fns, &msg[0], C.size_t(len(msg))); h == nil {
		C.free(unsafe.Pointer(fns))
		return nil, fmt.Errorf("gpu/cuda: load %s: %s", path, C.GoString(&msg[0]))
	}
	l := &Library{Path: abs, fns: fns}
	loaded[abs] = l
	return l, nil
}

// Error is a failed call of the C API.
type Error struct {
	Op     string // the C function, e.g. "ag_sgemm"
	Status int    // an ag_status, e.g. 3
	Name   string // the status's name, e.g. "out of memory"
	Msg    string // the library's message, e.g. "alloc: 1073741824 bytes: ..."
}

func (e *Error) Error() string {
	if e.Msg == "" {
		return fmt.Sprintf("gpu/cuda: %s: %s", e.Op, e.Name)
	}
	return fmt.Sprintf("gpu/cuda: %s: %s: %s", e.Op, e.Name, e.Msg)
}

// Statuses of archlab_gpu.h (Error.Status).
const (
	StatusInvalid     = C.AG_ERR_INVALID
	StatusNoDevice    = C.AG_ERR_NO_DEVICE
	StatusOutOfMemory = C.AG_ERR_OUT_OF_MEMORY
	StatusDevice      = C.AG_ERR_DEVICE
)
