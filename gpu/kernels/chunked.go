package kernels

// The chunked form. Per chunk of n ≤ C tokens, with S0 the state at its
// start (DV×DK), rows of Q, K (n×DK) and V (n×DV) the chunk's tokens,
// G_t = Σ_{s≤t} g_s inside the chunk, γ_t = exp(G_t), E_tj = exp(G_t−G_j):
//
//	A = strict_tril(diag(β) (K Kᵀ ∘ E))      (delta mixers)
//	T = (I + A)⁻¹ diag(β)                    (forward substitution)
//	W = T diag(γ) K,  Ũ = T V,  U = Ũ − W S0ᵀ  (U = V without delta)
//	O = scale · (diag(γ) Q S0ᵀ + (tril(Q Kᵀ) ∘ E) U)
//	S_end = γ_n S0 + Uᵀ diag(exp(G_n − G)) K
//
// U holds the per-token writes u_t of the recurrence, so the chunk gives the
// recurrent answer exactly (up to rounding). Backward recomputes these from
// the saved S0 and runs the chain rule back through each line.

// prepare gathers chunk ch and computes G, γ, r, E, P and (delta) KK, M, T,
// W, U. It returns the chunk length n.
func (h *head[F]) prepare(ch int) int {
	c := &h.p.cfg
	call := &h.p.call
	s := h.s
	DK, DV := c.DK, c.DV
	t0 := ch * c.Chunk
	n := min(c.Chunk, c.T-t0)
	for i := range n {
		copy(s.Q[i*DK:(i+1)*DK], h.kAt(call.q, t0+i))
		copy(s.K[i*DK:(i+1)*DK], h.kAt(call.k, t0+i))
		copy(s.V[i*DV:(i+1)*DV], h.vAt(call.v, t0+i))
	}
	G, gam, r := s.G[:n], s.gam[:n], s.r2[:n]
	if call.g != nil {
		var acc F
		for i := range n {
			acc += *h.sAt(call.g, t0+i)
			G[i] = acc
			gam[i] = exp(acc)
		}
		for i := range n {
			r[i] = exp(G[n-1] - G[i])
		}
	} else {
		for i := range n {
			G[i], gam[i], r[i] = 0, 1, 1
		}
	}
	E, P := s.E[:n*n], s.P[:n*n]
	clear(P)
	mmNT(P, s.Q[:n*DK], s.K[:n*DK], n, n, DK)
	for i := range n {
		for j := 0; j <= i; j++ {
			e := F(1)
			if call.g != nil {
				e = exp(G[i] - G[j])
			}
			E[i*n+j] = e
			P[i*n+j] *= e
		}
		for j := i + 1; j < n; j++ {
			E[i*n+j], P[i*n+j] = 0, 0
		}
	}
	if call.beta == nil {
		copy(s.U[:n*DV], s.V[:n*DV])
		return n
	}
	bet := s.bet[:n]
	for i := range n {
		bet[i] = *h.sAt(call.beta, t0+i)
	}
	KK, M, T := s.KK[:n*n], s.M[:n*n], s.T[:n*n]
	clear(KK)
	mmNT(KK, s.K[:n*DK], s.K[:n*DK], n, n, DK) // only i > j is read
	// M = (I+A)⁻¹ row by row: M_i = e_i − Σ_{m<i} A_im M_m.
	clear(M)
	for i := range n {
		mi := M[i*n : (i+1)*n]
		mi[i] = 1
		for m := range i {
			a := bet[i] * E[i*n+m] * KK[i*n+m]
			if a == 0 {
				continue
			}
			mm := M[m*n : m*n+m+1]
			for j, x := range mm {
				mi[j] -= a * x
			}
		}
	}
	for i := range n {
		for j := range n {
			T[i*n+j] = M[i*n+j] * bet[j]
		}
	}
	Kg := s.Kg[:n*DK]
	for i := range n {
		for j := range DK {
			Kg[i*DK+j] = gam[i] * s.K[i*DK+j]
		}
	}
	W, U := s.W[:n*DK], s.U[:n*DV]
	clear(W)
	clear(U)
	mmNN(W, T, Kg, n, DK, n)
	mmNN(U, T, s.V[:n*DV], n, DV, n)
	tmp := s.tmpV[:n*DV]
	clear(tmp)
	mmNT(tmp, W, s.S0, n, DV, DK)
	for i := range U {
		U[i] -= tmp[i]
	}
	return n
}

func (h *head[F]) chunkedForward() {
	c := &h.p.cfg
	call := &h.p.call
	s := h.s
	DK, DV := c.DK, c.DV
	clear(s.S0)
	for ch := range h.p.nc {
		copy(h.states[ch*DV*DK:(ch+1)*DV*DK], s.S0)
		n := h.prepare(ch)
		t0 := ch * c.Chunk
		O := s.tmpV[:n*DV]
		clear(O)
		mmNT(O, s.Q[:n*DK], s.S0, n, DV, DK)
		for i := range n {
			for j := range DV {
				O[i*DV+j] *= s.gam[i]
			}
		}
		mmNN(O, s.P[:n*n], s.U[:n*DV], n, DV, n)
		for i := range n {
			ot := h.vAt(call.o, t0+i)
			for j := range DV {
				ot[j] = h.p.scale * O[i*DV+j]
			}
		}
		// S_end = γ_n S0 + Uᵀ diag(r) K
		gl := s.gam[n-1]
		for i := range s.S0 {
			s.S0[i] *= gl
		}
		Kr := s.dKg[:n*DK]
		for i := range n {
			for j := range DK {
				Kr[i*DK+j] = s.r2[i] * s.K[i*DK+j]
			}
		}
		mmTN(s.S0, s.U[:n*DV], Kr, DV, DK, n)
	}
}

func (h *head[F]) chunkedBackward() {
	c := &h.p.cfg
	call := &h.p.call
	s := h.s
	DK, DV := c.DK, c.DV
	gate, delta := call.g != nil, call.beta != nil
	clear(s.dSC)
	for ch := h.p.nc - 1; ch >= 0; ch-- {
		copy(s.S0, h.states[ch*DV*DK:(ch+1)*DV*DK])
		n := h.prepare(ch)
		t0 := ch * c.Chunk
		Q, K, U := s.Q[:n*DK], s.K[:n*DK], s.U[:n*DV]
		gam, r := s.gam[:n], s.r2[:n]
		dO, dQ, dK, dU, dG := s.dO[:n*DV], s.dQ[:n*DK], s.dK[:n*DK], s.dU[:n*DV], s.dG[:n]
		dP, E, P := s.dP[:n*n], s.E[:n*n], s.P[:n*n]
		tmp := s.tmpV[:n*DV]
		for i := range n {
			dt := h.vAt(call.do, t0+i)
			for j := range DV {
				d := h.p.scale * dt[j]
				dO[i*DV+j] = d
				tmp[i*DV+j] = gam[i] * d
			}
		}
		// O ⊃ diag(γ) Q S0ᵀ
		clear(dQ)
		mmNN(dQ, tmp, s.S0, n, DK, DV)
		clear(s.dS0)
		mmTN(s.dS0, tmp, Q, DV, DK, n)
		clear(dG)
		if gate {
			for i := range n {
				dG[i] = dot(dQ[i*DK:(i+1)*DK], Q[i*DK:(i+1)*DK])
			}
		}
		// O ⊃ P U with P = tril(Q Kᵀ) ∘ E
		clear(dP)
		mmNT(dP, dO, U, n, n, DV)
		maskUpper(dP, n)
		clear(dU)
		mmTN(dU, P, dO, n, DV, n)
		if gate {
			for i := range n {
				for j := 0; j < i; j++ {
					z := dP[i*n+j] * P[i*n+j]
					dG[i] += z
					dG[j] -= z
				}
			}
		}
		for i := range dP {
			dP[i] *= E[i]
		}
		mmNN(dQ, dP, K, n, DK, n)
		clear(dK)
		mmTN(dK, dP, Q, n, DK, n)
		// S_end = γ_n S0 + Uᵀ diag(r) K
		gl := gam[n-1]
		var sd F
		for i, d := range s.dSC {
			s.dS0[i] += gl * d
			sd += d * s.S0[i]
		}
		if gate {
			dG[n-1] += gl * sd
		}
		KdS := s.KdS[:n*DV]
		clear(KdS)
		mmNT(KdS, K, s.dSC, n, DV, DK)
		for i := range n {
			for j := range DV {
				dU[i*DV+j] += r[i] * KdS[i*DV+j]
			}
		}
		UdS := s.dKg[:n*DK]
		clear(UdS)
		mmNN(UdS, U, s.dSC, n, DK, DV)
		for i := range n {
			for j := range DK {
				dK[i*DK+j] += r[i] * UdS[i*DK+j]
			}
		}
		if gate {
			for i := range n {
				y := r[i] * dot(U[i*DV:(i+1)*DV], KdS[i*DV:(i+1)*DV])
				dG[n-1] += y
				dG[i] -= y
			}
		}
		dV := dU
		if delta {
			V, W, Kg, T, M := s.V[:n*DV], s.W[:n*DK], s.Kg[:n*DK], s.T[:n*n], s.M[:n*n]
			bet, dbet := s.bet[:n], s.dbet[:n]
			dW, dT, X := s.dW[:n*DK], s.dT[:n*n], s.X[:n*n]
			// U = Ũ − W S0ᵀ
			for i := range dU {
				tmp[i] = -dU[i]
			}
			mmTN(s.dS0, tmp, W, DV, DK, n)
			clear(dW)
			mmNN(dW, tmp, s.S0, n, DK, DV)
			// Ũ = T V, W = T Kg
			clear(dT)
			mmNT(dT, dU, V, n, n, DV)
			mmNT(dT, dW, Kg, n, n, DK)
			maskUpper(dT, n)
			clear(tmp)
			mmTN(tmp, T, dU, n, DV, n)
			dV = tmp
			dKg := s.dKg[:n*DK]
			clear(dKg)
			mmTN(dKg, T, dW, n, DK, n)
			for i := range n {
				if gate {
					dG[i] += gam[i] * dot(dKg[i*DK:(i+1)*DK], K[i*DK:(i+1)*DK])
				}
				for j := range DK {
					dK[i*DK+j] += gam[i] * dKg[i*DK+j]
				}
			}
			// T = M diag(β)
			clear(dbet)
			for i := range n {
				for j := 0; j <= i; j++ {
					dbet[j] += dT[i*n+j] * M[i*n+j]
					dT[i*n+j] *= bet[j]
				}
			}
			// M = (I+A)⁻¹: dA = −Mᵀ dM Mᵀ
			clear(X)
			mmNT(X, dT, M, n, n, n)
			dA := P // P is spent
			clear(dA)
			mmTN(dA, M, X, n, n, n)
			// A_ij = β_i E_ij KK_ij, i > j; Y = dA ∘ β E, kept in dT
			KK := s.KK[:n*n]
			for i := range n {
				for j := range n {
					if j >= i {
						dT[i*n+j] = 0
						continue
					}
					da := -dA[i*n+j]
					ek := E[i*n+j] * KK[i*n+j]
					dbet[i] += da * ek
					y := da * bet[i] * E[i*n+j]
					dT[i*n+j] = y
					if gate {
						x := y * KK[i*n+j]
						dG[i] += x
						dG[j] -= x
					}
				}
			}
			mmNN(dK, dT, K, n, DK, n)
			mmTN(dK, dT, K, n, DK, n)
			for i := range n {
				*h.sAt(call.dbeta, t0+i) += dbet[i]
			}
		}
		if gate {
			var acc F
			for i := n - 1; i >= 0; i-- {
				acc += dG[i]
				*h.sAt(call.dg, t0+i) += acc
			}
		}
		for i := range n {
			addTo(h.kAt(call.dq, t0+i), dQ[i*DK:(i+1)*DK])
			addTo(h.kAt(call.dk, t0+i), dK[i*DK:(i+1)*DK])
			addTo(h.vAt(call.dv, t0+i), dV[i*DV:(i+1)*DV])
		}
		s.dSC, s.dS0 = s.dS0, s.dSC
	}
}

// maskUpper zeroes x[i][j] for j > i of an n×n block.
func maskUpper[F Float](x []F, n int) {
	for i := range n {
		clear(x[i*n+i+1 : (i+1)*n])
	}
}
