package gpu

import (
	"fmt"
	"math"
)

// axisSplit describes x viewed as (outer, n, inner) around one axis.
type axisSplit struct {
	outer, n, inner int
	axis            int
}

func splitAxis(op string, x *Node, axis int) axisSplit {
	r := len(x.shape)
	if axis < 0 {
		axis += r
	}
	if axis < 0 || axis >= r {
		shapePanic(op, fmt.Sprintf("axis %d out of range", axis), x)
	}
	return axisSplit{outer: numel(x.shape[:axis]), n: x.shape[axis], inner: numel(x.shape[axis+1:]), axis: axis}
}

type reduceKind uint8

const (
	redSum reduceKind = iota
	redMean
	redMax
)

type reduceAttr struct {
	axisSplit
	kind reduceKind
}

var opReduce [3]*OpDef

func init() {
	for k, name := range []string{"sum", "mean", "max"} {
		kind := reduceKind(k)
		d := &OpDef{
			Name: name,
			F32:  Kernels[float32]{reduceForward[float32], reduceBackward[float32]},
			F64:  Kernels[float64]{reduceForward[float64], reduceBackward[float64]},
			Examples: func(g *Graph) []*Node {
				x := g.Input("x", 3, 17, 5)
				return []*Node{reduce(kind, x, 0, false), reduce(kind, x, 1, true), reduce(kind, x, -1, false)}
			},
		}
		if kind == redMax {
			d.Scratch = func(n *Node) int { return n.Len() } // argmax per output
		}
		opReduce[k] = Register(d)
	}
}

func reduce(kind reduceKind, x *Node, axis int, keep bool) *Node {
	d := opReduce[kind]
	s := splitAxis(d.Name, x, axis)
	shape := append([]int(nil), x.shape...)
	if keep {
		shape[s.axis] = 1
	} else {
		shape = append(shape[:s.axis], shape[s.axis+1:]...)
	}
	return Apply(d, &reduceAttr{s, kind}, shape, x)
}

// Sum sums over axis (negative counts from the end), removing it.
func Sum(x *Node, axis int) *Node { return reduce(redSum, x, axis, false) }

// Mean averages over axis, removing it.
func Mean(x *Node, axis int) *Node { return reduce(redMean, x, axis, false) }

// Max takes the maximum over axis, removing it (gradient to the first
// maximum).
func Max(x *Node, axis int) *Node { return reduce(redMax, x, axis, false) }

// SumKeep, MeanKeep and MaxKeep keep the axis with size 1, ready to
// broadcast against x.
func SumKeep(x *Node, axis int) *Node  { return reduce(redSum, x, axis, true) }
func MeanKeep(x *Node, axis int) *Node { return reduce(redMean, x, axis, true) }
func MaxKeep(x *Node, axis int) *Node  { return reduce(redMax, x, axis, true) }

// SumAll sums every element into a scalar (shape []).
func SumAll(x *Node) *Node {
	return Sum(Reshape(x, x.Len()), 0)
}

// MeanAll averages every element into a scalar.
func MeanAll(x *Node) *Node {
	return Mean(Reshape(x, x.Len()), 0)
}

// reduceForward: x is (outer, n, inner), out is (outer, inner).
func reduceForward[F Float](c *Call[F]) {
	a := c.Node.attr.(*reduceAttr)
	x, y := c.In[0], c.Out
	n, inner := a.n, a.inner
	parFor(c, a.outer, n*inner, func(lo, hi int) {
		for o := lo; o < hi; o++ {
			yo := y[o*inner : o*inner+inner]
			xo := x[o*n*inner:]
			switch a.kind {
			case redSum, redMean:
				clear(yo)
				for k := range n {
					row := xo[k*inner : k*inner+inner]
					for i, v := range row {
						yo[i] += v
					}
				}
				if a.kind == redMean {
					s := 1 / F(n)
					for i := range yo {
						yo[i] *= s
					}
				}
			case redMax:
				arg := c.Scratch[o*inner : o*inner+inner]
				copy(yo, xo[:inner])
				clear(arg)
				for k := 1; k < n; k++ {
					row := xo[k*inner : k*inner+inner]
					for i, v := range row {
						if v > yo[i] {
							yo[i], arg[i] = v, F(k)
						}
					}
				}
			}
		}
	})
}

func reduceBackward[F Float](c *Call[F]) {
	a := c.Node.attr.(*reduceAttr)
	g, dx := c.GradOut, c.GradIn[0]
	n, inner := a.n, a.inner
	parFor(c, a.outer, n*inner, func(lo, hi int) {
		for o := lo; o < hi; o++ {
			go_ := g[o*inner : o*inner+inner]
			dxo := dx[o*n*inner:]
			switch a.kind {
			case redSum, redMean:
				s := F(1)
				if a.kind == redMean {
					s = 1 / F(n)
				}
				for k := range n {
					row := dxo[k*inner : k*inner+inner]
					for i := range row {
						row[i] += s * go_[i]
					}
				}
			case redMax:
				arg := c.Scratch[o*inner : o*inner+inner]
				for i := range go_ {
					dxo[int(arg[i])*inner+i] += go_[i]
				}
			}
		}
	})
}

// ---- softmax family (over the last axis) ----

var opSoftmax, opLogSoftmax, opEntropy *OpDef

func init() {
	opSoftmax = Register(&OpDef{
		Name: "softmax",
		F32:  Kernels[float32]{softmaxForward[float32], softmaxBackward[float32]},
		F64:  Kernels[float64]{softmaxForward[float64], softmaxBackward[float64]},
		Examples: func(g *Graph) []*Node {
			x := g.Input("x", 3, 17, 5)
			return []*Node{Softmax(x, 1), Softmax(x, 0.7)}
		},
	})
	opLogSoftmax = Register(&OpDef{
		Name: "log_softmax",
		F32:  Kernels[float32]{logSoftmaxForward[float32], logSoftmaxBackward[float32]},
		F64:  Kernels[float64]{logSoftmaxForward[float64], logSoftmaxBackward[float64]},
		Examples: func(g *Graph) []*Node {
			return []*Node{LogSoftmax(g.Input("x", 3, 17, 5))}
		},
	})
	opEntropy = Register(&OpDef{
		Name:    "entropy",
		F32:     Kernels[float32]{entropyForward[float32], entropyBackward[float32]},
		F64:     Kernels[float64]{entropyForward[float64], entropyBackward[float64]},
		Scratch: func(n *Node) int { return n.in[0].Len() }, // probabilities
		Examples: func(g *Graph) []*Node {
			return []*Node{Entropy(g.Input("x", 3, 17, 5))}
		},
	})
}

// Softmax returns softmax(x/temperature) over the last axis.
func Softmax(x *Node, temperature float64) *Node {
	if temperature <= 0 {
		panic(fmt.Sprintf("gpu: Softmax: temperature %v must be positive", temperature))
	}
	return Apply(opSoftmax, temperature, x.shape, x)
}

// LogSoftmax returns log(softmax(x)) over the last axis.
func LogSoftmax(x *Node) *Node { return Apply(opLogSoftmax, nil, x.shape, x) }

// Entropy returns -Σ p·log p of p = softmax(x) over the last axis, which
// it removes: (..., V) → (...).
func Entropy(x *Node) *Node { return Apply(opEntropy, nil, x.shape[:len(x.shape)-1], x) }

// softmaxRow writes y = softmax(x·s) and returns log Σ exp(x·s).
func softmaxRow[F Float](y, x []F, s F) F {
	m := x[0] * s
	for _, v := range x {
		m = max(m, v*s)
	}
	var sum F
	if s == 1 {
		sum = expShift(y, x, m)
	} else {
		for i, v := range x {
			e := expF(v*s - m)
			y[i] = e
			sum += e
		}
	}
	inv := 1 / sum
	for i := range y {
		y[i] *= inv
	}
	return m + F(math.Log(float64(sum)))
}

func lastAxis[F Float](c *Call[F]) (rows, L int) {
	sh := c.Node.in[0].shape
	L = 1
	if len(sh) > 0 {
		L = sh[len(sh)-1]
	}
	return c.Node.in[0].Len() / L, L
}

// softmaxForward: x, y are (rows, L).
func softmaxForward[F Float](c *Call[F]) {
	rows, L := lastAxis(c)
	s := F(1 / c.Node.attr.(float64))
	parFor(c, rows, L*8, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			softmaxRow(c.Out[r*L:r*L+L], c.In[0][r*L:r*L+L], s)
		}
	})
}

func softmaxBackward[F Float](c *Call[F]) {
	rows, L := lastAxis(c)
	s := F(1 / c.Node.attr.(float64))
	parFor(c, rows, L*4, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			y, g, dx := c.Out[r*L:r*L+L], c.GradOut[r*L:r*L+L], c.GradIn[0][r*L:r*L+L]
			var dot F
			for i := range y {
				dot += g[i] * y[i]
			}
			for i := range y {
				dx[i] += s * y[i] * (g[i] - dot)
			}
		}
	})
}

func logSoftmaxForward[F Float](c *Call[F]) {
	rows, L := lastAxis(c)
	parFor(c, rows, L*8, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			y, x := c.Out[r*L:r*L+L], c.In[0][r*L:r*L+L]
			lse := softmaxRow(y, x, 1)
			for i := range y {
				y[i] = x[i] - lse
			}
		}
	})
}

func logSoftmaxBackward[F Float](c *Call[F]) {
	rows, L := lastAxis(c)
	parFor(c, rows, L*8, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			y, g, dx := c.Out[r*L:r*L+L], c.GradOut[r*L:r*L+L], c.GradIn[0][r*L:r*L+L]
			var sum F
			for _, v := range g {
				sum += v
			}
			for i := range y {
				dx[i] += g[i] - expF(y[i])*sum
			}
		}
	})
}

// entropyForward: x is (rows, L), out is (rows), scratch p is (rows, L).
func entropyForward[F Float](c *Call[F]) {
	rows, L := lastAxis(c)
	parFor(c, rows, L*8, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			p, x := c.Scratch[r*L:r*L+L], c.In[0][r*L:r*L+L]
			lse := softmaxRow(p, x, 1)
			var h F
			for i := range p {
				h -= p[i] * (x[i] - lse)
			}
			c.Out[r] = h
		}
	})
}

// dH/dx_i = -p_i (log p_i + H)
func entropyBackward[F Float](c *Call[F]) {
	rows, L := lastAxis(c)
	parFor(c, rows, L*8, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			p, dx := c.Scratch[r*L:r*L+L], c.GradIn[0][r*L:r*L+L]
			h, g := c.Out[r], c.GradOut[r]
			for i := range p {
				lp := F(math.Log(max(float64(p[i]), 1e-300)))
				dx[i] -= g * p[i] * (lp + h)
			}
		}
	})
}

// ---- cumulative sums ----

var opCumSum, opDecayMask *OpDef

func init() {
	opCumSum = Register(&OpDef{
		Name: "cumsum",
		F32:  Kernels[float32]{cumsumForward[float32], cumsumBackward[float32]},
		F64:  Kernels[float64]{cumsumForward[float64], cumsumBackward[float64]},
		Examples: func(g *Graph) []*Node {
			x := g.Input("x", 3, 17, 5)
			return []*Node{CumSum(x, 1), CumSum(x, -1), CumSum(x, 0)}
		},
	})
	opDecayMask = Register(&OpDef{
		Name: "decay_mask",
		F32:  Kernels[float32]{decayMaskForward[float32], decayMaskBackward[float32]},
		F64:  Kernels[float64]{decayMaskForward[float64], decayMaskBackward[float64]},
		FLOPs: func(n *Node) int64 {
			return int64(n.Len())
		},
		Examples: func(g *Graph) []*Node {
			return []*Node{DecayMask(Scale(Softplus(g.Input("a", 3, 2, 13)), -0.5))}
		},
	})
}

// CumSum returns the inclusive cumulative sum along axis.
func CumSum(x *Node, axis int) *Node {
	return Apply(opCumSum, splitAxis("CumSum", x, axis), x.shape, x)
}

// cumsumForward: x, y are (outer, n, inner), summed along n.
func cumsumForward[F Float](c *Call[F]) {
	a := c.Node.attr.(axisSplit)
	x, y := c.In[0], c.Out
	n, inner := a.n, a.inner
	parFor(c, a.outer, n*inner, func(lo, hi int) {
		for o := lo; o < hi; o++ {
			base := o * n * inner
			copy(y[base:base+inner], x[base:base+inner])
			for k := 1; k < n; k++ {
				prev, cur := y[base+(k-1)*inner:base+k*inner], y[base+k*inner:base+(k+1)*inner]
				xr := x[base+k*inner : base+(k+1)*inner]
				for i := range cur {
					cur[i] = prev[i] + xr[i]
				}
			}
		}
	})
}

// dx_k = Σ_{j≥k} g_j (a reverse cumulative sum).
func cumsumBackward[F Float](c *Call[F]) {
	a := c.Node.attr.(axisSplit)
	g, dx := c.GradOut, c.GradIn[0]
	n, inner := a.n, a.inner
	parFor(c, a.outer, n*inner, func(lo, hi int) {
		acc := make([]F, inner)
		for o := lo; o < hi; o++ {
			base := o * n * inner
			clear(acc)
			for k := n - 1; k >= 0; k-- {
				gr, dr := g[base+k*inner:base+(k+1)*inner], dx[base+k*inner:base+(k+1)*inner]
				for i := range acc {
					acc[i] += gr[i]
					dr[i] += acc[i]
				}
			}
		}
	})
}

// DecayMask turns per-step log-decays a (..., T) (a ≤ 0, e.g.
// -softplus(x)·dt) into the cumulative decay matrix (..., T, T) of
// Mamba2's SSD form: M[i,j] = exp(a[j+1] + … + a[i]) for j ≤ i (1 on the
// diagonal), 0 above it.
func DecayMask(a *Node) *Node {
	T := a.Dim(-1)
	return Apply(opDecayMask, nil, append(a.Shape(), T), a)
}

// decayMaskForward: a is (rows, T), M is (rows, T, T).
func decayMaskForward[F Float](c *Call[F]) {
	T := c.Node.in[0].shape[len(c.Node.in[0].shape)-1]
	rows := c.Node.in[0].Len() / T
	parFor(c, rows, T*T, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			a, m := c.In[0][r*T:r*T+T], c.Out[r*T*T:(r+1)*T*T]
			for i := range T {
				row := m[i*T : i*T+T]
				row[i] = 1
				var s float64
				for j := i - 1; j >= 0; j-- {
					s += float64(a[j+1])
					row[j] = F(math.Exp(s))
				}
				clear(row[i+1:])
			}
		}
	})
}

// da_k = Σ_{i≥k} Σ_{j<k} g[i,j]·M[i,j].
func decayMaskBackward[F Float](c *Call[F]) {
	T := c.Node.in[0].shape[len(c.Node.in[0].shape)-1]
	rows := c.Node.in[0].Len() / T
	parFor(c, rows, T*T, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			m, g, da := c.Out[r*T*T:(r+1)*T*T], c.GradOut[r*T*T:(r+1)*T*T], c.GradIn[0][r*T:r*T+T]
			for i := range T {
				var p F // Σ_{j<k} g[i,j] M[i,j], growing with k
				for k := 1; k <= i; k++ {
					p += g[i*T+k-1] * m[i*T+k-1]
					da[k] += p
				}
			}
		}
	})
}
