package cpu

import "github.com/archlab/archlab/gpu"

// scaleC applies C = Beta·C (a product with K = 0).
func scaleC[F gpu.Float](g *gpu.Gemm[F]) {
	for i := range g.M {
		c := g.C[i*g.LDC : i*g.LDC+g.N]
		for j := range c {
			if g.Beta == 0 {
				c[j] = 0
			} else {
				c[j] *= g.Beta
			}
		}
	}
}

// goGemm is the pure-Go product (the -tags noblas build, and the twin of
// the OpenBLAS path in tests): for each row i of C it gathers row i of
// op(A) contiguously, then either adds a_ik·B[k,:] rows (B not
// transposed) or takes dot products with rows of B (transposed).
func goGemm[F gpu.Float](g *gpu.Gemm[F]) {
	M, N, K := g.M, g.N, g.K
	arow := make([]F, K)
	for i := range M {
		if g.TransA {
			for k := range K {
				arow[k] = g.A[k*g.LDA+i]
			}
		} else {
			copy(arow, g.A[i*g.LDA:i*g.LDA+K])
		}
		c := g.C[i*g.LDC : i*g.LDC+N]
		if g.Beta == 0 {
			clear(c)
		} else if g.Beta != 1 {
			for j := range c {
				c[j] *= g.Beta
			}
		}
		if g.TransB {
			for j := range c {
				b := g.B[j*g.LDB : j*g.LDB+K]
				var s F
				for k, a := range arow {
					s += a * b[k]
				}
				c[j] += g.Alpha * s
			}
			continue
		}
		for k, a := range arow {
			a *= g.Alpha
			if a == 0 {
				continue
			}
			b := g.B[k*g.LDB : k*g.LDB+N]
			for j, bv := range b {
				c[j] += a * bv
			}
		}
	}
}
