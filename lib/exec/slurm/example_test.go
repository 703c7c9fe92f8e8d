package slurm_test

import (
	"context"
	"fmt"
	"time"

	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/exec/slurm"
)

// A search's experiment as a Slurm job on a GPU partition; the experiment
// folder (written by the loop with exec.WriteJob) is on a shared filesystem.
func ExampleNew() {
	x, err := slurm.New(slurm.Config{Settings: slurm.Settings{Partition: "gpu", Account: "lab", GPUs: 1, Requeue: 2}})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := x.Check(context.Background()); err != nil { // squeue --json answers
		fmt.Println(err)
		return
	}
	out := x.Run(context.Background(), exec.Job{Dir: "/shared/runs/s1", ID: 7, Threads: 4, Wall: time.Hour, MemBytes: 8 << 30})
	fmt.Println(out.OK, out.Reason, out.Error)
}
