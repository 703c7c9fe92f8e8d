package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTrainUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"train"}, 2, "--arch is required"},
		{[]string{"train", "--arch", "zoo:deltanet", "--preset", "huge"}, 2, `unknown preset "huge"`},
		{[]string{"train", "--arch", "zoo:nope"}, 2, "no zoo layer"},
		{[]string{"train", "--arch", "zoo:deltanet", "--steps", "x"}, 2, "invalid value"},
		{[]string{"train", "--arch", "missing.go"}, 2, "missing.go"},
		{[]string{"train", "--arch", "zoo:deltanet", "--threads", "0"}, 2, "--threads 0: give a positive number"},
		{[]string{"train", "--arch", "zoo:deltanet", "--threads", "-2"}, 2, "--threads -2"},
		{[]string{"train", "--arch", "zoo:deltanet", "--resume", "--out", "/nonexistent/run"}, 2, "/nonexistent/run does not exist"},
		{[]string{"train", "--arch", "zoo:deltanet", "--suite", "mqar-t64-kv8,sudoku"}, 2, `unknown task "sudoku"`},
		{[]string{"train", "--arch", "zoo:deltanet", "--device", "tpu"}, 2, `--device "tpu": unknown device; give one of cpu`},
		{[]string{"train", "--arch", "../arch/testdata/noncausal.go", "--preset", "tiny", "--task", "mqar-t64-kv8", "--d", "32", "--heads", "2",
			"--layers", "1", "--steps", "1", "--threads", "1", "-q"}, 1, "fails arch.Check: causality"},
	}
	for _, tc := range tests {
		code, _, errs := runMainArch(tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.err) {
			t.Errorf("%v: code %d, want %d; stderr %q, want %q", tc.args, code, tc.code, errs, tc.err)
		}
	}
}

// TestTrainDeviceCUDAWithoutLibrary: --device cuda with no library exits
// 2 and says what to do.
func TestTrainDeviceCUDAWithoutLibrary(t *testing.T) {
	t.Setenv("ARCHLAB_CUDA_LIB", filepath.Join(t.TempDir(), "libarchlab_cuda.so"))
	code, _, errs := runMainArch("train", "--arch", "zoo:deltanet", "--preset", "tiny", "--task", "mqar-t64-kv8", "--device", "cuda", "-q")
	if code != 2 || !strings.Contains(errs, "libarchlab_cuda.so not found") || !strings.Contains(errs, "--device cpu") {
		t.Errorf("code %d, stderr %q; want 2, the missing library and --device cpu", code, errs)
	}
}

func TestTrainTiny(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runMainArch("train", "--arch", "zoo:linear_attention", "--preset", "tiny", "--task", "mqar-t64-kv8",
		"--d", "32", "--layers", "1", "--heads", "2", "--steps", "3", "--threads", "1", "-q", "--out", dir)
	if code != 0 {
		t.Fatalf("code %d\n%s", code, errs)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if res["status"] != "ok" || res["steps"].(float64) != 3 {
		t.Fatalf("result %s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "result.json")); err != nil {
		t.Fatal(err)
	}
}

// TestTrainSuite: a language-model run with a suite reports the
// validation loss, a score per suite task and their mean, and --resume on
// the finished run prints the same record.
func TestTrainSuite(t *testing.T) {
	dir := t.TempDir()
	args := []string{"train", "--arch", "zoo:deltanet", "--preset", "tiny", "--task", "opticks", "--suite", "mqar-t64-kv8,recall-t65",
		"--d", "32", "--layers", "1", "--heads", "2", "--batch", "2", "--seq", "32", "--suite-batch", "4", "--held-out", "8",
		"--steps", "4", "--threads", "1", "-q", "--out", dir}
	code, out, errs := runMainArch(args...)
	if code != 0 {
		t.Fatalf("code %d\n%s", code, errs)
	}
	var res struct {
		ValLoss float64            `json:"val_loss"`
		Scores  map[string]float64 `json:"scores"`
		Bench   *float64           `json:"bench"`
		Spec    struct {
			Suite      []string `json:"suite"`
			SuiteEvery int      `json:"suite_every"`
		} `json:"spec"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if res.ValLoss == 0 || len(res.Scores) != 2 || res.Bench == nil || len(res.Spec.Suite) != 2 || res.Spec.SuiteEvery != 2 {
		t.Fatalf("result %s", out)
	}
	code, out2, errs := runMainArch(append(args, "--resume")...)
	if code != 0 || out2 != out {
		t.Fatalf("resume of a finished run: code %d\n%s\n%s", code, errs, out2)
	}
}
