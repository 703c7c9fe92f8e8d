package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/search"
	"github.com/archlab/archlab/lib/train"
)

// instant is an executor that does no work: checks pass and training
// "ends" with a result at once, so a benchmark sees the loop's own cost
// (store writes, selection, files), not training's or the agents'.
type instant struct{ n int }

func (instant) Name() string { return "instant" }
func (instant) Slots() int   { return 1 }

func (x *instant) Run(ctx context.Context, j exec.Job) exec.Outcome {
	dir := filepath.Join(j.Dir, "exp", fmt.Sprint(j.ID))
	var job exec.JobFile
	b, _ := os.ReadFile(filepath.Join(dir, "job.json"))
	json.Unmarshal(b, &job)
	switch job.Mode {
	case exec.ModeCheck:
		rep := arch.Report{Arch: "x", OK: true, Checks: []arch.Verdict{{Name: arch.CheckCompiles, OK: true}}}
		b, _ = json.Marshal(rep)
		os.WriteFile(filepath.Join(dir, "check.json"), b, 0o644)
	case exec.ModeTrain:
		x.n++
		r := train.Result{Status: train.StatusOK, ValLoss: 2 - float64(x.n%7)/100, Scores: map[string]float64{"mqar": 0.5}, Seed: 1}
		if j.ID == 1 {
			r.Seeds = []train.SeedResult{{Seed: 1, Status: "ok", ValLoss: 2, Scores: r.Scores}, {Seed: 2, Status: "ok", ValLoss: 2.01, Scores: r.Scores}}
		}
		b, _ = json.Marshal(r)
		os.WriteFile(filepath.Join(dir, "result.json"), b, 0o644)
	}
	return exec.Outcome{ID: j.ID, OK: true}
}

// BenchmarkLoopOverhead is the loop's cost per experiment without
// training and without agents' thinking (target < 50 ms).
func BenchmarkLoopOverhead(b *testing.B) {
	sc := newScripted()
	sc.unique = true
	sc.names = nil
	for i := range 4096 {
		sc.names = append(sc.names, arch.ZooNames()[i%len(arch.ZooNames())])
	}
	loop, err := search.Open(b.TempDir(), testConfig(), search.Options{Team: sc.team(), Executor: &instant{}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	defer loop.Close()
	ctx := context.Background()
	if _, err := loop.Step(ctx); err != nil { // the baseline
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loop.Step(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
