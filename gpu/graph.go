package gpu

import (
	"fmt"
	"strings"
)

// DType is a node's element type: float data or integer token ids.
type DType uint8

const (
	Float32 DType = iota // float32 in training, float64 in gradient checks
	Int32                // token ids and targets
)

type nodeKind uint8

const (
	kindOp nodeKind = iota
	kindParam
	kindInput
	kindTokens
	kindConst
)

// Graph records ops as they are applied. Architecture code runs once
// against a Graph (tracing); Compile turns the recorded graph into a
// Program that runs forward and backward many times.
//
// A Graph is not safe for concurrent use.
type Graph struct {
	c      *graphCore
	prefix string // prepended to parameter names by Param, see Sub
}

type graphCore struct {
	nodes  []*Node
	params map[string]*Node
	inputs map[string]*Node
}

// NewGraph returns an empty graph.
func NewGraph() *Graph {
	return &Graph{c: &graphCore{params: map[string]*Node{}, inputs: map[string]*Node{}}}
}

// Sub returns a view of g whose Param calls prefix names with prefix+".":
// g.Sub("layer0").Param("wq", ...) declares "layer0.wq". Nodes are shared.
func (g *Graph) Sub(prefix string) *Graph {
	p := prefix
	if g.prefix != "" {
		p = g.prefix + "." + prefix
	}
	return &Graph{c: g.c, prefix: p}
}

// Node is one value in a traced graph: a parameter, an input, a constant
// or the output of an op. Nodes are created by Graph methods and by the
// package-level op functions (MatMul, SiLU, ...), which find the graph
// from their arguments.
type Node struct {
	g     *graphCore
	id    int
	kind  nodeKind
	dtype DType
	op    *OpDef
	in    []*Node
	shape []int
	attr  any    // op attributes, read by the op's kernels
	name  string // parameter or input name, or a label set by Named
	init  Init   // parameters only
	data  []float32
	vocab int // Tokens only: ids lie in [0, vocab)
}

// Shape returns a copy of the node's shape.
func (n *Node) Shape() []int { return append([]int(nil), n.shape...) }

// Rank returns the number of dimensions.
func (n *Node) Rank() int { return len(n.shape) }

// Dim returns dimension i; negative i counts from the end (-1 is the last).
func (n *Node) Dim(i int) int {
	if i < 0 {
		i += len(n.shape)
	}
	if i < 0 || i >= len(n.shape) {
		panic(fmt.Sprintf("gpu: Dim(%d) of shape %v", i, n.shape))
	}
	return n.shape[i]
}

// Len returns the number of elements.
func (n *Node) Len() int { return numel(n.shape) }

// DType returns the element type.
func (n *Node) DType() DType { return n.dtype }

// Graph returns the graph the node belongs to (without any Sub prefix).
func (n *Node) Graph() *Graph { return &Graph{c: n.g} }

// Op returns the op name, or "param", "input", "tokens", "const".
func (n *Node) Op() string {
	switch n.kind {
	case kindParam:
		return "param"
	case kindInput:
		return "input"
	case kindTokens:
		return "tokens"
	case kindConst:
		return "const"
	}
	return n.op.Name
}

// Name returns the parameter or input name, or the label set by Named.
func (n *Node) Name() string { return n.name }

// Inputs returns the node's operands.
func (n *Node) Inputs() []*Node { return append([]*Node(nil), n.in...) }

// Attr returns the op's attributes (for kernels and tools).
func (n *Node) Attr() any { return n.attr }

// Named labels an op node for error messages and Program.Value lookups
// and returns it.
func (n *Node) Named(label string) *Node {
	if n.kind == kindOp {
		n.name = label
	}
	return n
}

// String names the node for messages: `matmul#12 "q" [8 512 128]`.
func (n *Node) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s#%d", n.Op(), n.id)
	if n.name != "" {
		fmt.Fprintf(&b, " %q", n.name)
	}
	fmt.Fprintf(&b, " %v", n.shape)
	return b.String()
}

func (g *graphCore) add(n *Node) *Node {
	n.g = g
	n.id = len(g.nodes)
	g.nodes = append(g.nodes, n)
	return n
}

func checkShape(op string, shape []int) {
	for _, d := range shape {
		if d <= 0 {
			panic(&ShapeError{Op: op, Shapes: [][]int{shape}, Msg: "dimensions must be positive"})
		}
	}
}

// Param declares a trainable parameter. Names are unique in a graph
// (after the Sub prefix); init fills it when the Program's parameters are
// initialised (see ParamSet.Init).
func (g *Graph) Param(name string, shape []int, init Init) *Node {
	if g.prefix != "" {
		name = g.prefix + "." + name
	}
	checkShape("Param "+name, shape)
	if _, dup := g.c.params[name]; dup {
		panic(fmt.Sprintf("gpu: Param: %q declared twice", name))
	}
	if init == nil {
		panic(fmt.Sprintf("gpu: Param: %q has no Init", name))
	}
	n := g.c.add(&Node{kind: kindParam, shape: append([]int(nil), shape...), name: name, init: init})
	g.c.params[name] = n
	return n
}

// Input declares float input data (e.g. embeddings fed directly), set
// before each run with Program.SetInput. Declaring the same name again
// with the same shape returns the same node; another shape panics.
func (g *Graph) Input(name string, shape ...int) *Node {
	checkShape("Input "+name, shape)
	if n, dup := g.c.inputs[name]; dup {
		if n.kind != kindInput || !sameShape(n.shape, shape) {
			panic(fmt.Sprintf("gpu: Input: %q declared twice (%v, then %v)", name, n.shape, shape))
		}
		return n
	}
	n := g.c.add(&Node{kind: kindInput, shape: append([]int(nil), shape...), name: name})
	g.c.inputs[name] = n
	return n
}

// Tokens declares integer input data, e.g. token ids (B,T) or targets,
// set with Program.SetTokens. Ids lie in [0, vocab); CrossEntropy also
// accepts -1 in targets, meaning "no loss at this position". Like Input,
// a repeated identical declaration returns the same node.
func (g *Graph) Tokens(name string, vocab int, shape ...int) *Node {
	checkShape("Tokens "+name, shape)
	if n, dup := g.c.inputs[name]; dup {
		if n.kind != kindTokens || n.vocab != vocab || !sameShape(n.shape, shape) {
			panic(fmt.Sprintf("gpu: Tokens: %q declared twice (%v, then %v)", name, n.shape, shape))
		}
		return n
	}
	n := g.c.add(&Node{kind: kindTokens, dtype: Int32, shape: append([]int(nil), shape...), name: name, vocab: vocab})
	g.c.inputs[name] = n
	return n
}

// Const adds a constant (copied now).
func (g *Graph) Const(t *Tensor) *Node {
	checkShape("Const", t.Shape)
	if len(t.Data) != numel(t.Shape) {
		panic(fmt.Sprintf("gpu: Const: %d values for shape %v", len(t.Data), t.Shape))
	}
	return g.c.add(&Node{kind: kindConst, shape: append([]int(nil), t.Shape...), data: append([]float32(nil), t.Data...)})
}

// Full adds a constant filled with v.
func (g *Graph) Full(v float32, shape ...int) *Node {
	t := NewTensor(shape...)
	for i := range t.Data {
		t.Data[i] = v
	}
	return g.Const(t)
}

// Params returns the parameter nodes in declaration order.
func (g *Graph) Params() []*Node {
	var ps []*Node
	for _, n := range g.c.nodes {
		if n.kind == kindParam {
			ps = append(ps, n)
		}
	}
	return ps
}

// NumParams returns the total number of parameter elements.
func (g *Graph) NumParams() int {
	s := 0
	for _, p := range g.Params() {
		s += p.Len()
	}
	return s
}

// NumNodes returns the number of nodes traced so far.
func (g *Graph) NumNodes() int { return len(g.c.nodes) }

// FLOPs estimates the forward floating-point operations of everything
// the given outputs depend on (multiply-add = 2), from each op's FLOPs
// function (element count when it has none). The backward pass costs
// about twice this.
func (g *Graph) FLOPs(outputs ...*Node) int64 {
	var s int64
	for _, n := range reachable(g.c, outputs) {
		if n.kind != kindOp {
			continue
		}
		if n.op.FLOPs != nil {
			s += n.op.FLOPs(n)
		} else {
			s += int64(n.Len())
		}
	}
	return s
}

// reachable returns the nodes the outputs depend on, in trace
// (topological) order.
func reachable(g *graphCore, outputs []*Node) []*Node {
	mark := make([]bool, len(g.nodes))
	var stack []*Node
	for _, o := range outputs {
		if o.g != g {
			panic("gpu: node from another graph")
		}
		if !mark[o.id] {
			mark[o.id] = true
			stack = append(stack, o)
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, in := range n.in {
			if !mark[in.id] {
				mark[in.id] = true
				stack = append(stack, in)
			}
		}
	}
	var out []*Node
	for _, n := range g.nodes {
		if mark[n.id] {
			out = append(out, n)
		}
	}
	return out
}

// ShapeError is the panic value of an op applied to operands of the wrong
// shape at trace time. lib/arch recovers it into an error.
type ShapeError struct {
	Op     string  // e.g. "MatMul"
	Shapes [][]int // the operands' shapes
	Msg    string  // what is wrong
}

func (e *ShapeError) Error() string {
	var parts []string
	for _, s := range e.Shapes {
		parts = append(parts, fmt.Sprint(s))
	}
	return fmt.Sprintf("gpu: %s: shapes %s: %s", e.Op, strings.Join(parts, " and "), e.Msg)
}

// shapePanic panics with a *ShapeError.
func shapePanic(op, msg string, nodes ...*Node) {
	e := &ShapeError{Op: op, Msg: msg}
	for _, n := range nodes {
		e.Shapes = append(e.Shapes, n.Shape())
	}
	panic(e)
}

// sameGraph returns the graph shared by the nodes; it panics if they
// come from different graphs or one is nil.
func sameGraph(op string, nodes ...*Node) *graphCore {
	var g *graphCore
	for _, n := range nodes {
		if n == nil {
			panic(fmt.Sprintf("gpu: %s: nil operand", op))
		}
		if g == nil {
			g = n.g
		} else if n.g != g {
			panic(fmt.Sprintf("gpu: %s: operands from different graphs", op))
		}
	}
	return g
}
