package train

import (
	"context"
	"errors"
	"maps"
	"math"
	"slices"

	"github.com/archlab/archlab/lib/arch"
)

// Statuses of a Result.
const (
	StatusOK        = "ok"        // trained for every step
	StatusBudget    = "budget"    // stopped at the wall-time budget; the scores are of the model at that point
	StatusCancelled = "cancelled" // ctx ended
	StatusFailed    = "failed"    // the source, the data or the numbers failed: see Reason and Error
)

// Reasons of a failed (or cancelled) Result: what kind of thing went
// wrong, for the loop to act on without reading Error.
const (
	ReasonSource     = "source"     // the layer source does not parse or trace
	ReasonCheck      = "check"      // the layer fails arch.Check (ErrCheckFailed)
	ReasonData       = "data"       // the task or corpus could not be read
	ReasonNonFinite  = "non_finite" // a loss or gradient was NaN or Inf (ErrNonFinite)
	ReasonCheckpoint = "checkpoint" // a checkpoint could not be read, or belongs to another run
	ReasonCancelled  = "cancelled"  // ctx ended
	ReasonBudget     = "budget"     // stopped at the wall-time budget (status budget, not a failure)
	ReasonOther      = "other"      // anything else: see Error
)

// ErrNonFinite is in the chain of the error Run returns when a training
// loss or gradient is NaN or Inf (errors.Is(err, train.ErrNonFinite)).
var ErrNonFinite = errors.New("train: non-finite loss or gradient")

// ErrCheckFailed is in the chain of the error Run returns when it refuses
// a layer that fails arch.Check (Config.Unchecked overrides).
var ErrCheckFailed = errors.New("train: the layer fails arch.Check")

// Result is the record of a run (result.json). With several seeds the
// top-level numbers are the first seed's and Spread summarises all.
type Result struct {
	Spec          Spec               `json:"spec"`             // the resolved run: every default filled, the layer's source hash included
	Arch          string             `json:"arch"`             // "zoo:deltanet" or the file name
	Preset        string             `json:"preset"`           // tiny, small, screen, verify
	Task          string             `json:"task"`             // "opticks", "mqar-t128-kv32", ...
	SourceHash    string             `json:"source_hash"`      // sha256 (hex) of the layer source
	Status        string             `json:"status"`           // ok, budget, cancelled, failed
	Reason        string             `json:"reason,omitempty"` // why it failed or stopped: one of the Reason* constants
	Error         string             `json:"error,omitempty"`  // why it failed, for the Engineer
	Seed          uint64             `json:"seed"`             // seed of the top-level numbers
	Steps         int                `json:"steps"`            // steps done
	Tokens        int64              `json:"tokens"`           // training tokens seen
	FinalLoss     float64            `json:"final_loss"`       // mean training loss of the main task over the last 10% of its steps (the whole run, across resumes)
	ValLoss       float64            `json:"val_loss"`         // validation loss (LM tasks), nats/token
	UnigramLoss   float64            `json:"unigram_loss"`     // validation loss of the training unigram distribution (LM tasks)
	Scores        map[string]float64 `json:"scores"`           // held-out accuracy per task: the synthetic task, or every suite task, e.g. {"mqar-t64-kv8": 0.93}
	Bench         float64            `json:"bench"`            // mean of Scores (0 without scores): the benchmark term of a fitness
	Params        int                `json:"params"`           // parameters of the whole model
	LayerParams   int                `json:"layer_params"`     // parameters of the token-mixer layers alone
	FLOPsPerToken int64              `json:"flops_per_token"`  // training FLOPs per token of the main task (3 × forward)
	WallS         float64            `json:"wall_s"`           // wall seconds of the whole run (of the last invocation, when resumed)
	DeviceS       float64            `json:"device_s"`         // seconds spent in forward/backward/update and evaluation
	CPUS          float64            `json:"cpu_s"`            // CPU seconds (user + system) the process used during the run: the cost on a quiet machine, where wall time counts others' load too
	Device        string             `json:"device"`           // backend, e.g. "cpu-openblas (threads: 2)"
	Seeds         []SeedResult       `json:"seeds,omitempty"`  // one per seed, when several ran
	Spread        map[string]Stat    `json:"spread,omitempty"` // across seeds: "val_loss", "final_loss", "bench", "score:<task>"
}

// SeedResult is one seed's outcome.
type SeedResult struct {
	Seed      uint64             `json:"seed"`
	Status    string             `json:"status"`
	Reason    string             `json:"reason,omitempty"`
	Error     string             `json:"error,omitempty"`
	Steps     int                `json:"steps"`
	FinalLoss float64            `json:"final_loss"`
	ValLoss   float64            `json:"val_loss"`
	Scores    map[string]float64 `json:"scores"`
	Bench     float64            `json:"bench"`
	WallS     float64            `json:"wall_s"`
	DeviceS   float64            `json:"device_s"`
}

// Stat summarises one number across seeds.
type Stat struct {
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
	Std  float64 `json:"std"` // sample standard deviation (n-1)
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
}

func statOf(xs []float64) Stat {
	s := Stat{N: len(xs), Min: math.Inf(1), Max: math.Inf(-1)}
	for _, x := range xs {
		s.Mean += x
		s.Min = math.Min(s.Min, x)
		s.Max = math.Max(s.Max, x)
	}
	s.Mean /= float64(len(xs))
	if len(xs) > 1 {
		var v float64
		for _, x := range xs {
			v += (x - s.Mean) * (x - s.Mean)
		}
		s.Std = math.Sqrt(v / float64(len(xs)-1))
	}
	return s
}

func spread(seeds []SeedResult) map[string]Stat {
	vals := map[string][]float64{}
	for _, s := range seeds {
		if s.Status == StatusFailed || s.Status == StatusCancelled {
			continue
		}
		vals["final_loss"] = append(vals["final_loss"], s.FinalLoss)
		if s.ValLoss != 0 {
			vals["val_loss"] = append(vals["val_loss"], s.ValLoss)
		}
		if len(s.Scores) > 0 {
			vals["bench"] = append(vals["bench"], s.Bench)
		}
		for k, v := range s.Scores {
			vals["score:"+k] = append(vals["score:"+k], v)
		}
	}
	out := map[string]Stat{}
	for k, v := range vals {
		out[k] = statOf(v)
	}
	return out
}

// benchOf returns the mean of scores (0 when empty).
func benchOf(scores map[string]float64) float64 {
	if len(scores) == 0 {
		return 0
	}
	var s float64
	for _, k := range slices.Sorted(maps.Keys(scores)) { // a fixed order: the same bits every time
		s += scores[k]
	}
	return s / float64(len(scores))
}

// reasonError marks an error with its Reason.
type reasonError struct {
	reason string
	err    error
}

func (e *reasonError) Error() string { return e.err.Error() }
func (e *reasonError) Unwrap() error { return e.err }

func withReason(reason string, err error) error {
	if err == nil {
		return nil
	}
	return &reasonError{reason, err}
}

// reasonOf classifies err for Result.Reason.
func reasonOf(err error) string {
	var re *reasonError
	var ae *arch.Error
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return ReasonCancelled
	case errors.Is(err, ErrNonFinite):
		return ReasonNonFinite
	case errors.Is(err, ErrCheckFailed):
		return ReasonCheck
	case errors.As(err, &re):
		return re.reason
	case errors.As(err, &ae):
		return ReasonSource
	}
	return ReasonOther
}
