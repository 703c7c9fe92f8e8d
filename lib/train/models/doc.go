// Package models holds archlab's preset table and the pinned reference
// model built from the gpu op table. DeltaNet is the issue-3 reference
// language model that the training core is checked and benchmarked
// against PyTorch with:
//
//	cfg, _ := models.Preset("deltanet-1m")
//	m := models.NewDeltaNet(cfg)
//	prog, _ := gpu.Compile(m.Graph, m.Loss, backend, &gpu.Options{Seed: 1})
//	prog.SetTokens("ids", ids)          // (B,T) bytes
//	prog.SetTokens("targets", targets)  // (B,T) next bytes
//	loss, _ := prog.TrainStep(step, opt, 3e-4)
//
// The preset table (LookupPreset, PresetNames) is the one list of named
// sizes: lib/train trains its skeleton at them (train.LookupPreset reads
// this table), Preset builds the reference DeltaNet at any of them, and
// BenchTrain (`archlab bench train --model NAME`) times that model on a
// backend opened by name. tiny, small, screen and verify are the search
// stages' sizes; deltanet-1m, deltanet-6m and deltanet-tiny are pinned
// against the PyTorch twin, gpu/testdata/torch/deltanet.py, whose PRESETS
// the tests compare with this table. The tests load the weights, batch,
// logits, loss, gradients and AdamW losses that the twin exported for
// deltanet-tiny.
//
// The package lives beside the trainer, not in the training core (gpu/):
// the core knows ops, programs and backends, not models.
package models
