package eval_test

import (
	"context"
	"fmt"
	"math"

	"github.com/archlab/archlab/lib/data"
	"github.com/archlab/archlab/lib/eval"
)

// A Model from a function: here a model that spreads its mass evenly over
// the 256 bytes, whose perplexity is therefore 256.
func ExampleLoss() {
	uniform := eval.ModelFunc(func(_ context.Context, b *data.Batch, logp []float32, top1 []bool) error {
		for i := range logp {
			logp[i] = float32(-math.Log(256))
		}
		return nil
	})
	stream := make([]int32, 1025)
	val := data.EvalBatches(stream, 4, 64, 0) // 16 windows of 64 targets
	res, err := eval.Loss(context.Background(), uniform, val)
	if err != nil {
		panic(err)
	}
	fmt.Printf("loss %.4f nats, perplexity %.1f, %d tokens\n", res.Loss, res.Perplexity, res.Tokens)
	// Output: loss 5.5452 nats, perplexity 256.0, 1024 tokens
}

func ExampleTaskAccuracy() {
	// A model that answers every MQAR query with the first value token.
	guess := eval.ModelFunc(func(_ context.Context, b *data.Batch, logp []float32, top1 []bool) error {
		for i, tg := range b.Targets {
			top1[i] = tg == 128
		}
		return nil
	})
	task := eval.MQAR(eval.MQARConfig{Vocab: 256, T: 128, Pairs: 32})
	acc, err := eval.TaskAccuracy(context.Background(), guess, task.HeldOut(1, 256), 32)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: accuracy %.3f (chance is 1/128 = 0.008)\n", task.Name, acc)
	// Output: mqar-t128-kv32: accuracy 0.009 (chance is 1/128 = 0.008)
}
