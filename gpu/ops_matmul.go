package gpu

import "fmt"

var opMatMul *OpDef

func init() {
	opMatMul = Register(&OpDef{
		Name:      "matmul",
		FreshGrad: true,
		F32:       Kernels[float32]{matmulForward[float32], matmulBackward[float32]},
		F64:       Kernels[float64]{matmulForward[float64], matmulBackward[float64]},
		FLOPs: func(n *Node) int64 {
			a := n.attr.(*matmulAttr)
			return 2 * int64(a.batch) * int64(a.M) * int64(a.N) * int64(a.K)
		},
		Examples: func(g *Graph) []*Node {
			x := g.Input("x", 3, 17, 5)
			w := g.Param("w", []int{5, 7}, Normal(1))
			wt := g.Param("wt", []int{7, 5}, Normal(1))
			y := g.Input("y", 3, 5, 4)
			yt := g.Input("yt", 3, 4, 17)
			return []*Node{
				MatMul(x, w),                                // (3,17,5)·(5,7): flattened rows
				MatMulT(x, wt, false, true),                 // x·wtᵀ
				MatMul(x, y),                                // batched
				MatMulT(x, yt, true, true),                  // xᵀ·ytᵀ batched: (3,5,17)·(3,17,4)
				MatMulT(g.Input("a", 5, 3), y, true, false), // (5,3)ᵀ shared against batched y
			}
		},
	})
}

// matmulAttr: out[b] = op(A[b]) · op(B[b]), op(A) M×K, op(B) K×N.
type matmulAttr struct {
	tA, tB     bool
	batch      int
	M, N, K    int
	sA, sB, sC int  // batch strides (0 = shared)
	flat       bool // B shared and A not transposed: one GEMM of batch·M rows
	lda, ldb   int
}

// MatMul returns a·b over the last two dimensions: a (..., M, K) and b
// (K, N) (a weight: one GEMM over all rows) or b (..., K, N) with the
// same leading dimensions (batched).
func MatMul(a, b *Node) *Node { return MatMulT(a, b, false, false) }

// MatMulT is MatMul with either operand transposed in its last two
// dimensions: MatMulT(q, k, false, true) is q·kᵀ.
func MatMulT(a, b *Node, transA, transB bool) *Node {
	sameGraph("MatMul", a, b)
	if a.Rank() < 2 || b.Rank() < 2 {
		shapePanic("MatMul", "operands need rank ≥ 2", a, b)
	}
	ra, rb := a.Rank(), b.Rank()
	M, Ka := a.shape[ra-2], a.shape[ra-1]
	if transA {
		M, Ka = Ka, M
	}
	Kb, N := b.shape[rb-2], b.shape[rb-1]
	if transB {
		Kb, N = N, Kb
	}
	if Ka != Kb {
		shapePanic("MatMul", fmt.Sprintf("inner dimensions differ (%d vs %d; transA=%v transB=%v)", Ka, Kb, transA, transB), a, b)
	}
	at := &matmulAttr{tA: transA, tB: transB, M: M, N: N, K: Ka,
		lda: a.shape[ra-1], ldb: b.shape[rb-1]}
	var lead []int
	switch {
	case rb == 2:
		lead = a.shape[:ra-2]
		at.batch = numel(lead)
		at.sA, at.sB = M*Ka, 0
		at.flat = !transA
	case ra == 2:
		lead = b.shape[:rb-2]
		at.batch = numel(lead)
		at.sA, at.sB = 0, Ka*N
	default:
		if !sameShape(a.shape[:ra-2], b.shape[:rb-2]) {
			shapePanic("MatMul", "batch dimensions differ", a, b)
		}
		lead = a.shape[:ra-2]
		at.batch = numel(lead)
		at.sA, at.sB = M*Ka, Ka*N
	}
	at.sC = M * N
	shape := append(append([]int(nil), lead...), M, N)
	return Apply(opMatMul, at, shape, a, b)
}

func matmulForward[F Float](c *Call[F]) {
	a := c.Node.attr.(*matmulAttr)
	if a.flat {
		c.Gemm(Gemm[F]{TransB: a.tB, M: a.batch * a.M, N: a.N, K: a.K, Alpha: 1,
			A: c.In[0], LDA: a.lda, B: c.In[1], LDB: a.ldb, C: c.Out, LDC: a.N})
		return
	}
	c.Gemm(Gemm[F]{TransA: a.tA, TransB: a.tB, M: a.M, N: a.N, K: a.K, Alpha: 1,
		A: c.In[0], LDA: a.lda, B: c.In[1], LDB: a.ldb, C: c.Out, LDC: a.N,
		Batch: a.batch, StrideA: a.sA, StrideB: a.sB, StrideC: a.sC})
}

// With C = op(A)·op(B) and G = dC:
//
//	dA = G·op(B)ᵀ      (or op(B)·Gᵀ when A is stored transposed)
//	dB = op(A)ᵀ·G      (or Gᵀ·op(A) when B is stored transposed)
func matmulBackward[F Float](c *Call[F]) {
	a := c.Node.attr.(*matmulAttr)
	A, B, G := c.In[0], c.In[1], c.GradOut
	M, N, K, batch := a.M, a.N, a.K, a.batch
	sA, sB, sC := a.sA, a.sB, a.sC
	if a.flat {
		M, batch, sA, sC = a.batch*a.M, 1, 0, 0
	}
	beta := func(i int) F { // 0 overwrites a gradient not yet written this pass
		if c.Fresh != nil && c.Fresh[i] {
			return 0
		}
		return 1
	}
	if dA := c.GradIn[0]; dA != nil {
		if !a.tA { // dA (M×K) = G (M×N) · op(B)ᵀ
			c.Gemm(Gemm[F]{TransB: !a.tB, M: M, N: K, K: N, Alpha: 1, Beta: beta(0),
				A: G, LDA: N, B: B, LDB: a.ldb, C: dA, LDC: K,
				Batch: batch, StrideA: sC, StrideB: sB, StrideC: sA})
		} else { // dA stored K×M = op(B) (K×N) · Gᵀ
			c.Gemm(Gemm[F]{TransA: a.tB, TransB: true, M: K, N: M, K: N, Alpha: 1, Beta: beta(0),
				A: B, LDA: a.ldb, B: G, LDB: N, C: dA, LDC: M,
				Batch: batch, StrideA: sB, StrideB: sC, StrideC: sA})
		}
	}
	if dB := c.GradIn[1]; dB != nil {
		if !a.tB { // dB (K×N) = op(A)ᵀ (K×M) · G (M×N)
			c.Gemm(Gemm[F]{TransA: !a.tA, M: K, N: N, K: M, Alpha: 1, Beta: beta(1),
				A: A, LDA: a.lda, B: G, LDB: N, C: dB, LDC: N,
				Batch: batch, StrideA: sA, StrideB: sC, StrideC: sB})
		} else { // dB stored N×K = Gᵀ (N×M) · op(A) (M×K)
			c.Gemm(Gemm[F]{TransA: true, TransB: a.tA, M: N, N: K, K: M, Alpha: 1, Beta: beta(1),
				A: G, LDA: N, B: A, LDB: a.lda, C: dB, LDC: K,
				Batch: batch, StrideA: sC, StrideB: sA, StrideC: sB})
		}
	}
}
