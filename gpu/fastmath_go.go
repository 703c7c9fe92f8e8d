//go:build !cgo || !amd64 || noblas

package gpu

// Pure-Go twins of fastmath_cgo.go's vectorised loops.

const fastmathImpl = "go"

func sigmoid32s(y, x []float32) {
	for i, v := range x {
		y[i] = 1 / (1 + expClamped(-v))
	}
}

func siluSave32(y, s, x []float32) {
	for i, v := range x {
		sg := 1 / (1 + expClamped(-v))
		s[i] = sg
		y[i] = v * sg
	}
}

func expShift32(y, x []float32, shift float32) float32 {
	var s float32
	for i, v := range x {
		e := expClamped(v - shift)
		y[i] = e
		s += e
	}
	return s
}

func expSum32(x []float32, shift float32) float32 {
	var s float32
	for _, v := range x {
		s += expClamped(v - shift)
	}
	return s
}

func expAxpy32(d, x []float32, shift, a float32) {
	for i, v := range x {
		d[i] += a * expClamped(v-shift)
	}
}

func convRows32(out, x, wT []float32, T, C, K, lo, hi int) {
	conv1dRowsGo(out, x, wT, T, C, K, lo, hi)
}

func convDx32(dx, gp, wT []float32, T, C, K, lo, hi int) {
	conv1dDxGo(dx, gp, wT, T, C, K, lo, hi)
}

func convDw32(dwT, gp, x []float32, T, C, K, N, c0, c1 int) {
	conv1dDwGo(dwT, gp, x, T, C, K, N, c0, c1)
}

func rmsNormForward32(out, rstd, x, w []float32, N, C int, eps float32) {
	rmsNormForward(out, rstd, x, w, N, C, eps)
}

func rmsNormBackward32(dx, dw, g, x, w, rstd []float32, N, C int) {
	rmsNormBackward(dx, dw, g, x, w, rstd, N, C)
}

func l2NormForward32(out, rinv, x []float32, N, C int, eps float32) {
	l2NormForward(out, rinv, x, N, C, eps)
}

func l2NormBackward32(dx, g, y, rinv []float32, N, C int) {
	l2NormBackward(dx, g, y, rinv, N, C)
}

func swigluForward32(o, s, x []float32, N, H int) { swigluRows(o, s, x, H, 0, N) }

func swigluBackward32(dx, gy, x, s []float32, N, H int) { swigluRowsBack(dx, gy, x, s, H, 0, N) }
