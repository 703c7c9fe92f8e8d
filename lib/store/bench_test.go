package store

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/agents"
)

// BenchmarkInsertUpdate is the store's part of one experiment in the loop:
// insert the proposal, update it with its source, then with its results
// (and one call record), each a durable commit. The loop's target is under
// 50 ms per experiment in all.
func BenchmarkInsertUpdate(b *testing.B) {
	ctx := context.Background()
	s := newStore(b)
	base := &Experiment{Name: "baseline", Stage: 1, Status: Done}
	if _, err := s.Insert(ctx, base); err != nil {
		b.Fatal(err)
	}
	src := strings.Repeat("// a line of a layer's Go source, about 60 bytes long ....\n", 50) // 3 KB
	b.ReportAllocs()
	for b.Loop() {
		e := &Experiment{Name: "gated_delta", Motivation: strings.Repeat("m", 500), Parent: base.ID, Stage: 1,
			Status: Proposed, Design: json.RawMessage(`{"gate":"sigmoid"}`)}
		if _, err := s.Insert(ctx, e); err != nil {
			b.Fatal(err)
		}
		e.Source, e.Status = src, Checked
		if err := s.Update(ctx, e); err != nil {
			b.Fatal(err)
		}
		e.Status, e.Finished, e.ValLoss, e.Scores = Done, time.Now(), 3.2, map[string]float64{"mqar": 0.5}
		err := s.Tx(ctx, func(tx *Tx) error {
			if _, err := tx.AddCall(ctx, e.ID, agents.CallRecord{Role: "analyst", Request: src, Reply: src}); err != nil {
				return err
			}
			return tx.Update(ctx, e)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkList100 reads 100 experiments, as a notebook refresh does.
func BenchmarkList100(b *testing.B) {
	ctx := context.Background()
	s := newStore(b)
	for range 100 {
		e := fullExp("x")
		if _, err := s.Insert(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.List(ctx, Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}
