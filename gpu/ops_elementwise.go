package gpu

import (
	"fmt"
	"math"
	"sync/atomic"
)

// grain is the smallest amount of work (elements) worth splitting
// across workers; see SetParallelGrain.
var grain atomic.Int64

func init() { grain.Store(1 << 14) }

// SetParallelGrain sets the smallest amount of work (in elements) a
// kernel splits across the backend's workers, default 16384, and returns
// a function restoring the previous value. Conformance tests set 1 so
// the small example shapes exercise every kernel's parallel path.
func SetParallelGrain(n int) (restore func()) {
	old := grain.Swap(int64(n))
	return func() { grain.Store(old) }
}

// parFor runs f over [0,n), in parallel when n is large enough.
func parFor[F Float](c *Call[F], n, unit int, f func(lo, hi int)) {
	if int64(n*unit) < grain.Load() || c.B.Threads() < 2 {
		f(0, n)
		return
	}
	c.B.Parallel(n, f)
}

// ---- unary element-wise ops ----

// unaryFn is an element-wise function: y = f(x, a) where a is the op's
// scalar attribute; d returns dy/dx given x, y and a.
type unaryFn struct {
	f func(x, a float64) float64
	d func(x, y, a float64) float64
}

type unaryKind uint8

const (
	uGeneric unaryKind = iota
	uSiLU
	uSigmoid
	uExp
	uScale
)

func sigm(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

func unaryForward[F Float](fn unaryFn, kind unaryKind) func(c *Call[F]) {
	return func(c *Call[F]) {
		x, y := c.In[0], c.Out
		a := c.Node.attr.(float64)
		parFor(c, len(y), 4, func(lo, hi int) {
			x, y := x[lo:hi], y[lo:hi]
			switch kind { // fast paths in F arithmetic for the hot ops
			case uSiLU:
				siluSave(y, c.Scratch[lo:hi], x)
			case uSigmoid:
				sigmoidSlice(y, x)
			case uExp:
				expSlice(y, x, 0)
			case uScale:
				for i, v := range x {
					y[i] = F(a) * v
				}
			default:
				for i, v := range x {
					y[i] = F(fn.f(float64(v), a))
				}
			}
		})
	}
}

func unaryBackward[F Float](fn unaryFn, kind unaryKind) func(c *Call[F]) {
	return func(c *Call[F]) {
		x, y, g, dx := c.In[0], c.Out, c.GradOut, c.GradIn[0]
		a := c.Node.attr.(float64)
		parFor(c, len(y), 4, func(lo, hi int) {
			x, y, g, dx := x[lo:hi], y[lo:hi], g[lo:hi], dx[lo:hi]
			switch kind {
			case uSiLU:
				siluGradSaved(dx, g, y, c.Scratch[lo:hi], true)
			case uSigmoid:
				for i, v := range y {
					dx[i] += g[i] * v * (1 - v)
				}
			case uExp:
				for i, v := range y {
					dx[i] += g[i] * v
				}
			case uScale:
				for i, v := range g {
					dx[i] += F(a) * v
				}
			default:
				for i := range x {
					dx[i] += g[i] * F(fn.d(float64(x[i]), float64(y[i]), a))
				}
			}
		})
	}
}

// positive maps an example input to values safely inside (0.1, ∞).
func positive(x *Node) *Node { return AddScalar(Softplus(x), 0.1) }

// registerUnary registers an element-wise op; its example applies it
// with attribute a to pre(x) (pre keeps x in the op's domain).
func registerUnary(name string, fn unaryFn, pre func(x *Node) *Node, a float64) *OpDef {
	kind := map[string]unaryKind{"silu": uSiLU, "sigmoid": uSigmoid, "exp": uExp, "scale": uScale}[name]
	var scratch func(n *Node) int
	if kind == uSiLU {
		scratch = func(n *Node) int { return n.Len() } // σ(x), saved for backward
	}
	return Register(&OpDef{
		Scratch: scratch,
		Name:    name,
		F32:     Kernels[float32]{unaryForward[float32](fn, kind), unaryBackward[float32](fn, kind)},
		F64:     Kernels[float64]{unaryForward[float64](fn, kind), unaryBackward[float64](fn, kind)},
		Examples: func(g *Graph) []*Node {
			return []*Node{unary(LookupOp(name), pre(g.Input("x", 3, 17, 5)), a)}
		},
	})
}

func id(x *Node) *Node { return x }

var opNeg, opExp, opLog, opSqrt, opRsqrt, opAbs, opTanh, opSigmoid, opSiLU, opGELU, opSoftplus, opReLU, opPow, opScale, opAddScalar *OpDef

func init() {
	opNeg = registerUnary("neg", unaryFn{func(x, _ float64) float64 { return -x }, func(_, _, _ float64) float64 { return -1 }}, id, 0)
	opExp = registerUnary("exp", unaryFn{func(x, _ float64) float64 { return math.Exp(x) }, func(_, y, _ float64) float64 { return y }}, id, 0)
	opLog = registerUnary("log", unaryFn{func(x, _ float64) float64 { return math.Log(x) }, func(x, _, _ float64) float64 { return 1 / x }},
		positive, 0)
	opSqrt = registerUnary("sqrt", unaryFn{func(x, _ float64) float64 { return math.Sqrt(x) }, func(_, y, _ float64) float64 { return 0.5 / y }},
		positive, 0)
	opRsqrt = registerUnary("rsqrt", unaryFn{func(x, _ float64) float64 { return 1 / math.Sqrt(x) }, func(_, y, _ float64) float64 { return -0.5 * y * y * y }},
		positive, 0)
	opAbs = registerUnary("abs", unaryFn{func(x, _ float64) float64 { return math.Abs(x) }, func(x, _, _ float64) float64 {
		if x < 0 {
			return -1
		}
		return 1
	}}, id, 0)
	opTanh = registerUnary("tanh", unaryFn{func(x, _ float64) float64 { return math.Tanh(x) }, func(_, y, _ float64) float64 { return 1 - y*y }}, id, 0)
	opSigmoid = registerUnary("sigmoid", unaryFn{func(x, _ float64) float64 { return sigm(x) }, func(_, y, _ float64) float64 { return y * (1 - y) }}, id, 0)
	opSiLU = registerUnary("silu", unaryFn{func(x, _ float64) float64 { return x * sigm(x) }, func(x, _, _ float64) float64 {
		s := sigm(x)
		return s * (1 + x*(1-s))
	}}, id, 0)
	opGELU = registerUnary("gelu", unaryFn{func(x, _ float64) float64 { return 0.5 * x * (1 + math.Erf(x/math.Sqrt2)) }, func(x, _, _ float64) float64 {
		return 0.5*(1+math.Erf(x/math.Sqrt2)) + x*math.Exp(-0.5*x*x)/math.Sqrt(2*math.Pi)
	}}, id, 0)
	opSoftplus = registerUnary("softplus", unaryFn{func(x, _ float64) float64 {
		if x > 20 {
			return x
		}
		return math.Log1p(math.Exp(x))
	}, func(x, _, _ float64) float64 { return sigm(x) }}, id, 0)
	opReLU = registerUnary("relu", unaryFn{func(x, _ float64) float64 { return max(x, 0) }, func(x, _, _ float64) float64 {
		if x > 0 {
			return 1
		}
		return 0
	}}, id, 0)
	opPow = registerUnary("pow", unaryFn{func(x, a float64) float64 { return math.Pow(x, a) }, func(x, _, a float64) float64 { return a * math.Pow(x, a-1) }},
		positive, 1.7)
	opScale = registerUnary("scale", unaryFn{func(x, a float64) float64 { return a * x }, func(_, _, a float64) float64 { return a }},
		id, -0.3)
	opAddScalar = registerUnary("add_scalar", unaryFn{func(x, a float64) float64 { return x + a }, func(_, _, _ float64) float64 { return 1 }},
		id, 0.7)
}

func unary(d *OpDef, x *Node, a float64) *Node {
	if x.dtype != Float32 {
		panic(fmt.Sprintf("gpu: %s of int tokens %v", d.Name, x))
	}
	return Apply(d, a, x.shape, x)
}

// Neg returns -x.
func Neg(x *Node) *Node { return unary(opNeg, x, 0) }

// Exp returns eˣ.
func Exp(x *Node) *Node { return unary(opExp, x, 0) }

// Log returns ln x.
func Log(x *Node) *Node { return unary(opLog, x, 0) }

// Sqrt returns √x.
func Sqrt(x *Node) *Node { return unary(opSqrt, x, 0) }

// Rsqrt returns 1/√x.
func Rsqrt(x *Node) *Node { return unary(opRsqrt, x, 0) }

// Abs returns |x| (gradient sign(x), +1 at 0).
func Abs(x *Node) *Node { return unary(opAbs, x, 0) }

// Tanh returns tanh x.
func Tanh(x *Node) *Node { return unary(opTanh, x, 0) }

// Sigmoid returns 1/(1+e⁻ˣ).
func Sigmoid(x *Node) *Node { return unary(opSigmoid, x, 0) }

// SiLU returns x·sigmoid(x).
func SiLU(x *Node) *Node { return unary(opSiLU, x, 0) }

// GELU returns x·Φ(x) (the exact, erf form).
func GELU(x *Node) *Node { return unary(opGELU, x, 0) }

// Softplus returns ln(1+eˣ).
func Softplus(x *Node) *Node { return unary(opSoftplus, x, 0) }

// ReLU returns max(x, 0).
func ReLU(x *Node) *Node { return unary(opReLU, x, 0) }

// Pow returns xᵖ for a constant exponent (x > 0 unless p is an integer).
func Pow(x *Node, p float64) *Node { return unary(opPow, x, p) }

// Scale returns a·x.
func Scale(x *Node, a float64) *Node { return unary(opScale, x, a) }

// AddScalar returns x+a.
func AddScalar(x *Node, a float64) *Node { return unary(opAddScalar, x, a) }

// ---- broadcasting ----

// bcast maps each row (last dimension) of an output to the rows of
// operands broadcast against it, numpy style. Computed once at trace time.
type bcast struct {
	L, rows int       // output row length and count
	full    []bool    // operand has the output's shape (offset = r*L, stride 1)
	off     [][]int32 // per operand: row offsets (nil when full)
	inner   []int     // per operand: stride along the row, 1 or 0
}

// broadcastShape returns the numpy broadcast of the shapes, or panics.
func broadcastShape(op string, xs ...*Node) []int {
	R := 0
	for _, x := range xs {
		R = max(R, len(x.shape))
	}
	out := make([]int, R)
	for i := range out {
		out[i] = 1
	}
	for _, x := range xs {
		for d := range x.shape {
			o := R - len(x.shape) + d
			v := x.shape[d]
			switch {
			case v == out[o] || v == 1:
			case out[o] == 1:
				out[o] = v
			default:
				shapePanic(op, fmt.Sprintf("cannot broadcast (dimension %d: %d vs %d)", o, out[o], v), xs...)
			}
		}
	}
	return out
}

func newBcast(out []int, xs ...*Node) *bcast {
	R := len(out)
	if R == 0 {
		out, R = []int{1}, 1
	}
	L := out[R-1]
	b := &bcast{L: L, rows: numel(out) / L, full: make([]bool, len(xs)), off: make([][]int32, len(xs)), inner: make([]int, len(xs))}
	for k, x := range xs {
		if numel(x.shape) == numel(out) {
			b.full[k] = true
			b.inner[k] = 1
			continue
		}
		// strides of x padded to rank R, 0 where broadcast
		st := make([]int, R)
		s := 1
		for d := R - 1; d >= 0; d-- {
			xd := d - (R - len(x.shape))
			if xd < 0 {
				continue
			}
			if x.shape[xd] != 1 {
				st[d] = s
			}
			s *= x.shape[xd]
		}
		b.inner[k] = st[R-1]
		offs := make([]int32, b.rows)
		idx := make([]int, R-1)
		for r := range b.rows {
			o := 0
			for d := range R - 1 {
				o += idx[d] * st[d]
			}
			offs[r] = int32(o)
			for d := R - 2; d >= 0; d-- {
				idx[d]++
				if idx[d] < out[d] {
					break
				}
				idx[d] = 0
			}
		}
		b.off[k] = offs
	}
	return b
}

func (b *bcast) rowOff(k, r int) int {
	if b.full[k] {
		return r * b.L
	}
	return int(b.off[k][r])
}

// binaryFn is y = f(a, b) with partial derivatives given a, b, y.
type binaryFn struct {
	f      func(a, b float64) float64
	da, db func(a, b, y float64) float64
}

type binaryKind uint8

const (
	bAdd binaryKind = iota
	bSub
	bMul
	bDiv
)

func binaryForward[F Float](fn binaryFn, kind binaryKind) func(c *Call[F]) {
	return func(c *Call[F]) {
		bc := c.Node.attr.(*bcast)
		A, B, Y := c.In[0], c.In[1], c.Out
		L := bc.L
		parFor(c, bc.rows, L, func(lo, hi int) {
			if bc.full[0] && bc.full[1] { // same shapes: flat loops
				a, b, y := A[lo*L:hi*L], B[lo*L:hi*L], Y[lo*L:hi*L]
				switch kind {
				case bAdd:
					for i := range y {
						y[i] = a[i] + b[i]
					}
				case bSub:
					for i := range y {
						y[i] = a[i] - b[i]
					}
				case bMul:
					for i := range y {
						y[i] = a[i] * b[i]
					}
				case bDiv:
					for i := range y {
						y[i] = a[i] / b[i]
					}
				}
				return
			}
			for r := lo; r < hi; r++ {
				y := Y[r*L : r*L+L]
				oa, ob, sa, sb := bc.rowOff(0, r), bc.rowOff(1, r), bc.inner[0], bc.inner[1]
				for j := range y {
					y[j] = F(fn.f(float64(A[oa+j*sa]), float64(B[ob+j*sb])))
				}
			}
		})
	}
}

func binaryBackward[F Float](fn binaryFn, kind binaryKind) func(c *Call[F]) {
	return func(c *Call[F]) {
		bc := c.Node.attr.(*bcast)
		A, B, Y, G := c.In[0], c.In[1], c.Out, c.GradOut
		L := bc.L
		for k, d := range []func(a, b, y float64) float64{fn.da, fn.db} {
			dx := c.GradIn[k]
			if dx == nil {
				continue
			}
			if bc.full[0] && bc.full[1] {
				parFor(c, len(G), 2, func(lo, hi int) {
					g, d := G[lo:hi], dx[lo:hi]
					switch {
					case kind == bAdd || kind == bSub && k == 0:
						for i, v := range g {
							d[i] += v
						}
					case kind == bSub:
						for i, v := range g {
							d[i] -= v
						}
					case kind == bMul:
						o := B[lo:hi]
						if k == 1 {
							o = A[lo:hi]
						}
						for i, v := range g {
							d[i] += v * o[i]
						}
					case k == 0: // div: d/da = 1/b
						b := B[lo:hi]
						for i, v := range g {
							d[i] += v / b[i]
						}
					default: // div: d/db = -y/b
						b, y := B[lo:hi], Y[lo:hi]
						for i, v := range g {
							d[i] -= v * y[i] / b[i]
						}
					}
				})
				continue
			}
			body := func(lo, hi int) {
				for r := lo; r < hi; r++ {
					oa, ob, sa, sb := bc.rowOff(0, r), bc.rowOff(1, r), bc.inner[0], bc.inner[1]
					ox, sx := bc.rowOff(k, r), bc.inner[k]
					for j := range L {
						i := r*L + j
						dx[ox+j*sx] += G[i] * F(d(float64(A[oa+j*sa]), float64(B[ob+j*sb]), float64(Y[i])))
					}
				}
			}
			if bc.full[k] {
				parFor(c, bc.rows, L, body)
			} else {
				body(0, bc.rows) // rows may share dx: serial
			}
		}
	}
}

func registerBinary(name string, fn binaryFn) *OpDef {
	kind := map[string]binaryKind{"add": bAdd, "sub": bSub, "mul": bMul, "div": bDiv}[name]
	return Register(&OpDef{
		Name: name,
		F32:  Kernels[float32]{binaryForward[float32](fn, kind), binaryBackward[float32](fn, kind)},
		F64:  Kernels[float64]{binaryForward[float64](fn, kind), binaryBackward[float64](fn, kind)},
		Examples: func(g *Graph) []*Node {
			d := LookupOp(name)
			x := g.Input("x", 3, 17, 5)
			pos := func(n *Node) *Node {
				if name == "div" {
					return positive(n)
				}
				return n
			}
			return []*Node{
				binaryOp(d, x, pos(g.Input("same", 3, 17, 5))),
				binaryOp(d, x, pos(g.Input("row", 5))),
				binaryOp(d, x, pos(g.Input("col", 3, 17, 1))),
				binaryOp(d, g.Input("mid", 3, 1, 5), pos(g.Input("b2", 17, 1))),
			}
		},
	})
}

var opAdd, opSub, opMul, opDiv *OpDef

func init() {
	opAdd = registerBinary("add", binaryFn{func(a, b float64) float64 { return a + b },
		func(_, _, _ float64) float64 { return 1 }, func(_, _, _ float64) float64 { return 1 }})
	opSub = registerBinary("sub", binaryFn{func(a, b float64) float64 { return a - b },
		func(_, _, _ float64) float64 { return 1 }, func(_, _, _ float64) float64 { return -1 }})
	opMul = registerBinary("mul", binaryFn{func(a, b float64) float64 { return a * b },
		func(_, b, _ float64) float64 { return b }, func(a, _, _ float64) float64 { return a }})
	opDiv = registerBinary("div", binaryFn{func(a, b float64) float64 { return a / b },
		func(_, b, _ float64) float64 { return 1 / b }, func(_, b, y float64) float64 { return -y / b }})
}

func binaryOp(d *OpDef, a, b *Node) *Node {
	if a.dtype != Float32 || b.dtype != Float32 {
		shapePanic(d.Name, "operands must be float, not tokens", a, b)
	}
	sameGraph(d.Name, a, b)
	out := broadcastShape(d.Name, a, b)
	return Apply(d, newBcast(out, a, b), out, a, b)
}

// Add returns a+b, broadcasting numpy style (x + bias, x + y).
func Add(a, b *Node) *Node { return binaryOp(opAdd, a, b) }

// Sub returns a-b, broadcasting.
func Sub(a, b *Node) *Node { return binaryOp(opSub, a, b) }

// Mul returns a·b element-wise, broadcasting.
func Mul(a, b *Node) *Node { return binaryOp(opMul, a, b) }

// Div returns a/b element-wise, broadcasting.
func Div(a, b *Node) *Node { return binaryOp(opDiv, a, b) }

// ---- where ----

var opWhere *OpDef

func init() {
	opWhere = Register(&OpDef{
		Name: "where",
		F32:  Kernels[float32]{whereForward[float32], whereBackward[float32]},
		F64:  Kernels[float64]{whereForward[float64], whereBackward[float64]},
		Examples: func(g *Graph) []*Node {
			m := CausalMask(g, 17)
			x := g.Input("x", 3, 17, 17)
			return []*Node{Where(m, x, g.Input("y", 3, 17, 17)), Where(m, x, g.Full(-30, 1))}
		},
	})
}

// Where returns cond≠0 ? a : b element-wise, broadcasting all three
// (cond is typically a constant mask such as CausalMask). No gradient
// flows into cond.
func Where(cond, a, b *Node) *Node {
	sameGraph("Where", cond, a, b)
	out := broadcastShape("Where", cond, a, b)
	return Apply(opWhere, newBcast(out, cond, a, b), out, cond, a, b)
}

func whereForward[F Float](c *Call[F]) {
	bc := c.Node.attr.(*bcast)
	M, A, B, Y := c.In[0], c.In[1], c.In[2], c.Out
	L := bc.L
	parFor(c, bc.rows, L, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			om, oa, ob := bc.rowOff(0, r), bc.rowOff(1, r), bc.rowOff(2, r)
			for j := range L {
				if M[om+j*bc.inner[0]] != 0 {
					Y[r*L+j] = A[oa+j*bc.inner[1]]
				} else {
					Y[r*L+j] = B[ob+j*bc.inner[2]]
				}
			}
		}
	})
}

func whereBackward[F Float](c *Call[F]) {
	bc := c.Node.attr.(*bcast)
	M, G := c.In[0], c.GradOut
	L := bc.L
	for k := 1; k <= 2; k++ {
		dx := c.GradIn[k]
		if dx == nil {
			continue
		}
		body := func(lo, hi int) {
			for r := lo; r < hi; r++ {
				om, ox := bc.rowOff(0, r), bc.rowOff(k, r)
				for j := range L {
					if (M[om+j*bc.inner[0]] != 0) == (k == 1) {
						dx[ox+j*bc.inner[k]] += G[r*L+j]
					}
				}
			}
		}
		if bc.full[k] {
			parFor(c, bc.rows, L, body)
		} else {
			body(0, bc.rows) // rows may share dx: serial
		}
	}
}

// CausalMask returns a constant (T,T) lower-triangular mask: 1 where
// column ≤ row, else 0. Use with Where to mask attention scores.
func CausalMask(g *Graph, T int) *Node {
	t := NewTensor(T, T)
	for i := range T {
		for j := 0; j <= i; j++ {
			t.Data[i*T+j] = 1
		}
	}
	return g.Const(t)
}
