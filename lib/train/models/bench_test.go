package models

import (
	"math/rand/v2"
	"testing"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/gpu/cpu"
)

// BenchmarkTrainStep times one full training step (forward, backward,
// finite check, AdamW) of each preset on the CPU backend with 2 workers.
func BenchmarkTrainStep(b *testing.B) {
	for _, name := range []string{"deltanet-1m", "deltanet-6m"} {
		b.Run(name, func(b *testing.B) {
			cfg, _ := Preset(name)
			be := cpu.New(cpu.Options{Threads: 2})
			defer be.Close()
			m := NewDeltaNet(cfg)
			prog, err := gpu.Compile(m.Graph, m.Loss, be, &gpu.Options{Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			r := rand.New(rand.NewPCG(1, 2))
			ids := make([]int32, cfg.Batch*cfg.Seq)
			for i := range ids {
				ids[i] = int32(r.IntN(256))
			}
			_ = prog.SetTokens("ids", ids)
			_ = prog.SetTokens("targets", ids)
			opt := gpu.NewAdamW(prog.Params(), AdamW())
			b.ReportAllocs()
			step := 0
			for b.Loop() {
				if _, err := prog.TrainStep(step, opt, 3e-4); err != nil {
					b.Fatal(err)
				}
				step++
			}
			b.ReportMetric(float64(len(ids))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
