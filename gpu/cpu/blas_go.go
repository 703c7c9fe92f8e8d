//go:build noblas

package cpu

import "github.com/archlab/archlab/gpu"

const blasName = "go"

func setBLASThreads(int) {}

func sgemm(g gpu.Gemm[float32]) { goGemm(&g) }
func dgemm(g gpu.Gemm[float64]) { goGemm(&g) }
