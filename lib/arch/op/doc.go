// Package op is the op API an architecture source sees, imported there as
// "archlab/op". It is a thin, checked facade over the training core's
// traced graph (package gpu): every function adds nodes to the graph being
// traced; nothing is computed while a source runs.
//
//	q := op.SplitHeads(op.Linear(x, l.Wq), l.Heads) // (B,T,C) -> (B,T,H,D)
//	o := op.DeltaRule(op.L2Norm(q), op.L2Norm(k), v, beta)
//	return op.Linear(op.MergeHeads(o), l.Wo)          // (B,T,C)
//
// Layout. A layer maps x (B,T,C) to (B,T,C). Heads live in the last two
// dimensions: (B,T,H,D), as the fused mixers take them; a per-head scalar
// (a gate, a write strength) is (B,T,H).
//
// Broadcasting. Add, Sub, Mul and Div take operands of the same shape, or
// shapes that broadcast the NumPy way with b the smaller one: a bias (C)
// over (B,T,C), a per-head scalar (B,T,H,1) over (B,T,H,D), a per-head
// vector (H) over (B,T,H).
//
// Misuse (a shape mismatch, a name declared twice, a tensor over the
// sandbox's size limit) panics with a message naming the op and the shapes;
// lib/arch turns the panic into a verdict with the source line.
//
// Names starting with Host are for lib/arch only: the interpreter's symbol
// table leaves them out.
package op
