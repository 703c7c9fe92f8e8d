package train

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/archlab/archlab/gpu"
)

// Checkpoints: gpu's format (parameters, AdamW moments, CRC-32C per
// tensor) with the run's resolved Spec and the main task's loss history
// in the metadata, so a resumed run is the uninterrupted one: the same
// batches (f(seed, step)), the same optimiser state, the same final_loss.

// Checkpoint metadata keys.
const (
	metaSpec   = "spec"   // the resolved Spec, JSON
	metaLosses = "losses" // the main task's training losses so far, JSON
)

func (j *job) ckptPath(seed uint64) string {
	if j.r.cfg.Out == "" {
		return ""
	}
	return filepath.Join(j.r.cfg.Out, fmt.Sprintf("checkpoint-seed%d.bin", seed))
}

func (j *job) saveCheckpoint(seed uint64, m *model, step int, losses []float64) error {
	p := j.ckptPath(seed)
	if p == "" {
		return nil
	}
	sj, err := json.Marshal(j.r.Spec)
	if err != nil {
		return fmt.Errorf("train: checkpoint: %w", err)
	}
	lj, err := json.Marshal(losses)
	if err != nil {
		return fmt.Errorf("train: checkpoint: %w", err)
	}
	meta := map[string]string{"arch": j.r.Arch, "preset": j.r.Preset, metaSpec: string(sj), metaLosses: string(lj)}
	if err := gpu.SaveCheckpointFile(p, m.ps, m.opt, step, meta); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	return nil
}

// specField returns the JSON value of s's field key, for messages.
func specField(s Spec, key string) string {
	var m map[string]json.RawMessage
	b, _ := json.Marshal(s)
	json.Unmarshal(b, &m)
	if v, ok := m[key]; ok {
		return string(v)
	}
	return "(unset)"
}

// resume loads seed's checkpoint into m when the run resumes and one
// exists, after checking that it belongs to this run, and rewinds the
// seed's metrics to its step. It returns the step to go on from and the
// loss history.
func (j *job) resume(seed uint64, m *model) (int, []float64, error) {
	r := j.r
	p := j.ckptPath(seed)
	if !r.cfg.Resume || p == "" {
		return 0, nil, nil
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil, j.records.Rewind(seed, 0)
	}
	if err != nil {
		return 0, nil, withReason(ReasonCheckpoint, fmt.Errorf("train: resume: %w", err))
	}
	info, err := gpu.ReadCheckpointInfo(f)
	f.Close()
	if err != nil {
		return 0, nil, withReason(ReasonCheckpoint, fmt.Errorf("train: resume %s: %w", p, err))
	}
	sj, ok := info.Meta[metaSpec]
	if !ok {
		return 0, nil, withReason(ReasonCheckpoint, fmt.Errorf("train: resume: %s was written by an older archlab (no run spec in it, format %d): it cannot be resumed exactly; train afresh without resume or into another folder", p, info.Version))
	}
	var stored Spec
	if err := json.Unmarshal([]byte(sj), &stored); err != nil {
		return 0, nil, withReason(ReasonCheckpoint, fmt.Errorf("train: resume: %s: stored spec: %w", p, err))
	}
	switch diff := sameRun(stored, r.Spec, false); diff {
	case "":
	case "source_hash":
		return 0, nil, withReason(ReasonCheckpoint, fmt.Errorf("train: resume: %s holds layer %q (source sha256 %.12s…), this run's layer is %q (%.12s…): a different layer; train it into another folder",
			p, stored.Arch, stored.SourceHash, r.Arch, r.SourceHash))
	default:
		return 0, nil, withReason(ReasonCheckpoint, fmt.Errorf("train: resume: %s belongs to another run: its %s is %s, this run's %s",
			p, diff, specField(stored, diff), specField(r.Spec, diff)))
	}
	if diff := sameRun(stored, r.Spec, true); diff != "" {
		r.log.Warn("train: resuming with another schedule: the result will differ from an uninterrupted run",
			"checkpoint", p, "field", diff, "stored", specField(stored, diff), "now", specField(r.Spec, diff))
	}
	ck, err := gpu.LoadCheckpointFile(p, m.ps, m.opt)
	if err != nil {
		return 0, nil, withReason(ReasonCheckpoint, fmt.Errorf("train: resume: %w", err))
	}
	if ck.Step > r.Steps {
		return 0, nil, withReason(ReasonCheckpoint, fmt.Errorf("train: resume: %s is at step %d, past this run's %d steps", p, ck.Step, r.Steps))
	}
	var losses []float64
	if err := json.Unmarshal([]byte(ck.Meta[metaLosses]), &losses); err != nil {
		return 0, nil, withReason(ReasonCheckpoint, fmt.Errorf("train: resume: %s: stored losses: %w", p, err))
	}
	if err := j.records.Rewind(seed, ck.Step); err != nil {
		return 0, nil, err
	}
	r.log.Info("train: resumed", "seed", seed, "step", ck.Step, "checkpoint", p)
	return ck.Step, losses, nil
}
