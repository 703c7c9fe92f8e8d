package results_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/archlab/archlab/lib/plot"
	"github.com/archlab/archlab/lib/results"
	"github.com/archlab/archlab/lib/store"
)

// writeExampleRun stores a finished search by hand: the baseline, three
// stage-1 experiments, and stage 2 re-training the baseline and all
// three. archlab search writes the same rows (and trains for them).
func writeExampleRun(dir string) error {
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	rows := []struct {
		parent, of int64
		stage      int
		name       string
		loss       float64
		fit        float64
		noise      bool
		deviceS    float64
	}{
		{0, 0, 1, "deltanet", 5.28, 0.5, false, 900},
		{1, 0, 1, "delta_gate", 5.10, 0.8, true, 1200},
		{1, 0, 1, "delta_conv", 5.20, 0.6, false, 1500},
		{2, 0, 1, "delta_gate_conv", 5.05, 0.9, true, 1800},
		{0, 1, 2, "deltanet", 5.01, 0.5, false, 3600},
		{0, 2, 2, "delta_gate", 4.90, 0.7, false, 3600},
		{0, 3, 2, "delta_conv", 4.95, 0.6, false, 3600},
		{0, 4, 2, "delta_gate_conv", 4.80, 0.8, false, 3600},
	}
	for i, r := range rows {
		e := &store.Experiment{Parent: r.parent, Of: r.of, Stage: r.stage, Name: r.name, Status: store.Done, ValLoss: r.loss,
			Fitness: r.fit, FitnessJudge: math.NaN(), BeatsNoise: r.noise, DeviceS: r.deviceS, DeviceKind: "cuda",
			Created: t0.Add(time.Duration(i) * time.Hour), Finished: t0.Add(time.Duration(i+1) * time.Hour)}
		if _, err := st.Insert(context.Background(), e); err != nil {
			return err
		}
	}
	return nil
}

func ExampleOpenRun() {
	tmp, _ := os.MkdirTemp("", "results-example")
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "s1")
	if err := writeExampleRun(dir); err != nil {
		fmt.Println(err)
		return
	}

	run, err := results.OpenRun(dir) // read-only: safe while archlab search writes
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(run)
	df := run.ExperimentFrame(results.Filter{Stage: 1, Lineage: 4}) // experiment 4 and its ancestors
	fmt.Println(df.Select([]string{"id", "parent", "name", "val_loss", "beats_noise"}).Records())

	c := run.Compute() // measured, in the order experiments finished
	fmt.Printf("%s: %.2f in all, #4 at %.2f\n", c.Unit, c.Total, c.At[4])

	fmt.Println(run.StageRank(1000, 1)) // stage 1 against stage 2, baseline left out
	t, _ := run.Table("stages")
	t.Write(os.Stdout, "csv")

	p, _, _ := run.Discoveries(results.DiscoveryOptions{})                   // a notebook cell shows p as its last value
	err = plot.Save(p, filepath.Join(dir, "discoveries.svg"), plot.Notebook) // or saves it, .png or .svg
	fmt.Println(err)
	// Output:
	// s1: 8 experiments (stage 1: 4 done, 0 failed, 0 rejected, 0 in flight; stage 2: 4), beat the baseline: 2 noise-aware, 0 ASI rule; 1.5 device-hours
	// [[id parent name val_loss beats_noise] [1 0 deltanet 5.280000 false] [2 1 delta_gate 5.100000 true] [4 2 delta_gate_conv 5.050000 true]]
	// device-hours: 1.50 in all, #4 at 1.50
	// Spearman ρ = 1.000, 95% bootstrap interval [1.000, 1.000] (n = 3, 889 of 1000 resamples defined)
	// id,stage2_id,name,baseline,status_2,fitness_1,fitness_2,rank_1,rank_2,val_loss_1,val_loss_2,bench_1,bench_2
	// 1,5,deltanet,1,done,0.5,0.5,,,5.28,5.01,0,0
	// 2,6,delta_gate,0,done,0.8,0.7,2,2,5.1,4.9,0,0
	// 3,7,delta_conv,0,done,0.6,0.6,3,3,5.2,4.95,0,0
	// 4,8,delta_gate_conv,0,done,0.9,0.8,1,1,5.05,4.8,0,0
	// <nil>
}
