package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/lib/results"
	"github.com/archlab/archlab/lib/store"
)

// TestResultsWhileWriting runs `archlab results --dir` again and again
// while a writer adds experiments: every run exits 0 with the contract's
// header and a row count that only grows.
func TestResultsWhileWriting(t *testing.T) {
	dir := t.TempDir()
	w, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	const n = 30
	done := make(chan error, 1)
	go func() {
		defer close(done)
		for i := range n {
			e := &store.Experiment{Name: fmt.Sprint("e", i), Stage: 1, Status: store.Done, Fitness: float64(i) / n,
				FitnessJudge: math.NaN(), ValLoss: 5, Finished: time.Now()}
			if i > 0 {
				e.Parent = 1
			}
			if _, err := w.Insert(context.Background(), e); err != nil {
				done <- err
				return
			}
		}
	}()
	prev := 0
	for rows := 0; rows < n; {
		code, out, stderr := runCLI("results", "--dir", dir)
		if code != 0 {
			t.Fatalf("results: exit %d %s", code, stderr)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(recs[0], ","); got != strings.Join(results.ExperimentColumns, ",") {
			t.Fatalf("header %s", got)
		}
		if rows = len(recs) - 1; rows < prev {
			t.Fatalf("%d rows after %d", rows, prev)
		}
		prev = rows
		code, out, _ = runCLI("results", "--dir", dir, "--table", "rank", "--format", "json")
		var rank []map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &rank) != nil || len(rank) != 1 || rank[0]["n"] != 0.0 {
			t.Fatalf("rank: exit %d %s", code, out)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
