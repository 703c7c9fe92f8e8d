package search

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/exec/slurm"
)

// NewExecutor returns the executor c names: the local process pool
// (workers processes, 0: cores / threads) or Slurm with c's slurm
// settings, checked against the cluster (sbatch, squeue --json and a
// reachable controller) so that a missing Slurm is reported now rather
// than at the first job. Open calls it when Options.Executor is nil;
// `archlab search` calls it with its --workers.
func NewExecutor(c Config, workers int, logger *slog.Logger) (exec.Executor, error) {
	switch c.Executor {
	case "", "local":
		return exec.NewLocal(exec.LocalConfig{Workers: max(workers, 0), Threads: c.Threads, Logger: logger})
	case "slurm":
		if err := c.Slurm.Validate("slurm."); err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
		x, err := slurm.New(slurm.Config{Settings: c.Slurm, Logger: logger})
		if err != nil {
			return nil, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := x.Check(ctx); err != nil {
			return nil, err
		}
		return x, nil
	}
	return nil, fmt.Errorf("executor %q: want local or slurm", c.Executor)
}
