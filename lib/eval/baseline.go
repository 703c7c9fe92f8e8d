package eval

import (
	"fmt"
	"math"
)

// UnigramLoss is the baseline a language model must beat: the mean loss,
// in nats per token, of the validation stream val under the add-one
// smoothed unigram distribution of the training stream train, over a
// vocabulary of vocab ids. (Opticks, ValFraction 0.1, seed 1: 3.19 with
// bytes, 6.51 with GPT-2 tokens.)
func UnigramLoss(train, val []int32, vocab int) float64 {
	if len(val) == 0 || vocab < 1 {
		panic(fmt.Sprintf("eval: UnigramLoss: %d validation tokens, vocab %d", len(val), vocab))
	}
	count := make([]float64, vocab)
	for _, id := range train {
		count[id]++
	}
	total := float64(len(train) + vocab)
	var sum float64
	for _, id := range val {
		sum -= math.Log((count[id] + 1) / total)
	}
	return sum / float64(len(val))
}
