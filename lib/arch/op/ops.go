package op

import (
	"fmt"

	"github.com/archlab/archlab/gpu"
)

// un applies a unary graph op.
func un(x *Node, f func(*gpu.Node) *gpu.Node) *Node { return x.s.wrap(f(x.n)) }

// bin applies a binary graph op.
func bin(a, b *Node, f func(*gpu.Node, *gpu.Node) *gpu.Node) *Node {
	return a.s.wrap(f(a.n, b.n))
}

// ---- products ----

// Linear returns x·w: x (..., in), w (in, out) -> (..., out).
func Linear(x, w *Node) *Node {
	if w.Rank() != 2 || x.Dim(-1) != w.Dim(0) {
		panic(fmt.Sprintf("op: Linear: x %v and w %v: w must be (in, out) with in = x's last dimension", x.Shape(), w.Shape()))
	}
	return bin(x, w, gpu.MatMul)
}

// MatMul returns the batched product a·b: a (..., m, k), b (..., k, n) ->
// (..., m, n); leading dimensions broadcast.
func MatMul(a, b *Node) *Node { return bin(a, b, gpu.MatMul) }

// ---- element-wise ----

// Add returns a+b, broadcasting (see the package doc).
func Add(a, b *Node) *Node { return bin(a, b, gpu.Add) }

// Sub returns a-b, broadcasting.
func Sub(a, b *Node) *Node { return bin(a, b, gpu.Sub) }

// Mul returns a·b element-wise, broadcasting.
func Mul(a, b *Node) *Node { return bin(a, b, gpu.Mul) }

// Div returns a/b element-wise, broadcasting.
func Div(a, b *Node) *Node { return bin(a, b, gpu.Div) }

// Scale returns s·x.
func Scale(x *Node, s float64) *Node { return x.s.wrap(gpu.Scale(x.n, s)) }

// AddConst returns x+s.
func AddConst(x *Node, s float64) *Node { return x.s.wrap(gpu.AddScalar(x.n, s)) }

// Neg returns −x.
func Neg(x *Node) *Node { return un(x, gpu.Neg) }

// Exp returns eˣ.
func Exp(x *Node) *Node { return un(x, gpu.Exp) }

// Log returns ln x.
func Log(x *Node) *Node { return un(x, gpu.Log) }

// Sqrt returns √x.
func Sqrt(x *Node) *Node { return un(x, gpu.Sqrt) }

// Abs returns |x|.
func Abs(x *Node) *Node { return un(x, gpu.Abs) }

// Pow returns xᵖ.
func Pow(x *Node, p float64) *Node { return x.s.wrap(gpu.Pow(x.n, p)) }

// Tanh returns tanh x.
func Tanh(x *Node) *Node { return un(x, gpu.Tanh) }

// Sigmoid returns 1/(1+e⁻ˣ).
func Sigmoid(x *Node) *Node { return un(x, gpu.Sigmoid) }

// SiLU returns x·σ(x).
func SiLU(x *Node) *Node { return un(x, gpu.SiLU) }

// GELU returns the Gaussian error linear unit of x.
func GELU(x *Node) *Node { return un(x, gpu.GELU) }

// ReLU returns max(x, 0).
func ReLU(x *Node) *Node { return un(x, gpu.ReLU) }

// Softplus returns ln(1+eˣ).
func Softplus(x *Node) *Node { return un(x, gpu.Softplus) }

// ELU returns x for x > 0, eˣ−1 otherwise (elu(x)+1 is linear attention's
// positive feature map).
func ELU(x *Node) *Node {
	// elu(x) = relu(x) + exp(−relu(−x)) − 1
	neg := gpu.Neg(gpu.ReLU(gpu.Neg(x.n)))
	return x.s.wrap(gpu.AddScalar(gpu.Add(gpu.ReLU(x.n), gpu.Exp(neg)), -1))
}

// Fill returns a constant of x's shape filled with v (no gradient flows).
func Fill(x *Node, v float64) *Node {
	return x.s.wrap(x.n.Graph().Full(float32(v), x.Shape()...))
}

// ---- along the last dimension ----

// Softmax normalises the last dimension to probabilities.
func Softmax(x *Node) *Node { return x.s.wrap(gpu.Softmax(x.n, 1)) }

// RMSNorm returns x/rms(x)·w over the last dimension; w has the last
// dimension's size.
func RMSNorm(x, w *Node) *Node { return x.s.wrap(gpu.RMSNorm(x.n, w.n, normEps)) }

// L2Norm returns x/√(Σx² + 1e-6) over the last dimension (for q and k of
// the delta rule).
func L2Norm(x *Node) *Node { return x.s.wrap(gpu.L2Norm(x.n, normEps)) }

// normEps is the ε of RMSNorm and L2Norm, as in the reference DeltaNet.
const normEps = 1e-6

// Sum sums the last dimension, keeping it with size 1: (..., D) -> (..., 1).
func Sum(x *Node) *Node { return x.s.wrap(gpu.SumKeep(x.n, -1)) }

// Mean averages the last dimension, keeping it with size 1.
func Mean(x *Node) *Node { return x.s.wrap(gpu.MeanKeep(x.n, -1)) }

// CumSum returns the inclusive running sum along dimension dim (1 is T in
// (B,T,C)): y_t = Σ_{s≤t} x_s.
func CumSum(x *Node, dim int) *Node { return x.s.wrap(gpu.CumSum(x.n, dim)) }

// ---- shapes ----

// Reshape returns x with a new shape of the same size; one dimension may be
// -1 (inferred).
func Reshape(x *Node, shape ...int) *Node {
	shape = append([]int(nil), shape...)
	known, infer := 1, -1
	for i, d := range shape {
		switch {
		case d == -1 && infer < 0:
			infer = i
		case d <= 0:
			panic(fmt.Sprintf("op: Reshape %v to %v: dimensions must be positive (one may be -1)", x.Shape(), shape))
		default:
			known *= d
		}
	}
	if infer >= 0 && known > 0 {
		shape[infer] = x.n.Len() / known
	}
	return x.s.wrap(gpu.Reshape(x.n, shape...))
}

// Transpose swaps dimensions i and j (negative counts from the end).
func Transpose(x *Node, i, j int) *Node {
	r := x.Rank()
	if i < 0 {
		i += r
	}
	if j < 0 {
		j += r
	}
	if i < 0 || i >= r || j < 0 || j >= r {
		panic(fmt.Sprintf("op: Transpose(%d, %d) of shape %v", i, j, x.Shape()))
	}
	perm := make([]int, r)
	for k := range perm {
		perm[k] = k
	}
	perm[i], perm[j] = j, i
	return x.s.wrap(gpu.Transpose(x.n, perm...))
}

// SplitHeads reshapes (B,T,H·D) to (B,T,H,D).
func SplitHeads(x *Node, heads int) *Node {
	if x.Rank() != 3 || heads <= 0 || x.Dim(2)%heads != 0 {
		panic(fmt.Sprintf("op: SplitHeads: x %v into %d heads: want (B,T,C) with C divisible by heads", x.Shape(), heads))
	}
	return Reshape(x, x.Dim(0), x.Dim(1), heads, x.Dim(2)/heads)
}

// MergeHeads reshapes (B,T,H,D) to (B,T,H·D).
func MergeHeads(x *Node) *Node {
	if x.Rank() != 4 {
		panic(fmt.Sprintf("op: MergeHeads: x %v: want (B,T,H,D)", x.Shape()))
	}
	return Reshape(x, x.Dim(0), x.Dim(1), x.Dim(2)*x.Dim(3))
}

// Slice returns x[from:to] along dimension dim (negative counts from the
// end).
func Slice(x *Node, dim, from, to int) *Node { return x.s.wrap(gpu.Slice(x.n, dim, from, to)) }

// Concat joins nodes along dimension dim.
func Concat(dim int, xs ...*Node) *Node {
	if len(xs) == 0 {
		panic("op: Concat of nothing")
	}
	ns := make([]*gpu.Node, len(xs))
	for i, x := range xs {
		ns[i] = x.n
	}
	return xs[0].s.wrap(gpu.Concat(dim, ns...))
}

// ---- sequence ----

// CausalMask sets the scores s (..., T, T) above the diagonal (a query
// looking at a later key) to −1e9, for Softmax.
func CausalMask(s *Node) *Node {
	t := s.Dim(-1)
	if s.Rank() < 2 || s.Dim(-2) != t {
		panic(fmt.Sprintf("op: CausalMask: scores %v: want (..., T, T)", s.Shape()))
	}
	g := s.n.Graph()
	return s.s.wrap(gpu.Where(gpu.CausalMask(g, t), s.n, g.Full(-1e9, 1)))
}

// ShortConv is a causal depthwise convolution along T: x (B,T,C), w (C,K);
// y_t = Σ_j w[c,j]·x_{t−K+1+j} (zero before the start).
func ShortConv(x, w *Node) *Node { return bin(x, w, gpu.CausalConv1D) }

// GatedRMSNorm returns RMSNorm(x, w)·SiLU(gate) over the last dimension
// (the output gate of Gated DeltaNet and Mamba2): x, gate (..., C), w (C).
func GatedRMSNorm(x, gate, w *Node) *Node {
	return x.s.wrap(gpu.GatedRMSNorm(x.n, gate.n, w.n, normEps))
}
