// Package arch turns an architecture source (one Go file defining one
// token-mixer layer) into a traced graph, inside a sandbox, and checks it by
// measurement:
//
//	rep := arch.CheckSource(ctx, "mine.go", src, arch.CheckConfig{TrainT: 256})
//	for _, v := range rep.Failed() {
//		fmt.Println(v.Name, v.Reason) // e.g. causality: layer 1 (c.Layer=1) reads the future: at T=65, ...
//	}
//
// or from the shell: archlab arch check mine.go [--json]. CheckSource always
// returns a report (a static rejection is its compiles verdict); Parse and
// Check are the two halves. An untrusted source is best checked in a child
// process, CheckInChild(ctx, archlabBinary, name, src), where even a fatal
// error of the Go runtime costs only that source. Fingerprint hashes what a
// layer computes (its traced graph up to parameter names), so a search can
// recognise a resubmitted architecture.
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
// "_archlab", or lacks New and Forward. It bounds sizes in bytes before
// anything runs (the Go runtime's out-of-memory is a fatal error no recover
// catches): a shift by a huge literal count is rejected before type
// checking; go/types then computes every type's size (over 64 MiB is
// rejected, e.g. var a [65536][65536][16]float64), every make whose
// constant length × element size is over 256 MiB, constant overflow, and
// invalid recursive types (type T [2]T) with Go's own message. The
// interpreter (yaegi) sees only those two packages: no os, net, os/exec,
// unsafe, reflect or syscall exists in it, and it loads no source from disk.
// Parse also rewrites the source on the same lines: every function body
// counts its call depth (an endless recursion stops at depth 200 instead of
// overflowing the Go stack, which no recover can catch) and every make
// length is bounded at run time (16M elements and 256 MiB, by the element
// size go/types computed). Each run (Layer.Trace) happens in a fresh
// interpreter under Limits: a wall-time limit (an endless loop is stopped),
// a bound on the growth of the Go heap (polled every 2 ms), and bounds on
// tensor sizes and node counts checked by every op. A failure comes back
// as an *Error with a stage ("static", "compile", "run", "time", "memory")
// and positions; the process goes on. What a bound cannot foresee, a child
// process contains: CheckInChild turns a crashed child into a report of
// stage "crash" with its exit status and last stderr lines.
//
// # Checks
//
// Check measures, each as a Verdict {name, ok, reason, details}:
//
//   - compiles: the source parses, type-checks and traces.
//   - shape: every layer's output is (B,T,C) for several B and T.
//   - causality and batch_independence, from one set of probes on a model
//     of Layers ≥ 2 instances (each with its own c.Layer and parameters, on
//     a residual stream) at every length of ProbeT, by default
//     {1, 5, 17, 48, 65, 96} and the training length TrainT (128), B=3,
//     with parameters in two states: the initialisation plus N(0, 0.1²)
//     noise (a zero-initialised scale is no longer 0) and after 3 sign-SGD
//     steps on predicting the next input (what a look-ahead learns first).
//     Gradient probes pick a random row r and cut t (T-2, a random and an
//     early position): the gradient of a random projection of every layer's
//     outputs at row r, positions ≤ t, with respect to the input must be
//     exactly 0 after t in row r and everywhere in the other rows (below
//     1e-30: the kernels' exp is clamped at e^-87.3 ≈ 1e-38, so a masked
//     softmax score keeps a weight of that size). Forward perturbations of a
//     row after a cut and of a whole row catch what gradients cannot see (a
//     comparison): other rows must stay bit-identical, earlier positions
//     within CausalTolRel. A leak is reported with its layer, length, row,
//     the output position and the input position it reads.
//   - finite: the denominator of every division keeps one sign and is
//     never 0 on random inputs of three scales (a normaliser without an
//     epsilon or a positive feature map is flagged before it makes a NaN);
//     forward, backward and three SGD steps free of NaN and Inf.
//   - complexity: forward FLOPs and training memory at T, 2T, 4T, flagged at
//     an exponent ≥ 1.5.
//   - params: the largest layer against a budget, by default 8·D² + 64·D.
//
// What the probes prove: for the parameter values, lengths, rows and cuts
// tried, no output depends on a later input or on another row through any
// differentiable path (exactly, not within a tolerance), nor visibly
// through a non-differentiable one. What they cannot prove: a leak gated on
// a parameter or input region none of the probes reached (a ReLU of a
// parameter pushed far negative, a dependency opened only at T = 100 or
// beyond TrainT, or only for c.Layer ≥ Layers), or one that only a
// non-differentiable path carries and the two forward perturbations miss.
// A proof for all parameters would need per-op dependency rules on the
// graph; the probes measure instead.
//
// The measurement phase is bounded: a program whose forward pass costs more
// than MaxFLOPs (2e9) or whose values and gradients would exceed MaxBytes
// (2 GiB) is not run, and all measurements stop at MeasureTime (2
// minutes), each with a reason that says the layer is "too heavy to
// check". Progress, when set, hears every step.
//
// Time of Check with the default config, CPU backend on one thread,
// measured on this project's 2-core machine shared by ~8 processes (load
// average ~25), as process CPU time and wall time: deltanet 0.18 s (0.8 s
// wall), gated_deltanet 0.23 s (0.9 s), mamba2 0.27 s (1.0 s),
// hybrid_router 0.33 s (1.0 s), linear_attention 0.41 s (1.5 s),
// softmax_attention 0.62 s (2.3 s; flagged by complexity only), the
// ASI-style zoo layers 0.5–0.8 s (1.7–3.5 s). BenchmarkCheck repeats it.
//
// # The zoo
//
// Reference layers in the same format, embedded in the binary (ZooNames,
// Zoo): softmax_attention (quadratic by design, flagged), linear_attention
// (classic elu+1 with the running-sum normaliser), deltanet (the baseline,
// the same mixer as lib/train/models' reference), gated_deltanet, mamba2 and
// hybrid_router (delta rule + short convolution + identity mixed by a learned
// router, in the style of ASI-ARCH's discoveries). The files live in zoo/
// as ordinary Go files with a "//go:build ignore" line, so gofmt and editors
// read them and the Go build skips them.
package arch
