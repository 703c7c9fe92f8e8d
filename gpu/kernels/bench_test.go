package kernels

import (
	"fmt"
	"testing"
)

// BenchmarkDeltaRule runs forward+backward of the delta rule at the
// reference models' shapes and reports head-tokens/s (B·T·H per call).
func BenchmarkDeltaRule(b *testing.B) {
	for _, sh := range []Config{
		{B: 8, T: 512, H: 4, DK: 32, DV: 32}, // deltanet-1m
		{B: 8, T: 512, H: 8, DK: 32, DV: 32}, // deltanet-6m
	} {
		for _, algo := range []Algo{Chunked, Recurrent} {
			for _, workers := range []int{1, 2} {
				for _, chunk := range []int{16, 64} {
					c := sh
					c.Mixer, c.Algo, c.Workers, c.Chunk = DeltaRule, algo, workers, chunk
					name := fmt.Sprintf("%v/B%dT%dH%dD%d/w%d/c%d", algo, c.B, c.T, c.H, c.DK, workers, chunk)
					b.Run(name, func(b *testing.B) {
						in := randInputs[float32](c, 1)
						p := NewPlan[float32](c)
						nk, nv, ns := c.B*c.T*c.H*c.DK, c.B*c.T*c.H*c.DV, c.B*c.T*c.H
						o, dq, dk, dv, db := make([]float32, nv), make([]float32, nk), make([]float32, nk), make([]float32, nv), make([]float32, ns)
						p.Forward(o, in.q, in.k, in.v, in.beta, nil) // allocates the states once
						b.ReportAllocs()
						for b.Loop() {
							p.Forward(o, in.q, in.k, in.v, in.beta, nil)
							p.Backward(dq, dk, dv, db, nil, in.do, in.q, in.k, in.v, in.beta, nil)
						}
						b.ReportMetric(float64(ns)*float64(b.N)/b.Elapsed().Seconds(), "head-tokens/s")
					})
				}
			}
		}
	}
}

// BenchmarkMixers runs forward+backward of every mixer in both forms at
// deltanet-1m's shape (B8 T512 H4 D32) on all cores.
func BenchmarkMixers(b *testing.B) {
	for _, m := range mixers {
		for _, algo := range []Algo{Recurrent, Chunked} {
			c := Config{Mixer: m, Algo: algo, B: 8, T: 512, H: 4, DK: 32, DV: 32}
			b.Run(fmt.Sprintf("%v/%v/B8T512H4D32", m, algo), func(b *testing.B) {
				in := randInputs[float32](c, 1)
				r := runPlan(c, in) // allocates the outputs once
				p := NewPlan[float32](c)
				p.Forward(r.o, in.q, in.k, in.v, in.beta, in.g) // allocates the states once
				b.ReportAllocs()
				for b.Loop() {
					p.Forward(r.o, in.q, in.k, in.v, in.beta, in.g)
					p.Backward(r.dq, r.dk, r.dv, r.dbeta, r.dg, in.do, in.q, in.k, in.v, in.beta, in.g)
				}
				b.ReportMetric(float64(c.B*c.T*c.H)*float64(b.N)/b.Elapsed().Seconds(), "head-tokens/s")
			})
		}
	}
}
