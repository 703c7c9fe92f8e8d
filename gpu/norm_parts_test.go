package gpu

import (
	"math"
	"testing"
)

// TestRMSNormBackwardParts checks the row-blocked backward (dw kept as
// per-block partials) against the serial reference on ragged shapes,
// including fewer rows than blocks.
func TestRMSNormBackwardParts(t *testing.T) {
	for _, tc := range []struct{ N, C, P int }{{1, 1, 8}, {3, 5, 8}, {17, 7, 8}, {64, 32, 8}, {130, 33, 3}} {
		N, C, P := tc.N, tc.C, tc.P
		g, x, w := randSlice(N*C), randSlice(N*C), randSlice(C)
		rstd := make([]float32, N)
		rmsNormForward(make([]float32, N*C), rstd, x, w, N, C, 1e-5)
		wantDx, wantDw := make([]float32, N*C), make([]float32, C)
		rmsNormBackward(wantDx, wantDw, g, x, w, rstd, N, C)
		dx, parts := make([]float32, N*C), make([]float32, P*C)
		for i := range parts {
			parts[i] = 99 // overwritten, not added to
		}
		mid := P / 2
		rmsNormBackwardParts(dx, parts, g, x, w, rstd, N, C, P, 0, mid)
		rmsNormBackwardParts(dx, parts, g, x, w, rstd, N, C, P, mid, P)
		dw := make([]float32, C)
		for p := range P {
			for i := range C {
				dw[i] += parts[p*C+i]
			}
		}
		for i := range dx {
			if !near32(dx[i], wantDx[i]) {
				t.Fatalf("N=%d C=%d: dx[%d] = %v, want %v", N, C, i, dx[i], wantDx[i])
			}
		}
		for i := range dw {
			if !near32(dw[i], wantDw[i]) {
				t.Fatalf("N=%d C=%d: dw[%d] = %v, want %v", N, C, i, dw[i], wantDw[i])
			}
		}
	}
}

func near32(got, want float32) bool {
	return math.Abs(float64(got-want)) <= 1e-5*(1+math.Abs(float64(want)))
}

// TestNormRows32 checks the float32 row loops (SSE in a cgo build) against
// the plain Go references on ragged widths, with and without dx or dw.
func TestNormRows32(t *testing.T) {
	for _, tc := range []struct{ N, C int }{{1, 1}, {2, 3}, {5, 4}, {3, 7}, {4, 8}, {3, 13}, {6, 32}, {2, 130}} {
		N, C := tc.N, tc.C
		x, w, g := randSlice(N*C), randSlice(C), randSlice(N*C)
		check := func(what string, got, want []float32) {
			t.Helper()
			for i := range want {
				if !near32(got[i], want[i]) {
					t.Fatalf("N=%d C=%d %s[%d] = %v, want %v", N, C, what, i, got[i], want[i])
				}
			}
		}
		y, rs := make([]float32, N*C), make([]float32, N)
		wy, wrs := make([]float32, N*C), make([]float32, N)
		rmsNormForward32(y, rs, x, w, N, C, 1e-5)
		rmsNormForward(wy, wrs, x, w, N, C, 1e-5)
		check("rms y", y, wy)
		check("rms rstd", rs, wrs)
		for _, mode := range []string{"both", "dx", "dw"} {
			dx, dw := randSlice(N*C), randSlice(C) // accumulated into
			wdx, wdw := append([]float32(nil), dx...), append([]float32(nil), dw...)
			switch mode {
			case "dx":
				dw, wdw = nil, nil
			case "dw":
				dx, wdx = nil, nil
			}
			rmsNormBackward32(dx, dw, g, x, w, wrs, N, C)
			rmsNormBackward(wdx, wdw, g, x, w, wrs, N, C)
			check("rms dx "+mode, dx, wdx)
			check("rms dw "+mode, dw, wdw)
		}
		l2NormForward32(y, rs, x, N, C, 1e-6)
		l2NormForward(wy, wrs, x, N, C, 1e-6)
		check("l2 y", y, wy)
		check("l2 rinv", rs, wrs)
		dx := randSlice(N * C)
		wdx := append([]float32(nil), dx...)
		l2NormBackward32(dx, g, wy, wrs, N, C)
		l2NormBackward(wdx, g, wy, wrs, N, C)
		check("l2 dx", dx, wdx)
	}
}

// TestSwiGLURows32 checks the float32 SwiGLU rows (SSE in a cgo build)
// against the plain Go loops on ragged widths.
func TestSwiGLURows32(t *testing.T) {
	for _, tc := range []struct{ N, H int }{{1, 1}, {2, 3}, {3, 4}, {2, 7}, {4, 9}, {3, 352}} {
		N, H := tc.N, tc.H
		x, gy := randSlice(2*N*H), randSlice(N*H)
		for i := range x {
			x[i] *= 8 // reach both tails of the sigmoid
		}
		y, s := make([]float32, N*H), make([]float32, N*H)
		wy, ws := make([]float32, N*H), make([]float32, N*H)
		swigluForward32(y, s, x, N, H)
		swigluRows(wy, ws, x, H, 0, N)
		dx := randSlice(2 * N * H)
		wdx := append([]float32(nil), dx...)
		swigluBackward32(dx, gy, x, ws, N, H)
		swigluRowsBack(wdx, gy, x, ws, H, 0, N)
		for _, p := range []struct {
			what      string
			got, want []float32
		}{{"y", y, wy}, {"s", s, ws}, {"dx", dx, wdx}} {
			for i := range p.want {
				if !near32(p.got[i], p.want[i]) {
					t.Fatalf("N=%d H=%d %s[%d] = %v, want %v", N, H, p.what, i, p.got[i], p.want[i])
				}
			}
		}
	}
}

// TestConvDw32 checks the tiled float32 depthwise-convolution weight
// gradient (SSE in a cgo build) against the plain Go loop on ragged
// shapes: several sequences, T not a multiple of the tile, channel ranges
// with and without a 16-wide remainder.
func TestConvDw32(t *testing.T) {
	for _, tc := range []struct{ B, T, C, K, c0, c1 int }{{1, 1, 1, 1, 0, 1}, {2, 5, 3, 4, 0, 3}, {3, 70, 19, 4, 2, 19}, {2, 130, 40, 3, 0, 40}, {8, 64, 128, 4, 64, 128}} {
		N := tc.B * tc.T
		gp, x := randSlice(N*tc.C), randSlice(N*tc.C)
		got, want := randSlice(tc.K*tc.C), make([]float32, tc.K*tc.C)
		copy(want, got)
		convDw32(got, gp, x, tc.T, tc.C, tc.K, N, tc.c0, tc.c1)
		conv1dDwGo(want, gp, x, tc.T, tc.C, tc.K, N, tc.c0, tc.c1)
		for i := range want {
			if math.Abs(float64(got[i]-want[i])) > 1e-4*(1+math.Abs(float64(want[i]))) {
				t.Fatalf("%+v: dwT[%d] = %v, want %v", tc, i, got[i], want[i])
			}
		}
	}
}
