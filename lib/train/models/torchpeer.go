package models

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// TorchScript is the PyTorch peer's path inside the repository.
const TorchScript = "gpu/testdata/torch/deltanet.py"

// TorchResult is the JSON line deltanet.py bench prints.
type TorchResult struct {
	Impl       string  `json:"impl"` // "pytorch"
	Model      string  `json:"model"`
	TokensPerS float64 `json:"tokens_per_s"`
	StepMS     float64 `json:"step_ms"`
	StepMSMin  float64 `json:"step_ms_min"`
	Params     int     `json:"params"`
	Threads    int     `json:"threads"`
	Steps      int     `json:"steps"`
	Mixer      string  `json:"mixer"`
	Torch      string  `json:"torch"`
	// CPUSPerStep is torch's process CPU time per step (all threads, OpenMP spin included).
	CPUSPerStep   float64 `json:"cpu_s_per_step"`
	TokensPerCPUS float64 `json:"tokens_per_cpu_s"`
}

// FindTorchScript looks for TorchScript in dir and its parents (the
// repository root when run from a checkout).
func FindTorchScript(dir string) (string, error) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("models: find %s: %w", TorchScript, err)
	}
	for {
		p := filepath.Join(d, TorchScript)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("models: %s not found above %q: run from the archlab checkout or pass --torch-script", TorchScript, dir)
		}
		d = parent
	}
}

// RunTorchBench runs the PyTorch peer's benchmark (python is e.g.
// /usr/bin/python3 with Debian's python3-torch) and decodes its line.
func RunTorchBench(ctx context.Context, python, script, model string, threads, steps int) (*TorchResult, error) {
	cmd := exec.CommandContext(ctx, python, script, "bench", "--model", model,
		"--threads", fmt.Sprint(threads), "--steps", fmt.Sprint(steps))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	// Keep torch's own OpenMP/BLAS pools at the same width.
	cmd.Env = append(os.Environ(), fmt.Sprintf("OMP_NUM_THREADS=%d", threads), fmt.Sprintf("OPENBLAS_NUM_THREADS=%d", threads))
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("models: %s %s bench: %w: %s", python, script, err, bytes.TrimSpace(errb.Bytes()))
	}
	var r TorchResult
	lines := bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n"))
	if err := json.Unmarshal(lines[len(lines)-1], &r); err != nil {
		return nil, fmt.Errorf("models: torch bench output %q: %w", out.String(), err)
	}
	if r.TokensPerS <= 0 {
		return nil, errors.New("models: torch bench reported no throughput")
	}
	return &r, nil
}
