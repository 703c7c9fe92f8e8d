package op

import "github.com/archlab/archlab/gpu"

// ---- fused mixers: q, k (B,T,H,DK); v (B,T,H,DV); beta, g (B,T,H) ----
// Each runs one state S (DV×DK, zero at t=0) per batch row and head and
// returns o_t = S_t q_t / √DK, (B,T,H,DV).

// LinearAttention: S_t = S_{t-1} + v_t k_tᵀ.
func LinearAttention(q, k, v *Node) *Node {
	return q.s.wrap(gpu.LinearAttention(q.n, k.n, v.n, 0))
}

// DeltaRule: S_t = S_{t-1} + β_t (v_t − S_{t-1} k_t) k_tᵀ, β in (0,1)
// (σ of a projection), q and k L2-normalised.
func DeltaRule(q, k, v, beta *Node) *Node {
	return q.s.wrap(gpu.DeltaRule(q.n, k.n, v.n, beta.n, 0))
}

// GatedDeltaRule: S_t = α_t S_{t-1} + β_t (v_t − α_t S_{t-1} k_t) k_tᵀ with
// α_t = exp(g_t), g ≤ 0 a log decay.
func GatedDeltaRule(q, k, v, beta, g *Node) *Node {
	return q.s.wrap(gpu.GatedDeltaRule(q.n, k.n, v.n, beta.n, g.n, 0))
}

// SSD is Mamba2's scalar-decay scan: S_t = exp(g_t) S_{t-1} + v_t k_tᵀ. In
// Mamba2's names q = C, k = B, v = x·Δ, g = Δ·A (A < 0).
func SSD(q, k, v, g *Node) *Node {
	return q.s.wrap(gpu.SSDScan(q.n, k.n, v.n, g.n, 0))
}
