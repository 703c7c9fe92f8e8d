package gpu

import (
	"math"
	"unsafe"
)

// expf32 is e^x in float32 (Cephes expf: range reduction by ln 2 and a
// degree-6 polynomial), within 2 ulp of the correctly rounded value, about
// 3x faster than math.Exp through float64.
func expf32(x float32) float32 {
	if x > 88.3 {
		return float32(math.Inf(1))
	}
	if x < -87.3 {
		return 0
	}
	if x != x {
		return x
	}
	t := x * 1.44269504088896341
	var n int32
	if t >= 0 {
		n = int32(t + 0.5)
	} else {
		n = int32(t - 0.5)
	}
	fn := float32(n)
	r := x - fn*0.693359375 + fn*2.12194440e-4
	p := float32(1.9875691500e-4)
	p = p*r + 1.3981999507e-3
	p = p*r + 8.3334519073e-3
	p = p*r + 4.1665795894e-2
	p = p*r + 1.6666665459e-1
	p = p*r + 5.0000001201e-1
	y := p*r*r + r + 1
	return y * math.Float32frombits(uint32(n+127)<<23)
}

// expClamped is e^x for x in [-87.3, 88.3] (clamped outside, NaN stays
// NaN), within about 3 ulp: expf32 with one polynomial term fewer and no
// branches, so it inlines into the activation loops (sigmoid and softmax
// need no Inf).
func expClamped(x float32) float32 {
	x = max(min(x, 88.3), -87.3)
	t := x*1.44269504088896341 + 12582912 // round to nearest via 1.5·2²³
	fn := t - 12582912
	r := x - fn*0.693359375 + fn*2.12194440e-4
	p := (((float32(1.3981999507e-3)*r+8.3334519073e-3)*r+4.1665795894e-2)*r+1.6666665459e-1)*r + 5.0000001201e-1
	return (p*r*r + r + 1) * math.Float32frombits(uint32(int32(fn)+127)<<23)
}

// expF is e^x: expf32 for float32, math.Exp for float64 (gradient checks
// keep full precision).
func expF[F Float](x F) F {
	if unsafe.Sizeof(x) == 4 {
		return F(expf32(float32(x)))
	}
	return F(math.Exp(float64(x)))
}

// sigmoidF is 1/(1+e^-x) (0 for x below about -88).
func sigmoidF[F Float](x F) F {
	return 1 / (1 + expF(-x))
}

// Slice kernels for the hot activation functions. Generic code calls
// the wrappers; on the float32 path they run the vectorised C loops of
// fastmath_cgo.go (or their Go twins in fastmath_go.go), on the float64
// path plain loops over math.Exp.

func is32[F Float]() bool {
	var z F
	return unsafe.Sizeof(z) == 4
}

// f32s reinterprets a float32-shaped slice; only valid when is32[F]().
func f32s[F Float](x []F) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
}

// sigmoidSlice: y = σ(x).
func sigmoidSlice[F Float](y, x []F) {
	if is32[F]() {
		sigmoid32s(f32s(y), f32s(x))
		return
	}
	for i, v := range x {
		y[i] = sigmoidF(v)
	}
}

// expSlice: y = e^(x-shift), returning Σy.
func expSlice[F Float](y, x []F, shift F) F {
	if is32[F]() {
		y, x := f32s(y), f32s(x)
		var s float32
		sh := float32(shift)
		for i, v := range x {
			e := expf32(v - sh)
			y[i] = e
			s += e
		}
		return F(s)
	}
	var s F
	for i, v := range x {
		e := expF(v - shift)
		y[i] = e
		s += e
	}
	return s
}

// expShift: y = e^(x-shift) for x ≤ shift (softmax rows), returning Σy.
func expShift[F Float](y, x []F, shift F) F {
	if is32[F]() {
		return F(expShift32(f32s(y), f32s(x), float32(shift)))
	}
	var s F
	for i, v := range x {
		e := expF(v - shift)
		y[i] = e
		s += e
	}
	return s
}

// expSum returns Σ e^(x-shift).
func expSum[F Float](x []F, shift F) F {
	if is32[F]() {
		return F(expSum32(f32s(x), float32(shift)))
	}
	var s F
	for _, v := range x {
		s += expF(v - shift)
	}
	return s
}

// expAxpy: d += a·e^(x-shift).
func expAxpy[F Float](d, x []F, shift, a F) {
	if is32[F]() {
		expAxpy32(f32s(d), f32s(x), float32(shift), float32(a))
		return
	}
	for i, v := range x {
		d[i] += a * expF(v-shift)
	}
}

// siluSave: s = σ(x), y = x·s; y, s, x (N). y may alias x.
func siluSave[F Float](y, s, x []F) {
	if is32[F]() {
		siluSave32(f32s(y), f32s(s), f32s(x))
		return
	}
	sigmoidSlice(s, x)
	for i, v := range x {
		y[i] = v * s[i]
	}
}

// siluGradSaved: dx (+)= g·(s + y·(1-s)), the SiLU derivative from the
// saved σ(x) and output y = x·σ(x) (no exponential).
func siluGradSaved[F Float](dx, g, y, s []F, acc bool) {
	for i, si := range s {
		d := g[i] * (si + y[i]*(1-si))
		if acc {
			dx[i] += d
		} else {
			dx[i] = d
		}
	}
}
