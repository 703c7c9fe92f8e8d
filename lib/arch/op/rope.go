package op

import (
	"fmt"

	"github.com/archlab/archlab/gpu"
)

// RoPE applies rotary position embeddings with the standard base 10000 to
// x (B,T,H,D), D even: channels i and i+D/2 of position t are rotated by
// the angle t·10000^(−2i/D). Applied to q and k before attention scores,
// it makes q_t·k_s depend on positions only through t−s.
func RoPE(x *Node) *Node {
	if x.Rank() != 4 || x.Dim(3)%2 != 0 {
		panic(fmt.Sprintf("op: RoPE: x %v: want (B,T,H,D) with D even", x.Shape()))
	}
	return x.s.wrap(gpu.RoPE(x.n, ropeBase))
}

// ropeBase is RoPE's standard base (Su et al., 2021; LLaMA).
const ropeBase = 10000
