package executortest_test

import (
	"testing"

	"github.com/archlab/archlab/kernel/executor"
	"github.com/archlab/archlab/kernel/executortest"
	"github.com/archlab/archlab/kernel/interp"
)

// The interpreter session passes the suite with no adapter: it is an
// executor.Executor as it stands (and the suite is checked on it).
func TestInterpSession(t *testing.T) {
	executortest.Run(t, func(t *testing.T) executor.Executor {
		s, err := interp.New(interp.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}, executortest.Go)
}
