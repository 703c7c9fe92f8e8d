package backendtest_test

import (
	"testing"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/gpu/backendtest"
)

// The reference backend passes its own suite (a check on the suite).
func TestReference(t *testing.T) { backendtest.RunAll(t, gpu.Reference()) }
