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
