// Package eval scores a trained model: validation loss and perplexity,
// synthetic screening tasks (MQAR, in-context recall, selective copying,
// induction heads) and multiple-choice benchmarks from local JSONL files
// (ARC-e/ARC-c, PIQA, HellaSwag, Winogrande, BoolQ, SIQA, LAMBADA), all
// through one small [Model] interface that the trainer implements from its
// logits; this package does not import the trainer.
//
//	var m eval.Model = trainedModel // Score(ctx, *data.Batch, logp []float32, top1 []bool) error
//	val := data.EvalBatches(ds.Val, 8, 512, 16)
//	lr, err := eval.Loss(ctx, m, val) // lr.Loss (nats/token), lr.Perplexity
//	base := eval.UnigramLoss(ds.Train, ds.Val, 256) // the bar to clear
//
//	task := eval.MQAR(eval.MQARConfig{Vocab: 256, T: 128, Pairs: 32})
//	for step := range 600 {
//		b := task.Batch(seed, step, 32) // train on b.Inputs → b.Targets where b.Mask
//	}
//	acc, err := eval.TaskAccuracy(ctx, m, task.HeldOut(seed, 256), 32)
//
//	bench, err := eval.LoadBench("piqa", "piqa-valid.jsonl")
//	tok, err := data.GPT2()
//	res, err := eval.ScoreBench(ctx, m, tok, bench, eval.ScoreConfig{MaxLen: 512})
//	// res.Acc, res.AccNorm
//
// # The model contract
//
// [Model.Score] gets a [data.Batch] (Inputs and Targets, (B,T) row-major
// int32) and writes, per position, the log probability of the target and
// whether the target is the arg max. That is enough for every score here:
// loss sums log p, accuracy counts first choices, and multiple-choice
// scoring sums log p over a continuation. Padding, batching and truncation
// are done here, so an implementation only runs one forward pass.
//
// # Synthetic tasks
//
// Every [Task] yields batches whose Targets are set only at the positions
// that are scored (Mask true, data.IgnoreIndex elsewhere): train with the
// loss on those positions only (computing logits only there is the fast way,
// see ANCHORS.md), and score with [TaskAccuracy] or, from predictions
// already at hand, [Accuracy]. Batch(seed, step, B) and HeldOut(seed, n)
// draw from disjoint random streams. MQAR follows Zoology's generator
// (keys in the lower half of the vocabulary, values in the upper half, query
// slots drawn by a power law, random tokens between queries);
// [MQARLevels] gives four difficulties.
//
// # Benchmarks
//
// [LoadBench] reads the public datasets' own JSONL field names (see
// [Formats]) and builds the same prompts as lm-evaluation-harness;
// [ScoreBench] scores each choice by summed log-likelihood (acc) and by
// log-likelihood per character of the choice (acc_norm); LAMBADA counts a
// hit when every token of the last word is the model's first choice, and
// also reports perplexity. A model traced for one (B,T) sets
// ScoreConfig.FixedLen.
package eval
