// Package slurm runs experiments as Slurm jobs: each [exec.Job] is one
// sbatch job running `archlab worker` on its experiment folder, which must
// lie on a filesystem the compute nodes share with the coordinator.
//
//	x, err := slurm.New(slurm.Config{Settings: slurm.Settings{Partition: "gpu", GPUs: 1}})
//	out := x.Run(ctx, exec.Job{Dir: runDir, ID: 7, Threads: 4, Wall: time.Hour, MemBytes: 8 << 30})
//	if !out.OK {
//		fmt.Println(out.Reason, out.Error) // e.g. timeout: Slurm job 812 ran past its time limit (--time=60): killed by Slurm
//	}
//
// [Executor] implements [exec.Executor]. The worker's exit status means
// what it means under the local executor (exec.ClassifyExit); what Slurm
// did to the job adds the reasons a scheduler has: TIMEOUT is
// exec.ReasonTimeout, OUT_OF_MEMORY (or, without cgroups, slurmstepd's
// kill at --mem) exec.ReasonMemory, NODE_FAIL and
// BOOT_FAIL exec.ReasonNode, PREEMPTED exec.ReasonPreempted (the last two
// resubmitted up to Settings.Requeue times), a cancellation from outside
// the search exec.ReasonCrash. When ctx ends, Run cancels the job with
// scancel and returns exec.ReasonCancelled.
//
// # Files beside the experiment
//
//	slurm.json          the submission record: Slurm job id, the job.json hash it ran, earlier job ids
//	slurm.sh            the batch script (runs the worker, then writes the exit file)
//	slurm-JOBID.exit    the worker's exit status and CPU time, written by the batch script
//	worker.log          sbatch --output, appended; one "=== TIME attempt: Slurm job N ..." line per attempt
//
// With Settings.ArrayWindowS, jobs of the same limits submitted together
// go as one job array whose task ids are the experiment ids: their job ids
// read "ARRAY_EXP" and their script is RUN/slurm/array-*.sh; everything
// else is per task as above.
//
// The record is written before Run waits, so a coordinator that dies
// leaves the job traceable: the next Run of the same experiment, with the
// same job.json, adopts a job that is still pending or running instead of
// submitting another, and cancels one that runs a stale job.json. A job
// the search cancelled itself (Ctrl-C, or one no experiment waited for)
// is marked so in the record first, and is submitted again, never
// adopted: its CANCELLED end says nothing about the layer. A job
// whose submission was interrupted before its id was recorded is found by
// its name and working directory.
//
// # Status
//
// Status comes from `squeue --json` (one call per poll interval, shared by
// every job in flight), then, once Slurm forgets the job, from `sacct`
// where accounting is configured, `scontrol show job` otherwise, and last
// from the exit file the batch script left.
package slurm
