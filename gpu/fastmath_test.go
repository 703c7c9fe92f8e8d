package gpu

import (
	"math"
	"testing"
)

func TestExpf32(t *testing.T) {
	const tol = 3e-7 // relative, about 2 float32 ulp
	for x := float32(-87); x < 88; x += 0.01371 {
		want := math.Exp(float64(x))
		got := float64(expf32(x))
		if math.Abs(got-want) > tol*want {
			t.Fatalf("expf32(%v) = %v, want %v (rel err %g)", x, got, want, math.Abs(got-want)/want)
		}
	}
	for x := float32(-87); x < 88; x += 0.01371 {
		want := math.Exp(float64(x))
		if got := float64(expClamped(x)); math.Abs(got-want) > 2*tol*want {
			t.Fatalf("expClamped(%v) = %v, want %v", x, got, want)
		}
	}
	if v := expClamped(float32(math.NaN())); v == v {
		t.Errorf("expClamped(NaN) = %v, want NaN", v)
	}
	if v := expf32(100); !math.IsInf(float64(v), 1) {
		t.Errorf("expf32(100) = %v, want +Inf", v)
	}
	if v := expf32(-200); v != 0 {
		t.Errorf("expf32(-200) = %v, want 0", v)
	}
	if v := expf32(float32(math.NaN())); v == v {
		t.Errorf("expf32(NaN) = %v, want NaN", v)
	}
}

func BenchmarkExp(b *testing.B) {
	x := randSlice(4096)
	y := make([]float32, len(x))
	b.Run("expf32_4096", func(b *testing.B) {
		for b.Loop() {
			for i, v := range x {
				y[i] = expf32(v)
			}
		}
	})
	b.Run("math.Exp_4096", func(b *testing.B) {
		for b.Loop() {
			for i, v := range x {
				y[i] = float32(math.Exp(float64(v)))
			}
		}
	})
}

// TestVectorLoopsMatchScalar checks the activation loops (vectorised C
// where cgo is on) against scalar expClamped on ragged lengths, NaN
// included.
func TestVectorLoopsMatchScalar(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 17, 1000} {
		x := randSlice(n + 1)[:n]
		for i := range x {
			x[i] *= 30
		}
		if n > 3 {
			x[2] = float32(math.NaN())
			x[3] = 200
		}
		y, s := make([]float32, n), make([]float32, n)
		sigmoid32s(y, x)
		for i, v := range x {
			want := 1 / (1 + expClamped(-v))
			if !(y[i] == want || want != want && y[i] != y[i]) {
				t.Fatalf("%s n=%d: sigmoid(%v) = %v, want %v", fastmathImpl, n, v, y[i], want)
			}
		}
		siluSave32(y, s, x)
		for i, v := range x {
			sg := 1 / (1 + expClamped(-v))
			if !(s[i] == sg && y[i] == v*sg || sg != sg && s[i] != s[i]) {
				t.Fatalf("%s n=%d: silu(%v) = %v, σ %v", fastmathImpl, n, v, y[i], s[i])
			}
		}
		if n > 3 {
			x[2], x[3] = 0.5, -1
		}
		var want float64
		for _, v := range x {
			want += float64(expClamped(v - 30))
		}
		if got := float64(expShift32(y, x, 30)); math.Abs(got-want) > 1e-5*want {
			t.Errorf("%s n=%d: Σexp %v, want %v", fastmathImpl, n, got, want)
		}
		if got := float64(expSum32(x, 30)); math.Abs(got-want) > 1e-5*want {
			t.Errorf("%s n=%d: expSum %v, want %v", fastmathImpl, n, got, want)
		}
		d := make([]float32, n)
		expAxpy32(d, x, 30, 2)
		for i, v := range x {
			if w := 2 * expClamped(v-30); d[i] != w {
				t.Fatalf("%s n=%d: axpy[%d] = %v, want %v", fastmathImpl, n, i, d[i], w)
			}
		}
	}
}
