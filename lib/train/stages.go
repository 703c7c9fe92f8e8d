package train

// Stage specs for a search loop on CPUs: each is a Spec without a layer
// (set Arch and pass the source), trained on one thread.

// CPUScreen is stage 1 on a CPU: about two minutes per candidate on one
// quiet thread. The small preset narrowed to d64 × 2 layers × 2 heads (the
// shape at which MQAR's recall shows, ANCHORS.md) trains on Opticks bytes
// and, every second step, on mqar-t64-kv8 (B32, T64: as many tokens as a
// corpus batch), 2400 steps (1200 of each, 4.9M tokens), lr 3e-3 held
// after 50 warm-up steps and decayed over the last fifth (wsd), one seed.
// Its result has both fitness terms: ValLoss on Opticks and Bench, the
// held-out MQAR accuracy. See the measured numbers in stages_test.go's
// comment and the package documentation.
func CPUScreen() Spec {
	return Spec{
		Preset: "small", D: 64, Layers: 2, Heads: 2,
		Task: "opticks", Suite: []string{"mqar-t64-kv8"}, SuiteEvery: 2, SuiteBatch: 32,
		Batch: 8, Seq: 256, Steps: 2400, Warmup: 50, LR: 3e-3, Sched: "wsd",
		EvalEvery: 600, Seed: 1, Seeds: 1, Threads: 1,
	}
}

// CPUVerify is stage 2 on a CPU: the screen's shape with twice the steps
// (4800: 2400 on Opticks, 1200 on each suite task, 12.3M tokens), a
// harder MQAR level beside the screen's (mqar-t128-kv16, so the bench does
// not saturate at 1.0 for every good layer) and three seeds, whose spread
// the result reports. About 2.5 times the screen's cost per seed, 7–8
// times in all (an estimate from the screen's measured cost per token,
// not a measurement).
func CPUVerify() Spec {
	return Spec{
		Preset: "small", D: 64, Layers: 2, Heads: 2,
		Task: "opticks", Suite: []string{"mqar-t64-kv8", "mqar-t128-kv16"}, SuiteEvery: 2, SuiteBatch: 32,
		Batch: 8, Seq: 256, Steps: 4800, Warmup: 100, LR: 3e-3, Sched: "wsd",
		EvalEvery: 800, Seed: 1, Seeds: 3, Threads: 1,
	}
}
