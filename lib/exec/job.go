package exec

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/archlab/archlab/internal/atomicfile"
	"github.com/archlab/archlab/lib/train"
)

// Job modes.
const (
	ModeCheck = "check" // run the layer's checks only; write check.json
	ModeTrain = "train" // check, then train under Spec; write metrics.jsonl, result.json
)

// Files of an experiment folder (ExpDir). The loop writes JobFileName and
// the source; the worker writes CheckFileName and the trainer's files; the
// executor appends to LogFileName.
const (
	JobFileName    = "job.json"      // JobFile: the whole input of a job
	CheckFileName  = "check.json"    // arch.Report of the layer's checks
	ResultFileName = "result.json"   // train.Result (mode train)
	LogFileName    = "worker.log"    // the worker's stderr and stdout, one header line per attempt
	MetricsName    = "metrics.jsonl" // one JSON line per training step and evaluation (mode train)
)

// JobFile is Dir/exp/ID/job.json, written by the loop before the job is
// queued and read by the worker. It is the whole input of a job.
type JobFile struct {
	ID     int64      `json:"id"`
	Mode   string     `json:"mode"`   // ModeCheck or ModeTrain
	Source string     `json:"source"` // file name of the layer source in the experiment folder, e.g. "layer.go"
	Spec   train.Spec `json:"spec"`   // the training run (ModeTrain)
	// Checked is the SHA-256 (hex) of a source whose check job passed: a
	// training job of that same source, beside a passing check.json, is
	// not checked twice.
	Checked string `json:"checked,omitempty"`
	// MaxExponent, when > 0, replaces the complexity check's flagged
	// exponent (1.5): a reference layer that is quadratic by design, e.g.
	// softmax attention in `archlab bench zoo`, runs with 2.5. The search
	// never sets it.
	MaxExponent float64 `json:"max_exponent,omitempty"`
}

// ExpDir returns the folder of experiment id in the run folder dir:
// dir/exp/ID.
func ExpDir(dir string, id int64) string {
	return filepath.Join(dir, "exp", strconv.FormatInt(id, 10))
}

// Validate reports the first problem of j that makes it unrunnable.
func (j JobFile) Validate() error {
	switch j.Mode {
	case ModeCheck, ModeTrain:
	default:
		return fmt.Errorf("exec: job %d: unknown mode %q (want %q or %q)", j.ID, j.Mode, ModeCheck, ModeTrain)
	}
	if j.Source == "" {
		return fmt.Errorf("exec: job %d: no source file named", j.ID)
	}
	if j.Source != filepath.Base(j.Source) || j.Source == "." || j.Source == ".." {
		return fmt.Errorf("exec: job %d: source %q must be a file name in the experiment folder", j.ID, j.Source)
	}
	if j.Mode == ModeTrain && j.Spec.Preset == "" {
		return fmt.Errorf("exec: job %d: mode train needs spec.preset", j.ID)
	}
	return nil
}

// ReadJob reads and validates dir/exp/ID/job.json.
func ReadJob(dir string, id int64) (JobFile, error) {
	path := filepath.Join(ExpDir(dir, id), JobFileName)
	var j JobFile
	b, err := os.ReadFile(path)
	if err != nil {
		return j, fmt.Errorf("exec: read job: %w", err)
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return j, fmt.Errorf("exec: read job %s: %w", path, err)
	}
	if j.ID != id {
		return j, fmt.Errorf("exec: read job %s: it is job %d, not %d", path, j.ID, id)
	}
	if err := j.Validate(); err != nil {
		return j, fmt.Errorf("%w (%s)", err, path)
	}
	return j, nil
}

// WriteJob creates the experiment folder of j in dir, writes src there
// under j.Source and j as job.json, both atomically.
func WriteJob(dir string, j JobFile, src string) error {
	if err := j.Validate(); err != nil {
		return err
	}
	ed := ExpDir(dir, j.ID)
	if err := os.MkdirAll(ed, 0o755); err != nil {
		return fmt.Errorf("exec: %w", err)
	}
	if err := WriteFileAtomic(filepath.Join(ed, j.Source), []byte(src)); err != nil {
		return err
	}
	return WriteJSON(filepath.Join(ed, JobFileName), j)
}

// WriteJSON writes v as indented JSON to path atomically (WriteFileAtomic).
func WriteJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("exec: write %s: %w", path, err)
	}
	return WriteFileAtomic(path, append(b, '\n'))
}

// WriteFileAtomic writes b to a temporary file beside path, syncs it and
// renames it over path, so a reader sees the old file or the whole new one.
func WriteFileAtomic(path string, b []byte) error {
	if err := atomicfile.Write(path, b); err != nil {
		return fmt.Errorf("exec: write %s: %w", path, err)
	}
	return nil
}
