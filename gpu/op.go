package gpu

import (
	"fmt"
	"sort"
)

// OpDef describes one op: its kernels for float32 and float64, and what
// the compiler and the tests need to know about it. Ops register
// themselves with Register from any file of the package:
//
//	var opSquare *OpDef // set in init: Examples calls Square, which reads opSquare
//
//	func init() {
//		opSquare = Register(&OpDef{
//			Name:     "square",
//			F32:      Kernels[float32]{squareForward[float32], squareBackward[float32]},
//			F64:      Kernels[float64]{squareForward[float64], squareBackward[float64]},
//			Examples: func(g *Graph) []*Node { return []*Node{Square(g.Input("x", 3, 17, 5))} },
//		})
//	}
//
//	// Square returns x*x element-wise.
//	func Square(x *Node) *Node { return Apply(opSquare, nil, x.Shape(), x) }
//
//	func squareForward[F Float](c *Call[F]) { // out, x are (N)
//		for i, v := range c.In[0] {
//			c.Out[i] = v * v
//		}
//	}
//
//	func squareBackward[F Float](c *Call[F]) {
//		for i, v := range c.In[0] {
//			c.GradIn[0][i] += 2 * v * c.GradOut[i]
//		}
//	}
//
// TestEveryOpGradient then checks the new op's backward against float64
// finite differences on every graph its Examples builds.
type OpDef struct {
	Name string // unique, lower_snake_case, e.g. "rms_norm"
	F32  Kernels[float32]
	F64  Kernels[float64]

	// View marks an op whose output shares operand 0's buffer (Reshape):
	// it has no kernels and its gradient is operand 0's gradient.
	View bool

	// Scratch returns how many elements of per-node workspace the forward
	// kernel fills for the backward kernel (RMSNorm's 1/rms per row). Nil
	// means none.
	Scratch func(n *Node) int

	// FLOPs estimates the forward cost (multiply-add = 2). Nil means one
	// per output element.
	FLOPs func(n *Node) int64

	// Examples builds instances of the op on small ragged shapes (3×17×5,
	// not powers of two) for the gradient check; operands are Inputs,
	// Params or Tokens. Required for every differentiable op.
	Examples func(g *Graph) []*Node

	// NoGrad marks an op with no gradient (its output is treated as a
	// constant, like a mask built from data). Backward kernels are then
	// not required.
	NoGrad bool

	// FreshGrad marks an op whose backward honours Call.Fresh: where
	// Fresh[i] is set, GradIn[i] has not been written in this backward
	// pass (it holds garbage) and the kernel overwrites it instead of
	// adding, which spares the executor zeroing it first (MatMul: Beta 0).
	FreshGrad bool
}

// Kernels are an op's forward and backward functions for one float type.
// Forward writes c.Out (and c.Scratch). Backward ADDS the gradient of
// each operand into c.GradIn[i] (nil where none is needed) from
// c.GradOut; it may read c.In, c.Out and c.Scratch.
type Kernels[F Float] struct {
	Forward  func(c *Call[F])
	Backward func(c *Call[F])
}

// Call is what a kernel sees: the node (shapes and attributes), its
// buffers and the backend. Built once per node at Compile; a kernel must
// not keep references past its return.
type Call[F Float] struct {
	Node    *Node
	Out     []F       // the op's output, len = Node.Len()
	In      [][]F     // float operands' values (nil at Int32 operands)
	Ints    [][]int32 // Int32 operands' values (nil at float operands)
	Scratch []F       // OpDef.Scratch(Node) elements, kept from forward to backward
	GradOut []F       // gradient of the loss wrt Out (backward only)
	GradIn  [][]F     // gradients to accumulate into; nil where not needed
	Fresh   []bool    // OpDef.FreshGrad ops only: GradIn[i] is unwritten, overwrite it
	B       Backend
	gemm    func(Gemm[F])
}

// Gemm runs a (batched) matrix product on the backend.
func (c *Call[F]) Gemm(g Gemm[F]) { c.gemm(g) }

// Parallel runs f over [0,n) split across the backend's workers.
func (c *Call[F]) Parallel(n int, f func(lo, hi int)) { c.B.Parallel(n, f) }

// InShape returns operand i's shape (not a copy: do not modify).
func (c *Call[F]) InShape(i int) []int { return c.Node.in[i].shape }

var registry = map[string]*OpDef{}

// Register adds an op to the table and returns it. It panics when the
// name is taken or a differentiable op lacks kernels (programmer error,
// found at init).
func Register(d *OpDef) *OpDef {
	if d.Name == "" {
		panic("gpu: Register: op without a name")
	}
	if _, dup := registry[d.Name]; dup {
		panic(fmt.Sprintf("gpu: Register: op %q registered twice", d.Name))
	}
	if !d.View && (d.F32.Forward == nil || d.F64.Forward == nil) {
		panic(fmt.Sprintf("gpu: Register: op %q lacks a forward kernel", d.Name))
	}
	registry[d.Name] = d
	return d
}

// Ops returns every registered op, sorted by name.
func Ops() []*OpDef {
	out := make([]*OpDef, 0, len(registry))
	for _, d := range registry {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// LookupOp returns the op registered under name, or nil.
func LookupOp(name string) *OpDef { return registry[name] }

// Apply adds a node computing op d on the operands, with the given
// output shape and attributes (read back by the kernels through
// c.Node.Attr()). Op constructors validate shapes, then call Apply.
func Apply(d *OpDef, attr any, shape []int, operands ...*Node) *Node {
	g := sameGraph(d.Name, operands...)
	checkShape(d.Name, shape)
	if d.View && numel(shape) != operands[0].Len() {
		panic(fmt.Sprintf("gpu: %s: view of %v as %v", d.Name, operands[0].shape, shape))
	}
	return g.add(&Node{kind: kindOp, op: d, in: append([]*Node(nil), operands...), shape: append([]int(nil), shape...), attr: attr})
}

// kernelsOf returns d's kernels for F.
func kernelsOf[F Float](d *OpDef) *Kernels[F] {
	var z F
	switch any(z).(type) {
	case float32:
		return any(&d.F32).(*Kernels[F])
	default:
		return any(&d.F64).(*Kernels[F])
	}
}
