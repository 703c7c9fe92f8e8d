package plot

import (
	"math"
	"testing"
)

// tol: the expected values below are exact fractions printed to 1e-12.
const tol = 1e-12

func TestRanksTies(t *testing.T) {
	got := Ranks([]float64{10, 20, 10, 30, 20, 20})
	want := []float64{1.5, 4, 1.5, 6, 4, 4}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Ranks = %v, want %v", got, want)
		}
	}
}

func TestCorrelations(t *testing.T) {
	cases := []struct {
		name                       string
		x, y                       []float64
		spearman, kendall, pearson float64
	}{
		{"identical order", []float64{1, 2, 3, 4}, []float64{10, 20, 35, 100}, 1, 1, 0.9086622531039847},
		{"reversed", []float64{1, 2, 3}, []float64{3, 2, 1}, -1, -1, -1},
		// one swap among four: Spearman 1 - 6·2/(4·15) = 0.8, Kendall (5-1)/6
		{"one swap", []float64{1, 2, 3, 4}, []float64{1, 3, 2, 4}, 0.8, 4.0 / 6, 0.8},
		// ties in x: tau-b = (C-D)/sqrt((n0-n1)(n0-n2)) with C=5, D=0, n1=1
		{"tie in x", []float64{1, 1, 2, 3}, []float64{1, 2, 3, 4}, 0.9486832980505138, 5 / math.Sqrt(5*6), 0.9438798074485389},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Spearman(c.x, c.y); math.Abs(got-c.spearman) > tol {
				t.Errorf("Spearman = %v, want %v", got, c.spearman)
			}
			if got := Kendall(c.x, c.y); math.Abs(got-c.kendall) > tol {
				t.Errorf("Kendall = %v, want %v", got, c.kendall)
			}
			if got := Pearson(c.x, c.y); math.Abs(got-c.pearson) > tol {
				t.Errorf("Pearson = %v, want %v", got, c.pearson)
			}
		})
	}
	if !math.IsNaN(Spearman([]float64{1, 1}, []float64{1, 2})) {
		t.Error("constant x: want NaN")
	}
}

func TestLinearFit(t *testing.T) {
	s, c, r2 := LinearFit([]float64{0, 1, 2, 3}, []float64{1, 3, 5, 7})
	if s != 2 || c != 1 || r2 != 1 {
		t.Errorf("exact line: %v %v %v", s, c, r2)
	}
	// (0,0), (1,1), (2,3) by hand: Sxy = 3, Sxx = 2, SSE = 1/6, SST = 42/9
	s, c, r2 = LinearFit([]float64{0, 1, 2}, []float64{0, 1, 3})
	if math.Abs(s-1.5) > tol || math.Abs(c+1.0/6) > tol || math.Abs(r2-27.0/28) > tol {
		t.Errorf("got slope %v intercept %v R² %v, want 1.5, -1/6, 27/28", s, c, r2)
	}
	if s, _, _ := LinearFit([]float64{1}, []float64{1}); !math.IsNaN(s) {
		t.Error("one point: want NaN")
	}
}

func TestQuantile(t *testing.T) {
	s := []float64{1, 2, 3, 4, 5}
	for _, c := range []struct{ q, want float64 }{{0, 1}, {0.5, 3}, {1, 5}, {0.125, 1.5}} {
		if got := Quantile(s, c.q); got != c.want {
			t.Errorf("Quantile(%v) = %v, want %v", c.q, got, c.want)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	var labels []string
	for _, tk := range (niceTicks{n: 8}).Ticks(0, 7000) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	want := "0 1000 2000 3000 4000 5000 6000 7000"
	if got := join(labels); got != want {
		t.Errorf("labels %q, want %q", got, want)
	}
	labels = nil
	for _, tk := range (niceTicks{n: 8}).Ticks(0.6, 0.92) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if got := join(labels); got != "0.60 0.65 0.70 0.75 0.80 0.85 0.90" {
		t.Errorf("labels %q", got)
	}
}

func join(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out
}
