package eval

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/archlab/archlab/lib/data"
)

func TestTasksShape(t *testing.T) {
	tests := []struct {
		task    *Task
		perRow  int // counted positions per row
		lookAcc float64
		copyAcc float64
	}{
		{MQAR(MQARConfig{Vocab: 256, T: 64, Pairs: 8}), 8, 1, 0},
		{MQAR(MQARConfig{Vocab: 256, T: 128, Pairs: 32}), 32, 1, 0},
		{MQAR(MQARConfig{Vocab: 64, T: 100, Pairs: 20, PowerA: 1}), 20, 1, 0},
		{InContextRecall(256, 65), 1, 1, 0},
		{InductionHeads(256, 128), 1, 1, 0},
		{InductionHeads(16, 32), 1, 1, 0},
		{SelectiveCopy(256, 128, 16), 16, -1, 1},
		{SelectiveCopy(10, 20, 10), 10, -1, 1},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.task.Name, func(t *testing.T) {
			tk := tt.task
			b := tk.Batch(3, 0, 16)
			if b.B != 16 || b.T != tk.T || len(b.Inputs) != 16*tk.T || len(b.Mask) != 16*tk.T {
				t.Fatalf("batch shape %d×%d", b.B, b.T)
			}
			for r := range b.B {
				n := 0
				for tt := range b.T {
					i := r*b.T + tt
					if in := b.Inputs[i]; in < 0 || int(in) >= tk.Vocab {
						t.Fatalf("row %d pos %d: input %d outside the vocabulary", r, tt, in)
					}
					if b.Mask[i] != (b.Targets[i] != data.IgnoreIndex) {
						t.Fatalf("row %d pos %d: mask %v but target %d", r, tt, b.Mask[i], b.Targets[i])
					}
					if b.Mask[i] {
						n++
						if tg := b.Targets[i]; tg < 0 || int(tg) >= tk.Vocab {
							t.Fatalf("row %d pos %d: target %d outside the vocabulary", r, tt, tg)
						}
					}
				}
				if n != tt.perRow {
					t.Fatalf("row %d: %d counted positions, want %d", r, n, tt.perRow)
				}
			}
			// Pure functions of their arguments; held-out differs from training.
			if again := tk.Batch(3, 0, 16); !slices.Equal(again.Inputs, b.Inputs) || !slices.Equal(again.Targets, b.Targets) {
				t.Error("Batch(3, 0, 16) differs between calls")
			}
			if next := tk.Batch(3, 1, 16); slices.Equal(next.Inputs, b.Inputs) {
				t.Error("steps 0 and 1 gave the same batch")
			}
			held := tk.HeldOut(3, 16)
			if slices.Equal(held.Inputs, b.Inputs) {
				t.Error("held-out set equals training batch 0")
			}
			if other := tk.Batch(4, 0, 16); slices.Equal(other.Inputs, b.Inputs) {
				t.Error("seeds 3 and 4 gave the same batch")
			}
			// Solvable from the input alone, by the right mechanism.
			for _, c := range []struct {
				name string
				m    Model
				want float64
			}{{"lookback", lookback, tt.lookAcc}, {"copier", copier, tt.copyAcc}} {
				if c.want < 0 {
					continue
				}
				acc, err := TaskAccuracy(ctx, c.m, held, 5)
				if err != nil {
					t.Fatal(err)
				}
				if c.want == 1 && acc != 1 || c.want == 0 && acc > 0.25 {
					t.Errorf("%s model: accuracy %.3f, want %v", c.name, acc, c.want)
				}
			}
		})
	}
}

func TestMQARLayout(t *testing.T) {
	for _, zero := range []bool{false, true} {
		t.Run(fmt.Sprint("ZeroFill=", zero), func(t *testing.T) { testMQARLayout(t, zero) })
	}
}

func testMQARLayout(t *testing.T, zeroFill bool) {
	c := MQARConfig{Vocab: 256, T: 128, Pairs: 16, ZeroFill: zeroFill}
	b := MQAR(c).Batch(1, 0, 8)
	fillers := 0
	for r := range b.B {
		in, tg := b.Inputs[r*b.T:(r+1)*b.T], b.Targets[r*b.T:(r+1)*b.T]
		val := map[int32]int32{}
		for i := range c.Pairs {
			k, v := in[2*i], in[2*i+1]
			if k < 1 || k >= 128 || v < 128 || v >= 256 {
				t.Fatalf("row %d pair %d: key %d value %d outside their halves", r, i, k, v)
			}
			if _, dup := val[k]; dup {
				t.Fatalf("row %d: key %d repeated", r, k)
			}
			val[k] = v
		}
		asked := map[int32]bool{}
		for p := 2 * c.Pairs; p < c.T; p++ {
			if tg[p] == data.IgnoreIndex {
				if in[p] != 0 {
					fillers++
				}
				continue
			}
			if (p-2*c.Pairs)%2 != 0 || tg[p] != val[in[p]] || asked[in[p]] {
				t.Fatalf("row %d pos %d: query %d -> %d, want an unasked key's value %d at an even slot", r, p, in[p], tg[p], val[in[p]])
			}
			asked[in[p]] = true
		}
		if len(asked) != c.Pairs {
			t.Fatalf("row %d: %d keys asked, want %d", r, len(asked), c.Pairs)
		}
	}
	// 8 rows × 80 non-query slots: random filler is almost never 0.
	if zeroFill && fillers != 0 || !zeroFill && fillers < 8*80*9/10 {
		t.Errorf("ZeroFill %v: %d non-zero fillers", zeroFill, fillers)
	}
}

// With Zoology's PowerA = 0.01 the query slots crowd the start of the
// query region; with PowerA = 1 they are uniform.
func TestMQARQuerySlots(t *testing.T) {
	mean := func(a float64) float64 {
		c := MQARConfig{Vocab: 256, T: 256, Pairs: 8, PowerA: a}
		b := MQAR(c).HeldOut(5, 200)
		sum, n := 0.0, 0
		for i, m := range b.Mask {
			if m {
				sum += float64((i%b.T - 2*c.Pairs) / 2)
				n++
			}
		}
		return sum / float64(n)
	}
	power, flat := mean(0.01), mean(1)
	if !(power < 0.7*flat) || flat < 50 || flat > 70 { // uniform over 120 slots: mean 59.5
		t.Errorf("mean query slot: %.1f with PowerA 0.01, %.1f with 1; want the first well below the second (≈59.5)", power, flat)
	}
}

func TestAccuracy(t *testing.T) {
	b := &data.Batch{B: 2, T: 3,
		Inputs:  make([]int32, 6),
		Targets: []int32{5, data.IgnoreIndex, 7, 1, 2, 3},
		Mask:    []bool{true, true, true, false, true, true},
	}
	tests := []struct {
		pred []int32
		want float64
	}{
		{[]int32{5, 0, 7, 0, 2, 3}, 1},
		{[]int32{5, 9, 7, 1, 0, 0}, 0.5}, // position 1 has no target, 3 is masked out
		{[]int32{0, 0, 0, 1, 0, 0}, 0},
	}
	for _, tt := range tests {
		if got := Accuracy(b, tt.pred); got != tt.want {
			t.Errorf("Accuracy(%v) = %v, want %v", tt.pred, got, tt.want)
		}
	}
}

func TestTaskByName(t *testing.T) {
	names := map[string]bool{}
	for _, tk := range ScreeningTasks() {
		if names[tk.Name] {
			t.Errorf("duplicate task name %s", tk.Name)
		}
		names[tk.Name] = true
		got, err := TaskByName(tk.Name)
		if err != nil || got.Name != tk.Name {
			t.Errorf("TaskByName(%q) = %v, %v", tk.Name, got, err)
		}
	}
	if _, err := TaskByName("mqar"); err == nil {
		t.Error("TaskByName(unknown) succeeded")
	}
}

func TestTaskConfigPanics(t *testing.T) {
	for i, f := range []func(){
		func() { MQAR(MQARConfig{Vocab: 256, T: 100, Pairs: 32}) }, // T < 4·Pairs
		func() { MQAR(MQARConfig{Vocab: 16, T: 256, Pairs: 8}) },   // 8 keys need Vocab/2 > 8
		func() { SelectiveCopy(256, 10, 6) },
		func() { InductionHeads(2, 10) },
		func() { InContextRecall(8, 64) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("case %d did not panic", i)
				}
			}()
			f()
		}()
	}
}

func ExampleMQAR() {
	// ZeroFill shows the layout; by default the 0s are random tokens.
	task := MQAR(MQARConfig{Vocab: 16, T: 16, Pairs: 2, ZeroFill: true})
	b := task.Batch(1, 0, 1) // seed 1, step 0, one row
	fmt.Println(task.Name)
	fmt.Println("inputs ", b.Inputs)
	fmt.Println("targets", b.Targets)
	// Output:
	// mqar-t16-kv2
	// inputs  [5 10 2 9 0 0 2 0 0 0 5 0 0 0 0 0]
	// targets [-1 -1 -1 -1 -1 -1 9 -1 -1 -1 10 -1 -1 -1 -1 -1]
}

func ExampleAccuracy() {
	task := InductionHeads(16, 8)
	b := task.HeldOut(1, 4)
	pred := make([]int32, len(b.Targets)) // a model that always says 0
	fmt.Printf("%s: %.2f\n", task.Name, Accuracy(b, pred))
	// Output: induction-t8: 0.00
}
