package search

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/archlab/archlab/lib/store"
)

// Run advances the search until the budget is spent, with up to Workers
// experiments in flight, then re-trains the best at stage 2 (unless
// stage2.top_k is -1 or the budget that stopped it was wall time or
// device hours). Cancelling ctx stops it cleanly: experiments in flight
// are left queued and a later Run resumes them.
func (l *Loop) Run(ctx context.Context, b Budget) error {
	if b.Experiments <= 0 && b.Wall <= 0 && b.DeviceHours <= 0 && b.CPUHours <= 0 {
		return errors.New("search: Run needs a budget: experiments, wall time, device hours or CPU hours")
	}
	var deadline time.Time
	if b.Wall > 0 {
		deadline = time.Now().Add(b.Wall)
	}
	workers := l.cfg.Workers
	if workers <= 0 {
		workers = l.opt.Executor.Slots()
	}
	workers = max(workers, 1)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		inFlight = map[int64]bool{}
		firstErr error
		sem      = make(chan struct{}, workers)
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil && !errors.Is(err, context.Canceled) {
			firstErr = err
		}
		mu.Unlock()
		cancel(err)
	}
	exhausted := false
	for ctx.Err() == nil {
		sem <- struct{}{}
		if ctx.Err() != nil {
			<-sem
			break
		}
		mu.Lock()
		flying := make(map[int64]bool, len(inFlight))
		for id := range inFlight {
			flying[id] = true
		}
		mu.Unlock()
		stop, why, err := l.spent(ctx, b, deadline, flying)
		if err != nil {
			<-sem
			fail(err)
			break
		}
		if stop {
			<-sem
			exhausted = why == "experiments"
			break
		}
		// The baseline goes alone: every fitness needs its numbers.
		if base, err := l.st.Get(ctx, 1); err == nil && !terminal(base.Status) && len(flying) > 0 {
			<-sem
			wg.Wait()
			continue
		}
		mu.Lock()
		e, err := l.nextExcept(ctx, inFlight)
		if err == nil && e != nil {
			inFlight[e.ID] = true
		}
		mu.Unlock()
		if err != nil {
			<-sem
			fail(err)
			break
		}
		if e == nil { // everything unfinished is in flight: wait for one
			<-sem
			time.Sleep(20 * time.Millisecond)
			continue
		}
		wg.Add(1)
		go func(e *store.Experiment) {
			defer wg.Done()
			defer func() { <-sem }()
			defer func() {
				if r := recover(); r != nil {
					fail(fmt.Errorf("search: experiment %d: panic: %v", e.ID, r))
				}
			}()
			err := l.advance(ctx, e)
			mu.Lock()
			delete(inFlight, e.ID)
			mu.Unlock()
			if err != nil {
				fail(err)
			}
		}(e)
		if e.ID == 1 {
			wg.Wait()
		}
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	if err := context.Cause(ctx); err != nil {
		return err
	}
	if exhausted && l.cfg.Stage2.TopK > 0 {
		return l.Verify(ctx)
	}
	return nil
}

// nextExcept is next, skipping experiments already in flight.
func (l *Loop) nextExcept(ctx context.Context, inFlight map[int64]bool) (*store.Experiment, error) {
	if len(inFlight) == 0 {
		return l.next(ctx)
	}
	l.mu.Lock()
	open, err := l.st.List(ctx, store.Filter{Stage: 1, Status: []store.Status{store.Proposed, store.Checked, store.Queued, store.Running}})
	l.mu.Unlock()
	if err != nil {
		return nil, err
	}
	for _, e := range open {
		if !inFlight[e.ID] {
			return e, nil
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	base, err := l.baseline(ctx)
	if err != nil {
		return nil, err
	}
	return l.propose(ctx, base)
}

// spent reports whether the budget is used up, counting experiments in
// flight as finished-to-be. An experiment in flight that the store already
// holds finished (its goroutine has not returned yet) is counted once.
func (l *Loop) spent(ctx context.Context, b Budget, deadline time.Time, inFlight map[int64]bool) (bool, string, error) {
	if !deadline.IsZero() && time.Now().After(deadline) {
		return true, "wall", nil
	}
	all, err := l.st.List(ctx, store.Filter{})
	if err != nil {
		return false, "", err
	}
	var done int
	var device, cpu float64
	for _, e := range all {
		if !math.IsNaN(e.DeviceS) {
			device += e.DeviceS
		}
		if !math.IsNaN(e.CPUS) {
			cpu += e.CPUS
		}
		if e.Stage == 1 && terminal(e.Status) && !inFlight[e.ID] {
			done++
		}
	}
	if b.DeviceHours > 0 && device/3600 >= b.DeviceHours {
		return true, "device", nil
	}
	if b.CPUHours > 0 && cpu/3600 >= b.CPUHours {
		return true, "cpu", nil
	}
	if b.Experiments > 0 && done+len(inFlight) >= b.Experiments {
		return true, "experiments", nil
	}
	return false, "", nil
}

// Verify re-trains the stage-1 baseline and the top_k best stage-1
// experiments under the stage-2 settings (several seeds), once each; rows
// already verified are kept. It is what Run ends with. Up to Workers rows
// train at once; a candidate's fitness waits for the stage-2 baseline's
// numbers.
func (l *Loop) Verify(ctx context.Context) error {
	st1, err := l.st.List(ctx, store.Filter{Stage: 1, Status: []store.Status{store.Done}})
	if err != nil {
		return err
	}
	st2, err := l.st.List(ctx, store.Filter{Stage: 2})
	if err != nil {
		return err
	}
	have := map[int64]*store.Experiment{}
	for _, e := range st2 {
		have[e.Of] = e
	}
	var base *store.Experiment
	var cands []*store.Experiment
	for _, e := range st1 {
		if e.ID == 1 {
			base = e
		} else {
			cands = append(cands, e)
		}
	}
	if base == nil {
		return errors.New("search: stage 2 needs a finished baseline")
	}
	slices.SortStableFunc(cands, func(a, b *store.Experiment) int {
		if c := cmp.Compare(b.Fitness, a.Fitness); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	todo := append([]*store.Experiment{base}, cands[:min(max(l.cfg.Stage2.TopK, 0), len(cands))]...)
	var rows []*store.Experiment
	for _, src := range todo {
		e := have[src.ID]
		if e == nil {
			e = &store.Experiment{Parent: 0, Of: src.ID, Name: src.Name, Motivation: src.Motivation, Design: src.Design,
				Stage: 2, Status: store.Checked, Source: src.Source, SourceHash: src.SourceHash, Check: src.Check,
				Seed: src.Seed, FitnessJudge: math.NaN()}
			if _, err := l.st.Insert(context.WithoutCancel(ctx), e); err != nil {
				return err
			}
			l.emit(e, "checked")
		}
		rows = append(rows, e)
	}
	workers := l.cfg.Workers
	if workers <= 0 {
		workers = l.opt.Executor.Slots()
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		wg  sync.WaitGroup
		sem = make(chan struct{}, max(workers, 1))
	)
	for _, e := range rows {
		sem <- struct{}{}
		if ctx.Err() != nil {
			<-sem
			break
		}
		wg.Add(1)
		go func(e *store.Experiment) {
			defer wg.Done()
			defer func() { <-sem }()
			defer func() {
				if r := recover(); r != nil {
					cancel(fmt.Errorf("search: stage-2 experiment %d: panic: %v", e.ID, r))
				}
			}()
			if err := l.advance(ctx, e); err != nil {
				cancel(err)
			}
		}(e)
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return ctx.Err()
}

// SetStage2 changes which stage-1 experiments a later Verify re-trains (the
// top topK by fitness) and with how many seeds, and stores the change in
// the run's config. Stage 2 does not feed back into stage 1, so it may be
// decided after the search: rows already verified keep their numbers.
func (l *Loop) SetStage2(ctx context.Context, topK, seeds int) error {
	c := l.cfg
	if topK != 0 {
		c.Stage2.TopK = topK
	}
	if seeds != 0 {
		c.Stage2.Seeds = seeds
	}
	if err := c.Validate(); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(c, "", "  ")
	if err := l.st.SetMeta(ctx, "config", b); err != nil {
		return err
	}
	l.cfg = c
	l.spec[2] = l.cfg.StageSpec(2)
	return nil
}

// SetWorkers changes how many experiments Run keeps in flight (0: the
// executor's slots). It is not part of the stored config: a resumed run
// may use another machine.
func (l *Loop) SetWorkers(n int) { l.cfg.Workers = max(n, 0) }
