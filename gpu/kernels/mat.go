package kernels

// Small dense products on contiguous row-major blocks, the building blocks
// of the chunked form. Each adds into c (c += ...); clear c first for "=".
// float32 runs their C twins in scan.c where cgo is on; the Go loops are
// the float64 path and the pure-Go build.

// mmNN: c (m×n) += a (m×k) · b (k×n).
func mmNN[F Float](c, a, b []F, m, n, k int) {
	if mm32('n', c, a, b, m, n, k) {
		return
	}
	for i := range m {
		cr := c[i*n : (i+1)*n : (i+1)*n]
		ar := a[i*k : (i+1)*k : (i+1)*k]
		for p, aip := range ar {
			if aip == 0 {
				continue
			}
			br := b[p*n : (p+1)*n : (p+1)*n]
			for j := range cr {
				cr[j] += aip * br[j]
			}
		}
	}
}

// mmNT: c (m×n) += a (m×k) · bᵀ, b is (n×k).
func mmNT[F Float](c, a, b []F, m, n, k int) {
	if mm32('r', c, a, b, m, n, k) {
		return
	}
	for i := range m {
		cr := c[i*n : (i+1)*n : (i+1)*n]
		ar := a[i*k : (i+1)*k : (i+1)*k]
		for j := range cr {
			br := b[j*k : (j+1)*k : (j+1)*k]
			var s0, s1, s2, s3 F
			p := 0
			for ; p+4 <= len(ar); p += 4 {
				s0 += ar[p] * br[p]
				s1 += ar[p+1] * br[p+1]
				s2 += ar[p+2] * br[p+2]
				s3 += ar[p+3] * br[p+3]
			}
			for ; p < len(ar); p++ {
				s0 += ar[p] * br[p]
			}
			cr[j] += (s0 + s1) + (s2 + s3)
		}
	}
}

// mmTN: c (m×n) += aᵀ · b, a is (k×m), b is (k×n).
func mmTN[F Float](c, a, b []F, m, n, k int) {
	if mm32('t', c, a, b, m, n, k) {
		return
	}
	for p := range k {
		ar := a[p*m : (p+1)*m : (p+1)*m]
		br := b[p*n : (p+1)*n : (p+1)*n]
		for i, api := range ar {
			if api == 0 {
				continue
			}
			cr := c[i*n : (i+1)*n : (i+1)*n]
			for j := range cr {
				cr[j] += api * br[j]
			}
		}
	}
}

func dot[F Float](a, b []F) F {
	b = b[:len(a)]
	var s F
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// addTo: dst += src.
func addTo[F Float](dst, src []F) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] += src[i]
	}
}
