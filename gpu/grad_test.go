package gpu

import (
	"testing"
)

// TestEveryOpGradient checks every registered op has a backward kernel
// and Examples, and that the backward matches float64 finite differences
// on each example.
func TestEveryOpGradient(t *testing.T) {
	for _, d := range Ops() {
		t.Run(d.Name, func(t *testing.T) {
			if d.NoGrad {
				t.Skip("not differentiable by declaration")
			}
			if d.Examples == nil {
				t.Fatalf("op %q has no Examples", d.Name)
			}
			if !d.View && (d.F32.Backward == nil || d.F64.Backward == nil) {
				t.Fatalf("op %q has no backward kernel", d.Name)
			}
			g := NewGraph()
			exs := d.Examples(g)
			if len(exs) == 0 {
				t.Fatalf("op %q: Examples built nothing", d.Name)
			}
			used := false
			for i, y := range exs {
				if err := CheckGradients(y, uint64(i+1)); err != nil {
					t.Errorf("example %d (%v): %v", i, y, err)
				}
				for _, n := range reachable(g.c, []*Node{y}) {
					used = used || n.op == d
				}
			}
			if !used {
				t.Errorf("op %q: no example uses the op", d.Name)
			}
		})
	}
}

// TestFloat32MatchesFloat64 runs every example in float32 on Reference
// and compares with the float64 run.
func TestFloat32MatchesFloat64(t *testing.T) {
	const tol = 2e-4 // float32 rounding over sums of ≤ 17 terms
	for _, d := range Ops() {
		if d.Examples == nil {
			continue
		}
		g := NewGraph()
		for i, y := range d.Examples(g) {
			r32, err := RunExample(y, Reference(), uint64(i+1))
			if err != nil {
				t.Fatal(err)
			}
			e, _, err := compileExample[float64](y, Reference(), uint64(i+1))
			if err != nil {
				t.Fatal(err)
			}
			e.forward()
			for j, v := range e.val[y.id] {
				if diff := float64(r32.Out[j]) - v; diff > tol*max(1, abs64(v)) || -diff > tol*max(1, abs64(v)) {
					t.Errorf("%s example %d: out[%d] float32 %v, float64 %v", d.Name, i, j, r32.Out[j], v)
					break
				}
			}
		}
	}
}

func abs64(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
