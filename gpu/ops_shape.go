package gpu

import (
	"fmt"
	"slices"
)

var opReshape, opTranspose, opSlice, opConcat, opEmbedding *OpDef

func init() {
	opReshape = Register(&OpDef{Name: "reshape", View: true,
		Examples: func(g *Graph) []*Node {
			return []*Node{Mul(Reshape(g.Input("x", 3, 17, 5), 17, -1), g.Input("w", 15))}
		}})
	opTranspose = Register(&OpDef{
		Name: "transpose",
		F32:  Kernels[float32]{transposeForward[float32], transposeBackward[float32]},
		F64:  Kernels[float64]{transposeForward[float64], transposeBackward[float64]},
		Examples: func(g *Graph) []*Node {
			x := g.Input("x", 3, 17, 5, 2)
			return []*Node{Transpose(x, 0, 2, 1, 3), Transpose(x, 3, 1, 0, 2), Transpose(g.Input("m", 17, 5), 1, 0)}
		},
	})
	opSlice = Register(&OpDef{
		Name: "slice",
		F32:  Kernels[float32]{sliceForward[float32], sliceBackward[float32]},
		F64:  Kernels[float64]{sliceForward[float64], sliceBackward[float64]},
		Examples: func(g *Graph) []*Node {
			x := g.Input("x", 3, 17, 5)
			parts := Split(x, -1, 2, 3)
			return append(parts, Slice(x, 1, 4, 11), Slice(x, 0, 1, 2))
		},
	})
	opConcat = Register(&OpDef{
		Name: "concat",
		F32:  Kernels[float32]{concatForward[float32], concatBackward[float32]},
		F64:  Kernels[float64]{concatForward[float64], concatBackward[float64]},
		Examples: func(g *Graph) []*Node {
			a, b := g.Input("a", 3, 17, 5), g.Input("b", 3, 17, 2)
			return []*Node{Concat(-1, a, b), Concat(1, g.Input("c", 3, 4, 5), a)}
		},
	})
	opEmbedding = Register(&OpDef{
		Name: "embedding",
		F32:  Kernels[float32]{embeddingForward[float32], embeddingBackward[float32]},
		F64:  Kernels[float64]{embeddingForward[float64], embeddingBackward[float64]},
		Examples: func(g *Graph) []*Node {
			rows := Reshape(Tanh(g.Input("x", 3, 17, 5)), 51, 5)
			return []*Node{
				Embedding(g.Tokens("ids", 7, 3, 17), g.Param("table", []int{7, 5}, Normal(1))),
				Embedding(g.Tokens("pos", 51, 9), rows), // gather rows of an activation
			}
		},
	})
}

// Reshape returns x with a new shape of the same size (one dimension may
// be -1: inferred). It shares x's memory: no copy.
func Reshape(x *Node, shape ...int) *Node {
	shape = slices.Clone(shape)
	infer, known := -1, 1
	for i, d := range shape {
		switch {
		case d == -1 && infer < 0:
			infer = i
		case d <= 0:
			panic(&ShapeError{Op: "Reshape", Shapes: [][]int{x.Shape(), shape}, Msg: "bad target dimension"})
		default:
			known *= d
		}
	}
	if infer >= 0 {
		if known == 0 || x.Len()%known != 0 {
			panic(&ShapeError{Op: "Reshape", Shapes: [][]int{x.Shape(), shape}, Msg: "cannot infer -1"})
		}
		shape[infer] = x.Len() / known
	}
	if numel(shape) != x.Len() {
		panic(&ShapeError{Op: "Reshape", Shapes: [][]int{x.Shape(), shape}, Msg: fmt.Sprintf("%d elements vs %d", x.Len(), numel(shape))})
	}
	if x.dtype != Float32 {
		panic("gpu: Reshape of tokens: reshape them when declaring")
	}
	return Apply(opReshape, nil, shape, x)
}

// ---- transpose ----

type transposeAttr struct {
	perm    []int
	inShape []int
	// per output dimension, the input stride
	stride []int
}

// Transpose permutes dimensions: out.shape[i] = x.shape[perm[i]]
// (a copy). Transpose(x, 0, 2, 1, 3) turns (B,T,H,D) into (B,H,T,D).
func Transpose(x *Node, perm ...int) *Node {
	r := len(x.shape)
	if len(perm) != r {
		shapePanic("Transpose", fmt.Sprintf("permutation %v for rank %d", perm, r), x)
	}
	seen := make([]bool, r)
	out := make([]int, r)
	inStride := make([]int, r)
	s := 1
	for d := r - 1; d >= 0; d-- {
		inStride[d] = s
		s *= x.shape[d]
	}
	stride := make([]int, r)
	for i, p := range perm {
		if p < 0 || p >= r || seen[p] {
			shapePanic("Transpose", fmt.Sprintf("bad permutation %v", perm), x)
		}
		seen[p] = true
		out[i] = x.shape[p]
		stride[i] = inStride[p]
	}
	return Apply(opTranspose, &transposeAttr{slices.Clone(perm), x.Shape(), stride}, out, x)
}

// permute walks the output in order; for each output row (last dim) it
// calls f(outOffset, inOffset, inStride, L).
func permuteRows(shape, stride []int, lo, hi int, f func(oo, io, is, L int)) {
	r := len(shape)
	L := shape[r-1]
	idx := make([]int, r-1)
	// position idx at row lo
	rem := lo
	for d := r - 2; d >= 0; d-- {
		idx[d] = rem % shape[d]
		rem /= shape[d]
	}
	for row := lo; row < hi; row++ {
		io := 0
		for d := range r - 1 {
			io += idx[d] * stride[d]
		}
		f(row*L, io, stride[r-1], L)
		for d := r - 2; d >= 0; d-- {
			idx[d]++
			if idx[d] < shape[d] {
				break
			}
			idx[d] = 0
		}
	}
}

// transposeForward: y[out index] = x[permuted index].
func transposeForward[F Float](c *Call[F]) {
	a := c.Node.attr.(*transposeAttr)
	shape := c.Node.shape
	L := shape[len(shape)-1]
	x, y := c.In[0], c.Out
	parFor(c, len(y)/L, L, func(lo, hi int) {
		permuteRows(shape, a.stride, lo, hi, func(oo, io, is, L int) {
			if is == 1 {
				copy(y[oo:oo+L], x[io:io+L])
				return
			}
			for j := range L {
				y[oo+j] = x[io+j*is]
			}
		})
	})
}

func transposeBackward[F Float](c *Call[F]) {
	a := c.Node.attr.(*transposeAttr)
	shape := c.Node.shape
	L := shape[len(shape)-1]
	g, dx := c.GradOut, c.GradIn[0]
	parFor(c, len(g)/L, L, func(lo, hi int) {
		permuteRows(shape, a.stride, lo, hi, func(oo, io, is, L int) {
			for j := range L {
				dx[io+j*is] += g[oo+j]
			}
		})
	})
}

// ---- slice / split / concat ----

type sliceAttr struct {
	axisSplit
	start, end int
}

// Slice returns x[..., start:end, ...] along axis (a copy).
func Slice(x *Node, axis, start, end int) *Node {
	s := splitAxis("Slice", x, axis)
	if start < 0 || end > s.n || start >= end {
		shapePanic("Slice", fmt.Sprintf("range [%d:%d) on axis %d", start, end, s.axis), x)
	}
	shape := x.Shape()
	shape[s.axis] = end - start
	return Apply(opSlice, &sliceAttr{s, start, end}, shape, x)
}

// Split cuts x along axis into parts of the given sizes (which must sum
// to the axis length): Split(qkv, -1, C, C, C).
func Split(x *Node, axis int, sizes ...int) []*Node {
	s := splitAxis("Split", x, axis)
	sum := 0
	for _, v := range sizes {
		sum += v
	}
	if sum != s.n {
		shapePanic("Split", fmt.Sprintf("sizes %v do not sum to axis %d length %d", sizes, s.axis, s.n), x)
	}
	var out []*Node
	at := 0
	for _, v := range sizes {
		out = append(out, Slice(x, s.axis, at, at+v))
		at += v
	}
	return out
}

// sliceForward: x is (outer, n, inner), y is (outer, end-start, inner).
func sliceForward[F Float](c *Call[F]) {
	a := c.Node.attr.(*sliceAttr)
	w := (a.end - a.start) * a.inner
	parFor(c, a.outer, w, func(lo, hi int) {
		for o := lo; o < hi; o++ {
			copy(c.Out[o*w:o*w+w], c.In[0][(o*a.n+a.start)*a.inner:])
		}
	})
}

func sliceBackward[F Float](c *Call[F]) {
	a := c.Node.attr.(*sliceAttr)
	w := (a.end - a.start) * a.inner
	parFor(c, a.outer, w, func(lo, hi int) {
		for o := lo; o < hi; o++ {
			g := c.GradOut[o*w : o*w+w]
			dx := c.GradIn[0][(o*a.n+a.start)*a.inner:]
			for i, v := range g {
				dx[i] += v
			}
		}
	})
}

type concatAttr struct {
	outer, inner int
	sizes        []int // each operand's axis length
	total        int
}

// Concat joins xs along axis; other dimensions must agree.
func Concat(axis int, xs ...*Node) *Node {
	if len(xs) == 0 {
		panic("gpu: Concat of nothing")
	}
	sameGraph("Concat", xs...)
	s := splitAxis("Concat", xs[0], axis)
	a := &concatAttr{outer: s.outer, inner: s.inner}
	for _, x := range xs {
		if len(x.shape) != len(xs[0].shape) {
			shapePanic("Concat", "ranks differ", xs[0], x)
		}
		for d := range x.shape {
			if d != s.axis && x.shape[d] != xs[0].shape[d] {
				shapePanic("Concat", fmt.Sprintf("dimension %d differs", d), xs[0], x)
			}
		}
		a.sizes = append(a.sizes, x.shape[s.axis])
		a.total += x.shape[s.axis]
	}
	shape := xs[0].Shape()
	shape[s.axis] = a.total
	return Apply(opConcat, a, shape, xs...)
}

func concatForward[F Float](c *Call[F]) {
	a := c.Node.attr.(*concatAttr)
	W := a.total * a.inner
	parFor(c, a.outer, W, func(lo, hi int) {
		for o := lo; o < hi; o++ {
			at := o * W
			for k, n := range a.sizes {
				w := n * a.inner
				copy(c.Out[at:at+w], c.In[k][o*w:o*w+w])
				at += w
			}
		}
	})
}

func concatBackward[F Float](c *Call[F]) {
	a := c.Node.attr.(*concatAttr)
	W := a.total * a.inner
	parFor(c, a.outer, W, func(lo, hi int) {
		for o := lo; o < hi; o++ {
			at := o * W
			for k, n := range a.sizes {
				w := n * a.inner
				if dx := c.GradIn[k]; dx != nil {
					g := c.GradOut[at : at+w]
					d := dx[o*w : o*w+w]
					for i, v := range g {
						d[i] += v
					}
				}
				at += w
			}
		}
	})
}

// ---- embedding ----

// Embedding looks up rows of table (V, D) for ids (...): (..., D).
// An id of -1 gives a zero row. The table may be any node, so Embedding
// also gathers rows of an activation: the hidden states at MQAR's query
// positions are Embedding(g.Tokens("qpos", B*T, M), Reshape(h, B*T, C)),
// and only those M rows then go through the LM head.
func Embedding(ids, table *Node) *Node {
	sameGraph("Embedding", ids, table)
	if ids.dtype != Int32 || ids.kind != kindTokens {
		shapePanic("Embedding", "ids must be Tokens", ids, table)
	}
	if len(table.shape) != 2 {
		shapePanic("Embedding", "table must be (V, D)", ids, table)
	}
	if ids.vocab > table.shape[0] {
		shapePanic("Embedding", fmt.Sprintf("vocabulary %d larger than the table's %d rows", ids.vocab, table.shape[0]), ids, table)
	}
	return Apply(opEmbedding, nil, append(ids.Shape(), table.shape[1]), ids, table)
}

// embeddingForward: ids (N), table (V, D), out (N, D).
func embeddingForward[F Float](c *Call[F]) {
	ids, tab, y := c.Ints[0], c.In[1], c.Out
	D := c.Node.in[1].shape[1]
	parFor(c, len(ids), D, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if ids[i] < 0 {
				clear(y[i*D : i*D+D])
				continue
			}
			copy(y[i*D:i*D+D], tab[int(ids[i])*D:])
		}
	})
}

func embeddingBackward[F Float](c *Call[F]) {
	ids, g, dt := c.Ints[0], c.GradOut, c.GradIn[1]
	if dt == nil {
		return
	}
	D := c.Node.in[1].shape[1]
	for i, id := range ids { // rows may repeat: serial
		if id < 0 {
			continue
		}
		row := dt[int(id)*D : int(id)*D+D]
		for j, v := range g[i*D : i*D+D] {
			row[j] += v
		}
	}
}
