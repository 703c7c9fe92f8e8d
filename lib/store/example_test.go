package store_test

import (
	"context"
	"fmt"
	"log"
	"math"
	"os"

	"github.com/archlab/archlab/lib/store"
)

func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "run")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// The loop opens the run for writing and records a baseline and a child.
	s, err := store.Open(dir, store.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	base := &store.Experiment{Name: "baseline", Stage: 1, Status: store.Done, ValLoss: 3.1}
	if _, err := s.Insert(ctx, base); err != nil {
		log.Fatal(err)
	}
	child := &store.Experiment{Name: "gated", Parent: base.ID, Stage: 1, Status: store.Proposed, ValLoss: math.NaN()}
	if _, err := s.Insert(ctx, child); err != nil {
		log.Fatal(err)
	}
	child.Source, child.Status = "package layer\n", store.Checked
	if err := s.Update(ctx, child); err != nil {
		log.Fatal(err)
	}

	// A notebook reads it at the same time.
	r, err := store.OpenReadOnly(dir)
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	line, err := r.Lineage(ctx, child.ID)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range line {
		fmt.Println(e.ID, e.Name, e.Status, e.ValLoss)
	}
	src, err := r.ReadFile(child.ID, store.SourceFile)
	fmt.Printf("%q %v\n", src, err)
	// Output:
	// 2 gated checked NaN
	// 1 baseline done 3.1
	// "package layer\n" <nil>
}
