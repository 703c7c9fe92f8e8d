package store

import (
	"encoding/json"
	"time"
)

// Status is an experiment's place in its life.
type Status string

// Statuses, in the order an experiment normally passes them.
const (
	Proposed Status = "proposed" // the Researcher's proposal is stored, no source yet
	Checked  Status = "checked"  // the Engineer's source passed the checks
	Queued   Status = "queued"   // handed to the executor, not started
	Running  Status = "running"  // a worker holds it
	Done     Status = "done"     // trained; results stored
	Failed   Status = "failed"   // the worker failed (Reason says how); kept for the Engineer and the Analyst
	Rejected Status = "rejected" // never trained: duplicate, checks failed after every repair, ...
)

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool {
	switch s {
	case Proposed, Checked, Queued, Running, Done, Failed, Rejected:
		return true
	}
	return false
}

// Experiment is one row of the experiments table. Float fields that were
// never measured hold NaN (stored as NULL).
type Experiment struct {
	ID         int64           `json:"id"`
	Parent     int64           `json:"parent"` // 0: none (the baseline)
	Refs       []int64         `json:"refs,omitempty"`
	Name       string          `json:"name"`
	Motivation string          `json:"motivation"`
	Design     json.RawMessage `json:"design,omitempty"` // the Researcher's structured design
	Created    time.Time       `json:"created"`
	Started    time.Time       `json:"started,omitzero"`
	Finished   time.Time       `json:"finished,omitzero"`
	Stage      int             `json:"stage"`        // 1 (screen) or 2 (verify)
	Of         int64           `json:"of,omitempty"` // a stage-2 row: the stage-1 experiment it re-trains
	Status     Status          `json:"status"`
	Reason     string          `json:"reason,omitempty"` // typed: compile, check, crash, timeout, memory, nonfinite, cancelled, duplicate, ...
	Error      string          `json:"error,omitempty"`  // the message behind Reason
	Tries      int             `json:"tries"`            // worker attempts so far
	Source     string          `json:"source"`
	SourceHash string          `json:"source_hash"`
	Check      json.RawMessage `json:"check,omitempty"` // arch.Report as JSON
	Spec       json.RawMessage `json:"spec,omitempty"`  // train.Spec as JSON
	Seed       uint64          `json:"seed"`            // the loop's per-experiment seed (agents and training)
	Seeds      []uint64        `json:"seeds,omitempty"` // training seeds

	FinalLoss float64            `json:"final_loss"`
	ValLoss   float64            `json:"val_loss"`
	Scores    map[string]float64 `json:"scores,omitempty"`
	Bench     float64            `json:"bench"`     // mean of Scores
	ValStd    float64            `json:"val_std"`   // across seeds, NaN with one seed
	BenchStd  float64            `json:"bench_std"` // across seeds
	Params    int                `json:"params"`    // layer parameters

	Fitness      float64         `json:"fitness"`
	FitnessLoss  float64         `json:"fitness_loss"`
	FitnessBench float64         `json:"fitness_bench"`
	FitnessJudge float64         `json:"fitness_judge"`   // NaN without a judge
	Judge        json.RawMessage `json:"judge,omitempty"` // the Judge's grade(s)
	BeatsASI     bool            `json:"beats_asi"`
	BeatsNoise   bool            `json:"beats_noise"`

	Memo      string   `json:"memo,omitempty"`
	Cognition []string `json:"cognition,omitempty"` // ids of the retrieved cognition entries

	WallS      float64 `json:"wall_s"`
	CPUS       float64 `json:"cpu_s"`
	DeviceS    float64 `json:"device_s"`
	DeviceKind string  `json:"device_kind,omitempty"`
}
