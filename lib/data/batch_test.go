package data

import (
	"slices"
	"testing"
)

func stream(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = int32(i)
	}
	return s
}

func TestBatcher(t *testing.T) {
	tests := []struct{ n, B, T int }{{10, 1, 9}, {100, 4, 7}, {1000, 8, 33}, {17, 3, 16}}
	for _, tt := range tests {
		s := stream(tt.n) // token i at position i: a window's tokens are consecutive
		bt := NewBatcher(s, tt.B, tt.T, 42)
		var b Batch
		win := make([]int32, tt.B*(tt.T+1))
		for step := range 20 {
			bt.Fill(step, &b)
			bt.Window(step, win)
			if b.B != tt.B || b.T != tt.T || len(b.Inputs) != tt.B*tt.T || b.Mask != nil {
				t.Fatalf("%+v step %d: batch shape %d×%d", tt, step, b.B, b.T)
			}
			for r := range tt.B {
				in, tg := b.Inputs[r*tt.T:(r+1)*tt.T], b.Targets[r*tt.T:(r+1)*tt.T]
				w := win[r*(tt.T+1) : (r+1)*(tt.T+1)]
				if !slices.Equal(in, w[:tt.T]) || !slices.Equal(tg, w[1:]) {
					t.Fatalf("%+v step %d row %d: Fill and Window disagree", tt, step, r)
				}
				for i := range w {
					if w[i] != w[0]+int32(i) || int(w[i]) >= tt.n {
						t.Fatalf("%+v step %d row %d: window %v is not a slice of the stream", tt, step, r, w)
					}
				}
			}
			if again := bt.Batch(step); !slices.Equal(again.Inputs, b.Inputs) {
				t.Fatalf("%+v: batch %d differs on a second draw", tt, step)
			}
		}
	}
	// Another seed, other windows; every offset is reachable.
	s := stream(50)
	a, b := NewBatcher(s, 16, 4, 1).Batch(0), NewBatcher(s, 16, 4, 2).Batch(0)
	if slices.Equal(a.Inputs, b.Inputs) {
		t.Error("seeds 1 and 2 gave the same batch")
	}
	seen := map[int32]bool{}
	bt := NewBatcher(s, 16, 4, 1)
	for step := range 100 {
		x := bt.Batch(step)
		for r := range 16 {
			seen[x.Inputs[r*4]] = true
		}
	}
	if len(seen) != 50-4 {
		t.Errorf("saw %d distinct offsets, want all %d", len(seen), 50-4)
	}
}

func TestBatcherFillAllocs(t *testing.T) {
	bt := NewBatcher(stream(1000), 8, 64, 3)
	var b Batch
	bt.Fill(0, &b)
	if n := testing.AllocsPerRun(100, func() { bt.Fill(5, &b) }); n > 0 {
		t.Errorf("Fill allocates %v times per call", n)
	}
}

func TestNewBatcherPanics(t *testing.T) {
	for _, tt := range []struct{ n, B, T int }{{5, 1, 5}, {100, 0, 4}, {100, 2, 0}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewBatcher(stream(%d), %d, %d) did not panic", tt.n, tt.B, tt.T)
				}
			}()
			NewBatcher(stream(tt.n), tt.B, tt.T, 0)
		}()
	}
}

func TestEvalBatches(t *testing.T) {
	tests := []struct {
		n, B, T, max int
		want         int // batches
		wantOffsets  []int32
	}{
		{n: 21, B: 2, T: 5, want: 2, wantOffsets: []int32{0, 5, 10, 15}}, // 4 windows, exactly
		{n: 20, B: 2, T: 5, want: 1, wantOffsets: []int32{0, 5}},         // 3 windows: the last partial batch dropped
		{n: 5, B: 1, T: 5, want: 0},
		{n: 1001, B: 2, T: 10, max: 2, want: 2, wantOffsets: []int32{0, 250, 500, 750}}, // 100 windows, 4 spread
	}
	for _, tt := range tests {
		bs := EvalBatches(stream(tt.n), tt.B, tt.T, tt.max)
		if len(bs) != tt.want {
			t.Errorf("%+v: %d batches, want %d", tt, len(bs), tt.want)
			continue
		}
		var offs []int32
		for _, b := range bs {
			for r := range b.B {
				offs = append(offs, b.Inputs[r*b.T])
				if b.Targets[r*b.T] != b.Inputs[r*b.T]+1 || b.Targets[(r+1)*b.T-1] != b.Inputs[r*b.T]+int32(b.T) {
					t.Errorf("%+v: targets are not inputs shifted by one", tt)
				}
			}
		}
		if !slices.Equal(offs, tt.wantOffsets) && len(offs) > 0 {
			t.Errorf("%+v: window offsets %v, want %v", tt, offs, tt.wantOffsets)
		}
	}
}

func TestBatchCounts(t *testing.T) {
	b := &Batch{B: 1, T: 4, Inputs: make([]int32, 4), Targets: []int32{3, IgnoreIndex, 5, 6}}
	if got := b.Count(); got != 3 {
		t.Errorf("no mask: Count = %d, want 3", got)
	}
	b.Mask = []bool{true, true, false, true}
	if got := b.Count(); got != 2 {
		t.Errorf("mask: Count = %d, want 2", got)
	}
}
