package results

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// dataDir returns ASI-ARCH's released data, ../shared/data/asi-arch from
// the module root, or skips the test when it is absent (CI has it).
func dataDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("no go.mod above the package: cannot find ../shared/data/asi-arch")
		}
		dir = up
	}
	d := filepath.Join(dir, "..", "shared", "data", "asi-arch")
	for _, f := range []string{TreeFile, SOTAFile} {
		if _, err := os.Stat(filepath.Join(d, f)); err != nil {
			t.Skipf("ASI-ARCH data not found at %s (module root/../shared/data/asi-arch): %v", d, err)
		}
	}
	return d
}

var (
	loadOnce sync.Once
	loaded   *Run
	loadErr  error
)

// realRun loads the released data once per test binary.
func realRun(t testing.TB) *Run {
	t.Helper()
	d := dataDir(t)
	loadOnce.Do(func() { loaded, loadErr = Load(d) })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}
