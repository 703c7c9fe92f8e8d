// Package kernels holds archlab's fused sequence mixers for the CPU: linear
// attention, the delta rule, the gated delta rule and a Mamba2/SSD-style
// scalar-decay scan, each with a hand-written backward pass, a plain
// recurrent reference and a fast chunked form (chunk 64, UT transform as in
// flash-linear-attention).
//
//	p := kernels.NewPlan[float32](kernels.Config{
//		Mixer: kernels.DeltaRule, B: 8, T: 512, H: 4, DK: 32, DV: 32,
//	})
//	p.Forward(o, q, k, v, beta, nil)            // o is (B,T,H,DV)
//	p.Backward(dq, dk, dv, dbeta, nil, do, q, k, v, beta, nil)
//
// All tensors are row-major: q and k are (B,T,H,DK), v, o and their
// gradients are (B,T,H,DV), beta and g are (B,T,H). One state S (DV×DK,
// zero at t=0) runs per batch row and head:
//
//	linear attention  S_t = S_{t-1} + v_t k_tᵀ
//	SSD (Mamba2)      S_t = exp(g_t) S_{t-1} + v_t k_tᵀ
//	delta rule        S_t = S_{t-1} + β_t (v_t − S_{t-1} k_t) k_tᵀ
//	gated delta rule  S_t = exp(g_t) S_{t-1} + β_t (v_t − exp(g_t) S_{t-1} k_t) k_tᵀ
//	and always        o_t = S_t q_t · scale
//
// For SSD in Mamba2's notation: q = C, k = B, v = x·Δ, g = Δ·A (A < 0).
//
// Kernels are generic over float32 (training) and float64 (gradient checks).
// The float32 recurrent kernels run in C (scan.c, vectorised, chosen at load
// time for AVX2) in cgo builds; -tags noblas or CGO_ENABLED=0 keeps them in Go.
// A Plan owns its scratch and the chunk-boundary states that Forward saves
// for Backward, so calls allocate nothing; it splits the B×H heads over
// Config.Workers goroutines.
package kernels
