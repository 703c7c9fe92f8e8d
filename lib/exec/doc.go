// Package exec runs experiments as processes: each job is one
// `archlab worker` in its own process group, so a crash, a hang or an
// out-of-memory in one architecture costs that experiment only.
//
//	x, err := exec.NewLocal(exec.LocalConfig{Threads: 1, Wall: 10 * time.Minute, MemBytes: 2 << 30})
//	err = exec.WriteJob(runDir, exec.JobFile{ID: 7, Mode: exec.ModeTrain, Source: "layer.go", Spec: spec}, src)
//	out := x.Run(ctx, exec.Job{Dir: runDir, ID: 7}) // blocks; run up to x.Slots() at once
//	if !out.OK {
//		fmt.Println(out.Reason, out.Error) // e.g. memory: worker exceeded its 2 GiB memory limit (peak 2.3 GiB): killed
//	}
//
// [Executor] is the contract; [Local] is the process pool on this machine
// (lib/exec/slurm runs each job as a Slurm job). The loop decides what
// a job means from the [Outcome] alone: the exit status, the signal and
// the limits, never by parsing the log.
//
// # The experiment folder
//
// Job {Dir, ID} names the folder Dir/exp/ID ([ExpDir]):
//
//	job.json       the whole input ([JobFile]): mode, source file name, train.Spec; written by the loop
//	layer.go       the layer source named by job.json's "source"; written by the loop
//	check.json     the arch.Report of the layer's checks; written by the worker (both modes; not when cancelled mid-check)
//	metrics.jsonl  one JSON line per training step and evaluation (mode train)
//	result.json    the train.Result (mode train)
//	checkpoint*    the trainer's checkpoint: a re-queued job resumes from it
//	worker.log     the worker's stderr and stdout, appended; one "=== TIME attempt: COMMAND" line per attempt
//
// The worker writes check.json and result.json atomically (a temporary
// file renamed over the old one), so a reader never sees half a file; the
// executor quotes them in Outcome.Error only when the attempt it ran wrote
// them.
//
// # Exit-status protocol of archlab worker
//
//	0   ExitOK         the checks passed (and, mode train, training finished)
//	3   ExitCompile    the source did not parse, type-check or trace (check.json: "compiles" failed)
//	4   ExitCheck      a measured check failed (check.json names it)
//	5   ExitNonFinite  the training loss became NaN or Inf (result.json has the step)
//	6   ExitCancelled  the worker got SIGTERM or SIGINT and stopped training
//	64  ExitUsage      a bad job: job.json missing or invalid, source missing, unknown mode
//	2   (Go runtime)   a panic or fatal error: the stack is in worker.log
//	1   any other failure of training
//
// [Local] maps these to the Reason* constants; statuses 1, 2, 64, any
// other status and a death by a signal are [ReasonCrash], with the first
// "panic:" line of the log in Outcome.Error. Its own kills are
// [ReasonTimeout] (the wall-time limit), [ReasonMemory] (the process
// group's resident memory, polled from /proc about every 100 ms) and
// [ReasonCancelled] (ctx ended: SIGTERM, then SIGKILL after a grace
// period). Every exit path kills the whole process group and reaps the
// worker, so nothing a job started outlives Run.
package exec
