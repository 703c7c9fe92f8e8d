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
// SwiGLU → residual] → RMSNorm → LM head, the reference DeltaNet's (gpu/models)
// with the token mixer swapped for the source's layer. The layer is built
// and traced once, inside lib/arch's sandbox; training runs the traced graph
// natively on the CPU backend (gpu/cpu). Presets:
//
//	tiny    d128, 2 layers, 4 heads, bytes        ~0.5M  synthetic tasks (B32, T from the task)
//	small   d128, 4 layers, 4 heads, bytes        ~0.9M  byte-level LM (B8, T256)
//	screen  d256, 8 layers, 8 heads, GPT-2, tied  ~19M   ASI-ARCH's exploration shape
//	verify  d1024, 24 layers, 16 heads, GPT-2, tied      ASI-ARCH's verification shape
//
// Outputs, under Config.Out: metrics.jsonl, one JSON object a line: training
// lines {seed, step, loss, lr, grad_norm, tokens, tokens_per_s, wall_s} and
// evaluation lines {seed, step, tokens, wall_s, val_loss | task_score};
// result.json, the Result (final and validation loss, the unigram baseline,
// scores per task, params, flops_per_token, wall_s, device_s, device,
// status, error, and with Seeds > 1 each seed's numbers and their spread);
// checkpoint-seedN.bin, gpu's checkpoint format with the AdamW moments,
// from which Resume continues. Runs that fail keep their record (status
// "failed" and the error).
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
