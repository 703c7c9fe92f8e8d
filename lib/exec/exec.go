package exec

import (
	"context"
	"time"
)

// Failure reasons of an Outcome (the Engineer's repair input and the
// store's typed reason).
const (
	ReasonCompile   = "compile"   // the source did not parse, type-check or trace
	ReasonCheck     = "check"     // a measured check failed (see check.json)
	ReasonCrash     = "crash"     // the worker panicked, was killed by a signal or exited non-zero
	ReasonTimeout   = "timeout"   // the wall-time limit ran out; the process group was killed
	ReasonMemory    = "memory"    // the memory limit was crossed; the process group was killed
	ReasonNonFinite = "nonfinite" // the loss became NaN or Inf
	ReasonCancelled = "cancelled" // the search was interrupted
	ReasonNode      = "node"      // the scheduler lost the job's node (Slurm NODE_FAIL, BOOT_FAIL); not the layer's fault
	ReasonPreempted = "preempted" // the scheduler preempted the job for another; not the layer's fault
)

// Worker exit statuses (archlab worker): how the worker tells the executor
// what happened without parsing its log.
const (
	ExitOK        = 0
	ExitCompile   = 3
	ExitCheck     = 4
	ExitNonFinite = 5
	ExitCancelled = 6
	ExitUsage     = 64 // a bad job (missing files, bad JSON): a crash for the loop (2 is Go's exit status after a panic)
)

// Job is one experiment run by `archlab worker --dir Dir --exp ID`: the
// worker reads Dir/exp/ID/job.json and writes its files beside it.
type Job struct {
	Dir      string        // the run folder
	ID       int64         // experiment id
	Threads  int           // CPU threads of the worker, e.g. 1
	Wall     time.Duration // wall-time limit, 0: none
	MemBytes int64         // resident-memory limit of the process group, 0: none
}

// Outcome is what the executor measured about one job.
type Outcome struct {
	ID      int64   `json:"id"`
	OK      bool    `json:"ok"`
	Reason  string  `json:"reason,omitempty"` // one of the Reason* constants when !OK
	Exit    int     `json:"exit"`             // exit status, -1 when killed by a signal
	Signal  string  `json:"signal,omitempty"`
	Error   string  `json:"error,omitempty"`    // one line: what happened
	LogTail string  `json:"log_tail,omitempty"` // the last lines of the worker's log
	WallS   float64 `json:"wall_s"`
	CPUS    float64 `json:"cpu_s"`   // user+system CPU seconds of the worker (rusage)
	MaxRSS  int64   `json:"max_rss"` // bytes
}

// Executor runs jobs. Run blocks until the job ends (or ctx does, which
// kills the job and returns ReasonCancelled); callers run up to Slots()
// jobs at once.
type Executor interface {
	Run(ctx context.Context, j Job) Outcome
	Slots() int
	Name() string
}

// Holder is implemented by executors whose jobs outlive the coordinator
// (a scheduler's queue): Holds reports whether a job for j, submitted by
// an earlier coordinator, is still queued or running (or ended with its
// result unread), so that Run will adopt it. The loop then does not count
// the restart as an interruption of the experiment. An error or doubt
// answers false.
type Holder interface {
	Holds(ctx context.Context, j Job) bool
}
