package train

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/eval"
)

// The step loop: one model per seed, trained step by step, evaluated every
// EvalEvery steps and at the end, checkpointed every CkptEvery steps.

// model is one seed's parameters and optimiser with the programs that
// share them: a training and a scoring program for the main task's batch
// shape and for each suite task's.
type model struct {
	ps      *gpu.ParamSet
	opt     *gpu.AdamW
	main    *gpu.Program   // training, (Batch, Seq)
	suite   []*gpu.Program // training, (SuiteBatch, T of suite task k)
	score   *scorer        // inference, (Batch, Seq)
	scoreSu []*scorer      // inference, per suite task
	flops   int64          // training FLOPs per token of the main program
}

func (j *job) newModel(ctx context.Context, seed uint64) (*model, error) {
	r := j.r
	m := &model{ps: gpu.NewParamSet(seed)}
	lim := arch.Limits{}
	trainer := func(B, T int) (*gpu.Program, *net, error) {
		n, err := buildNet(ctx, j.layer, lim, r.shape(), B, T)
		if err != nil {
			return nil, nil, err
		}
		p, err := gpu.Compile(n.g, n.loss, j.backend, &gpu.Options{Params: m.ps})
		if err != nil {
			return nil, nil, fmt.Errorf("train: compile: %w", err)
		}
		return p, n, nil
	}
	scorerOf := func(B, T int) (*scorer, error) {
		n, err := buildNet(ctx, j.layer, lim, r.shape(), B, T)
		if err != nil {
			return nil, err
		}
		p, err := gpu.Compile(n.g, nil, j.backend, &gpu.Options{Params: m.ps, NoGrad: true, Outputs: []*gpu.Node{n.logits}})
		if err != nil {
			return nil, fmt.Errorf("train: compile eval: %w", err)
		}
		return &scorer{prog: p, n: n, B: B, T: T}, nil
	}
	var n *net
	var err error
	if m.main, n, err = trainer(r.Batch, r.Seq); err != nil {
		return nil, err
	}
	m.flops = 3 * n.g.FLOPs(n.loss) / int64(r.Batch*r.Seq)
	if m.score, err = scorerOf(r.Batch, r.Seq); err != nil {
		return nil, err
	}
	for _, t := range r.suite {
		if r.SuiteSteps > 0 {
			break // the suite tasks train their own models (trainTask)
		}
		p, _, err := trainer(r.SuiteBatch, t.T)
		if err != nil {
			return nil, err
		}
		s, err := scorerOf(r.SuiteBatch, t.T)
		if err != nil {
			return nil, err
		}
		m.suite, m.scoreSu = append(m.suite, p), append(m.scoreSu, s)
	}
	m.opt = gpu.NewAdamW(m.ps, gpu.AdamWConfig{LR: r.LR, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: r.WD, ClipNorm: r.Clip})
	return m, nil
}

// close releases the buffers the backend allocated for m's programs
// (page-locked memory on the CUDA backend; nothing on the CPU's).
func (m *model) close() {
	for _, p := range append([]*gpu.Program{m.main}, m.suite...) {
		if p != nil {
			p.Close()
		}
	}
	for _, s := range append([]*scorer{m.score}, m.scoreSu...) {
		if s != nil {
			s.prog.Close()
		}
	}
}

// schedule returns the learning rate schedule of a model trained total
// steps.
func (r *resolved) schedule(total int) gpu.Schedule {
	warm := r.Warmup
	switch r.Sched {
	case "constant":
		return gpu.ConstantLR(r.LR, warm)
	case "wsd":
		return gpu.WSD(r.LR, r.MinLR, warm, total/5, total)
	default:
		return gpu.Cosine(r.LR, r.MinLR, warm, total)
	}
}

// evaluation is one evaluation's numbers.
type evaluation struct {
	val    float64            // validation loss (LM tasks), else 0
	scores map[string]float64 // held-out accuracy per task (the synthetic task, or the suite)
}

// evaluate scores m: validation loss on the corpus, or the synthetic
// task's held-out accuracy; and every suite task's held-out accuracy.
func (j *job) evaluate(ctx context.Context, m *model, seed uint64) (evaluation, error) {
	r := j.r
	ev := evaluation{scores: map[string]float64{}}
	if r.task != nil {
		acc, err := eval.TaskAccuracy(ctx, m.score, r.task.HeldOut(seed, r.HeldOut), r.Batch)
		if err != nil {
			return ev, err
		}
		ev.scores[r.task.Name] = acc
		return ev, nil
	}
	lr, err := eval.Loss(ctx, m.score, j.val)
	if err != nil {
		return ev, err
	}
	ev.val = lr.Loss
	for k, t := range r.suite {
		if k >= len(m.scoreSu) {
			break // separate suite models are scored by trainTask
		}
		acc, err := eval.TaskAccuracy(ctx, m.scoreSu[k], t.HeldOut(seed, r.HeldOut), r.SuiteBatch)
		if err != nil {
			return ev, fmt.Errorf("%s: %w", t.Name, err)
		}
		ev.scores[t.Name] = acc
	}
	return ev, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// runSeed trains one model from seed (from its checkpoint when resuming).
func (j *job) runSeed(ctx context.Context, seed uint64, res *Result) (sr SeedResult, err error) {
	r := j.r
	t0 := time.Now()
	sr = SeedResult{Seed: seed, Scores: map[string]float64{}}
	defer func() {
		sr.WallS = time.Since(t0).Seconds()
		if err != nil {
			sr.Status, sr.Reason, sr.Error = StatusFailed, reasonOf(err), err.Error()
			if ctx.Err() != nil {
				sr.Status, sr.Reason = StatusCancelled, ReasonCancelled
			}
		}
	}()
	m, err := j.newModel(ctx, seed)
	if err != nil {
		return sr, err
	}
	defer m.close()
	res.Params, res.LayerParams, res.FLOPsPerToken = m.ps.Count(), 0, m.flops
	for _, p := range m.ps.List() {
		if strings.Contains(p.Name, ".mixer.") {
			res.LayerParams += p.Value.Len()
		}
	}
	start, losses, err := j.resume(seed, m)
	if err != nil {
		return sr, err
	}
	sched := r.schedule(r.Steps)
	bt := j.batches(seed)
	var last evaluation
	lastEval := -1 // step of the last evaluation in this invocation
	evaluate := func(done int) error {
		d0 := time.Now()
		ev, err := j.evaluate(ctx, m, seed)
		sr.DeviceS += time.Since(d0).Seconds()
		if err != nil {
			return fmt.Errorf("train: evaluate at step %d: %w", done, err)
		}
		last, lastEval = ev, done
		mt := Metric{Seed: seed, Step: done, Tokens: r.tokensAt(done), WallS: time.Since(t0).Seconds()}
		switch {
		case r.task != nil:
			v := ev.scores[r.task.Name]
			mt.TaskScore = &v
		default:
			mt.ValLoss = &ev.val
			if len(ev.scores) > 0 {
				mt.Scores = ev.scores
			}
		}
		if err := j.records.Metric(mt); err != nil {
			return err
		}
		r.log.Info("train: eval", "seed", seed, "step", done, "val_loss", ev.val, "scores", ev.scores)
		return nil
	}
	trainStart := time.Now()
	step := start
	status := StatusOK
	for ; step < r.Steps; step++ {
		if err := ctx.Err(); err != nil {
			sr.Steps = step
			return sr, fmt.Errorf("train: %w", err)
		}
		if r.WallTimeS > 0 && time.Since(j.t0).Seconds() > r.WallTimeS {
			status = StatusBudget
			break
		}
		b, k := bt.at(step)
		prog, task := m.main, ""
		if k >= 0 {
			prog, task = m.suite[k], r.suite[k].Name
		}
		d0 := time.Now()
		if err := setBatch(prog, b); err != nil {
			return sr, fmt.Errorf("train: %w", err)
		}
		loss := float64(prog.Forward())
		if !finite(loss) {
			sr.Steps = step
			return sr, fmt.Errorf("train: step %d: loss is %v: %w", step+1, loss, ErrNonFinite)
		}
		if err := ctx.Err(); err != nil { // between the two halves of a step: halves the latency of a cancel
			sr.Steps = step
			return sr, fmt.Errorf("train: %w", err)
		}
		if err := prog.Backward(); err != nil {
			return sr, fmt.Errorf("train: %w", err)
		}
		lr := sched(step)
		gn, err := m.opt.StepOn(j.backend, lr) // the backend's update where it has one; fails only on a non-finite gradient, updating nothing
		sr.DeviceS += time.Since(d0).Seconds()
		if err != nil {
			sr.Steps = step
			return sr, fmt.Errorf("train: step %d: %w: %w", step+1, ErrNonFinite, err)
		}
		if k < 0 {
			losses = append(losses, loss)
		}
		done := step + 1
		tps := float64(r.tokensAt(done)-r.tokensAt(start)) / time.Since(trainStart).Seconds()
		if err := j.records.Metric(Metric{Seed: seed, Step: done, Task: task, Loss: loss, LR: lr, GradNorm: gn,
			Tokens: r.tokensAt(done), TokensPS: tps, WallS: time.Since(t0).Seconds()}); err != nil {
			return sr, err
		}
		evaluated := done%r.EvalEvery == 0 || done == r.Steps
		if evaluated {
			if err := evaluate(done); err != nil {
				return sr, err
			}
		}
		if done%r.CkptEvery == 0 || done == r.Steps {
			if err := j.saveCheckpoint(seed, m, done, losses); err != nil {
				return sr, err
			}
		}
		if r.cfg.Progress != nil {
			r.cfg.Progress(Progress{Seed: seed, Step: done, Steps: r.Steps, Loss: loss, ValLoss: last.val,
				TokensPS: tps, WallS: time.Since(t0).Seconds(), Evaluated: evaluated})
		}
	}
	sr.Steps, sr.Status = step, status
	if status == StatusBudget {
		sr.Reason = ReasonBudget
	}
	if lastEval != step {
		// Stopped by the budget between evaluations, or resumed from a
		// checkpoint at the end: score the weights as they are.
		if step > start {
			if err := evaluate(step); err != nil {
				return sr, err
			}
			if err := j.saveCheckpoint(seed, m, step, losses); err != nil {
				return sr, err
			}
		} else {
			d0 := time.Now()
			ev, err := j.evaluate(ctx, m, seed)
			sr.DeviceS += time.Since(d0).Seconds()
			if err != nil {
				return sr, fmt.Errorf("train: final evaluation: %w", err)
			}
			last = ev
		}
	}
	if r.SuiteSteps > 0 && status == StatusOK {
		for _, t := range r.suite {
			acc, budget, err := j.trainTask(ctx, seed, t, &sr)
			if err != nil {
				return sr, err
			}
			last.scores[t.Name] = acc
			if budget {
				sr.Status, sr.Reason = StatusBudget, ReasonBudget
				break
			}
		}
	}
	sr.ValLoss, sr.Scores, sr.Bench = last.val, last.scores, benchOf(last.scores)
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

// trainTask trains suite task t's own model (the skeleton at the run's
// shape, initialised from seed, its own AdamW) for SuiteSteps steps and
// returns its held-out accuracy, and whether the wall-time budget stopped
// it early. It keeps no checkpoint: a resumed run retrains it from
// scratch, to the same numbers (its batches are f(seed, step)).
func (j *job) trainTask(ctx context.Context, seed uint64, t *eval.Task, sr *SeedResult) (acc float64, budget bool, err error) {
	r := j.r
	ps := gpu.NewParamSet(seed)
	B := r.SuiteBatch
	n, err := buildNet(ctx, j.layer, arch.Limits{}, r.shape(), B, t.T)
	if err != nil {
		return 0, false, err
	}
	prog, err := gpu.Compile(n.g, n.loss, j.backend, &gpu.Options{Params: ps})
	if err != nil {
		return 0, false, fmt.Errorf("train: compile %s: %w", t.Name, err)
	}
	defer prog.Close()
	ne, err := buildNet(ctx, j.layer, arch.Limits{}, r.shape(), B, t.T)
	if err != nil {
		return 0, false, err
	}
	ep, err := gpu.Compile(ne.g, nil, j.backend, &gpu.Options{Params: ps, NoGrad: true, Outputs: []*gpu.Node{ne.logits}})
	if err != nil {
		return 0, false, fmt.Errorf("train: compile eval %s: %w", t.Name, err)
	}
	defer ep.Close()
	opt := gpu.NewAdamW(ps, gpu.AdamWConfig{LR: r.LR, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: r.WD, ClipNorm: r.Clip})
	sched := r.schedule(r.SuiteSteps)
	t0 := time.Now()
	step := 0
	for ; step < r.SuiteSteps; step++ {
		if err := ctx.Err(); err != nil {
			return 0, false, fmt.Errorf("train: %s: %w", t.Name, err)
		}
		if r.WallTimeS > 0 && time.Since(j.t0).Seconds() > r.WallTimeS {
			budget = true
			break
		}
		d0 := time.Now()
		if err := setBatch(prog, t.Batch(seed, step, B)); err != nil {
			return 0, false, fmt.Errorf("train: %w", err)
		}
		loss := float64(prog.Forward())
		if !finite(loss) {
			return 0, false, fmt.Errorf("train: %s step %d: loss is %v: %w", t.Name, step+1, loss, ErrNonFinite)
		}
		if err := prog.Backward(); err != nil {
			return 0, false, fmt.Errorf("train: %w", err)
		}
		lr := sched(step)
		gn, err := opt.StepOn(j.backend, lr)
		sr.DeviceS += time.Since(d0).Seconds()
		if err != nil {
			return 0, false, fmt.Errorf("train: %s step %d: %w: %w", t.Name, step+1, ErrNonFinite, err)
		}
		done := step + 1
		if err := j.records.Metric(Metric{Seed: seed, Step: done, Task: t.Name, Model: t.Name, Loss: loss, LR: lr, GradNorm: gn,
			Tokens: int64(done) * int64(B*t.T), WallS: time.Since(t0).Seconds()}); err != nil {
			return 0, false, err
		}
	}
	d0 := time.Now()
	acc, err = eval.TaskAccuracy(ctx, &scorer{prog: ep, n: ne, B: B, T: t.T}, t.HeldOut(seed, r.HeldOut), B)
	sr.DeviceS += time.Since(d0).Seconds()
	if err != nil {
		return 0, false, fmt.Errorf("train: evaluate %s: %w", t.Name, err)
	}
	if err := j.records.Metric(Metric{Seed: seed, Step: step, Task: t.Name, Model: t.Name, TaskScore: &acc,
		Tokens: int64(step) * int64(B*t.T), WallS: time.Since(t0).Seconds()}); err != nil {
		return 0, false, err
	}
	r.log.Info("train: suite model", "seed", seed, "task", t.Name, "steps", step, "accuracy", acc)
	return acc, budget, nil
}
