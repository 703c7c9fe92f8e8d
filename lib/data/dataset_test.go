package data

import (
	"context"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestSplitOf(t *testing.T) {
	const n = 20000
	for _, frac := range []float64{0, 0.01, 0.1, 0.5} {
		val := 0
		for i := range n {
			if SplitOf(fmt.Sprint("doc ", i), 7, frac) == Validation {
				val++
			}
		}
		// Binomial(n, frac): 5 standard deviations.
		if tol := 5 * math.Sqrt(n*frac*(1-frac)); math.Abs(float64(val)-n*frac) > tol+0.5 {
			t.Errorf("frac %v: %d of %d in validation, want %v ± %.0f", frac, val, n, n*frac, tol)
		}
	}
	// The same text always lands in the same split; another seed reshuffles.
	same, moved := 0, 0
	for i := range 1000 {
		s := fmt.Sprint("doc ", i)
		if SplitOf(s, 7, 0.5) != SplitOf(s, 7, 0.5) {
			t.Fatal("SplitOf is not deterministic")
		}
		if SplitOf(s, 7, 0.5) == SplitOf(s, 8, 0.5) {
			same++
		} else {
			moved++
		}
	}
	if moved < 400 || same < 400 {
		t.Errorf("seed 7 vs 8: %d same, %d moved; want about half each", same, moved)
	}
}

func TestLoadOpticksBytes(t *testing.T) {
	c, err := Opticks()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := OpticksPath()
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	all, err := Load(ctx, c, Bytes(), LoadConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Val) != 0 || string(bytesOf(all.Train)) != string(raw) {
		t.Fatalf("ValFraction 0: train is not the file (%d vs %d bytes)", len(all.Train), len(raw))
	}
	ds, err := Load(ctx, c, Bytes(), LoadConfig{ValFraction: 0.1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Train)+len(ds.Val) != len(raw) {
		t.Errorf("train %d + val %d != %d bytes", len(ds.Train), len(ds.Val), len(raw))
	}
	if f := float64(len(ds.Val)) / float64(len(raw)); f < 0.04 || f > 0.2 {
		t.Errorf("validation share %.3f, want about 0.1", f)
	}
	again, _ := Load(ctx, c, Bytes(), LoadConfig{ValFraction: 0.1, Seed: 1})
	if !slices.Equal(again.Val, ds.Val) || !slices.Equal(again.Train, ds.Train) {
		t.Error("Load is not deterministic")
	}
	capped, err := Load(ctx, c, Bytes(), LoadConfig{ValFraction: 0.1, Seed: 1, MaxTrainTokens: 1000, MaxValTokens: 300})
	if err != nil {
		t.Fatal(err)
	}
	if len(capped.Train) != 1000 || len(capped.Val) != 300 || !slices.Equal(capped.Train, ds.Train[:1000]) {
		t.Errorf("capped: %d train, %d val tokens", len(capped.Train), len(capped.Val))
	}
	if _, err := Load(ctx, c, Bytes(), LoadConfig{ValFraction: 1}); err == nil {
		t.Error("ValFraction 1 accepted")
	}
}

func bytesOf(ids []int32) []byte {
	b := make([]byte, len(ids))
	for i, id := range ids {
		b[i] = byte(id)
	}
	return b
}

func TestLoadGPT2SeparatesDocuments(t *testing.T) {
	p := writeFile(t, "c.jsonl", `{"text":"one"}`+"\n"+`{"text":"two"}`+"\n"+`{"text":"three"}`+"\n")
	tok, err := GPT2()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Load(context.Background(), JSONL("text", p), tok, LoadConfig{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, id := range ds.Train {
		ids = append(ids, int(id))
	}
	if got := tok.Decode(ids); got != "one<|endoftext|>two<|endoftext|>three" || ds.TrainDocs != 3 {
		t.Errorf("train decodes to %q (%d docs)", got, ds.TrainDocs)
	}
}

func TestLoadStopsAtCorpusError(t *testing.T) {
	p := writeFile(t, "c.jsonl", `{"text":"one"}`+"\n"+`{"txt":"two"}`+"\n")
	_, err := Load(context.Background(), JSONL("text", p), Bytes(), LoadConfig{})
	if err == nil || !strings.Contains(err.Error(), "c.jsonl:2: missing field") {
		t.Errorf("error = %v", err)
	}
}

func TestLoadCancelled(t *testing.T) {
	c, _ := Opticks()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, c, Bytes(), LoadConfig{}); err == nil {
		t.Error("Load with a cancelled context succeeded")
	}
}

// Budgets stop a large corpus early: the Go tree is 150 MB, these budgets
// need the first few hundred kB.
func TestLoadGoSourceBudget(t *testing.T) {
	c, err := GoSource()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Load(context.Background(), c, Bytes(), LoadConfig{ValFraction: 0.1, Seed: 3, MaxTrainTokens: 200_000, MaxValTokens: 20_000})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Train) != 200_000 || len(ds.Val) != 20_000 || ds.TrainDocs+ds.ValDocs > 500 {
		t.Errorf("train %d val %d tokens from %d+%d files", len(ds.Train), len(ds.Val), ds.TrainDocs, ds.ValDocs)
	}
	if !strings.HasPrefix(string(bytesOf(ds.Train[:200])), "// Copyright") {
		t.Errorf("train starts %q, want a Go file's header", bytesOf(ds.Train[:40]))
	}
}

// Parallel tokenising gives the same streams as one goroutine, stops at a
// budget or a corpus error, and leaves no goroutine behind.
func TestLoadParallel(t *testing.T) {
	tok, err := GPT2()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for i := range 400 {
		lines = append(lines, fmt.Sprintf(`{"text": "document %d: %s"}`, i, strings.Repeat("the light of the sun ", i%9)))
	}
	good := writeFile(t, "good.jsonl", strings.Join(lines, "\n"))
	bad := writeFile(t, "bad.jsonl", strings.Join(lines[:300], "\n")+"\n{oops\n"+strings.Join(lines[300:], "\n"))
	opticks, _ := Opticks()
	ctx := context.Background()
	before := runtime.NumGoroutine()
	for _, tt := range []struct {
		name string
		c    Corpus
		cfg  LoadConfig
	}{
		{"jsonl", JSONL("text", good), LoadConfig{ValFraction: 0.2, Seed: 5}},
		{"jsonl budget", JSONL("text", good), LoadConfig{ValFraction: 0.2, Seed: 5, MaxTrainTokens: 500, MaxValTokens: 100}},
		{"opticks budget", opticks, LoadConfig{ValFraction: 0.1, Seed: 1, MaxTrainTokens: 20_000, MaxValTokens: 2_000}},
	} {
		one := tt.cfg
		one.Workers = 1
		want, err := Load(ctx, tt.c, tok, one)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{2, 5} {
			many := tt.cfg
			many.Workers = w
			got, err := Load(ctx, tt.c, tok, many)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Train, want.Train) || !slices.Equal(got.Val, want.Val) || got.TrainDocs != want.TrainDocs || got.ValDocs != want.ValDocs {
				t.Errorf("%s: %d workers: %d+%d tokens (%d+%d docs), one worker %d+%d (%d+%d)", tt.name, w,
					len(got.Train), len(got.Val), got.TrainDocs, got.ValDocs, len(want.Train), len(want.Val), want.TrainDocs, want.ValDocs)
			}
		}
	}
	for _, w := range []int{1, 4} {
		_, err := Load(ctx, JSONL("text", bad), tok, LoadConfig{Workers: w})
		if err == nil || !strings.Contains(err.Error(), "bad.jsonl:301: bad JSON") {
			t.Errorf("%d workers: error = %v", w, err)
		}
	}
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}
