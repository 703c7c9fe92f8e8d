package slurm

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/archlab/archlab/lib/exec"
)

// arrayName is the Slurm job name of a job array of experiments (each task
// id is an experiment id).
const arrayName = "archlab-array"

// arrayKey groups submissions that can share one array: the same run and
// the same limits (an array's tasks share their sbatch options).
type arrayKey struct {
	dir     string
	threads int
	mem     int64
	wall    time.Duration
}

// array is submissions gathering for one sbatch --array.
type array struct {
	jobs []*arrayJob
}

type arrayJob struct {
	j    exec.Job
	rec  Record
	err  error
	done chan struct{}
}

// joinArray adds j (its record prepared) to the array gathering for its
// run and limits, starting one when none is, and returns once the array is
// submitted, with rec's job id "ARRAY_EXP".
func (x *Executor) joinArray(ctx context.Context, j exec.Job, rec, prev Record) (Record, error) {
	key := arrayKey{j.Dir, max(j.Threads, 1), j.MemBytes, j.Wall}
	aj := &arrayJob{j: j, rec: rec, done: make(chan struct{})}
	x.amu.Lock()
	if x.arrays == nil {
		x.arrays = map[arrayKey]*array{}
	}
	a := x.arrays[key]
	if a == nil {
		a = &array{}
		x.arrays[key] = a
		time.AfterFunc(time.Duration(x.cfg.ArrayWindowS*float64(time.Second)), func() { x.submitArray(context.WithoutCancel(ctx), key) })
	}
	a.jobs = append(a.jobs, aj)
	x.amu.Unlock()
	<-aj.done
	if aj.err != nil {
		return prev, aj.err
	}
	return aj.rec, nil
}

// submitArray submits the array gathered under key: one task per
// experiment, the task id the experiment id.
func (x *Executor) submitArray(ctx context.Context, key arrayKey) {
	x.amu.Lock()
	a := x.arrays[key]
	delete(x.arrays, key)
	x.amu.Unlock()
	fail := func(err error) {
		for _, aj := range a.jobs {
			aj.err = err
			close(aj.done)
		}
	}
	slices.SortFunc(a.jobs, func(p, q *arrayJob) int { return int(p.j.ID - q.j.ID) })
	ids := make([]int64, len(a.jobs))
	list := make([]string, len(a.jobs))
	for i, aj := range a.jobs {
		ids[i], list[i] = aj.j.ID, strconv.FormatInt(aj.j.ID, 10)
	}
	j := a.jobs[0].j
	sdir := filepath.Join(key.dir, "slurm") // the arrays' scripts, beside the run's exp folder
	if err := os.MkdirAll(sdir, 0o755); err != nil {
		fail(fmt.Errorf("slurm: %w", err))
		return
	}
	script := filepath.Join(sdir, fmt.Sprintf("array-%d-%d.sh", ids[0], time.Now().UnixNano()))
	if err := exec.WriteFileAtomic(script, []byte(x.script(j, key.threads, ids))); err != nil {
		fail(err)
		return
	}
	expRoot := filepath.Join(key.dir, "exp")
	args := x.sbatchArgs(j, key.threads, arrayName, expRoot, filepath.Join(expRoot, "%a", exec.LogFileName))
	args = append(args, "--array="+strings.Join(list, ","), script)
	id, err := x.sbatch(ctx, "experiments "+strings.Join(list, ","), args)
	if err != nil {
		fail(err)
		return
	}
	for _, aj := range a.jobs {
		aj.rec.JobID = id + "_" + strconv.FormatInt(aj.j.ID, 10)
		aj.err = x.record(ctx, aj.j, aj.rec)
		close(aj.done)
	}
}
