package train

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/train/models"
)

// quick is a tiny run: width 32, one layer, MQAR's easiest level.
func quick(out string) Config {
	return Config{Arch: "zoo:deltanet", Preset: "tiny", Task: "mqar-t64-kv8", D: 32, Layers: 1, Heads: 2,
		Steps: 6, Batch: 4, HeldOut: 8, EvalEvery: 3, Threads: 1, Out: out}
}

func readMetrics(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("metrics line %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

func TestRunWritesRecords(t *testing.T) {
	dir := t.TempDir()
	cfg := quick(dir)
	cfg.Seeds = 2
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != StatusOK || res.Steps != 6 || res.Params == 0 || res.FLOPsPerToken == 0 || res.Device == "" {
		t.Fatalf("result: %+v", res)
	}
	if _, ok := res.Scores["mqar-t64-kv8"]; !ok {
		t.Fatalf("no task score: %+v", res.Scores)
	}
	if len(res.Seeds) != 2 || res.Spread["score:mqar-t64-kv8"].N != 2 || res.Spread["final_loss"].N != 2 {
		t.Fatalf("seeds %+v spread %+v", res.Seeds, res.Spread)
	}
	var onDisk Result
	b, err := os.ReadFile(filepath.Join(dir, "result.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &onDisk); err != nil || onDisk.Status != StatusOK || onDisk.Params != res.Params {
		t.Fatalf("result.json: %v %s", err, b)
	}
	ms := readMetrics(t, filepath.Join(dir, "metrics.jsonl"))
	// 2 seeds × (6 training lines + 2 evaluation lines)
	if len(ms) != 16 {
		t.Fatalf("%d metric lines, want 16", len(ms))
	}
	for _, k := range []string{"seed", "step", "loss", "lr", "tokens", "tokens_per_s", "wall_s"} {
		if _, ok := ms[0][k]; !ok {
			t.Errorf("metrics line %v lacks %q", ms[0], k)
		}
	}
	for _, s := range []string{"checkpoint-seed1.bin", "checkpoint-seed2.bin"} {
		if _, err := os.Stat(filepath.Join(dir, s)); err != nil {
			t.Error(err)
		}
	}
}

func TestRunResume(t *testing.T) {
	dir := t.TempDir()
	cfg := quick(dir)
	cfg.Steps = 3
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	cfg.Steps, cfg.Resume = 6, true
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ms := readMetrics(t, filepath.Join(dir, "metrics.jsonl"))
	var steps []int
	for _, m := range ms {
		if _, ok := m["loss"]; ok {
			steps = append(steps, int(m["step"].(float64)))
		}
	}
	if res.Steps != 6 || len(steps) != 6 || steps[3] != 4 {
		t.Fatalf("resumed run: steps %v, result %d", steps, res.Steps)
	}
}

func TestRunCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := quick("")
	cfg.Steps = 50
	cfg.Progress = func(p Progress) {
		if p.Step == 2 {
			cancel()
		}
	}
	res, err := Run(ctx, cfg)
	if !errors.Is(err, context.Canceled) || res.Status != StatusCancelled || res.Steps != 2 {
		t.Fatalf("err %v, result %+v", err, res)
	}
}

func TestRunBadInput(t *testing.T) {
	broken := "package layer\n\nimport \"archlab/op\"\n\nfunc New(p *op.Params, c op.Config) *Layer { return nil }\n"
	tests := []struct {
		name   string
		mod    func(*Config)
		result bool   // a failed Result comes back (the run started)
		msg    string // in the error
	}{
		{"unknown preset", func(c *Config) { c.Preset = "huge" }, false, `unknown preset "huge"`},
		{"no arch", func(c *Config) { c.Arch = "" }, false, "no architecture"},
		{"bad steps", func(c *Config) { c.Steps = -1 }, false, "steps"},
		{"bad schedule", func(c *Config) { c.Sched = "zigzag" }, false, "schedule"},
		{"unknown zoo", func(c *Config) { c.Arch = "zoo:nope" }, false, "no zoo layer"},
		{"unknown task", func(c *Config) { c.Task = "sudoku" }, false, "unknown task"},
		{"broken source", func(c *Config) { c.Source = broken }, true, "missing method"},
		{"heads", func(c *Config) { c.Heads = 3 }, false, "divisible"},
		{"unknown device", func(c *Config) { c.Backend = "tpu" }, false, `device "tpu" is not built in`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := quick("")
			tc.mod(&cfg)
			res, err := Run(context.Background(), cfg)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err %v, want %q", err, tc.msg)
			}
			if (res != nil) != tc.result || (res != nil && res.Status != StatusFailed) {
				t.Fatalf("result %+v", res)
			}
		})
	}
}

// TestRunAutoDevice: "auto" trains on the CPU here (no CUDA library), and
// the result's spec names the device that ran, not "auto".
func TestRunAutoDevice(t *testing.T) {
	t.Setenv("ARCHLAB_CUDA_LIB", filepath.Join(t.TempDir(), "missing.so"))
	cfg := quick("")
	cfg.Steps, cfg.Backend = 2, "auto"
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Spec.Backend != "cpu" || !strings.HasPrefix(res.Device, "cpu-") {
		t.Errorf("backend %q device %q, want cpu", res.Spec.Backend, res.Device)
	}
}

// TestRunCUDAWithoutLibrary: --device cuda where the library is missing
// is a configuration error that says what to do, before anything is
// written.
func TestRunCUDAWithoutLibrary(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "libarchlab_cuda.so")
	t.Setenv("ARCHLAB_CUDA_LIB", missing)
	out := filepath.Join(t.TempDir(), "run")
	cfg := quick(out)
	cfg.Backend = "cuda"
	res, err := Run(context.Background(), cfg)
	for _, want := range []string{"train: gpu: device cuda: gpu/cuda: libarchlab_cuda.so not found", missing, "install/build-cuda.sh", "--device cpu"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err %v, want it to contain %q", err, want)
		}
	}
	if res != nil {
		t.Errorf("a result: %+v", res)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was created", out)
	}
}

// TestSkeletonMatchesReference: the zoo's DeltaNet in the skeleton computes
// the same loss as lib/train/models' reference DeltaNet given the same weights.
func TestSkeletonMatchesReference(t *testing.T) {
	rc, err := models.Preset("deltanet-tiny")
	if err != nil {
		t.Fatal(err)
	}
	ref := models.NewDeltaNet(rc)
	l, err := arch.Zoo("deltanet")
	if err != nil {
		t.Fatal(err)
	}
	B, T := rc.Batch, rc.Seq
	n, err := buildNet(context.Background(), l, arch.Limits{}, Shape{D: rc.D, Layers: rc.Layers, Heads: rc.Heads, Vocab: rc.Vocab}, B, T)
	if err != nil {
		t.Fatal(err)
	}
	be := gpu.Reference()
	pr, err := gpu.Compile(ref.Graph, ref.Loss, be, &gpu.Options{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	pm, err := gpu.Compile(n.g, n.loss, be, &gpu.Options{Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	rename := strings.NewReplacer("embed", "emb", "block", "layers.", ".mixer_norm", ".attn_norm",
		".mixer.wq", ".q_proj", ".mixer.wk", ".k_proj", ".mixer.wv", ".v_proj", ".mixer.wo", ".o_proj", ".mixer.wb", ".b_proj",
		".mixer.cq", ".q_conv", ".mixer.ck", ".k_conv", ".mixer.cv", ".v_conv", ".mixer.norm", ".o_norm")
	for _, p := range pm.Params().List() {
		q := pr.Params().Get(rename.Replace(p.Name))
		if q == nil {
			t.Fatalf("no reference parameter for %s (%s)", p.Name, rename.Replace(p.Name))
		}
		copy(p.Value.Data, q.Value.Data)
	}
	if a, b := pm.Params().Count(), pr.Params().Count(); a != b {
		t.Fatalf("%d parameters, reference %d", a, b)
	}
	r := rand.New(rand.NewPCG(1, 2))
	ids, tg := make([]int32, B*T), make([]int32, B*T)
	for i := range ids {
		ids[i], tg[i] = int32(r.IntN(256)), int32(r.IntN(256))
	}
	pr.SetTokens("ids", ids)
	pr.SetTokens("targets", tg)
	pm.SetTokens("tokens", ids)
	pm.SetTokens("targets", tg)
	a, b := pm.Forward(), pr.Forward()
	const tol = 1e-5 // fp32, same ops in the same order but for the fused conv+SiLU
	if math.Abs(float64(a-b)) > tol {
		t.Fatalf("loss %v, reference %v", a, b)
	}
}

func TestRunBudgets(t *testing.T) {
	cfg := quick("")
	cfg.Steps, cfg.Tokens = 0, 3*4*64 // three steps of B=4, T=64
	res, err := Run(context.Background(), cfg)
	if err != nil || res.Steps != 3 || res.Tokens != 3*4*64 {
		t.Fatalf("token budget: err %v, steps %d, tokens %d", err, res.Steps, res.Tokens)
	}
	cfg = quick("")
	cfg.WallTime = time.Nanosecond
	res, err = Run(context.Background(), cfg)
	if err != nil || res.Status != StatusBudget || res.Steps != 0 {
		t.Fatalf("wall-time budget: err %v, result %+v", err, res)
	}
	if _, ok := res.Scores["mqar-t64-kv8"]; !ok {
		t.Fatalf("a run stopped by its budget is still scored: %+v", res.Scores)
	}
}
