package search_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/archlab/archlab/lib/search"
)

// A search driven one step at a time. The executor here pretends to
// train (see bench_test.go); a real one is exec.NewLocal, which runs each
// check and training in a worker process.
func ExampleLoop_Step() {
	dir, _ := os.MkdirTemp("", "search-example")
	defer os.RemoveAll(dir)
	team, _ := search.NewTeam(search.Defaults(), nil) // the offline agents
	loop, err := search.Open(dir, &search.Config{Seed: 1, Stage1: search.Stage{Preset: "test"}},
		search.Options{Team: team, Executor: &instant{}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer loop.Close()
	for range 3 {
		e, err := loop.Step(context.Background())
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("#%d parent #%d %s: %s\n", e.ID, e.Parent, e.Status, e.Name)
	}
	// Output:
	// #1 parent #0 done: deltanet
	// #2 parent #1 done: delta_beta2
	// #3 parent #1 done: delta_sigmoid_gate_no_conv
}
