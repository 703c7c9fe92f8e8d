package exec

import "github.com/archlab/archlab/lib/train"

// Job modes.
const (
	ModeCheck = "check" // run the layer's checks only; write check.json
	ModeTrain = "train" // check, then train under Spec; write metrics.jsonl, result.json
)

// JobFile is Dir/exp/ID/job.json, written by the loop before the job is
// queued and read by the worker. It is the whole input of a job.
type JobFile struct {
	ID     int64      `json:"id"`
	Mode   string     `json:"mode"`   // ModeCheck or ModeTrain
	Source string     `json:"source"` // file name of the layer source in the experiment folder, e.g. "layer.go"
	Spec   train.Spec `json:"spec"`   // the training run (ModeTrain)
}
