package kernels

// The recurrent reference: one token at a time, S (DV×DK, row i is value
// dimension i) held in scratch.

// step advances S from prev to next (both (DV,DK)) on token t and writes u_t
// and r_t = v_t − α S_{t-1} k_t (delta mixers) into u and r (DV). It returns
// α = exp(g_t) (1 without a gate).
func (h *head[F]) step(next, prev, u, r []F, t int) F {
	c := &h.p.cfg
	call := &h.p.call
	DK := c.DK
	a := F(1)
	if call.g != nil {
		a = exp(*h.sAt(call.g, t))
	}
	kt, vt := h.kAt(call.k, t), h.vAt(call.v, t)
	if call.beta != nil {
		b := *h.sAt(call.beta, t)
		for i := range c.DV {
			row := prev[i*DK : (i+1)*DK : (i+1)*DK]
			var kv F
			for j, kj := range kt {
				kv += row[j] * kj
			}
			r[i] = vt[i] - a*kv
			u[i] = b * r[i]
		}
	} else {
		copy(u, vt)
	}
	for i := range c.DV {
		pr := prev[i*DK : (i+1)*DK : (i+1)*DK]
		nr := next[i*DK : (i+1)*DK : (i+1)*DK]
		ui := u[i]
		for j, kj := range kt {
			nr[j] = a*pr[j] + ui*kj
		}
	}
	return a
}

// output writes o_t = scale · S q_t.
func (h *head[F]) output(S []F, t int) {
	c := &h.p.cfg
	call := &h.p.call
	qt, ot := h.kAt(call.q, t), h.vAt(call.o, t)
	for i := range c.DV {
		row := S[i*c.DK : (i+1)*c.DK : (i+1)*c.DK]
		var acc F
		for j, qj := range qt {
			acc += row[j] * qj
		}
		ot[i] = acc * h.p.scale
	}
}

func (h *head[F]) recurrentForward() {
	if h.recurrentForwardC() {
		return
	}
	c := &h.p.cfg
	s := h.s
	n := c.DV * c.DK
	S, next := s.S[:n], s.S[n:2*n]
	clear(S)
	for t := range c.T {
		if t%c.Chunk == 0 {
			copy(h.states[(t/c.Chunk)*n:], S)
		}
		h.step(next, S, s.u[:c.DV], s.r[:c.DV], t)
		S, next = next, S
		h.output(S, t)
	}
}

func (h *head[F]) recurrentBackward() {
	if h.recurrentBackwardC() {
		return
	}
	c := &h.p.cfg
	call := &h.p.call
	s := h.s
	DK, DV := c.DK, c.DV
	n := DV * DK
	dS := s.dS
	clear(dS)
	sc := h.p.scale
	for ch := h.p.nc - 1; ch >= 0; ch-- {
		t0 := ch * c.Chunk
		t1 := min(t0+c.Chunk, c.T)
		// Recompute S_{t0} .. S_{t1} into s.S[0..].
		copy(s.S[:n], h.states[ch*n:(ch+1)*n])
		for t := t0; t < t1; t++ {
			i := t - t0
			h.step(s.S[(i+1)*n:(i+2)*n], s.S[i*n:(i+1)*n], s.u[i*DV:(i+1)*DV], s.r[i*DV:(i+1)*DV], t)
		}
		for t := t1 - 1; t >= t0; t-- {
			i := t - t0
			Sp, Sc := s.S[i*n:(i+1)*n], s.S[(i+1)*n:(i+2)*n]
			u, r := s.u[i*DV:(i+1)*DV], s.r[i*DV:(i+1)*DV]
			qt, kt := h.kAt(call.q, t), h.kAt(call.k, t)
			dot := h.vAt(call.do, t)
			dq, dk, dv := h.kAt(call.dq, t), h.kAt(call.dk, t), h.vAt(call.dv, t)
			a := F(1)
			if call.g != nil {
				a = exp(*h.sAt(call.g, t))
			}
			var b, db, da F
			if call.beta != nil {
				b = *h.sAt(call.beta, t)
			}
			for i := range DV {
				dr := dS[i*DK : (i+1)*DK : (i+1)*DK]
				sr := Sc[i*DK : (i+1)*DK : (i+1)*DK]
				pr := Sp[i*DK : (i+1)*DK : (i+1)*DK]
				doi := sc * dot[i]
				ui := u[i]
				// dS += do qᵀ; dq += Sᵀ do; du = dS k; dk += u dS
				var du F
				for j := range dr {
					d := dr[j] + doi*qt[j]
					dr[j] = d
					dq[j] += doi * sr[j]
					du += d * kt[j]
					dk[j] += ui * d
				}
				if call.beta != nil {
					// u = β r, r = v − α Sp k
					db += du * r[i]
					dv[i] += b * du
					w := -b * du
					wa := w * a
					for j := range dr {
						d := dr[j] + w*kt[j]
						dk[j] += wa * pr[j]
						da += d * pr[j]
						dr[j] = a * d
					}
				} else {
					dv[i] += du
					if call.g != nil {
						for j := range dr {
							da += dr[j] * pr[j]
							dr[j] *= a
						}
					}
				}
			}
			if call.beta != nil {
				*h.sAt(call.dbeta, t) += db
			}
			if call.g != nil {
				*h.sAt(call.dg, t) += da * a
			}
		}
	}
}
