package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/train"
)

// tinySpec trains in a fraction of a second.
var tinySpec = train.Spec{Preset: "tiny", Task: "mqar-t64-kv8", D: 32, Layers: 1, Heads: 2, Steps: 5, Batch: 4, Threads: 1, EvalBatches: 1, HeldOut: 8}

func zooSource(t *testing.T, name string) string {
	t.Helper()
	src, err := arch.ZooSource(name)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// runWorker writes job (and src as layer.go) into a fresh run folder and
// runs `archlab worker` on it in this process.
func runWorker(t *testing.T, job exec.JobFile, src string) (code int, dir, stderr string) {
	t.Helper()
	dir = t.TempDir()
	if err := exec.WriteJob(dir, job, src); err != nil {
		t.Fatal(err)
	}
	code, stderr = runWorkerArgs("--dir", dir, "--exp", "1", "--threads", "1")
	return code, dir, stderr
}

func runWorkerArgs(args ...string) (int, string) {
	var out, errb bytes.Buffer
	code := Main(append([]string{"worker"}, args...), strings.NewReader(""), &out, &errb)
	return code, errb.String()
}

func readReport(t *testing.T, dir string) *arch.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(exec.ExpDir(dir, 1), exec.CheckFileName))
	if err != nil {
		t.Fatal(err)
	}
	var rep arch.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	return &rep
}

func TestWorkerCheck(t *testing.T) {
	noncausal, err := os.ReadFile("../arch/testdata/noncausal.go")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		src    string
		code   int
		failed string // the first failed check in check.json
	}{
		{"deltanet", zooSource(t, "deltanet"), exec.ExitOK, ""},
		{"noncausal", string(noncausal), exec.ExitCheck, arch.CheckCausal},
		{"syntax error", "package layer\n\nfunc New( {\n", exec.ExitCompile, arch.CheckCompiles},
		{"type error", strings.Replace(zooSource(t, "deltanet"), "l.Heads", "l.Hedas", 1), exec.ExitCompile, arch.CheckCompiles},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, dir, stderr := runWorker(t, exec.JobFile{ID: 1, Mode: exec.ModeCheck, Source: "layer.go"}, tc.src)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s", code, tc.code, stderr)
			}
			rep := readReport(t, dir)
			got := ""
			if f := rep.Failed(); len(f) > 0 {
				got = f[0].Name
			}
			if got != tc.failed || rep.OK != (tc.failed == "") {
				t.Errorf("check.json: ok %v, first failed %q, want %q", rep.OK, got, tc.failed)
			}
			if _, err := os.Stat(filepath.Join(exec.ExpDir(dir, 1), exec.ResultFileName)); err == nil {
				t.Errorf("mode check wrote %s", exec.ResultFileName)
			}
		})
	}
}

func TestWorkerTrain(t *testing.T) {
	job := exec.JobFile{ID: 1, Mode: exec.ModeTrain, Source: "layer.go", Spec: tinySpec}
	code, dir, stderr := runWorker(t, job, zooSource(t, "deltanet"))
	if code != exec.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	ed := exec.ExpDir(dir, 1)
	if !readReport(t, dir).OK {
		t.Errorf("check.json is not ok")
	}
	b, err := os.ReadFile(filepath.Join(ed, exec.ResultFileName))
	if err != nil {
		t.Fatal(err)
	}
	var res train.Result
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if res.Status != train.StatusOK || res.Steps != tinySpec.Steps || res.Arch != "layer.go" {
		t.Errorf("result: status %q steps %d arch %q, want ok, %d, layer.go", res.Status, res.Steps, res.Arch, tinySpec.Steps)
	}
	if _, err := os.Stat(filepath.Join(ed, exec.MetricsName)); err != nil {
		t.Error(err)
	}
	if !strings.Contains(stderr, "worker: trained") {
		t.Errorf("stderr lacks the structured log:\n%s", stderr)
	}
}

// A failed check stops a training job before it trains.
func TestWorkerTrainRefusesFailedCheck(t *testing.T) {
	noncausal, err := os.ReadFile("../arch/testdata/noncausal.go")
	if err != nil {
		t.Fatal(err)
	}
	code, dir, stderr := runWorker(t, exec.JobFile{ID: 1, Mode: exec.ModeTrain, Source: "layer.go", Spec: tinySpec}, string(noncausal))
	if code != exec.ExitCheck {
		t.Fatalf("exit %d, want %d\n%s", code, exec.ExitCheck, stderr)
	}
	if _, err := os.Stat(filepath.Join(exec.ExpDir(dir, 1), exec.ResultFileName)); err == nil {
		t.Errorf("a layer that failed its checks was trained")
	}
}

func TestWorkerUsage(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) // writes RUN/exp/1
		args  []string                       // nil: --dir RUN --exp 1
		want  string                         // in the one line on stderr
	}{
		{"no job.json", func(t *testing.T, dir string) {}, nil, "job.json"},
		{"bad job.json", func(t *testing.T, dir string) {
			os.MkdirAll(exec.ExpDir(dir, 1), 0o755)
			os.WriteFile(filepath.Join(exec.ExpDir(dir, 1), exec.JobFileName), []byte("{\"id\": 1,"), 0o644)
		}, nil, "job.json"},
		{"unknown mode", func(t *testing.T, dir string) {
			os.MkdirAll(exec.ExpDir(dir, 1), 0o755)
			os.WriteFile(filepath.Join(exec.ExpDir(dir, 1), exec.JobFileName), []byte(`{"id": 1, "mode": "fly", "source": "layer.go"}`), 0o644)
		}, nil, `unknown mode "fly"`},
		{"missing source", func(t *testing.T, dir string) {
			exec.WriteJob(dir, exec.JobFile{ID: 1, Mode: exec.ModeCheck, Source: "layer.go"}, "")
			os.Remove(filepath.Join(exec.ExpDir(dir, 1), "layer.go"))
		}, nil, "layer.go"},
		{"bad spec", func(t *testing.T, dir string) {
			exec.WriteJob(dir, exec.JobFile{ID: 1, Mode: exec.ModeTrain, Source: "layer.go", Spec: train.Spec{Preset: "huge"}}, zooSource(t, "linear_attention"))
		}, nil, `job.json: train: unknown preset "huge"`},
		{"no --exp", func(t *testing.T, dir string) {}, []string{"--dir", "x"}, "--exp ID are required"},
		{"bad flag", func(t *testing.T, dir string) {}, []string{"--nope"}, "flag provided but not defined"},
		{"unknown device", func(t *testing.T, dir string) {}, []string{"--dir", "x", "--exp", "1", "--device", "tpu"}, `--device "tpu": unknown device`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			args := tc.args
			if args == nil {
				args = []string{"--dir", dir, "--exp", "1"}
			}
			code, stderr := runWorkerArgs(args...)
			if code != exec.ExitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exec.ExitUsage, tc.want)
			}
		})
	}
}

// A worker whose context ends (SIGTERM) exits ExitCancelled.
func TestWorkerCancelled(t *testing.T) {
	dir := t.TempDir()
	if err := exec.WriteJob(dir, exec.JobFile{ID: 1, Mode: exec.ModeTrain, Source: "layer.go", Spec: tinySpec}, zooSource(t, "deltanet")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := &worker{dir: dir, id: 1, env: &Env{Stderr: io.Discard}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if code := w.run(ctx); code != exec.ExitCancelled {
		t.Errorf("exit %d, want %d", code, exec.ExitCancelled)
	}
}

func TestNonFinite(t *testing.T) {
	tests := []struct {
		err  error
		res  *train.Result
		want bool
	}{
		{fmt.Errorf("train: step 3: loss is NaN: %w", train.ErrNonFinite), nil, true},
		{nil, &train.Result{Status: train.StatusFailed, Reason: train.ReasonNonFinite}, true},
		{errors.New("train: data: no such file"), &train.Result{Reason: train.ReasonData}, false},
		{nil, nil, false},
	}
	for _, tc := range tests {
		if got := nonFinite(tc.err, tc.res); got != tc.want {
			t.Errorf("nonFinite(%v, %+v) = %v, want %v", tc.err, tc.res, got, tc.want)
		}
	}
}

// TestMain lets the test binary stand in for the archlab binary: run as
// `TESTBIN archlab ARGS...` it is `archlab ARGS...`, so executor tests can
// start real workers (LocalConfig{Bin: os.Args[0], Args: []string{"archlab"}}).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "archlab" {
		os.Exit(Main(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
	}
	if os.Getenv("ARCHLAB_TEST_AS_ARCHLAB") == "1" { // started as the archlab binary (a search's workers)
		os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestWorkerUnderLocal runs real workers in child processes under the
// local executor: the exit statuses, the files and SIGTERM handling meet.
func TestWorkerUnderLocal(t *testing.T) {
	x, err := exec.NewLocal(exec.LocalConfig{Bin: os.Args[0], Args: []string{"archlab"}, Workers: 3,
		Grace: 5 * time.Second, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	noncausal, err := os.ReadFile("../arch/testdata/noncausal.go")
	if err != nil {
		t.Fatal(err)
	}
	long := tinySpec
	long.Steps = 1_000_000
	tests := []struct {
		name   string
		job    exec.JobFile
		src    string
		cancel bool // cancel once training has started
		reason string
		exit   int
		err    string
	}{
		{"train", exec.JobFile{Mode: exec.ModeTrain, Spec: tinySpec}, zooSource(t, "deltanet"), false, "", 0, ""},
		{"noncausal", exec.JobFile{Mode: exec.ModeCheck}, string(noncausal), false, exec.ReasonCheck, exec.ExitCheck, "check failed: causality: "},
		{"syntax", exec.JobFile{Mode: exec.ModeTrain, Spec: tinySpec}, "package layer\n\nfunc New( {\n", false, exec.ReasonCompile, exec.ExitCompile, "the source did not build: compiles: arch: static"},
		{"cancel", exec.JobFile{Mode: exec.ModeTrain, Spec: long}, zooSource(t, "linear_attention"), true, exec.ReasonCancelled, exec.ExitCancelled, "cancelled: the worker stopped on SIGTERM"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			tc.job.ID, tc.job.Source = 1, "layer.go"
			if err := exec.WriteJob(dir, tc.job, tc.src); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancel {
				go func() {
					metrics := filepath.Join(exec.ExpDir(dir, 1), exec.MetricsName)
					for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
						if st, err := os.Stat(metrics); err == nil && st.Size() > 0 { // training is under way
							break
						}
					}
					cancel()
				}()
			}
			out := x.Run(ctx, exec.Job{Dir: dir, ID: 1, Threads: 1})
			if out.OK != (tc.reason == "") || out.Reason != tc.reason || out.Exit != tc.exit || !strings.HasPrefix(out.Error, tc.err) {
				t.Fatalf("ok %v reason %q exit %d error %q, want reason %q exit %d error %q...\n%s",
					out.OK, out.Reason, out.Exit, out.Error, tc.reason, tc.exit, tc.err, out.LogTail)
			}
			if tc.reason == "" || tc.cancel {
				var res train.Result
				b, err := os.ReadFile(filepath.Join(exec.ExpDir(dir, 1), exec.ResultFileName))
				if err == nil {
					err = json.Unmarshal(b, &res)
				}
				if err != nil {
					t.Fatal(err)
				}
				if want := map[bool]string{false: train.StatusOK, true: train.StatusCancelled}[tc.cancel]; res.Status != want {
					t.Errorf("result.json status %q, want %q", res.Status, want)
				}
			}
		})
	}
}
