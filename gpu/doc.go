// Package gpu is archlab's training core: tensors, a traced graph of ops
// with reverse-mode autodiff, AdamW, schedules and checkpoints, behind a
// small Backend interface (the CPU backend on OpenBLAS is gpu/cpu).
//
//	g := gpu.NewGraph()
//	ids := g.Tokens("ids", 256, B, T)        // (B,T) token ids
//	tgt := g.Tokens("targets", 256, B, T)
//	emb := g.Param("emb", []int{256, C}, gpu.Normal(0.02))
//	w1 := g.Param("w1", []int{C, 2 * H}, gpu.LinearInit())
//	w2 := g.Param("w2", []int{H, 256}, gpu.LinearInit())
//	h := gpu.SwiGLU(gpu.MatMul(gpu.Embedding(ids, emb), w1)) // (B,T,H)
//	loss := gpu.CrossEntropy(gpu.MatMul(h, w2), tgt)
//
//	prog, err := gpu.Compile(g, loss, cpu.New(cpu.Options{Threads: 2}), &gpu.Options{Seed: 1})
//	opt := gpu.NewAdamW(prog.Params(), gpu.DefaultAdamW())
//	lr := gpu.Cosine(3e-4, 3e-5, 50, steps)
//	for step := range steps {
//		prog.SetTokens("ids", batchIDs)      // []int32, len B*T
//		prog.SetTokens("targets", batchTgt)
//		loss, err := prog.TrainStep(step, opt, lr(step))
//		...
//	}
//
// # Tracing
//
// Architecture code runs once against a Graph: Param declares weights
// (named, with an Init; Graph.Sub prefixes names per layer), Input and
// Tokens declare data, and ops are package-level functions of *Node that
// find the graph from their operands, so a layer reads
// q := gpu.SiLU(gpu.MatMul(h, l.Wq)). Weights of MatMul are (in, out).
// Operands of the wrong shape panic at trace time with a *ShapeError
// naming the op and the shapes ("gpu: MatMul: shapes [8 512 128] and
// [64 64]: inner dimensions differ (128 vs 64; ...)"); lib/arch recovers
// it into an error.
//
// # Compiling and running
//
// Compile plans every buffer once (activations, gradients pooled by
// liveness, kernel scratch) and binds parameters from a ParamSet shared by
// any Programs compiled against it (Options.Params): a training program
// and an evaluation program (Options.NoGrad) of other shapes see the same
// weights. Forward, Backward and TrainStep then allocate nothing that
// grows. Program.Bytes reports the planned memory; Program.Value reads a
// node listed in Options.Outputs; Options.Profile times every op.
// CheckFinite (called by TrainStep) names the step and the first tensor
// holding a NaN or Inf.
//
// # Ops
//
// Shapes are row-major, the last axis contiguous; "..." is any leading
// dimensions. Element-wise ops broadcast numpy style.
//
//	MatMul(a (...,M,K), w (K,N))          one GEMM over all rows; or b (...,K,N): batched
//	MatMulT(a, b, transA, transB)         q·kᵀ is MatMulT(q, k, false, true)
//	Add Sub Mul Div (a, b)                broadcasting
//	Neg Exp Log Sqrt Rsqrt Abs Tanh Sigmoid SiLU GELU Softplus ReLU (x)
//	Pow(x, p)  Scale(x, a)  AddScalar(x, a)
//	Sum Mean Max (x, axis)                removes axis; SumKeep MeanKeep MaxKeep keep it as 1
//	SumAll MeanAll (x)                    scalar
//	Softmax(x, temperature) LogSoftmax(x) over the last axis; Entropy(x (...,V)) → (...)
//	Where(cond, a, b)  CausalMask(g, T)   mask (T,T): 1 on and below the diagonal
//	CumSum(x, axis)  DecayMask(a (...,T)) → (...,T,T) = exp(a[j+1]+…+a[i]) for j ≤ i
//	Reshape(x, dims...) (no copy, one -1)  Transpose(x, perm...)  Slice(x, axis, start, end)
//	Split(x, axis, sizes...)  Concat(axis, xs...)
//	Embedding(ids Tokens (...), table (V,D)) → (...,D)   also gathers rows of any (N,D) node
//	CrossEntropy(logits (...,V), targets Tokens (...)) → scalar mean (targets -1 skipped)
//	RMSNorm(x (...,C), w (C), eps)  GatedRMSNorm(x, gate, w, eps)  L2Norm(x, eps)
//	CausalConv1D(x (B,T,C), w (C,K))  CausalConv1DSiLU(x, w)
//	SwiGLU(x (...,2H)) → (...,H) = a·silu(g) for x = [a | g]
//	LinearAttention DeltaRule GatedDeltaRule SSDScan   fused mixers, see op_mixers.go
//
// # Float types
//
// Every kernel is generic over Float (float32 | float64); the float32
// instantiation trains, the float64 one runs on the Reference backend for
// gradient checks (CheckGradients), so both run the same code.
//
// # Adding an op
//
// An op is an OpDef in the registry: a forward and a backward kernel per
// float type, optional scratch, a FLOPs estimate and Examples on ragged
// shapes; a constructor validates shapes and calls Apply. See OpDef for
// a complete example. Backward kernels ADD into c.GradIn[i] (a nil entry
// means that operand needs no gradient; a single-operand op's backward
// only runs when its operand needs one). Kernels are generic over Float;
// hot float32 loops may take the is32/f32s fast path (see fastmath.go).
// A kernel splits its rows with c.Parallel (never nested) and runs
// matrix products with c.Gemm. TestEveryOpGradient runs
// CheckGradients on every registered op's Examples, and the backend
// conformance suite (gpu/backendtest.RunAll) compares each backend's
// float32 results with Reference, so a registered op with Examples is
// tested with no further code. A focused test is one line:
//
//	if err := gpu.CheckGradients(gpu.Square(g.Input("x", 3, 17, 5)), 1); err != nil { t.Fatal(err) }
//
// # Backends by name
//
// Backends register an Opener under a device name from their init
// (RegisterBackend; import gpu/backends for all of them), and callers
// open one by name: Open("cpu"), or Resolve("auto", opts), which takes
// "cuda" when a GPU and its library are present, else "cpu", and returns
// a Choice saying which and why. Close releases what a backend holds.
// A backend that implements BufferOwner allocates the buffers of the
// Programs compiled on it (one Arena per Program, released by
// Program.Close); others get Go-heap slices. A KernelProvider supplies
// its own kernels for the ops it chooses (the op table's are the
// reference and the fallback; Program.BackendOps lists which ran), and an
// AdamWUpdater runs the optimiser step (Program.TrainStep and
// AdamW.StepOn hand it the update; AdamWReference is the host twin).
// Compile's planning phases, and where a backend's kernels enter, are
// described in plan.go. Tests build a private Registry with NewRegistry.
//
// # Checkpoints
//
// SaveCheckpoint and LoadCheckpoint write and read parameters and AdamW
// moments in a versioned binary format documented at CheckpointVersion.
package gpu
