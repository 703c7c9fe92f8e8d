package search_test

import (
	"context"
	"errors"
	"testing"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/lib/search"
	"github.com/archlab/archlab/lib/store"
)

// cancellingJudge grades as scripted does, but its call for the layer
// named at interrupts the search (a Ctrl-C while a layer is being scored).
type cancellingJudge struct {
	*scripted
	at     string
	cancel context.CancelFunc
}

func (j *cancellingJudge) Grade(ctx context.Context, in agents.JudgeInput) (agents.Grade, error) {
	if in.Name == j.at {
		j.cancel()
		return agents.Grade{}, ctx.Err()
	}
	return j.scripted.Grade(ctx, in)
}

// TestInterruptWhileScoring interrupts the search while a trained layer is
// being scored: Run returns, the experiment is stored queued (to train
// again), not running with no process behind it, and a second Run
// finishes it.
func TestInterruptWhileScoring(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in worker processes")
	}
	dir := t.TempDir()
	sc := newScripted()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	judge := &cancellingJudge{scripted: sc, at: "gated_deltanet", cancel: cancel} // experiment 2
	team := agents.Team{Name: "scripted", Researcher: sc, Engineer: sc, Analyst: sc, Judge: judge}
	loop, err := search.Open(dir, testConfig(), search.Options{Team: team, Executor: executor(t, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if err := loop.Run(ctx, search.Budget{Experiments: 2}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run returned %v, want context.Canceled", err)
	}
	e, err := loop.Store().Get(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != store.Queued {
		t.Fatalf("experiment 2 after the interrupt: %s, want queued", e.Status)
	}
	judge.at = ""
	if err := loop.Run(context.Background(), search.Budget{Experiments: 2}); err != nil {
		t.Fatal(err)
	}
	if e, err = loop.Store().Get(context.Background(), 2); err != nil || e.Status != store.Done {
		t.Fatalf("experiment 2 after resuming: %+v, %v; want done", e, err)
	}
	loop.Close()
}
