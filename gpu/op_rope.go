package gpu

import "math"

var opRoPE *OpDef

func init() {
	opRoPE = Register(&OpDef{
		Name:    "rope",
		F32:     Kernels[float32]{ropeForward[float32], ropeBackward[float32]},
		F64:     Kernels[float64]{ropeForward[float64], ropeBackward[float64]},
		Scratch: func(n *Node) int { return n.Dim(1) * n.Dim(-1) }, // cos, sin per (t, pair)
		FLOPs:   func(n *Node) int64 { return 3 * int64(n.Len()) },
		Examples: func(g *Graph) []*Node {
			return []*Node{
				RoPE(g.Input("x", 3, 17, 5, 6), 10000),
				RoPE(g.Input("y", 2, 9, 2), 10), // (B,T,D), one pair, a fast rotation
			}
		},
	})
}

// RoPE applies rotary position embeddings (Su et al., 2021) to x
// (B,T,...,D), D even, position t = index along dimension 1. Channel i and
// i+D/2 form a pair (the "rotate half" layout of GPT-NeoX and LLaMA),
// rotated by the angle t·θ_i with θ_i = base^(−2i/D), i < D/2:
//
//	y_i       = x_i cos(tθ_i) − x_{i+D/2} sin(tθ_i)
//	y_{i+D/2} = x_i sin(tθ_i) + x_{i+D/2} cos(tθ_i)
//
// The standard base is 10000. Applied to q and k before their dot product,
// the score depends on positions only through their difference.
func RoPE(x *Node, base float64) *Node {
	if x.Rank() < 3 || x.Dim(-1)%2 != 0 {
		shapePanic("RoPE", "want (B,T,...,D) with D even", x)
	}
	if !(base > 1) {
		panic("gpu: RoPE: base must be > 1, e.g. 10000")
	}
	return Apply(opRoPE, base, x.Shape(), x)
}

// ropeTable fills tab (T, D) with cos(tθ_i) in [t, i] and sin(tθ_i) in
// [t, D/2+i], computed in float64.
func ropeTable[F Float](tab []F, T, D int, base float64) {
	h := D / 2
	for i := range h {
		theta := math.Pow(base, -2*float64(i)/float64(D))
		for t := range T {
			s, c := math.Sincos(float64(t) * theta)
			tab[t*D+i] = F(c)
			tab[t*D+h+i] = F(s)
		}
	}
}

// ropeRows rotates rows [lo, hi) of x (N rows of D, row r at position
// (r/per)%T) into y; sign −1 applies the inverse rotation (the backward).
func ropeRows[F Float](y, x, tab []F, T, per, D, lo, hi int, sign F) {
	h := D / 2
	for r := lo; r < hi; r++ {
		t := (r / per) % T
		cs, sn := tab[t*D:t*D+h], tab[t*D+h:t*D+D]
		xr, yr := x[r*D:r*D+D], y[r*D:r*D+D]
		for i := range h {
			a, b := xr[i], xr[h+i]
			c, s := cs[i], sign*sn[i]
			yr[i] += a*c - b*s
			yr[h+i] += a*s + b*c
		}
	}
}

// ropeForward: x, out (B,T,...,D); scratch (T, D) the cos/sin table.
func ropeForward[F Float](c *Call[F]) {
	n := c.Node
	T, D := n.Dim(1), n.Dim(-1)
	rows := n.Len() / D
	per := rows / (n.Dim(0) * T) // rows per position (H in (B,T,H,D))
	ropeTable(c.Scratch, T, D, n.Attr().(float64))
	clear(c.Out)
	parFor(c, rows, 3*D, func(lo, hi int) { ropeRows(c.Out, c.In[0], c.Scratch, T, per, D, lo, hi, 1) })
}

// ropeBackward: dx += R(−tθ) dy, the transpose of the rotation.
func ropeBackward[F Float](c *Call[F]) {
	if c.GradIn[0] == nil {
		return
	}
	n := c.Node
	T, D := n.Dim(1), n.Dim(-1)
	rows := n.Len() / D
	per := rows / (n.Dim(0) * T)
	parFor(c, rows, 3*D, func(lo, hi int) { ropeRows(c.GradIn[0], c.GradOut, c.Scratch, T, per, D, lo, hi, -1) })
}
