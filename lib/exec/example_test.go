//go:build unix

package exec_test

import (
	"context"
	"fmt"
	"os"

	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/train"
)

// A job that blows its memory limit costs only itself. Here the worker is
// this test binary acting as a fake `archlab worker` (see TestMain); a
// program leaves Bin and Args empty to run its own binary.
func ExampleLocal() {
	dir, _ := os.MkdirTemp("", "run")
	defer os.RemoveAll(dir)
	x, err := exec.NewLocal(exec.LocalConfig{Bin: os.Args[0], Args: []string{"fake-worker"}, Workers: 2, MemBytes: 64 << 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	for id, behaviour := range []string{"ok", "memory"} {
		job := exec.JobFile{ID: int64(id), Mode: exec.ModeCheck, Source: "layer.go", Spec: train.Spec{Arch: behaviour}}
		if err := exec.WriteJob(dir, job, "package layer\n"); err != nil {
			fmt.Println(err)
			return
		}
		out := x.Run(context.Background(), exec.Job{Dir: dir, ID: job.ID})
		fmt.Printf("job %d: ok %v reason %q exit %d signal %q\n", out.ID, out.OK, out.Reason, out.Exit, out.Signal)
	}
	// Output:
	// job 0: ok true reason "" exit 0 signal ""
	// job 1: ok false reason "memory" exit -1 signal "SIGKILL"
}
