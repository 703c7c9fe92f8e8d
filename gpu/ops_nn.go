package gpu

import (
	"fmt"
	"math"
)

var opCrossEntropy, opRMSNorm, opGatedRMSNorm, opL2Norm, opConv1D, opSwiGLU *OpDef

func init() {
	opCrossEntropy = Register(&OpDef{
		Name:    "cross_entropy",
		F32:     Kernels[float32]{crossEntropyForward[float32], crossEntropyBackward[float32]},
		F64:     Kernels[float64]{crossEntropyForward[float64], crossEntropyBackward[float64]},
		Scratch: func(n *Node) int { return n.in[0].Len()/n.in[0].Dim(-1) + 1 }, // lse per row, count
		Examples: func(g *Graph) []*Node {
			return []*Node{CrossEntropy(g.Input("logits", 3, 17, 5), g.Tokens("t", 5, 3, 17))}
		},
	})
	opRMSNorm = Register(&OpDef{
		Name:    "rms_norm",
		F32:     Kernels[float32]{rmsNormForwardK[float32], rmsNormBackwardK[float32]},
		F64:     Kernels[float64]{rmsNormForwardK[float64], rmsNormBackwardK[float64]},
		Scratch: func(n *Node) int { return n.Len()/n.Dim(-1) + rmsParts*n.Dim(-1) }, // 1/rms per row, dw partials
		Examples: func(g *Graph) []*Node {
			return []*Node{RMSNorm(g.Input("x", 3, 17, 5), g.Param("w", []int{5}, Ones()), 1e-5)}
		},
	})
	opGatedRMSNorm = Register(&OpDef{
		Name:    "gated_rms_norm",
		F32:     Kernels[float32]{gatedRMSNormForward[float32], gatedRMSNormBackward[float32]},
		F64:     Kernels[float64]{gatedRMSNormForward[float64], gatedRMSNormBackward[float64]},
		Scratch: func(n *Node) int { return n.Len() / n.Dim(-1) },
		Examples: func(g *Graph) []*Node {
			return []*Node{GatedRMSNorm(g.Input("x", 3, 17, 5), g.Input("gate", 3, 17, 5), g.Param("w", []int{5}, Ones()), 1e-5)}
		},
	})
	opL2Norm = Register(&OpDef{
		Name:    "l2_norm",
		F32:     Kernels[float32]{l2NormForwardK[float32], l2NormBackwardK[float32]},
		F64:     Kernels[float64]{l2NormForwardK[float64], l2NormBackwardK[float64]},
		Scratch: func(n *Node) int { return n.Len() / n.Dim(-1) },
		Examples: func(g *Graph) []*Node {
			return []*Node{L2Norm(g.Input("x", 3, 17, 5), 1e-6)}
		},
	})
	opConv1D = Register(&OpDef{
		Name:    "causal_conv1d",
		F32:     Kernels[float32]{conv1dForward[float32], conv1dBackward[float32]},
		F64:     Kernels[float64]{conv1dForward[float64], conv1dBackward[float64]},
		Scratch: conv1dScratch,
		FLOPs: func(n *Node) int64 {
			return 2 * int64(n.Len()) * int64(n.in[1].shape[1])
		},
		Examples: func(g *Graph) []*Node {
			x := g.Input("x", 3, 17, 5)
			return []*Node{
				CausalConv1D(x, g.Param("w4", []int{5, 4}, Normal(1))),
				CausalConv1D(x, g.Param("w1", []int{5, 1}, Normal(1))),
				CausalConv1DSiLU(x, g.Param("w3", []int{5, 3}, Normal(1))),
			}
		},
	})
	opSwiGLU = Register(&OpDef{
		Name:    "swiglu",
		Scratch: func(n *Node) int { return n.Len() }, // σ(g)
		F32:     Kernels[float32]{swigluForward[float32], swigluBackward[float32]},
		F64:     Kernels[float64]{swigluForward[float64], swigluBackward[float64]},
		Examples: func(g *Graph) []*Node {
			return []*Node{SwiGLU(g.Input("x", 3, 17, 10))}
		},
	})
}

// ---- cross-entropy ----

// CrossEntropy returns the mean over positions of -log softmax(logits)[target]:
// logits (..., V), targets Tokens (...). Targets of -1 are skipped (and
// not counted in the mean). The softmax is fused: the backward pass
// writes softmax - onehot directly.
func CrossEntropy(logits, targets *Node) *Node {
	sameGraph("CrossEntropy", logits, targets)
	if targets.dtype != Int32 || targets.kind != kindTokens {
		shapePanic("CrossEntropy", "targets must be Tokens", logits, targets)
	}
	if logits.Rank() < 1 || !sameShape(logits.shape[:logits.Rank()-1], targets.shape) {
		shapePanic("CrossEntropy", "logits must be (..., V) over targets (...)", logits, targets)
	}
	if targets.vocab > logits.Dim(-1) {
		shapePanic("CrossEntropy", fmt.Sprintf("target vocabulary %d larger than %d logits", targets.vocab, logits.Dim(-1)), logits, targets)
	}
	return Apply(opCrossEntropy, nil, []int{}, logits, targets)
}

// crossEntropyForward: logits (N, V), targets (N); scratch holds lse (N)
// and the count of counted positions.
func crossEntropyForward[F Float](c *Call[F]) {
	V := c.Node.in[0].Dim(-1)
	N := c.Node.in[0].Len() / V
	x, t, lse := c.In[0], c.Ints[1], c.Scratch[:N]
	parFor(c, N, V*4, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			row := x[r*V : r*V+V]
			m := row[0]
			for _, v := range row {
				m = max(m, v)
			}
			s := expSum(row, m)
			lse[r] = m + F(math.Log(float64(s)))
		}
	})
	var loss float64
	count := 0
	for r := range N {
		if t[r] < 0 {
			continue
		}
		loss += float64(lse[r] - x[r*V+int(t[r])])
		count++
	}
	c.Scratch[N] = F(count)
	if count > 0 {
		loss /= float64(count)
	}
	c.Out[0] = F(loss)
}

func crossEntropyBackward[F Float](c *Call[F]) {
	V := c.Node.in[0].Dim(-1)
	N := c.Node.in[0].Len() / V
	x, t, lse, dx := c.In[0], c.Ints[1], c.Scratch[:N], c.GradIn[0]
	count := c.Scratch[N]
	if count == 0 {
		return
	}
	s := c.GradOut[0] / count
	parFor(c, N, V*4, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			if t[r] < 0 {
				continue
			}
			row, d := x[r*V:r*V+V], dx[r*V:r*V+V]
			expAxpy(d, row, lse[r], s)
			d[t[r]] -= s
		}
	})
}

// ---- RMSNorm ----

type normAttr struct{ eps float64 }

// RMSNorm returns x / sqrt(mean(x²) + eps) · w over the last axis:
// x (..., C), w (C). Used per head with x (B,T,H,Dh) and w (Dh).
func RMSNorm(x, w *Node, eps float64) *Node {
	sameGraph("RMSNorm", x, w)
	if w.Rank() != 1 || w.shape[0] != x.Dim(-1) {
		shapePanic("RMSNorm", "weight must be (C) for x (..., C)", x, w)
	}
	return Apply(opRMSNorm, normAttr{eps}, x.shape, x, w)
}

// rmsNormForward: out, x are (N, C), w is (C), rstd is (N).
func rmsNormForward[F Float](out, rstd, x, w []F, N, C int, eps F) {
	for r := range N {
		xr, yr := x[r*C:r*C+C], out[r*C:r*C+C]
		var ss F
		for _, v := range xr {
			ss += v * v
		}
		rs := F(1 / math.Sqrt(float64(ss/F(C)+eps)))
		rstd[r] = rs
		for i, v := range xr {
			yr[i] = v * rs * w[i]
		}
	}
}

// rmsNormBackward accumulates dx (N, C) and dw (C) from g (N, C).
// dx = rs·(g·w) - x·rs³/C·Σ(g·w·x).
func rmsNormBackward[F Float](dx, dw, g, x, w, rstd []F, N, C int) {
	for r := range N {
		xr, gr := x[r*C:r*C+C], g[r*C:r*C+C]
		rs := rstd[r]
		if dx != nil {
			var dot F
			for i, v := range xr {
				dot += gr[i] * w[i] * v
			}
			k := rs * rs * rs * dot / F(C)
			d := dx[r*C : r*C+C]
			for i, v := range xr {
				d[i] += rs*gr[i]*w[i] - v*k
			}
		}
		if dw != nil {
			for i, v := range xr {
				dw[i] += gr[i] * v * rs
			}
		}
	}
}

// rmsNormRows, rmsNormRowsBack, l2NormRows and l2NormRowsBack run the
// float32 rows through the SSE loops (fastmath_cgo.go; the Go twins in a
// pure-Go build) and float64 through the plain Go loops above.
func rmsNormRows[F Float](out, rstd, x, w []F, N, C int, eps F) {
	if is32[F]() {
		rmsNormForward32(f32s(out), f32s(rstd), f32s(x), f32s(w), N, C, float32(eps))
		return
	}
	rmsNormForward(out, rstd, x, w, N, C, eps)
}

func rmsNormRowsBack[F Float](dx, dw, g, x, w, rstd []F, N, C int) {
	if is32[F]() {
		rmsNormBackward32(f32s(dx), f32s(dw), f32s(g), f32s(x), f32s(w), f32s(rstd), N, C)
		return
	}
	rmsNormBackward(dx, dw, g, x, w, rstd, N, C)
}

func l2NormRows[F Float](out, rinv, x []F, N, C int, eps F) {
	if is32[F]() {
		l2NormForward32(f32s(out), f32s(rinv), f32s(x), N, C, float32(eps))
		return
	}
	l2NormForward(out, rinv, x, N, C, eps)
}

func l2NormRowsBack[F Float](dx, g, y, rinv []F, N, C int) {
	if is32[F]() {
		l2NormBackward32(f32s(dx), f32s(g), f32s(y), f32s(rinv), N, C)
		return
	}
	l2NormBackward(dx, g, y, rinv, N, C)
}

func rmsNormForwardK[F Float](c *Call[F]) {
	C := c.Node.Dim(-1)
	N := c.Node.Len() / C
	eps := F(c.Node.attr.(normAttr).eps)
	parFor(c, N, C*2, func(lo, hi int) {
		rmsNormRows(c.Out[lo*C:hi*C], c.Scratch[lo:hi], c.In[0][lo*C:hi*C], c.In[1], hi-lo, C, eps)
	})
}

// rmsParts is the number of row blocks whose dw partial sums the
// backward keeps apart (in scratch after the N row scales), so the rows
// run in parallel and dw's summation order does not depend on threads.
const rmsParts = 8

// rmsNormBackwardParts is rmsNormBackward with the rows cut into
// len(parts) blocks [N·p/P, N·(p+1)/P): block p's dw goes to dwParts
// (P, C), overwritten; blocks [p0, p1) only. Summing dwParts over p gives
// the reference's dw.
func rmsNormBackwardParts[F Float](dx, dwParts, g, x, w, rstd []F, N, C, P, p0, p1 int) {
	for p := p0; p < p1; p++ {
		lo, hi := N*p/P, N*(p+1)/P
		var dxp []F
		if dx != nil {
			dxp = dx[lo*C : hi*C]
		}
		var dwp []F
		if dwParts != nil {
			dwp = dwParts[p*C : p*C+C]
			clear(dwp)
		}
		rmsNormRowsBack(dxp, dwp, g[lo*C:hi*C], x[lo*C:hi*C], w, rstd[lo:hi], hi-lo, C)
	}
}

func rmsNormBackwardK[F Float](c *Call[F]) {
	C := c.Node.Dim(-1)
	N := c.Node.Len() / C
	dx, dw := c.GradIn[0], c.GradIn[1]
	rstd := c.Scratch[:N]
	var parts []F
	if dw != nil {
		parts = c.Scratch[N : N+rmsParts*C]
	}
	parFor(c, rmsParts, N*C/rmsParts*3, func(p0, p1 int) {
		rmsNormBackwardParts(dx, parts, c.GradOut, c.In[0], c.In[1], rstd, N, C, rmsParts, p0, p1)
	})
	if dw != nil {
		for p := range rmsParts {
			for i, v := range parts[p*C : p*C+C] {
				dw[i] += v
			}
		}
	}
}

// GatedRMSNorm returns RMSNorm(x)·w·silu(gate) over the last axis
// (the output gate of Gated DeltaNet and Mamba2): x, gate (..., C), w (C).
func GatedRMSNorm(x, gate, w *Node, eps float64) *Node {
	sameGraph("GatedRMSNorm", x, gate, w)
	if !sameShape(x.shape, gate.shape) {
		shapePanic("GatedRMSNorm", "x and gate differ", x, gate)
	}
	if w.Rank() != 1 || w.shape[0] != x.Dim(-1) {
		shapePanic("GatedRMSNorm", "weight must be (C) for x (..., C)", x, w)
	}
	return Apply(opGatedRMSNorm, normAttr{eps}, x.shape, x, gate, w)
}

func silu64(z float64) (y, s float64) {
	s = sigm(z)
	return z * s, s
}

// gatedRMSNormForward: out = x·rs·w·silu(z); x, z, out (N, C), rstd (N).
func gatedRMSNormForward[F Float](c *Call[F]) {
	C := c.Node.Dim(-1)
	N := c.Node.Len() / C
	eps := c.Node.attr.(normAttr).eps
	x, z, w, out, rstd := c.In[0], c.In[1], c.In[2], c.Out, c.Scratch
	parFor(c, N, C*4, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			var ss float64
			for _, v := range x[r*C : r*C+C] {
				ss += float64(v) * float64(v)
			}
			rs := 1 / math.Sqrt(ss/float64(C)+eps)
			rstd[r] = F(rs)
			for i := r * C; i < r*C+C; i++ {
				sz, _ := silu64(float64(z[i]))
				out[i] = F(float64(x[i]) * rs * float64(w[i-r*C]) * sz)
			}
		}
	})
}

func gatedRMSNormBackward[F Float](c *Call[F]) {
	C := c.Node.Dim(-1)
	N := c.Node.Len() / C
	x, z, w, g, rstd := c.In[0], c.In[1], c.In[2], c.GradOut, c.Scratch
	dx, dz, dw := c.GradIn[0], c.GradIn[1], c.GradIn[2]
	body := func(lo, hi int, wantW bool) {
		for r := lo; r < hi; r++ {
			rs := float64(rstd[r])
			var dot float64 // Σ gn_i·x_i with gn = g·w·silu(z)
			for i := r * C; i < r*C+C; i++ {
				sz, s := silu64(float64(z[i]))
				wi := float64(w[i-r*C])
				n := float64(x[i]) * rs
				if wantW {
					if dw != nil {
						dw[i-r*C] += F(float64(g[i]) * n * sz)
					}
					continue
				}
				if dz != nil {
					dz[i] += F(float64(g[i]) * n * wi * s * (1 + float64(z[i])*(1-s)))
				}
				dot += float64(g[i]) * wi * sz * float64(x[i])
			}
			if wantW || dx == nil {
				continue
			}
			k := rs * rs * rs * dot / float64(C)
			for i := r * C; i < r*C+C; i++ {
				sz, _ := silu64(float64(z[i]))
				dx[i] += F(rs*float64(g[i])*float64(w[i-r*C])*sz - float64(x[i])*k)
			}
		}
	}
	parFor(c, N, C*8, func(lo, hi int) { body(lo, hi, false) })
	if dw != nil {
		body(0, N, true)
	}
}

// ---- L2 normalisation ----

// L2Norm returns x / sqrt(Σx² + eps) over the last axis (q and k of
// linear attention, per head).
func L2Norm(x *Node, eps float64) *Node {
	return Apply(opL2Norm, normAttr{eps}, x.shape, x)
}

// l2NormForward: out, x (N, C), rinv (N).
func l2NormForward[F Float](out, rinv, x []F, N, C int, eps F) {
	for r := range N {
		xr, yr := x[r*C:r*C+C], out[r*C:r*C+C]
		var ss F
		for _, v := range xr {
			ss += v * v
		}
		ri := F(1 / math.Sqrt(float64(ss+eps)))
		rinv[r] = ri
		for i, v := range xr {
			yr[i] = v * ri
		}
	}
}

// l2NormBackward: dx += ri·(g - y·Σ(g·y)).
func l2NormBackward[F Float](dx, g, y, rinv []F, N, C int) {
	for r := range N {
		gr, yr, d := g[r*C:r*C+C], y[r*C:r*C+C], dx[r*C:r*C+C]
		var dot F
		for i := range gr {
			dot += gr[i] * yr[i]
		}
		ri := rinv[r]
		for i := range gr {
			d[i] += ri * (gr[i] - yr[i]*dot)
		}
	}
}

func l2NormForwardK[F Float](c *Call[F]) {
	C := c.Node.Dim(-1)
	N := c.Node.Len() / C
	eps := F(c.Node.attr.(normAttr).eps)
	parFor(c, N, C*2, func(lo, hi int) {
		l2NormRows(c.Out[lo*C:hi*C], c.Scratch[lo:hi], c.In[0][lo*C:hi*C], hi-lo, C, eps)
	})
}

func l2NormBackwardK[F Float](c *Call[F]) {
	C := c.Node.Dim(-1)
	N := c.Node.Len() / C
	parFor(c, N, C*2, func(lo, hi int) {
		l2NormRowsBack(c.GradIn[0][lo*C:hi*C], c.GradOut[lo*C:hi*C], c.Out[lo*C:hi*C], c.Scratch[lo:hi], hi-lo, C)
	})
}

// ---- causal depthwise convolution ----

type convAttr struct {
	B, T, C, K int
	silu       bool
}

// CausalConv1D is a causal depthwise convolution over time: x (B,T,C),
// w (C,K); y[b,t,c] = Σ_j w[c,j]·x[b, t-K+1+j, c] (zero before t=0).
// K is any width ≥ 1 (4 in DeltaNet's short convolutions).
func CausalConv1D(x, w *Node) *Node { return conv1d(x, w, false) }

// CausalConv1DSiLU is SiLU(CausalConv1D(x, w)) in one pass.
func CausalConv1DSiLU(x, w *Node) *Node { return conv1d(x, w, true) }

func conv1d(x, w *Node, silu bool) *Node {
	sameGraph("CausalConv1D", x, w)
	if x.Rank() != 3 || w.Rank() != 2 || w.shape[0] != x.shape[2] {
		shapePanic("CausalConv1D", "want x (B,T,C) and w (C,K)", x, w)
	}
	a := convAttr{B: x.shape[0], T: x.shape[1], C: x.shape[2], K: w.shape[1], silu: silu}
	return Apply(opConv1D, a, x.shape, x, w)
}

// Scratch layout of causal_conv1d: wT (K,C) and dwT (K,C), then with
// SiLU σ(pre-activation) and the pre-activation's gradient, each (B·T, C).
func conv1dScratch(n *Node) int {
	a := n.attr.(convAttr)
	s := 2 * a.K * a.C
	if a.silu {
		s += 2 * a.B * a.T * a.C
	}
	return s
}

// conv1dRowsGo writes the convolution of rows [lo,hi) of (B·T) into out
// (B·T, C) from x (B·T, C) and wT (K, C).
func conv1dRowsGo[F Float](out, x, wT []F, T, C, K, lo, hi int) {
	for bt := lo; bt < hi; bt++ {
		t := bt % T
		o := out[bt*C : bt*C+C]
		clear(o)
		for j := max(0, K-1-t); j < K; j++ {
			s := bt - (K - 1 - j)
			xr, wj := x[s*C:s*C+C], wT[j*C:j*C+C]
			for ch, v := range xr {
				o[ch] += wj[ch] * v
			}
		}
	}
}

// conv1dDxGo: dx[bt] += Σ_j wT[j]·gp[bt+K-1-j] within the sequence, rows
// [lo,hi).
func conv1dDxGo[F Float](dx, gp, wT []F, T, C, K, lo, hi int) {
	for bt := lo; bt < hi; bt++ {
		t := bt % T
		d := dx[bt*C : bt*C+C]
		for j := range K {
			if t+K-1-j >= T {
				continue
			}
			s := bt + K - 1 - j
			gr, wj := gp[s*C:s*C+C], wT[j*C:j*C+C]
			for ch, v := range gr {
				d[ch] += wj[ch] * v
			}
		}
	}
}

// conv1dDwGo: dwT[j,ch] += Σ_bt gp[bt,ch]·x[bt-K+1+j,ch] for channels
// [c0,c1).
func conv1dDwGo[F Float](dwT, gp, x []F, T, C, K, N, c0, c1 int) {
	for bt := range N {
		t := bt % T
		gr := gp[bt*C+c0 : bt*C+c1]
		for j := max(0, K-1-t); j < K; j++ {
			s := bt - (K - 1 - j)
			xr, dj := x[s*C+c0:s*C+c1], dwT[j*C+c0:j*C+c1]
			for i, v := range gr {
				dj[i] += v * xr[i]
			}
		}
	}
}

// conv1dForward: x, out (B,T,C), w (C,K).
func conv1dForward[F Float](c *Call[F]) {
	a := c.Node.attr.(convAttr)
	T, C, K, N := a.T, a.C, a.K, a.B*a.T
	w, wT := c.In[1], c.Scratch[:K*C]
	for ch := range C {
		for j := range K {
			wT[j*C+ch] = w[ch*K+j]
		}
	}
	parFor(c, N, C*K, func(lo, hi int) {
		if is32[F]() {
			convRows32(f32s(c.Out), f32s(c.In[0]), f32s(wT), T, C, K, lo, hi)
		} else {
			conv1dRowsGo(c.Out, c.In[0], wT, T, C, K, lo, hi)
		}
		if a.silu {
			y := c.Out[lo*C : hi*C]
			siluSave(y, c.Scratch[2*K*C+lo*C:2*K*C+hi*C], y)
		}
	})
}

func conv1dBackward[F Float](c *Call[F]) {
	a := c.Node.attr.(convAttr)
	T, C, K, N := a.T, a.C, a.K, a.B*a.T
	x, g := c.In[0], c.GradOut
	dx, dw := c.GradIn[0], c.GradIn[1]
	wT, dwT := c.Scratch[:K*C], c.Scratch[K*C:2*K*C]
	gp := g // dL/d(pre-activation)
	if a.silu {
		sig, y := c.Scratch[2*K*C:2*K*C+N*C], c.Out
		gp = c.Scratch[2*K*C+N*C : 2*K*C+2*N*C]
		parFor(c, N*C, 2, func(lo, hi int) {
			siluGradSaved(gp[lo:hi], g[lo:hi], y[lo:hi], sig[lo:hi], false)
		})
	}
	if dx != nil {
		parFor(c, N, C*K, func(lo, hi int) {
			if is32[F]() {
				convDx32(f32s(dx), f32s(gp), f32s(wT), T, C, K, lo, hi)
			} else {
				conv1dDxGo(dx, gp, wT, T, C, K, lo, hi)
			}
		})
	}
	if dw != nil { // workers own channel ranges of dwT (K, C)
		clear(dwT)
		parFor(c, C, N*K, func(lo, hi int) {
			if is32[F]() {
				convDw32(f32s(dwT), f32s(gp), f32s(x), T, C, K, N, lo, hi)
			} else {
				conv1dDwGo(dwT, gp, x, T, C, K, N, lo, hi)
			}
		})
		for ch := range C {
			for j := range K {
				dw[ch*K+j] += dwT[j*C+ch]
			}
		}
	}
}

// ---- SwiGLU ----

// SwiGLU returns a·silu(g) for x = [a | g] split in halves along the last
// axis: x (..., 2H) → (..., H). Pair it with one (C, 2H) up-projection.
func SwiGLU(x *Node) *Node {
	if x.Dim(-1)%2 != 0 {
		shapePanic("SwiGLU", "last dimension must be even ([a | g])", x)
	}
	shape := x.Shape()
	shape[len(shape)-1] /= 2
	return Apply(opSwiGLU, nil, shape, x)
}

// swigluForward: x (N, 2H), out (N, H).
// swigluRows: rows [lo, hi) of o = a·g·σ(g) for x rows [a | g], σ(g)
// saved in s (the plain twin of swigluForward32's SSE loop).
func swigluRows[F Float](y, sc, x []F, H, lo, hi int) {
	for r := lo; r < hi; r++ {
		a, g, o := x[2*r*H:2*r*H+H], x[2*r*H+H:2*r*H+2*H], y[r*H:r*H+H]
		s := sc[r*H : r*H+H]
		sigmoidSlice(s, g)
		for i, z := range g {
			o[i] = a[i] * z * s[i]
		}
	}
}

// swigluRowsBack: rows [lo, hi) of the SwiGLU backward, accumulated into
// dx (the plain twin of swigluBackward32).
func swigluRowsBack[F Float](dx, gy, x, sc []F, H, lo, hi int) {
	for r := lo; r < hi; r++ {
		a, g := x[2*r*H:2*r*H+H], x[2*r*H+H:2*r*H+2*H]
		da, dg := dx[2*r*H:2*r*H+H], dx[2*r*H+H:2*r*H+2*H]
		gr := gy[r*H : r*H+H]
		s := sc[r*H : r*H+H]
		for i, z := range g {
			si := s[i]
			da[i] += gr[i] * z * si
			dg[i] += gr[i] * a[i] * si * (1 + z*(1-si))
		}
	}
}

func swigluForward[F Float](c *Call[F]) {
	H := c.Node.Dim(-1)
	N := c.Node.Len() / H
	x, y, s := c.In[0], c.Out, c.Scratch
	parFor(c, N, H*4, func(lo, hi int) {
		if is32[F]() {
			swigluForward32(f32s(y[lo*H:hi*H]), f32s(s[lo*H:hi*H]), f32s(x[2*lo*H:2*hi*H]), hi-lo, H)
			return
		}
		swigluRows(y, s, x, H, lo, hi)
	})
}

func swigluBackward[F Float](c *Call[F]) {
	H := c.Node.Dim(-1)
	N := c.Node.Len() / H
	x, gy, dx, s := c.In[0], c.GradOut, c.GradIn[0], c.Scratch
	parFor(c, N, H*4, func(lo, hi int) {
		if is32[F]() {
			swigluBackward32(f32s(dx[2*lo*H:2*hi*H]), f32s(gy[lo*H:hi*H]), f32s(x[2*lo*H:2*hi*H]), f32s(s[lo*H:hi*H]), hi-lo, H)
			return
		}
		swigluRowsBack(dx, gy, x, s, H, lo, hi)
	})
}
