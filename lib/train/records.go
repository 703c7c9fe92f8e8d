package train

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/archlab/archlab/internal/atomicfile"
)

// Metric is one line of metrics.jsonl: a training line (Loss set) after
// every step, or an evaluation line (ValLoss, TaskScore or Scores set).
type Metric struct {
	Seed      uint64             `json:"seed"`
	Step      int                `json:"step"`            // steps done
	Task      string             `json:"task,omitempty"`  // training lines of a suite batch: its task
	Model     string             `json:"model,omitempty"` // lines of a suite task's own model (SuiteSteps > 0): the task; Step counts that model's steps
	Loss      float64            `json:"loss,omitempty"`
	LR        float64            `json:"lr,omitempty"`
	GradNorm  float64            `json:"grad_norm,omitempty"`
	Tokens    int64              `json:"tokens"`
	TokensPS  float64            `json:"tokens_per_s,omitempty"`
	WallS     float64            `json:"wall_s"`
	ValLoss   *float64           `json:"val_loss,omitempty"`   // evaluation lines of LM tasks
	TaskScore *float64           `json:"task_score,omitempty"` // evaluation lines of a synthetic task: held-out accuracy
	Scores    map[string]float64 `json:"scores,omitempty"`     // evaluation lines with a suite: held-out accuracy per suite task
}

// Records is where a run's records go: files under the run's folder
// today (FileRecords), the store tomorrow. Run calls it from one goroutine.
type Records interface {
	// Metric appends one metrics line.
	Metric(m Metric) error
	// Rewind drops the metrics of seed after step, and the lines of the
	// seed's suite models (Metric.Model, retrained from scratch): a
	// resumed seed goes on from its checkpoint's step, and the lines
	// written after it are written again.
	Rewind(seed uint64, step int) error
	// Result stores the run's record, replacing any earlier one whole.
	Result(r *Result) error
	// Stored returns the stored record, or nil when there is none.
	Stored() (*Result, error)
}

// FileRecords writes metrics.jsonl and result.json in Dir: metrics
// appended line by line, result.json replaced atomically (a temporary file
// renamed over it).
type FileRecords struct {
	Dir string

	mu sync.Mutex
	f  *os.File
}

// Names of the files FileRecords writes.
const (
	MetricsFile = "metrics.jsonl"
	ResultFile  = "result.json"
)

// Reset empties metrics.jsonl (a fresh run in a used folder).
func (fr *FileRecords) Reset() error {
	fr.mu.Lock()
	defer fr.mu.Unlock()
	fr.closeLocked()
	if err := os.WriteFile(filepath.Join(fr.Dir, MetricsFile), nil, 0o644); err != nil {
		return fmt.Errorf("train: records: %w", err)
	}
	return nil
}

// Metric implements Records.
func (fr *FileRecords) Metric(m Metric) error {
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("train: metric: %w", err)
	}
	fr.mu.Lock()
	defer fr.mu.Unlock()
	if fr.f == nil {
		f, err := os.OpenFile(filepath.Join(fr.Dir, MetricsFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return fmt.Errorf("train: metrics: %w", err)
		}
		fr.f = f
	}
	if _, err := fr.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("train: metrics: %w", err)
	}
	return nil
}

// Rewind implements Records: it rewrites metrics.jsonl without seed's
// lines after step (atomically), keeping every other line as it was.
func (fr *FileRecords) Rewind(seed uint64, step int) error {
	fr.mu.Lock()
	defer fr.mu.Unlock()
	fr.closeLocked()
	path := filepath.Join(fr.Dir, MetricsFile)
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("train: metrics: %w", err)
	}
	var keep bytes.Buffer
	dropped := false
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var m struct {
			Seed  uint64 `json:"seed"`
			Step  int    `json:"step"`
			Model string `json:"model"`
		}
		// A line cut short by a crash is dropped with the rest.
		if err := json.Unmarshal(line, &m); err != nil || (m.Seed == seed && (m.Step > step || m.Model != "")) {
			dropped = true
			continue
		}
		keep.Write(line)
		keep.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("train: metrics: %w", err)
	}
	if !dropped {
		return nil
	}
	return writeAtomic(path, keep.Bytes())
}

// Result implements Records.
func (fr *FileRecords) Result(r *Result) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("train: result: %w", err)
	}
	return writeAtomic(filepath.Join(fr.Dir, ResultFile), append(b, '\n'))
}

// Stored implements Records.
func (fr *FileRecords) Stored() (*Result, error) {
	b, err := os.ReadFile(filepath.Join(fr.Dir, ResultFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("train: result: %w", err)
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("train: %s: %w", filepath.Join(fr.Dir, ResultFile), err)
	}
	return &r, nil
}

// Close closes metrics.jsonl.
func (fr *FileRecords) Close() error {
	fr.mu.Lock()
	defer fr.mu.Unlock()
	return fr.closeLocked()
}

func (fr *FileRecords) closeLocked() error {
	if fr.f == nil {
		return nil
	}
	err := fr.f.Close()
	fr.f = nil
	return err
}

// writeAtomic writes b to a temporary file beside path, syncs it and
// renames it over path.
func writeAtomic(path string, b []byte) error {
	if err := atomicfile.Write(path, b); err != nil {
		return fmt.Errorf("train: write %s: %w", path, err)
	}
	return nil
}

// noRecords keeps nothing (a run without Out).
type noRecords struct{}

func (noRecords) Metric(Metric) error      { return nil }
func (noRecords) Rewind(uint64, int) error { return nil }
func (noRecords) Result(*Result) error     { return nil }
func (noRecords) Stored() (*Result, error) { return nil, nil }
