package gpu

import (
	"errors"
	"fmt"
)

// Planning a Program (newExec) runs five phases, in this order, each a
// function below:
//
//  1. lifetimes: which buffer each node's value lives in (views share
//     their operand's) and the last op that reads it;
//  2. assignValues: value, input, token and scratch buffers, from the
//     backend's Arena (BufferOwner) or the Go heap; a forward-only plan
//     recycles a value once its last reader has run;
//  3. gradientNeeds: which nodes carry a gradient to a parameter (or an
//     input, for gradient checks), and which buffer each accumulates into;
//  4. selectKernels: one step per op node with its buffers bound and its
//     kernels, the backend's where it supplies them (KernelProvider), the
//     op's reference kernels otherwise;
//  5. planGrads: gradient buffers, shared between gradients whose
//     lifetimes (first write .. their owner's backward) do not overlap.
//
// Nothing is allocated after planning: Forward and Backward only run the
// steps.

// A KernelProvider is a Backend that supplies its own kernels for some
// ops; the op table's kernels (OpDef.F32) are the reference it falls back
// to. Compile asks it once per op node of a float32 Program (float64
// programs, the gradient checks, always run the reference kernels).
//
// The provided kernels see the same Call as the reference ones (buffers
// from the backend's Arena when it is a BufferOwner) and must compute the
// same thing: backendtest.RunAll compares every op's examples with the
// Reference backend, so a provided kernel is checked against its
// reference twin on ragged shapes.
type KernelProvider interface {
	Backend
	// OpKernels returns the backend's kernels for op node n (n.Op() names
	// the op; its shapes and Attr say which case it is), or false to run
	// the reference kernels. A nil Forward or Backward in the result runs
	// the reference kernel for that pass, which must then read what the
	// other wrote in Call.Scratch (the layout OpDef.Scratch documents).
	OpKernels(n *Node) (Kernels[float32], bool)
}

// newExec plans g on backend b. grads: compute parameter gradients of
// loss. inputGrads: also compute gradients wrt float inputs (gradient
// checks). param returns the value and gradient buffers of a parameter
// node.
func newExec[F Float](g *graphCore, loss *Node, outputs []*Node, b Backend, grads, inputGrads bool, param func(n *Node) ([]F, []F)) (*exec[F], error) {
	roots, err := planRoots(g, loss, outputs)
	if err != nil {
		return nil, err
	}
	N := len(g.nodes)
	e := &exec[F]{
		b: b, arena: newArena(b), gemm: gemmOf[F](b), elem: elemBytes[F](), nodes: reachable(g, roots), loss: loss,
		val: make([][]F, N), grad: make([][]F, N), scratch: make([][]F, N), ints: make([][]int32, N),
		readable: make([]bool, N), gradRoot: make([]int, N), zeroed: make([]bool, N), gradSize: make([]int, N),
	}
	for _, r := range roots {
		e.readable[r.id] = true
	}
	lt := e.lifetimes(N)
	if err := e.assignValues(g, lt, !grads || loss == nil, param); err != nil {
		return nil, err
	}
	need := e.gradientNeeds(g, grads, inputGrads)
	if err := e.selectKernels(need); err != nil {
		return nil, err
	}
	if e.train {
		e.planGrads(need)
	}
	return e, nil
}

// planRoots checks the loss and outputs and returns the nodes the
// program must compute.
func planRoots(g *graphCore, loss *Node, outputs []*Node) ([]*Node, error) {
	if loss != nil && loss.Len() != 1 {
		return nil, fmt.Errorf("gpu: Compile: loss %v is not a scalar", loss)
	}
	if loss != nil && loss.g != g {
		return nil, errors.New("gpu: Compile: loss from another graph")
	}
	for _, o := range outputs {
		if o == nil || o.g != g {
			return nil, errors.New("gpu: Compile: output nil or from another graph")
		}
	}
	roots := append([]*Node(nil), outputs...)
	if loss != nil {
		roots = append(roots, loss)
	}
	if len(roots) == 0 {
		return nil, errors.New("gpu: Compile: nothing to compute (no loss, no outputs)")
	}
	return roots, nil
}

// gemmOf returns b's matrix product for F.
func gemmOf[F Float](b Backend) func(Gemm[F]) {
	var z F
	switch any(z).(type) {
	case float32:
		return any(b.Sgemm).(func(Gemm[F]))
	default:
		return any(b.Dgemm).(func(Gemm[F]))
	}
}

// elemBytes is the size of one F.
func elemBytes[F Float]() int64 {
	var z F
	if _, ok := any(z).(float64); ok {
		return 8
	}
	return 4
}

// lifetimes is phase 1's result, by node id.
type lifetimes struct {
	viewRoot []int // the node whose buffer holds this node's value (itself, or a view's operand's root)
	lastUse  []int // by root: the id of the last op reading it (-1 once released)
}

func (lt *lifetimes) root(n *Node) int { return lt.viewRoot[n.id] }

// lifetimes finds each node's buffer root and the last op that reads
// each root, and marks the roots of readable nodes readable (a view of an
// output keeps its operand's buffer alive).
func (e *exec[F]) lifetimes(N int) *lifetimes {
	lt := &lifetimes{viewRoot: make([]int, N), lastUse: make([]int, N)}
	for _, n := range e.nodes {
		lt.viewRoot[n.id] = n.id
		if n.kind == kindOp && n.op.View {
			lt.viewRoot[n.id] = lt.viewRoot[n.in[0].id]
		}
		for _, in := range n.in {
			lt.lastUse[lt.root(in)] = n.id
		}
		if e.readable[n.id] {
			e.readable[lt.root(n)] = true
		}
	}
	return lt
}

// assignValues gives every node its value buffer (views a slice of their
// operand's), every Tokens input its ids and every op its scratch. With
// recycle (a forward-only plan) an op's value buffer returns to a pool
// after its last reader, and one scratch area serves every op.
func (e *exec[F]) assignValues(g *graphCore, lt *lifetimes, recycle bool, param func(n *Node) ([]F, []F)) error {
	elem := e.elem
	var pool *bufPool[F]
	var shared []F
	if recycle {
		pool = &bufPool[F]{bytes: &e.bytes, elem: elem, arena: e.arena}
	}
	for _, n := range e.nodes {
		switch n.kind {
		case kindParam:
			v, gr := param(n)
			e.val[n.id], e.grad[n.id] = v, gr
			e.readable[n.id] = true
			e.bytes += 2 * elem * int64(n.Len())
		case kindInput:
			e.val[n.id] = arenaFloats[F](e.arena, n.Len())
			e.readable[n.id] = true
			e.bytes += elem * int64(n.Len())
		case kindTokens:
			e.ints[n.id] = arenaInts(e.arena, n.Len())
			e.bytes += 4 * int64(n.Len())
		case kindConst:
			v := arenaFloats[F](e.arena, n.Len())
			for i, x := range n.data {
				v[i] = F(x)
			}
			e.val[n.id] = v
			e.bytes += elem * int64(n.Len())
		case kindOp:
			for _, in := range n.in {
				if in.dtype == Int32 && in.kind != kindTokens {
					return fmt.Errorf("gpu: Compile: %v: int operand %v", n, in)
				}
			}
			if n.op.View {
				e.val[n.id] = e.val[n.in[0].id][:n.Len()]
				continue
			}
			if pool != nil {
				e.val[n.id] = pool.get(n.Len())
				for _, in := range n.in {
					r := lt.root(in)
					if lt.lastUse[r] == n.id && g.nodes[r].kind == kindOp && !e.readable[r] {
						pool.put(e.val[r])
						lt.lastUse[r] = -1 // released once
					}
				}
			} else {
				e.val[n.id] = arenaFloats[F](e.arena, n.Len())
				e.bytes += elem * int64(n.Len())
			}
			if n.op.Scratch != nil {
				if s := n.op.Scratch(n); s > 0 {
					if pool != nil { // forward only: one scratch area serves every op
						if len(shared) < s {
							e.bytes += elem * int64(s-len(shared))
							shared = arenaFloats[F](e.arena, s)
						}
						e.scratch[n.id] = shared[:s]
					} else {
						e.scratch[n.id] = arenaFloats[F](e.arena, s)
						e.bytes += elem * int64(s)
					}
				}
			}
		}
	}
	return nil
}

// gradientNeeds marks the nodes that need a gradient (ancestors of the
// loss that depend on a parameter, or on an input with inputGrads),
// collects the parameters, allocates input gradients, points each view's
// gradient at its root's and sizes every op's gradient buffer. It returns
// need by node id (all false without grads or a loss).
func (e *exec[F]) gradientNeeds(g *graphCore, grads, inputGrads bool) []bool {
	need := make([]bool, len(g.nodes))
	if !grads || e.loss == nil {
		return need
	}
	e.train = true
	anc := make([]bool, len(g.nodes))
	for _, n := range reachable(g, []*Node{e.loss}) {
		anc[n.id] = true
	}
	for _, n := range e.nodes {
		if !anc[n.id] {
			continue
		}
		switch n.kind {
		case kindParam:
			need[n.id] = true
		case kindInput:
			need[n.id] = inputGrads
		case kindOp:
			if n.op.NoGrad {
				continue
			}
			for _, in := range n.in {
				need[n.id] = need[n.id] || need[in.id]
			}
		}
	}
	for _, n := range e.nodes {
		e.gradRoot[n.id] = n.id
		if !need[n.id] {
			continue
		}
		switch {
		case n.kind == kindParam:
			e.params = append(e.params, n.id)
		case n.kind == kindInput:
			e.grad[n.id] = arenaFloats[F](e.arena, n.Len())
			e.bytes += e.elem * int64(n.Len())
		case n.op.View:
			e.gradRoot[n.id] = e.gradRoot[n.in[0].id]
		default:
			e.gradSize[n.id] = n.Len()
		}
	}
	return need
}

// selectKernels builds the forward steps in trace order and the backward
// steps (nodes that need a gradient) in reverse: each with its Call bound
// to the node's buffers and its kernels chosen by kernelsFor. A node that
// needs a gradient and has no backward kernel is an error.
func (e *exec[F]) selectKernels(need []bool) error {
	for _, n := range e.nodes {
		if n.kind != kindOp || n.op.View {
			continue
		}
		k, own := e.kernelsFor(n)
		if need[n.id] && k.Backward == nil {
			return fmt.Errorf("gpu: Compile: op %q has no backward kernel (needed by %v)", n.op.Name, n)
		}
		c := &Call[F]{Node: n, Out: e.val[n.id], In: make([][]F, len(n.in)), Ints: make([][]int32, len(n.in)),
			Scratch: e.scratch[n.id], B: e.b, gemm: e.gemm}
		for i, in := range n.in {
			c.In[i], c.Ints[i] = e.val[in.id], e.ints[in.id]
		}
		s := step[F]{n: n, c: c, k: k, own: own}
		e.fwd = append(e.fwd, s)
		if need[n.id] {
			c.GradIn = make([][]F, len(n.in))
			if n.op.FreshGrad {
				c.Fresh = make([]bool, len(n.in))
			}
			e.bwd = append(e.bwd, s)
		}
	}
	for i, j := 0, len(e.bwd)-1; i < j; i, j = i+1, j-1 {
		e.bwd[i], e.bwd[j] = e.bwd[j], e.bwd[i]
	}
	return nil
}

// kernelsFor returns n's kernels: the backend's (own) where it is a
// KernelProvider that supplies them, each nil pass filled from the
// reference; else the op table's.
func (e *exec[F]) kernelsFor(n *Node) (k *Kernels[F], own bool) {
	ref := kernelsOf[F](n.op)
	p, ok := e.b.(KernelProvider)
	if !ok {
		return ref, false
	}
	var mine Kernels[F]
	if _, f32 := any(mine).(Kernels[float32]); !f32 {
		return ref, false // float64 programs (gradient checks) run the reference
	}
	k32, ok := p.OpKernels(n)
	if !ok || (k32.Forward == nil && k32.Backward == nil) {
		return ref, false
	}
	mine = any(k32).(Kernels[F])
	if mine.Forward == nil {
		mine.Forward = ref.Forward
	}
	if mine.Backward == nil {
		mine.Backward = ref.Backward
	}
	return &mine, true
}

// planGrads assigns gradient buffers to op nodes so that buffers whose
// lifetimes (first write .. the owner's backward) do not overlap share
// memory, and binds them into the backward calls.
func (e *exec[F]) planGrads(need []bool) {
	// The loss's gradient root is live from the start.
	pool := &bufPool[F]{bytes: &e.bytes, elem: e.elem, arena: e.arena}
	get, put := pool.get, pool.put
	lr := e.gradRoot[e.loss.id]
	if e.gradSize[lr] > 0 {
		e.grad[lr] = get(e.gradSize[lr])
	}
	for _, s := range e.bwd {
		n := s.n
		r := e.gradRoot[n.id]
		for i, in := range n.in {
			if !need[in.id] {
				continue
			}
			ir := e.gradRoot[in.id]
			if e.grad[ir] == nil {
				e.grad[ir] = get(e.gradSize[ir])
			}
			s.c.GradIn[i] = e.grad[ir][:in.Len()]
		}
		if e.grad[r] == nil { // nothing upstream carries gradient: skipped at run time
			e.grad[r] = get(max(e.gradSize[r], n.Len()))
		}
		s.c.GradOut = e.grad[r][:n.Len()]
		if r == n.id && e.gradSize[r] > 0 {
			// n's backward is the last reader of its gradient. Keep the
			// slice bound in the call, return the memory to the pool.
			put(e.grad[r])
		}
	}
	// Views read their root's buffer.
	for _, n := range e.nodes {
		if e.grad[n.id] == nil && e.gradRoot[n.id] != n.id && e.grad[e.gradRoot[n.id]] != nil {
			e.grad[n.id] = e.grad[e.gradRoot[n.id]][:n.Len()]
		}
	}
}
