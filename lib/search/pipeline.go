package search

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/scanner"
	"go/token"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/agents/llm"
	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/store"
	"github.com/archlab/archlab/lib/train"
)

// advance moves e from its stored status to an end (done, failed,
// rejected). Every step is stored before the next acts on it, so an
// interrupted advance resumes where it stopped.
func (l *Loop) advance(ctx context.Context, e *store.Experiment) error {
	ctx = withExp(ctx, e.ID)
	for !terminal(e.Status) {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch e.Status {
		case store.Proposed:
			if e.Name == "" && e.Source == "" {
				err = l.research(ctx, e, nil)
			} else {
				err = l.engineer(ctx, e, nil)
			}
		case store.Checked:
			err = l.queue(ctx, e)
		case store.Queued, store.Running:
			err = l.train(ctx, e)
		default:
			return fmt.Errorf("search: experiment %d has status %q", e.ID, e.Status)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeJob writes the worker's input beside the experiment's source.
func (l *Loop) writeJob(e *store.Experiment, mode string, spec train.Spec) error {
	j := exec.JobFile{ID: e.ID, Mode: mode, Source: "layer.go", Spec: spec}
	if mode == exec.ModeTrain && e.Stage == 1 {
		j.Checked = e.SourceHash // its check job passed (status checked)
	}
	b, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return fmt.Errorf("search: job: %w", err)
	}
	return l.st.WriteFile(e.ID, "job.json", b)
}

// job is e's worker job with the limits of one worker: wall seconds, and
// the config's memory limit.
func (l *Loop) job(e *store.Experiment, wallS float64) exec.Job {
	return exec.Job{Dir: l.st.Dir(), ID: e.ID, Threads: l.cfg.Threads, Wall: time.Duration(wallS * float64(time.Second)),
		MemBytes: l.cfg.MemPerExp << 20}
}

// check runs the layer's checks in a worker process and returns the
// report. A worker that crashed yields a report whose compiles verdict
// says so.
func (l *Loop) check(ctx context.Context, e *store.Experiment) (*arch.Report, []byte, exec.Outcome, error) {
	if err := l.writeJob(e, exec.ModeCheck, l.spec[max(e.Stage, 1)]); err != nil { // the check follows the training's length and depth
		return nil, nil, exec.Outcome{}, err
	}
	_ = l.st.WriteFile(e.ID, "check.json", nil) // a stale report must not be read as this one's
	out := l.opt.Executor.Run(ctx, l.job(e, l.cfg.CheckWall))
	if out.Reason == exec.ReasonCancelled || ctx.Err() != nil {
		return nil, nil, out, context.Cause(ctx)
	}
	raw, _ := l.st.ReadFile(e.ID, "check.json")
	var rep arch.Report
	if len(bytes.TrimSpace(raw)) == 0 || json.Unmarshal(raw, &rep) != nil {
		msg := out.Error
		if msg == "" {
			msg = "the check worker wrote no report"
		}
		rep = arch.Report{Arch: e.Name, Checks: []arch.Verdict{{Name: arch.CheckCompiles,
			Reason:  fmt.Sprintf("the check process failed (%s, exit %d): %s", out.Reason, out.Exit, msg),
			Details: map[string]any{"log_tail": out.LogTail}}}}
		raw, _ = json.Marshal(rep)
	}
	return &rep, raw, out, nil
}

// engineer asks the Engineer for a source (or a repair, given fb) and
// checks it, up to MaxCheckPasses; a duplicate of an earlier experiment's
// computation sends the Researcher back. It ends with e checked or
// rejected.
func (l *Loop) engineer(ctx context.Context, e *store.Experiment, fb *agents.Feedback) error {
	parentSrc := ""
	if e.Parent != 0 {
		p, err := l.st.Get(ctx, e.Parent)
		if err != nil {
			return err
		}
		parentSrc = p.Source
	}
	proposals := 0
	prev := ""
	if fb != nil {
		prev = e.Source
	}
	for pass := 1; ; pass++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		src := e.Source
		if e.ID != 1 || fb != nil { // the baseline's source is given, not written
			in := agents.EngineerInput{Seed: seedFor(l.cfg.Seed, e.ID, "engineer#"+strconv.Itoa(pass)),
				Proposal:     agents.Proposal{Name: e.Name, Motivation: e.Motivation, Design: e.Design},
				ParentSource: parentSrc, Contract: arch.Contract, Previous: prev, Feedback: fb}
			code, err := l.opt.Team.Engineer.Write(ctx, in)
			if err != nil {
				if errors.Is(err, agents.ErrBudget) || ctx.Err() != nil {
					return err
				}
				return l.reject(ctx, e, "engineer", err.Error())
			}
			src = code.Source
		}
		e.Source, e.SourceHash = src, hashSource(src)
		if err := l.save(ctx, e, "source"); err != nil {
			return err
		}
		rep, raw, out, err := l.check(ctx, e)
		if err != nil {
			return err
		}
		e.Check = raw
		e.WallS = nan0(e.WallS) + out.WallS
		e.CPUS = nan0(e.CPUS) + out.CPUS
		if rep.OK {
			if dup := l.duplicateOf(ctx, e); dup != "" && e.ID != 1 {
				proposals++
				if proposals >= l.cfg.MaxProposals {
					return l.reject(ctx, e, "duplicate", "computes the same as "+dup)
				}
				if err := l.repropose(ctx, e, dup); err != nil || e.Status != store.Proposed {
					return err
				}
				fb, prev, pass = nil, "", 0
				continue
			}
			e.Status, e.Reason, e.Error = store.Checked, "", ""
			return l.save(ctx, e, "checked")
		}
		failed := rep.Failed()
		reason := "check"
		var names []string
		for _, v := range failed {
			names = append(names, v.Name+": "+v.Reason)
		}
		if len(failed) > 0 && failed[0].Name == arch.CheckCompiles {
			reason = "compile"
			if r, ok := failed[0].Details["reason"].(string); ok && r != "" {
				reason = r // the check process itself crashed, timed out or ran out of memory
			}
		}
		if pass >= l.cfg.MaxCheckPasses || e.ID == 1 {
			return l.reject(ctx, e, reason, fmt.Sprintf("failed its checks after %d passes: %s", pass, strings.Join(names, "; ")))
		}
		fb = &agents.Feedback{Kind: "check", Reason: reason, Message: strings.Join(names, "\n"), Report: raw, Attempts: pass}
		if reason == "compile" {
			fb.Kind = "compile"
		}
		prev = src
		l.emit(e, "repair")
	}
}

func nan0(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

func (l *Loop) reject(ctx context.Context, e *store.Experiment, reason, msg string) error {
	e.Status, e.Reason, e.Error = store.Rejected, reason, msg
	e.Finished = time.Now().UTC()
	return l.save(ctx, e, "rejected")
}

// fingerprint is what the source computes, as far as it can tell without
// running it: its Go tokens without comments or layout. Two sources that
// differ only in comments and formatting are the same experiment.
func fingerprint(src string) string {
	var s scanner.Scanner
	fs := token.NewFileSet()
	f := fs.AddFile("", fs.Base(), len(src))
	s.Init(f, []byte(src), nil, 0)
	var b strings.Builder
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		b.WriteString(tok.String())
		b.WriteByte(' ')
		b.WriteString(lit)
		b.WriteByte('\n')
	}
	return hashSource(b.String())
}

// duplicateOf names an earlier experiment whose source computes the same,
// or "". Fingerprints are stored in the run's meta table.
func (l *Loop) duplicateOf(ctx context.Context, e *store.Experiment) string {
	fp := fingerprint(e.Source)
	var rep struct {
		Fingerprint string `json:"fingerprint"` // the traced graph's, when the checker reports it
	}
	if json.Unmarshal(e.Check, &rep) == nil && rep.Fingerprint != "" {
		fp = rep.Fingerprint
	}
	_ = l.st.SetMeta(context.WithoutCancel(ctx), "fp:"+strconv.FormatInt(e.ID, 10), []byte(fp))
	all, err := l.st.List(ctx, store.Filter{})
	if err != nil {
		return ""
	}
	for _, o := range all {
		if o.ID == e.ID || o.Of != 0 || o.Status == store.Proposed || o.Status == store.Rejected {
			continue
		}
		if b, ok, _ := l.st.Meta(ctx, "fp:"+strconv.FormatInt(o.ID, 10)); ok && string(b) == fp {
			return fmt.Sprintf("#%d %s", o.ID, o.Name)
		}
	}
	return ""
}

// repropose asks the Researcher again, naming the duplicate, and
// replaces the stored proposal.
func (l *Loop) repropose(ctx context.Context, e *store.Experiment, dup string) error {
	return l.research(ctx, e, []string{dup})
}

// queue writes the training job and marks e queued.
func (l *Loop) queue(ctx context.Context, e *store.Experiment) error {
	spec := l.spec[e.Stage]
	spec.Arch = e.Name
	spec.SourceHash = e.SourceHash
	if e.ID == 1 || (e.Stage == 2 && e.Of == 1) {
		spec.Seeds = max(spec.Seeds, l.cfg.Seeds)
	}
	b, _ := json.Marshal(spec)
	e.Spec = b
	if err := l.writeJob(e, exec.ModeTrain, spec); err != nil {
		return err
	}
	e.Status = store.Queued
	return l.save(ctx, e, "queued")
}

// train runs e's training job, with Engineer repairs after run failures.
func (l *Loop) train(ctx context.Context, e *store.Experiment) error {
	held := false
	if e.Status == store.Running { // found running: a previous process was interrupted
		// A scheduler may still hold its job, which Run adopts: the
		// experiment was not interrupted, only its coordinator.
		if h, ok := l.opt.Executor.(exec.Holder); ok && h.Holds(ctx, l.job(e, l.cfg.WallPerExp)) {
			held = true
			l.log.Info("search: adopting the job of an experiment found running", "exp", e.ID, "executor", l.opt.Executor.Name())
		}
	}
	if e.Status == store.Running && !held {
		key := "requeue:" + strconv.FormatInt(e.ID, 10)
		n := 0
		if b, ok, _ := l.st.Meta(ctx, key); ok {
			n, _ = strconv.Atoi(string(b))
		}
		n++
		if err := l.st.SetMeta(context.WithoutCancel(ctx), key, []byte(strconv.Itoa(n))); err != nil {
			return err
		}
		if n > l.cfg.MaxRequeue {
			e.Status, e.Reason = store.Failed, "interrupted"
			e.Error = fmt.Sprintf("interrupted %d times while training", n)
			e.Finished = time.Now().UTC()
			return l.save(ctx, e, "failed")
		}
	}
	if !held {
		e.Tries++
	}
	e.Status = store.Running
	if e.Started.IsZero() {
		e.Started = time.Now().UTC()
	}
	if err := l.save(ctx, e, "running"); err != nil {
		return err
	}
	out := l.opt.Executor.Run(ctx, l.job(e, l.cfg.WallPerExp))
	e.WallS = nan0(e.WallS) + out.WallS
	e.CPUS = nan0(e.CPUS) + out.CPUS
	if out.Reason == exec.ReasonCancelled || ctx.Err() != nil {
		// The search stopped, not the layer: leave it to be re-queued.
		e.Status, e.Tries = store.Queued, e.Tries-1
		if err := l.save(context.WithoutCancel(ctx), e, "queued"); err != nil {
			return err
		}
		return context.Cause(ctx)
	}
	var res train.Result
	raw, rerr := l.st.ReadFile(e.ID, "result.json")
	if rerr == nil {
		rerr = json.Unmarshal(raw, &res)
	}
	if out.OK && rerr == nil && res.Status == train.StatusOK {
		err := l.finish(ctx, e, &res)
		if err != nil && ctx.Err() != nil && e.Status == store.Running {
			// Interrupted while scoring (the baseline's read, the judge):
			// leave it to be re-queued, as an interrupted training is,
			// not stored running with no process behind it.
			e.Status, e.Tries = store.Queued, e.Tries-1
			if serr := l.save(context.WithoutCancel(ctx), e, "queued"); serr != nil {
				return serr
			}
		}
		return err
	}
	reason, msg := out.Reason, out.Error
	if out.OK { // exit 0 but no usable result
		reason = exec.ReasonCrash
		msg = "the worker exited 0 without a result"
		if rerr != nil {
			msg += ": " + rerr.Error()
		} else if res.Error != "" {
			msg = res.Status + ": " + res.Error
		}
	}
	if res.Error != "" && !strings.Contains(msg, res.Error) {
		msg += ": " + res.Error
	}
	e.Reason, e.Error = reason, msg
	if reason == exec.ReasonNode || reason == exec.ReasonPreempted {
		// The scheduler's doing, not the layer's: train the same source
		// again without a repair or a try charged, up to max_requeue times.
		key := "infra:" + strconv.FormatInt(e.ID, 10)
		n := 0
		if b, ok, _ := l.st.Meta(ctx, key); ok {
			n, _ = strconv.Atoi(string(b))
		}
		n++
		if err := l.st.SetMeta(context.WithoutCancel(ctx), key, []byte(strconv.Itoa(n))); err != nil {
			return err
		}
		if n <= l.cfg.MaxRequeue {
			e.Status, e.Tries = store.Queued, e.Tries-1
			return l.save(ctx, e, "queued")
		}
		e.Error = fmt.Sprintf("%s (%d times; max_requeue is %d)", msg, n, l.cfg.MaxRequeue)
		e.Status, e.Finished = store.Failed, time.Now().UTC()
		return l.save(ctx, e, "failed")
	}
	if e.Tries >= l.cfg.MaxTrainTries || e.ID == 1 || e.Stage == 2 {
		e.Status, e.Finished = store.Failed, time.Now().UTC()
		return l.save(ctx, e, "failed")
	}
	// Repair from the run failure: a new source, checked again.
	fb := &agents.Feedback{Kind: "run", Reason: reason, Message: msg, Exit: out.Exit, LogTail: out.LogTail, Attempts: e.Tries}
	e.Status = store.Proposed
	if err := l.save(ctx, e, "repair"); err != nil {
		return err
	}
	for _, name := range []string{"result.json", "metrics.jsonl"} {
		_ = l.st.WriteFile(e.ID, name, nil)
	}
	return l.engineer(ctx, e, fb)
}

// sample returns a measured number over the result's seeds.
func sample(res *train.Result, f func(loss float64, scores map[string]float64) float64) Sample {
	if len(res.Seeds) == 0 {
		return Sample{Mean: f(res.ValLoss, res.Scores), Std: math.NaN(), N: 1}
	}
	var xs []float64
	for _, s := range res.Seeds {
		if s.Status == train.StatusOK || s.Status == train.StatusBudget {
			xs = append(xs, f(s.ValLoss, s.Scores))
		}
	}
	return stat(xs)
}

func stat(xs []float64) Sample {
	s := Sample{N: len(xs), Std: math.NaN()}
	if len(xs) == 0 {
		s.Mean = math.NaN()
		return s
	}
	for _, x := range xs {
		s.Mean += x
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

func valLoss(loss float64, _ map[string]float64) float64 { return loss }

func benchOf(_ float64, scores map[string]float64) float64 {
	if len(scores) == 0 {
		return 0
	}
	var s float64
	for _, v := range scores {
		s += v
	}
	return s / float64(len(scores))
}

// judgeRecord is what the judge column stores: the grade the fitness
// used, and when taken the eloquence probe and the baseline's regrade.
type judgeRecord struct {
	agents.Grade
	Probe    *probeRecord  `json:"probe,omitempty"`
	Baseline *agents.Grade `json:"baseline,omitempty"` // the baseline graded again with this experiment
}

type probeRecord struct {
	Plain    agents.Grade `json:"plain"`
	Inflated agents.Grade `json:"inflated"`
	Sway     int          `json:"sway"` // inflated's total minus plain's
}

// baselineFor returns the baseline experiment of e's stage. At stage 2,
// where the baseline's row may still be training beside e, it waits for
// that row to finish.
func (l *Loop) baselineFor(ctx context.Context, e *store.Experiment) (*store.Experiment, error) {
	if e.Stage == 1 {
		return l.st.Get(ctx, 1)
	}
	for {
		es, err := l.st.List(ctx, store.Filter{Stage: 2})
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(es, func(o *store.Experiment) bool { return o.Of == 1 })
		switch {
		case i < 0:
			return nil, errors.New("search: stage 2 has no baseline row")
		case es[i].Status == store.Done:
			return es[i], nil
		case terminal(es[i].Status):
			return nil, fmt.Errorf("search: the stage-2 baseline (experiment %d) %s: %s", es[i].ID, es[i].Status, es[i].Error)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// finish stores the measured results, the fitness terms, the judge's
// grade and the Analyst's memo, and marks e done.
func (l *Loop) finish(ctx context.Context, e *store.Experiment, res *train.Result) error {
	loss, bench := sample(res, valLoss), sample(res, benchOf)
	e.ValLoss, e.Bench, e.FinalLoss = loss.Mean, bench.Mean, res.FinalLoss
	e.ValStd, e.BenchStd = loss.Std, bench.Std
	e.Scores = res.Scores
	e.Params = res.LayerParams
	e.DeviceS, e.DeviceKind = res.DeviceS, res.Device
	e.Seeds = nil
	for _, s := range res.Seeds {
		e.Seeds = append(e.Seeds, s.Seed)
	}
	if len(e.Seeds) == 0 {
		e.Seeds = []uint64{res.Seed}
	}
	isBase := e.ID == 1 || (e.Stage == 2 && e.Of == 1)
	base := e
	if !isBase {
		var err error
		if base, err = l.baselineFor(ctx, e); err != nil {
			return err
		}
	}
	bl := Sample{Mean: base.ValLoss, Std: base.ValStd, N: max(len(base.Seeds), 1)}
	bb := Sample{Mean: base.Bench, Std: base.BenchStd, N: max(len(base.Seeds), 1)}
	var grade *agents.Grade
	if l.opt.Team.Judge != nil && !l.cfg.NoJudge {
		in := l.judgeInput(ctx, e, base, seedFor(l.cfg.Seed, e.ID, "judge"))
		g, err := l.opt.Team.Judge.Grade(ctx, in)
		switch {
		case err == nil:
			grade = &g
			rec := judgeRecord{Grade: g}
			if !isBase && l.cfg.ProbeEvery > 0 && e.ID%int64(l.cfg.ProbeEvery) == 0 {
				// The eloquence probe: the same experiment under a plain and an
				// inflated motivation; the difference is stored, not used.
				plain, inflated, perr := llm.EloquenceProbe(ctx, l.opt.Team.Judge, in)
				if perr == nil {
					rec.Probe = &probeRecord{Plain: plain, Inflated: inflated, Sway: llm.Sway(plain, inflated)}
				} else if errors.Is(perr, agents.ErrBudget) || ctx.Err() != nil {
					return perr
				}
			}
			if !isBase && l.cfg.RejudgeEvery > 0 && e.ID%int64(l.cfg.RejudgeEvery) == 0 {
				// The baseline judged again beside this batch, on the input
				// of its first grade (its novelty then included), so that
				// only the judge can have moved: drift shows.
				bin := l.judgeInput(ctx, base, base, seedFor(l.cfg.Seed, e.ID, "judge-baseline"))
				if bg, berr := l.opt.Team.Judge.Grade(ctx, bin); berr == nil {
					rec.Baseline = &bg
				} else if errors.Is(berr, agents.ErrBudget) || ctx.Err() != nil {
					return berr
				}
			}
			e.Judge, _ = json.Marshal(rec)
		case errors.Is(err, agents.ErrBudget) || ctx.Err() != nil:
			return err
		default:
			// Recorded on the row: fitness falls back to the measured terms.
			l.log.Warn("search: judge failed; fitness from measured terms", "exp", e.ID, "err", err)
			e.Judge, _ = json.Marshal(map[string]string{"error": err.Error()})
		}
	}
	t := l.cfg.Fit.Score(loss.Mean, bench.Mean, bl.Mean, bb.Mean, grade)
	e.Fitness, e.FitnessLoss, e.FitnessBench, e.FitnessJudge = t.Fitness, t.Loss, t.Bench, t.Judge
	if !isBase {
		e.BeatsASI = BeatsASI(loss, bench, bl, bb)
		e.BeatsNoise = BeatsNoise(loss, bench, bl, bb, l.cfg.Fit.NoiseK)
	}
	if !l.cfg.NoAnalysis && e.Stage == 1 {
		memo, err := l.analyze(ctx, e, base)
		if err != nil {
			if errors.Is(err, agents.ErrBudget) || ctx.Err() != nil {
				return err
			}
			l.log.Warn("search: analyst failed; no memo", "exp", e.ID, "err", err)
		} else {
			b, _ := json.Marshal(memo)
			e.Memo = string(b)
		}
	}
	e.Status, e.Reason, e.Error = store.Done, "", ""
	e.Finished = time.Now().UTC()
	return l.save(ctx, e, "done")
}

func (l *Loop) analyze(ctx context.Context, e, base *store.Experiment) (agents.Memo, error) {
	in := agents.AnalysisInput{Seed: seedFor(l.cfg.Seed, e.ID, "analyst"), Experiment: candidate(e), Baseline: candidate(base)}
	if e.Parent != 0 {
		if p, err := l.st.Get(ctx, e.Parent); err == nil {
			c := candidate(p)
			in.Parent = &c
			if p.Parent != 0 {
				if g, err := l.st.Get(ctx, p.Parent); err == nil {
					gc := candidate(g)
					in.Grandparent = &gc
				}
			}
		}
		if sib, err := l.st.Siblings(ctx, e.ID); err == nil {
			for _, s := range sib {
				if s.ID < e.ID && s.Stage == 1 {
					in.Siblings = append(in.Siblings, candidate(s))
				}
			}
		}
	}
	return l.opt.Team.Analyst.Analyze(ctx, in)
}

// judgeInput is what the Judge grades e on: its source, motivation and
// measured numbers against the baseline's, and its novelty. Fitness and
// memos stay out: fitness holds an earlier grade, and neither exists yet
// when the baseline is first graded, so a regrade of the baseline sees
// exactly what its first grade saw (seed aside).
func (l *Loop) judgeInput(ctx context.Context, e, base *store.Experiment, seed uint64) agents.JudgeInput {
	in := agents.JudgeInput{Seed: seed, Name: e.Name, Motivation: e.Motivation, Source: e.Source,
		Result: measured(e), Baseline: candidate(base), Novelty: l.novelty(ctx, e)}
	in.Result.Status, in.Baseline.Result.Status = string(store.Done), string(store.Done) // both measured by now
	in.Result.Fitness, in.Baseline.Result.Fitness, in.Baseline.Memo = 0, 0, ""
	return in
}

// novelty is 1 minus the largest word overlap of e's motivation with an
// earlier experiment's: 0 for a restatement, 1 for nothing alike.
func (l *Loop) novelty(ctx context.Context, e *store.Experiment) float64 {
	all, err := l.st.List(ctx, store.Filter{Stage: 1})
	if err != nil {
		return 0
	}
	w := wordSet(e.Motivation + " " + string(e.Design))
	best := 0.0
	for _, o := range all {
		if o.ID < e.ID {
			best = math.Max(best, jaccard(w, wordSet(o.Motivation+" "+string(o.Design))))
		}
	}
	return 1 - best
}
