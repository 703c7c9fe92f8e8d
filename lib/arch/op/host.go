package op

import (
	"context"
	"fmt"

	"github.com/archlab/archlab/gpu"
)

// HostScope bounds and records what one sandboxed run traces. lib/arch
// makes one per run; the interpreter never sees it.
type HostScope struct {
	Ctx       context.Context // cancelled: the next op panics
	MaxElems  int             // largest tensor, in elements, e.g. 1<<26
	MaxNodes  int             // most nodes one run may trace, e.g. 1<<20
	MaxParams int             // most parameter elements one run may declare, e.g. 1<<28

	nodes  int
	params int
}

// HostCancelled is the panic value of an op traced after Ctx ended.
type HostCancelled struct{ Err error }

func (c HostCancelled) Error() string { return "op: cancelled: " + c.Err.Error() }

func (s *HostScope) wrap(n *gpu.Node) *Node {
	if s.Ctx != nil {
		if err := s.Ctx.Err(); err != nil {
			panic(HostCancelled{err})
		}
	}
	s.nodes++
	if s.MaxNodes > 0 && s.nodes > s.MaxNodes {
		panic(fmt.Sprintf("op: more than %d nodes traced (a loop that never ends?)", s.MaxNodes))
	}
	if s.MaxElems > 0 && n.Len() > s.MaxElems {
		panic(fmt.Sprintf("op: %s: %d elements is over the sandbox limit of %d", n, n.Len(), s.MaxElems))
	}
	return &Node{n: n, s: s}
}

// HostParams returns the Params a layer declares into g (already prefixed
// with the layer's name through g.Sub).
func HostParams(s *HostScope, g *gpu.Graph) *Params { return &Params{g: g, s: s} }

// HostWrap wraps a graph node (the layer's input) for the source.
func HostWrap(s *HostScope, n *gpu.Node) *Node { return &Node{n: n, s: s} }

// HostUnwrap returns the graph node of x (the layer's output); nil for nil.
func HostUnwrap(x *Node) *gpu.Node {
	if x == nil {
		return nil
	}
	return x.n
}

// HostParamCount returns the parameter elements declared through s.
func (s *HostScope) HostParamCount() int { return s.params }
