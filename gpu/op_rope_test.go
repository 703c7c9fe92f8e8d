package gpu

import (
	"math"
	"testing"
)

// TestRoPENaive compares the RoPE kernel with the rotation written out
// element by element, on a ragged (B,T,H,D) = (2,13,3,10).
func TestRoPENaive(t *testing.T) {
	const B, T, H, D = 2, 13, 3, 10
	const tol = 1e-12 // float64, one rotation per element
	g := NewGraph()
	x := g.Input("x", B, T, H, D)
	y := RoPE(x, 10000)
	e, _, err := compileExample[float64](y, Reference(), 3)
	if err != nil {
		t.Fatal(err)
	}
	e.forward()
	xv, yv := e.val[x.id], e.val[y.id]
	for b := range B {
		for tt := range T {
			for h := range H {
				o := ((b*T+tt)*H + h) * D
				for i := range D / 2 {
					ang := float64(tt) / math.Pow(10000, float64(2*i)/D)
					a, c := xv[o+i], xv[o+i+D/2]
					want0 := a*math.Cos(ang) - c*math.Sin(ang)
					want1 := a*math.Sin(ang) + c*math.Cos(ang)
					if math.Abs(yv[o+i]-want0) > tol || math.Abs(yv[o+i+D/2]-want1) > tol {
						t.Fatalf("b%d t%d h%d pair %d: -want +got\n-%v %v\n+%v %v", b, tt, h, i, want0, want1, yv[o+i], yv[o+i+D/2])
					}
				}
			}
		}
	}
}

// TestRoPERelative: the dot product of a rotated q at position t and a
// rotated k at position s depends only on t−s (the property RoPE exists
// for).
func TestRoPERelative(t *testing.T) {
	const T, D = 12, 8
	const tol = 1e-12
	g := NewGraph()
	x := g.Input("x", 2, T, D)
	y := RoPE(x, 10000)
	e, _, err := compileExample[float64](y, Reference(), 5)
	if err != nil {
		t.Fatal(err)
	}
	xv := e.val[x.id]
	// The same q in row 0 and the same k in row 1 at every position.
	for tt := 1; tt < T; tt++ {
		copy(xv[tt*D:tt*D+D], xv[:D])
		copy(xv[(T+tt)*D:(T+tt)*D+D], xv[T*D:T*D+D])
	}
	e.forward()
	yv := e.val[y.id]
	dot := func(tq, tk int) float64 {
		var s float64
		for i := range D {
			s += yv[tq*D+i] * yv[(T+tk)*D+i]
		}
		return s
	}
	for lag := range 4 {
		want := dot(lag, 0)
		for tk := 1; tk+lag < T; tk++ {
			if got := dot(tk+lag, tk); math.Abs(got-want) > tol {
				t.Fatalf("lag %d at key position %d: -want +got\n-%v\n+%v", lag, tk, want, got)
			}
		}
	}
}
