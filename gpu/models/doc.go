// Package models holds archlab's pinned reference models, built from the
// gpu op table. DeltaNet is the issue-3 reference language model that the
// training core is checked and benchmarked against PyTorch with:
//
//	cfg, _ := models.Preset("deltanet-1m")
//	m := models.NewDeltaNet(cfg)
//	prog, _ := gpu.Compile(m.Graph, m.Loss, backend, &gpu.Options{Seed: 1})
//	prog.SetTokens("ids", ids)          // (B,T) bytes
//	prog.SetTokens("targets", targets)  // (B,T) next bytes
//	loss, _ := prog.TrainStep(step, opt, 3e-4)
//
// Its PyTorch twin is gpu/testdata/torch/deltanet.py; the test loads the
// weights, batch, logits, loss, gradients and AdamW losses it exported.
package models
