package cpu

import (
	"fmt"
	"math"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/archlab/archlab/gpu"
)

// gemmSizes are the products of the deltanet-1m step (B·T = 4096 rows).
var gemmSizes = []struct {
	name    string
	tA, tB  bool
	M, N, K int
}{
	{"4096x384x128", false, false, 4096, 384, 128}, // fused q,k,v projection
	{"4096x128x128_NT", false, true, 4096, 128, 128},
	{"128x128x4096_TN", true, false, 128, 128, 4096}, // weight gradient
	{"4096x256x128", false, false, 4096, 256, 128},   // LM head
	{"512x512x512", false, false, 512, 512, 512},
}

func gemmOf(M, N, K int, tA, tB bool) gpu.Gemm[float32] {
	r := rand.New(rand.NewPCG(1, 2))
	g := gpu.Gemm[float32]{TransA: tA, TransB: tB, M: M, N: N, K: K, Alpha: 1, LDA: K, LDB: N, LDC: N}
	if tA {
		g.LDA = M
	}
	if tB {
		g.LDB = K
	}
	g.A, g.B, g.C = make([]float32, M*K), make([]float32, K*N), make([]float32, M*N)
	for i := range g.A {
		g.A[i] = float32(r.NormFloat64())
	}
	for i := range g.B {
		g.B[i] = float32(r.NormFloat64())
	}
	return g
}

// BenchmarkSgemm compares the backend's Sgemm (2 workers, each a
// single-threaded OpenBLAS call) with calling OpenBLAS directly on 2 and 1
// threads, and reports GFLOP/s (wall clock) and GFLOP per CPU-second
// (which machine load inflates less; on idle cores wall-clock GFLOP/s is
// about threads × this).
func BenchmarkSgemm(b *testing.B) {
	for _, s := range gemmSizes {
		flops := 2 * float64(s.M*s.N*s.K)
		b.Run("backend/"+s.name, func(b *testing.B) {
			be := New(Options{Threads: 2})
			defer be.Close()
			g := gemmOf(s.M, s.N, s.K, s.tA, s.tB)
			b.ReportAllocs()
			c0 := cpuTime()
			for b.Loop() {
				be.Sgemm(g)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			b.ReportMetric(flops*float64(b.N)/(cpuTime()-c0).Seconds()/1e9, "GFLOP/cpu-s")
		})
		b.Run("direct2/"+s.name, func(b *testing.B) {
			g := gemmOf(s.M, s.N, s.K, s.tA, s.tB)
			setBLASThreads(2)
			defer setBLASThreads(1)
			b.ReportAllocs()
			c0 := cpuTime()
			for b.Loop() {
				sgemm(g)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			b.ReportMetric(flops*float64(b.N)/(cpuTime()-c0).Seconds()/1e9, "GFLOP/cpu-s")
		})
		b.Run("direct1/"+s.name, func(b *testing.B) {
			g := gemmOf(s.M, s.N, s.K, s.tA, s.tB)
			setBLASThreads(1)
			b.ReportAllocs()
			c0 := cpuTime()
			for b.Loop() {
				sgemm(g)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			b.ReportMetric(flops*float64(b.N)/(cpuTime()-c0).Seconds()/1e9, "GFLOP/cpu-s")
		})
	}
}

// deltaNet builds the pinned DeltaNet LM of the training-core issue with
// the op API (a local copy for profiling the core; the reference model
// lives in lib/train/models).
func deltaNet(B, T, d, layers, heads int) (*gpu.Graph, *gpu.Node) {
	const V = 256
	dh := d / heads
	hidden := (8*d/3 + 31) / 32 * 32
	g := gpu.NewGraph()
	ids := g.Tokens("ids", V, B, T)
	tgt := g.Tokens("targets", V, B, T)
	x := gpu.Embedding(ids, g.Param("emb", []int{V, d}, gpu.Normal(0.02)))
	for l := range layers {
		p := g.Sub(fmt.Sprintf("layer%d", l))
		h := gpu.RMSNorm(x, p.Param("attn_norm", []int{d}, gpu.Ones()), 1e-5)
		qkv := gpu.CausalConv1DSiLU(gpu.MatMul(h, p.Param("wqkv", []int{d, 3 * d}, gpu.LinearInit())), p.Param("conv", []int{3 * d, 4}, gpu.LinearInit()))
		parts := gpu.Split(qkv, -1, d, d, d)
		q := gpu.L2Norm(gpu.Reshape(parts[0], B, T, heads, dh), 1e-6)
		k := gpu.L2Norm(gpu.Reshape(parts[1], B, T, heads, dh), 1e-6)
		v := gpu.Reshape(parts[2], B, T, heads, dh)
		beta := gpu.Sigmoid(gpu.MatMul(h, p.Param("wbeta", []int{d, heads}, gpu.LinearInit())))
		o := gpu.DeltaRule(q, k, v, beta, 1/math.Sqrt(float64(dh)))
		o = gpu.RMSNorm(o, p.Param("o_norm", []int{dh}, gpu.Ones()), 1e-5)
		x = gpu.Add(x, gpu.MatMul(gpu.Reshape(o, B, T, d), p.Param("wo", []int{d, d}, gpu.LinearInit())))
		h = gpu.RMSNorm(x, p.Param("mlp_norm", []int{d}, gpu.Ones()), 1e-5)
		h = gpu.SwiGLU(gpu.MatMul(h, p.Param("w1", []int{d, 2 * hidden}, gpu.LinearInit())))
		x = gpu.Add(x, gpu.MatMul(h, p.Param("w2", []int{hidden, d}, gpu.LinearInit())))
	}
	x = gpu.RMSNorm(x, g.Param("norm_f", []int{d}, gpu.Ones()), 1e-5)
	return g, gpu.CrossEntropy(gpu.MatMul(x, g.Param("head", []int{d, V}, gpu.LinearInit())), tgt)
}

func benchTrain(b *testing.B, B, T, d, layers, heads int) {
	be := New(Options{Threads: 2})
	defer be.Close()
	g, loss := deltaNet(B, T, d, layers, heads)
	prog, err := gpu.Compile(g, loss, be, &gpu.Options{Seed: 1, Profile: testing.Verbose()})
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 1))
	ids := make([]int32, B*T)
	for i := range ids {
		ids[i] = int32(r.IntN(256))
	}
	prog.SetTokens("ids", ids)
	prog.SetTokens("targets", ids)
	opt := gpu.NewAdamW(prog.Params(), gpu.DefaultAdamW())
	if _, err := prog.TrainStep(0, opt, 3e-4); err != nil { // warm-up: page in buffers, lazy state
		b.Fatal(err)
	}
	step := 1
	cpu0 := cpuTime()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := prog.TrainStep(step, opt, 3e-4); err != nil {
			b.Fatal(err)
		}
		step++
	}
	b.ReportMetric(float64(B*T)*float64(b.N)/b.Elapsed().Seconds(), "tok/s")
	// CPU seconds per step do not depend on how busy the machine is: on 2
	// idle cores a step takes about half of it.
	b.ReportMetric((cpuTime()-cpu0).Seconds()*1e3/float64(b.N), "cpu-ms/step")
	b.ReportMetric(float64(prog.Bytes())/(1<<20), "MB")
	for _, t := range prog.Profile() {
		b.Logf("%-20s fwd %8.1f ms bwd %8.1f ms (%d calls)", t.Op, t.Forward.Seconds()*1e3/float64(step), t.Backward.Seconds()*1e3/float64(step), t.Calls/step)
	}
}

// BenchmarkTrainStep times a whole AdamW step of the pinned DeltaNet LM.
func BenchmarkTrainStep(b *testing.B) {
	b.Run("deltanet-1m_B8_T512", func(b *testing.B) { benchTrain(b, 8, 512, 128, 4, 4) })
	b.Run("deltanet-6m_B8_T512", func(b *testing.B) { benchTrain(b, 8, 512, 256, 8, 8) })
}

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
