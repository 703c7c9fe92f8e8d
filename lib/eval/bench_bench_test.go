package eval

import "testing"

func BenchmarkTaskBatch(b *testing.B) {
	for _, tk := range ScreeningTasks() {
		b.Run(tk.Name+"_B32", func(b *testing.B) {
			b.ReportAllocs()
			step := 0
			for b.Loop() {
				tk.Batch(1, step, 32)
				step++
			}
		})
	}
}
