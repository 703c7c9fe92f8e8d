// Package train trains one architecture source in archlab's fixed model
// skeleton and records what happened:
//
//	res, err := train.Run(ctx, train.Config{
//		Arch:   "zoo:deltanet",  // or a path to a layer source (see lib/arch)
//		Preset: "small",         // tiny, small, screen, verify
//		Task:   "opticks",       // a corpus, or "mqar" and lib/eval's other synthetic tasks
//		Steps:  300,
//		Out:    "runs/deltanet", // metrics.jsonl, result.json, checkpoints
//	})
//	fmt.Println(res.ValLoss, res.UnigramLoss, res.Status)
//
// or from the shell: archlab train --arch zoo:deltanet --preset small --steps 300 --out runs/deltanet.
//
// The skeleton is embedding → L × [RMSNorm → layer → residual → RMSNorm →
// SwiGLU → residual] → RMSNorm → LM head, the reference DeltaNet's (lib/train/models)
// with the token mixer swapped for the source's layer. The layer is built
// and traced once, inside lib/arch's sandbox; training runs the traced graph
// natively on the backend Config.Backend names (--device cpu|cuda|auto,
// opened with gpu.Resolve; default the CPU backend, gpu/cpu). Presets, from
// the one table in lib/train/models (which the reference DeltaNet and
// `archlab bench train` read too):
//
//	tiny    d128, 2 layers, 4 heads, bytes        ~0.5M  synthetic tasks (B32, T from the task)
//	small   d128, 4 layers, 4 heads, bytes        ~0.9M  byte-level LM (B8, T256)
//	screen  d256, 8 layers, 8 heads, GPT-2, tied  ~19M   ASI-ARCH's exploration shape
//	verify  d1024, 24 layers, 16 heads, GPT-2, tied      ASI-ARCH's verification shape
//	deltanet-1m, deltanet-6m, deltanet-tiny       the sizes pinned against PyTorch (B8, T512; B2, T77)
//
// A Config is resolved once into a Spec (Config.Resolve): every default
// filled, the width, vocabulary and tokenizer the run really has, the
// schedule, seeds, task, corpus, suite and backend. The Spec is JSON; the
// search loop stores it, `archlab worker` runs it (Spec.Config(hooks),
// RunSpec), and result.json and every checkpoint embed it with the layer
// source's SHA-256. Progress, the logger and the Records travel beside it
// (Hooks), never in it.
//
// Before training, Run measures the layer with arch.Check (at the run's
// width and heads up to D 128, at arch's default D 64 above) and refuses
// one that fails with ErrCheckFailed, listing the failed checks, unless
// Config.Unchecked. A NaN or Inf loss or gradient fails the seed with
// ErrNonFinite. A failed Result carries Reason (source, check, data,
// non_finite, checkpoint, cancelled) beside the Error text.
//
// Outputs, under Config.Out, through a Records (FileRecords): metrics.jsonl,
// one JSON object a line: training lines {seed, step, task (suite batches),
// loss, lr, grad_norm, tokens, tokens_per_s, wall_s} and evaluation lines
// {seed, step, tokens, wall_s, val_loss | task_score, scores (suite)};
// result.json, the Result (the resolved spec, final and validation loss,
// the unigram baseline, scores per task and their mean bench, params,
// flops_per_token, wall_s, device_s, cpu_s, device, status, reason,
// error, and with Seeds > 1 each seed's numbers and their spread), replaced
// atomically; checkpoint-seedN.bin, gpu's checkpoint format (CRC-32C per
// tensor) with the AdamW moments, the spec and the loss history. Runs that
// fail keep their record (status "failed", the reason and the error).
//
// Resume is exact: batches are a function of (seed, step) and the
// checkpoint holds the optimiser's state and the losses so far, so a run
// stopped at a checkpoint and resumed ends with the numbers of an
// uninterrupted one; metrics.jsonl drops the lines after the checkpoint's
// step and writes them again. A checkpoint of another layer (source hash),
// shape or data is refused, naming both; a damaged one names the tensor.
// Resuming a complete run (status ok, every step, the same spec) returns
// the stored result and changes no file; resuming into a folder that does
// not exist is an error.
//
// A language model and a benchmark in one run: with Config.Suite (lib/eval
// task names, e.g. "mqar-t64-kv8"), every SuiteEvery-th step trains on a
// suite task's batch (the tasks in turn; the programs of each batch shape
// share one ParamSet and one AdamW), and every evaluation reports the
// corpus's validation loss and each suite task's held-out accuracy; Bench
// is their mean. With Config.SuiteSteps > 0 each suite task trains its own
// model of the same shape instead (Zoology-style), after the main one: the
// stage specs (CPUScreen, CPUVerify) do, because mixed into the corpus
// stream DeltaNet never learned MQAR (stages.go has the numbers). The byte
// tokenizer's 256 ids cover every task.
//
// Screening on MQAR: measured with the tiny preset at d64 (2 layers, 2 heads,
// B32, lr 3e-3 constant) on mqar-t64-kv8, DeltaNet stays at chance through
// step 400 in every seed and reaches 0.97–0.99 by step 1200, while classic
// linear attention creeps to 0.10 by step 400 and stalls near 0.14: a short
// screen ranks them the wrong way round. Give recall tasks enough steps, and
// several seeds (Config.Seeds; the result reports the spread).
//
// Cancelling ctx stops the run at the next half step (between forward and
// backward, or between two steps or two evaluation batches): half a step of
// the small preset took 0.5–1 s on the shared two-core machine, one thread.
// Config.Progress is called after every step, for progress bars.
package train
