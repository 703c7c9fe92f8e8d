package cuda

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// LibraryName is the file name of the CUDA library (install/build-cuda.sh).
const LibraryName = "libarchlab_cuda.so"

// LibraryEnv names the environment variable that points at the library:
// a file, or a folder holding LibraryName.
const LibraryEnv = "ARCHLAB_CUDA_LIB"

// ErrNotFound is returned (wrapped) when no library is where Find looks.
var ErrNotFound = errors.New(LibraryName + " not found")

// SearchPath returns where Find looks, in order: $ARCHLAB_CUDA_LIB alone
// when it is set (a file, or a folder holding LibraryName); else the
// folder of the executable exe, its ../lib, /usr/local/lib and /usr/lib.
// getenv and exe are parameters so that archlab doctor can show the same
// list under test.
func SearchPath(getenv func(string) string, exe string) []string {
	if p := getenv(LibraryEnv); p != "" {
		if filepath.Ext(p) == ".so" || strings.Contains(filepath.Base(p), ".so.") {
			return []string{p}
		}
		return []string{filepath.Join(p, LibraryName)}
	}
	var dirs []string
	if exe != "" {
		d := filepath.Dir(exe)
		dirs = append(dirs, d, filepath.Join(d, "..", "lib"))
	}
	dirs = append(dirs, "/usr/local/lib", "/usr/lib")
	paths := make([]string, len(dirs))
	for i, d := range dirs {
		paths[i] = filepath.Join(d, LibraryName)
	}
	return paths
}

// Find returns the first library on SearchPath that exists, or an error
// wrapping ErrNotFound that lists where it looked and what to do.
func Find() (string, error) {
	exe, _ := os.Executable()
	paths := SearchPath(os.Getenv, exe)
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("gpu/cuda: %w (looked at %v): on a GPU machine build it with install/build-cuda.sh and put it next to the archlab binary, or set %s to its path", ErrNotFound, paths, LibraryEnv)
}
