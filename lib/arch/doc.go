// Package arch turns an architecture source (one Go file defining one
// token-mixer layer) into a traced graph, inside a sandbox, and checks it by
// measurement:
//
//	l, err := arch.Parse("mine.go", src)       // static check: imports, forbidden constructs
//	rep, err := arch.Check(ctx, l, arch.CheckConfig{})
//	for _, v := range rep.Failed() {
//		fmt.Println(v.Name, v.Reason)           // e.g. causality: the output at position 3 changed ...
//	}
//
// or from the shell: archlab arch check mine.go [--json].
//
// # The source contract
//
// A source is one Go file in any package but main. It imports only
// "archlab/op" (package github.com/archlab/archlab/lib/arch/op: parameters
// and ops on traced tensors) and, if it needs it, "math". It defines
//
//	func New(p *op.Params, c op.Config) *Layer      // declare parameters, once per layer instance
//	func (l *Layer) Forward(x *op.Node) *op.Node    // x (B,T,C) -> (B,T,C)
//
// where Layer is any struct type declared in the file (the name is free).
// New runs once for each layer of the model; Forward runs once per trace
// (not per training step): it describes the computation, the training core
// runs it. Position t of the output may depend only on positions ≤ t of the
// input (the model predicts the next token), batch rows must not mix, and
// the cost should grow linearly in T. A complete source, DeltaNet:
//
//	package layer
//
//	import "archlab/op"
//
//	type Layer struct {
//		Heads          int
//		Wq, Wk, Wv, Wo *op.Node // (D, D)
//		Wb             *op.Node // (D, Heads): write strength β
//		Cq, Ck, Cv     *op.Node // (D, ConvSize): short convolutions
//		Norm           *op.Node // (HeadDim): output RMSNorm weight
//	}
//
//	func New(p *op.Params, c op.Config) *Layer {
//		return &Layer{
//			Heads: c.Heads,
//			Wq:    p.Linear("wq", c.D, c.D),
//			Wk:    p.Linear("wk", c.D, c.D),
//			Wv:    p.Linear("wv", c.D, c.D),
//			Wo:    p.Linear("wo", c.D, c.D),
//			Wb:    p.Linear("wb", c.D, c.Heads),
//			Cq:    p.Conv("cq", c.D, c.ConvSize),
//			Ck:    p.Conv("ck", c.D, c.ConvSize),
//			Cv:    p.Conv("cv", c.D, c.ConvSize),
//			Norm:  p.Ones("norm", c.HeadDim),
//		}
//	}
//
//	func (l *Layer) Forward(x *op.Node) *op.Node {
//		q := op.SiLU(op.ShortConv(op.Linear(x, l.Wq), l.Cq))
//		k := op.SiLU(op.ShortConv(op.Linear(x, l.Wk), l.Ck))
//		v := op.SiLU(op.ShortConv(op.Linear(x, l.Wv), l.Cv))
//		q = op.L2Norm(op.SplitHeads(q, l.Heads)) // (B,T,H,D)
//		k = op.L2Norm(op.SplitHeads(k, l.Heads))
//		v = op.SplitHeads(v, l.Heads)
//		beta := op.Sigmoid(op.Linear(x, l.Wb)) // (B,T,H)
//		o := op.DeltaRule(q, k, v, beta)       // (B,T,H,D)
//		o = op.RMSNorm(o, l.Norm)
//		return op.Linear(op.MergeHeads(o), l.Wo)
//	}
//
// The op API (see package op for each function):
//
//	parameters  p.Linear(name, in, out) p.Conv(name, channels, width)
//	            p.Zeros/Ones(name, shape...) p.Fill(name, v, shape...)
//	            p.Normal(name, std, shape...) p.Uniform(name, lo, hi, shape...)
//	products    Linear(x, w) MatMul(a, b)
//	element     Add Sub Mul Div (broadcasting) Scale AddConst Neg Exp Log Sqrt
//	            Abs Pow Tanh Sigmoid SiLU GELU ReLU Softplus ELU Fill
//	last dim    Softmax RMSNorm(x, w) L2Norm Sum Mean
//	shapes      Reshape Transpose SplitHeads MergeHeads Slice Concat
//	sequence    CumSum CausalMask ShortConv
//	mixers      LinearAttention(q,k,v) DeltaRule(q,k,v,beta)
//	            GatedDeltaRule(q,k,v,beta,g) SSD(q,k,v,g)
//	node        x.Shape() x.Dim(i) x.Rank()
//	config      c.D c.Heads c.HeadDim c.ConvSize c.Layer c.Layers
//
// # The sandbox
//
// Parse rejects, with line and column, a source that imports anything but
// "archlab/op" and "math", uses go statements, channels, select or recover,
// declares array types longer than 65536, uses names starting with
// "_archlab", or lacks New and Forward. The interpreter (yaegi) sees only
// those two packages: no os, net, os/exec, unsafe, reflect or syscall
// exists in it, and it loads no source from disk. Parse also rewrites the
// source on the same lines: every function body counts its call depth (an
// endless recursion stops at depth 200 instead of overflowing the Go stack,
// which no recover can catch) and every make length is bounded (16M
// elements). Each run (Layer.Trace) happens in a fresh interpreter under
// Limits: a wall-time limit (an endless loop is stopped), a bound on the
// growth of the Go heap (polled every 2 ms), and bounds on tensor sizes and
// node counts checked by every op. A failure comes back as an *Error with
// a stage ("static", "compile", "run", "time", "memory") and positions;
// the process goes on.
//
// # Checks
//
// Check measures, each as a Verdict {name, ok, reason, details}: compiles;
// shape ((B,T,C) for several B and T); causality (perturb the inputs after
// t, the outputs at ≤ t must not move); batch_independence; finite (forward,
// backward and three SGD steps free of NaN and Inf); complexity (forward
// FLOPs and training memory at T, 2T, 4T, flagged at an exponent ≥ 1.5);
// params (against a budget, by default 8·D² + 64·D at the check's width).
//
// # The zoo
//
// Reference layers in the same format, embedded in the binary (ZooNames,
// Zoo): softmax_attention (quadratic by design, flagged), linear_attention
// (classic elu+1 with the running-sum normaliser), deltanet (the baseline,
// the same mixer as gpu/models' reference), gated_deltanet, mamba2 and
// hybrid_router (delta rule + short convolution + identity mixed by a learned
// router, in the style of ASI-ARCH's discoveries). The files live in zoo/
// as ordinary Go files with a "//go:build ignore" line, so gofmt and editors
// read them and the Go build skips them.
package arch
