package train

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/gpu/cpu"
	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/data"
	"github.com/archlab/archlab/lib/eval"
)

// Statuses of a Result.
const (
	StatusOK        = "ok"        // trained for every step
	StatusBudget    = "budget"    // stopped at the wall-time budget; the scores are of the model at that point
	StatusCancelled = "cancelled" // ctx ended
	StatusFailed    = "failed"    // the source, the data or the numbers failed: see Error
)

// Result is the record of a run (result.json). With several seeds the
// top-level numbers are the first seed's and Spread summarises all.
type Result struct {
	Arch          string             `json:"arch"`             // "zoo:deltanet" or the file name
	Preset        string             `json:"preset"`           // tiny, small, screen, verify
	Task          string             `json:"task"`             // "opticks", "mqar-t128-kv32", ...
	Status        string             `json:"status"`           // ok, budget, cancelled, failed
	Error         string             `json:"error,omitempty"`  // why it failed, for the Engineer
	Seed          uint64             `json:"seed"`             // seed of the top-level numbers
	Steps         int                `json:"steps"`            // steps done
	Tokens        int64              `json:"tokens"`           // training tokens seen
	FinalLoss     float64            `json:"final_loss"`       // mean training loss over the last 10% of steps
	ValLoss       float64            `json:"val_loss"`         // validation loss (LM tasks), nats/token
	UnigramLoss   float64            `json:"unigram_loss"`     // validation loss of the training unigram distribution (LM tasks)
	Scores        map[string]float64 `json:"scores"`           // benchmark scores per task, e.g. {"mqar-t128-kv32": 0.93}
	Params        int                `json:"params"`           // parameters of the whole model
	LayerParams   int                `json:"layer_params"`     // parameters of the token-mixer layers alone
	FLOPsPerToken int64              `json:"flops_per_token"`  // training FLOPs per token (3 × forward)
	WallS         float64            `json:"wall_s"`           // wall seconds of the whole run
	DeviceS       float64            `json:"device_s"`         // seconds spent in forward/backward/update and evaluation
	Device        string             `json:"device"`           // backend, e.g. "cpu-openblas (threads: 2)"
	Seeds         []SeedResult       `json:"seeds,omitempty"`  // one per seed, when several ran
	Spread        map[string]Stat    `json:"spread,omitempty"` // across seeds: "val_loss", "final_loss", "score:<task>"
}

// SeedResult is one seed's outcome.
type SeedResult struct {
	Seed      uint64             `json:"seed"`
	Status    string             `json:"status"`
	Error     string             `json:"error,omitempty"`
	Steps     int                `json:"steps"`
	FinalLoss float64            `json:"final_loss"`
	ValLoss   float64            `json:"val_loss"`
	Scores    map[string]float64 `json:"scores"`
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

// job is what every seed of a run shares: the layer, the data, the sizes.
type job struct {
	cfg     *resolved
	layer   *arch.Layer
	task    *eval.Task    // synthetic task, or nil for a language model
	ds      *data.Dataset // LM data, or nil
	val     []data.Batch  // LM validation batches
	unigram float64
	seq     int
	backend *cpu.Backend
	metrics *os.File
}

// LoadLayer reads a layer: "zoo:NAME" or a path to a .go file.
func LoadLayer(spec string) (*arch.Layer, error) {
	if name, ok := strings.CutPrefix(spec, "zoo:"); ok {
		return arch.Zoo(name)
	}
	b, err := os.ReadFile(spec)
	if err != nil {
		return nil, fmt.Errorf("train: read layer: %w", err)
	}
	return arch.Parse(filepath.Base(spec), string(b))
}

// Run trains the configured layer in the skeleton, once per seed, and
// returns the result record (also written to Out/result.json when Out is
// set). A bad configuration is an error with no result; a run that starts
// and fails (a broken source, a NaN) returns a Result with status "failed"
// and the same error.
func Run(ctx context.Context, c Config) (*Result, error) {
	t0 := time.Now()
	cfg, err := c.resolve()
	if err != nil {
		return nil, err
	}
	res := &Result{Arch: cfg.Arch, Preset: cfg.Preset, Scores: map[string]float64{}}
	var l *arch.Layer
	if cfg.Source != "" {
		name := cfg.Arch
		if name == "" {
			name = "source"
		}
		l, err = arch.Parse(name, cfg.Source)
		res.Arch = name
	} else {
		l, err = LoadLayer(cfg.Arch)
	}
	fail := func(err error) (*Result, error) {
		res.Status, res.Error = StatusFailed, err.Error()
		res.WallS = time.Since(t0).Seconds()
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			res.Status = StatusCancelled
		}
		cfg.writeResult(res)
		return res, err
	}
	if err != nil {
		var ae *arch.Error
		if errors.As(err, &ae) {
			return fail(err)
		}
		return nil, err
	}
	if cfg.Out != "" {
		if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
	}
	j := &job{cfg: cfg, layer: l}
	if err := j.loadData(ctx, res); err != nil {
		return fail(err)
	}
	if j.task != nil && c.Steps == 0 && c.Tokens > 0 {
		// A synthetic task fixes its own sequence length: count the token
		// budget in its sequences.
		c.Seq = j.seq
		if cfg, err = c.resolve(); err != nil {
			return fail(err)
		}
		j.cfg = cfg
	}
	j.backend = cpu.New(cpu.Options{Threads: cfg.Threads})
	defer j.backend.Close()
	res.Device = fmt.Sprintf("%s (threads: %d)", j.backend.Name(), j.backend.Threads())
	if cfg.Out != "" {
		flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
		if cfg.Resume {
			flags = os.O_CREATE | os.O_WRONLY | os.O_APPEND
		}
		f, err := os.OpenFile(filepath.Join(cfg.Out, "metrics.jsonl"), flags, 0o644)
		if err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
		defer f.Close()
		j.metrics = f
	}
	var firstErr error
	for i := range cfg.Seeds {
		seed := cfg.Seed + uint64(i)
		sr, err := j.runSeed(ctx, seed, res)
		res.Seeds = append(res.Seeds, sr)
		res.DeviceS += sr.DeviceS
		if err != nil && firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	first := res.Seeds[0]
	res.Seed, res.Status, res.Error = first.Seed, first.Status, first.Error
	res.Steps, res.FinalLoss, res.ValLoss, res.Scores = first.Steps, first.FinalLoss, first.ValLoss, first.Scores
	res.Tokens = int64(first.Steps) * int64(cfg.Batch*j.seq)
	for _, s := range res.Seeds {
		if s.Status == StatusFailed || s.Status == StatusCancelled {
			res.Status, res.Error = s.Status, s.Error
		}
	}
	if len(res.Seeds) > 1 {
		res.Spread = spread(res.Seeds)
	} else {
		res.Seeds = nil
	}
	res.WallS = time.Since(t0).Seconds()
	if err := cfg.writeResult(res); err != nil && firstErr == nil {
		firstErr = err
	}
	return res, firstErr
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

func (c *resolved) writeResult(r *Result) error {
	if c.Out == "" {
		return nil
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("train: result: %w", err)
	}
	if err := os.WriteFile(filepath.Join(c.Out, "result.json"), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("train: result: %w", err)
	}
	return nil
}

// taskAliases maps short names to lib/eval's screening tasks.
var taskAliases = map[string]string{"mqar": "mqar-t128-kv32"}

// loadData prepares the task: a synthetic task from lib/eval, or a corpus
// tokenised with the preset's tokenizer.
func (j *job) loadData(ctx context.Context, res *Result) error {
	cfg := j.cfg
	name := cfg.Task
	if a, ok := taskAliases[name]; ok {
		name = a
	}
	if name != "" && !isCorpus(name) {
		t, err := eval.TaskByName(name)
		if err != nil {
			return fmt.Errorf("train: task: %w", err)
		}
		if t.Vocab > cfg.shape.Vocab {
			return fmt.Errorf("train: task %s has vocabulary %d, the preset %d", t.Name, t.Vocab, cfg.shape.Vocab)
		}
		j.task, j.seq = t, t.T
		res.Task = t.Name
		return nil
	}
	spec := cfg.Corpus
	if spec == "" {
		spec = name
	}
	if spec == "" {
		spec = "opticks"
	}
	corpus, err := data.Open(spec)
	if err != nil {
		return fmt.Errorf("train: corpus: %w", err)
	}
	tok, err := data.NewTokenizer(cfg.preset.Tokenizer)
	if err != nil {
		return fmt.Errorf("train: tokenizer: %w", err)
	}
	ds, err := data.Load(ctx, corpus, tok, data.LoadConfig{ValFraction: 0.1, Seed: 1, MaxTrainTokens: 50_000_000, MaxValTokens: 1_000_000})
	if err != nil {
		return fmt.Errorf("train: data: %w", err)
	}
	if len(ds.Train) < cfg.Seq+1 || len(ds.Val) < cfg.Seq+1 {
		return fmt.Errorf("train: corpus %s is too small: %d training and %d validation tokens for sequences of %d", spec, len(ds.Train), len(ds.Val), cfg.Seq)
	}
	j.ds, j.seq = ds, cfg.Seq
	j.cfg.shape.Vocab = tok.VocabSize()
	j.val = data.EvalBatches(ds.Val, cfg.Batch, cfg.Seq, cfg.EvalBatches)
	j.unigram = unigramLoss(ds.Train, j.val, tok.VocabSize())
	res.Task, res.UnigramLoss = ds.Name, j.unigram
	return nil
}

func isCorpus(name string) bool {
	return name == "opticks" || name == "gosrc" || name == "gosource" || strings.ContainsAny(name, "./")
}

// unigramLoss is the validation loss of the training tokens' frequencies
// (add-one smoothed): the bar a model must clear to have learned anything
// beyond letter counts.
func unigramLoss(train []int32, val []data.Batch, vocab int) float64 {
	counts := make([]float64, vocab)
	for _, t := range train {
		counts[t]++
	}
	total := float64(len(train) + vocab)
	var sum float64
	var n int
	for _, b := range val {
		for i, t := range b.Targets {
			if b.Counts(i) {
				sum -= math.Log((counts[t] + 1) / total)
				n++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// metric is one line of metrics.jsonl.
type metric struct {
	Seed      uint64   `json:"seed"`
	Step      int      `json:"step"`
	Loss      float64  `json:"loss,omitempty"`
	LR        float64  `json:"lr,omitempty"`
	GradNorm  float64  `json:"grad_norm,omitempty"`
	Tokens    int64    `json:"tokens"`
	TokensPS  float64  `json:"tokens_per_s,omitempty"`
	WallS     float64  `json:"wall_s"`
	ValLoss   *float64 `json:"val_loss,omitempty"`   // evaluation lines only
	TaskScore *float64 `json:"task_score,omitempty"` // evaluation lines of synthetic tasks: held-out accuracy
}

func (j *job) log(m metric) {
	if j.metrics == nil {
		return
	}
	b, _ := json.Marshal(m)
	j.metrics.Write(append(b, '\n'))
}

func (j *job) ckptPath(seed uint64) string {
	if j.cfg.Out == "" {
		return ""
	}
	return filepath.Join(j.cfg.Out, fmt.Sprintf("checkpoint-seed%d.bin", seed))
}

// runSeed trains one model from seed.
func (j *job) runSeed(ctx context.Context, seed uint64, res *Result) (sr SeedResult, err error) {
	cfg := j.cfg
	t0 := time.Now()
	sr = SeedResult{Seed: seed, Scores: map[string]float64{}}
	defer func() {
		sr.WallS = time.Since(t0).Seconds()
		if err != nil {
			sr.Status, sr.Error = StatusFailed, err.Error()
			if ctx.Err() != nil {
				sr.Status = StatusCancelled
			}
		}
	}()
	B, T := cfg.Batch, j.seq
	lim := arch.Limits{}
	tr, err := buildNet(ctx, j.layer, lim, cfg.shape, B, T)
	if err != nil {
		return sr, err
	}
	ev, err := buildNet(ctx, j.layer, lim, cfg.shape, B, T)
	if err != nil {
		return sr, err
	}
	ps := gpu.NewParamSet(seed)
	prog, err := gpu.Compile(tr.g, tr.loss, j.backend, &gpu.Options{Params: ps})
	if err != nil {
		return sr, fmt.Errorf("train: compile: %w", err)
	}
	evProg, err := gpu.Compile(ev.g, nil, j.backend, &gpu.Options{Params: ps, NoGrad: true, Outputs: []*gpu.Node{ev.logits}})
	if err != nil {
		return sr, fmt.Errorf("train: compile eval: %w", err)
	}
	res.Params = ps.Count()
	res.LayerParams = 0
	for _, p := range ps.List() {
		if strings.Contains(p.Name, ".mixer.") {
			res.LayerParams += p.Value.Len()
		}
	}
	res.FLOPsPerToken = 3 * tr.g.FLOPs(tr.loss) / int64(B*T)
	sc := &scorer{prog: evProg, n: ev, B: B, T: T}

	opt := gpu.NewAdamW(ps, gpu.AdamWConfig{LR: cfg.LR, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: cfg.WD, ClipNorm: cfg.Clip})
	var sched gpu.Schedule
	switch cfg.Sched {
	case "constant":
		sched = gpu.ConstantLR(cfg.LR, cfg.Warmup)
	case "wsd":
		sched = gpu.WSD(cfg.LR, cfg.MinLR, cfg.Warmup, cfg.Steps/5, cfg.Steps)
	default:
		sched = gpu.Cosine(cfg.LR, cfg.MinLR, cfg.Warmup, cfg.Steps)
	}
	start := 0
	if p := j.ckptPath(seed); cfg.Resume && p != "" {
		if f, err := os.Open(p); err == nil {
			ck, err := gpu.LoadCheckpoint(f, ps, opt)
			f.Close()
			if err != nil {
				return sr, fmt.Errorf("train: resume: %w", err)
			}
			start = ck.Step
			cfg.Logger.Info("train: resumed", "seed", seed, "step", start)
		}
	}
	var batcher *data.Batcher
	if j.ds != nil {
		batcher = data.NewBatcher(j.ds.Train, B, T, seed)
	}
	var heldOut *data.Batch
	if j.task != nil {
		heldOut = j.task.HeldOut(seed, cfg.HeldOut)
	}
	evaluate := func() (float64, error) {
		d0 := time.Now()
		defer func() { sr.DeviceS += time.Since(d0).Seconds() }()
		if j.task != nil {
			return eval.TaskAccuracy(ctx, sc, heldOut, B)
		}
		lr, err := eval.Loss(ctx, sc, j.val)
		return lr.Loss, err
	}
	var losses []float64
	lastVal := 0.0
	trainStart := time.Now()
	step := start
	status := StatusOK
	for ; step < cfg.Steps; step++ {
		if err := ctx.Err(); err != nil {
			sr.Status, sr.Steps = StatusCancelled, step
			return sr, fmt.Errorf("train: %w", err)
		}
		if cfg.WallTime > 0 && time.Since(t0) > cfg.WallTime {
			status = StatusBudget
			break
		}
		var b *data.Batch
		if batcher != nil {
			b = batcher.Batch(step)
		} else {
			b = j.task.Batch(seed, step, B)
		}
		d0 := time.Now()
		if err := setBatch(prog, b); err != nil {
			return sr, fmt.Errorf("train: %w", err)
		}
		loss := float64(prog.Forward())
		if err := ctx.Err(); err != nil { // between the two halves of a step: halves the latency of a cancel
			sr.Status, sr.Steps = StatusCancelled, step
			return sr, fmt.Errorf("train: %w", err)
		}
		if err := prog.Backward(); err != nil {
			return sr, fmt.Errorf("train: %w", err)
		}
		lr := sched(step)
		gn, err := opt.Step(lr)
		sr.DeviceS += time.Since(d0).Seconds()
		if err != nil || math.IsNaN(loss) || math.IsInf(loss, 0) {
			if err == nil {
				err = fmt.Errorf("loss is %v", loss)
			}
			sr.Steps = step
			return sr, fmt.Errorf("train: step %d: %w", step, err)
		}
		losses = append(losses, loss)
		done := step + 1
		tokens := int64(done) * int64(B*T)
		tps := float64(int64(done-start)*int64(B*T)) / time.Since(trainStart).Seconds()
		j.log(metric{Seed: seed, Step: done, Loss: loss, LR: lr, GradNorm: gn, Tokens: tokens, TokensPS: tps, WallS: time.Since(t0).Seconds()})
		evaluated := false
		if done%cfg.EvalEvery == 0 || done == cfg.Steps {
			v, err := evaluate()
			if err != nil {
				return sr, fmt.Errorf("train: evaluate at step %d: %w", done, err)
			}
			lastVal, evaluated = v, true
			m := metric{Seed: seed, Step: done, Tokens: tokens, WallS: time.Since(t0).Seconds()}
			if j.task != nil {
				m.TaskScore = &v
			} else {
				m.ValLoss = &v
			}
			j.log(m)
			cfg.Logger.Info("train: eval", "seed", seed, "step", done, "loss", loss, "eval", v)
		}
		if p := j.ckptPath(seed); p != "" && (done%cfg.CkptEvery == 0 || done == cfg.Steps) {
			if err := saveCheckpoint(p, ps, opt, done, cfg); err != nil {
				return sr, err
			}
		}
		if cfg.Progress != nil {
			pr := Progress{Seed: seed, Step: done, Steps: cfg.Steps, Loss: loss, TokensPS: tps, WallS: time.Since(t0).Seconds(), Evaluated: evaluated}
			if j.task == nil {
				pr.ValLoss = lastVal
			}
			cfg.Progress(pr)
		}
	}
	sr.Steps, sr.Status = step, status
	if status == StatusBudget || len(losses) == 0 || (step > 0 && step%cfg.EvalEvery != 0 && step != cfg.Steps) {
		v, err := evaluate()
		if err != nil {
			return sr, fmt.Errorf("train: final evaluation: %w", err)
		}
		lastVal = v
	}
	if j.task != nil {
		sr.Scores[j.task.Name] = lastVal
	} else {
		sr.ValLoss = lastVal
	}
	if n := len(losses); n > 0 {
		k := max(n/10, 1)
		var s float64
		for _, l := range losses[n-k:] {
			s += l
		}
		sr.FinalLoss = s / float64(k)
	}
	return sr, nil
}

// saveCheckpoint writes atomically (temp file, rename), so a crash never
// leaves half a checkpoint.
func saveCheckpoint(path string, ps *gpu.ParamSet, opt *gpu.AdamW, step int, cfg *resolved) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("train: checkpoint: %w", err)
	}
	meta := map[string]string{"preset": cfg.Preset, "arch": cfg.Arch}
	if err := gpu.SaveCheckpoint(f, ps, opt, step, meta); err != nil {
		f.Close()
		return fmt.Errorf("train: checkpoint: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("train: checkpoint: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("train: checkpoint: %w", err)
	}
	return nil
}
