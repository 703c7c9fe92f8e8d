package op

import (
	"fmt"
	"strings"
	"testing"

	"github.com/archlab/archlab/gpu"
)

func input(shape ...int) *Node {
	g := gpu.NewGraph()
	return HostWrap(&HostScope{MaxElems: 1 << 20}, g.Input("x", shape...))
}

func TestShapes(t *testing.T) {
	x := input(2, 5, 12)
	tests := []struct {
		name string
		y    *Node
		want []int
	}{
		{"reshape -1", Reshape(x, 2, -1, 3), []int{2, 20, 3}},
		{"split heads", SplitHeads(x, 3), []int{2, 5, 3, 4}},
		{"merge heads", MergeHeads(SplitHeads(x, 3)), []int{2, 5, 12}},
		{"transpose negative", Transpose(SplitHeads(x, 3), -2, -3), []int{2, 3, 5, 4}},
		{"sum keeps", Sum(x), []int{2, 5, 1}},
		{"slice", Slice(x, -1, 2, 5), []int{2, 5, 3}},
		{"concat", Concat(1, x, x), []int{2, 10, 12}},
		{"causal mask", CausalMask(MatMul(x, Transpose(x, 1, 2))), []int{2, 5, 5}},
		{"broadcast", Mul(SplitHeads(x, 3), Slice(SplitHeads(x, 3), -1, 0, 1)), []int{2, 5, 3, 4}},
	}
	for _, tc := range tests {
		if got := tc.y.Shape(); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: shape %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestMisusePanics(t *testing.T) {
	x := input(2, 5, 12)
	tests := []struct {
		name string
		f    func()
		msg  string
	}{
		{"split heads", func() { SplitHeads(x, 5) }, "divisible"},
		{"linear", func() { Linear(x, x) }, "w must be (in, out)"},
		{"dim", func() { x.Dim(3) }, "Dim(3)"},
		{"merge", func() { MergeHeads(x) }, "want (B,T,H,D)"},
	}
	for _, tc := range tests {
		func() {
			defer func() {
				r := recover()
				if r == nil {
					t.Errorf("%s: no panic", tc.name)
					return
				}
				if !strings.Contains(fmt.Sprint(r), tc.msg) {
					t.Errorf("%s: panic %v, want %q", tc.name, r, tc.msg)
				}
			}()
			tc.f()
		}()
	}
	big := HostWrap(&HostScope{MaxElems: 100}, gpu.NewGraph().Input("x", 2, 5, 12))
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "sandbox limit") {
			t.Errorf("tensor over MaxElems: panic %v", r)
		}
	}()
	Scale(big, 2)
}
