package models

import (
	"fmt"
	"math/rand/v2"
	"syscall"
	"time"

	"github.com/archlab/archlab/gpu"
	_ "github.com/archlab/archlab/gpu/backends" // "cpu", "cuda" by name
)

// BenchOptions configure BenchTrain.
type BenchOptions struct {
	Model   string // preset, e.g. "deltanet-1m"
	Steps   int    // timed training steps after one warm-up, e.g. 3
	Threads int    // backend workers, e.g. 2 (0: all cores)
	Device  string // "cpu" (default), "cuda" or "auto" (gpu.Resolve)
	Chunked bool   // chunked delta rule instead of the recurrent kernel
	FuseQKV bool   // DeltaNetConfig.FuseQKV
	Profile bool   // record time per op (BenchResult.Ops)
}

// BenchResult is one JSON line of `archlab bench train`.
type BenchResult struct {
	Impl       string  `json:"impl"` // "archlab"
	Model      string  `json:"model"`
	TokensPerS float64 `json:"tokens_per_s"`
	StepMS     float64 `json:"step_ms"`     // mean over the timed steps
	StepMSMin  float64 `json:"step_ms_min"` // the fastest step: least disturbed on a shared machine
	Params     int     `json:"params"`
	// GFLOPsPerS is the step's estimated FLOPs (3× the traced forward)
	// over its time; SgemmGFLOPsPerS is the backend's Sgemm (OpenBLAS on the CPU) on a 1024³ product at the
	// same threads, measured just before; SgemmFraction their ratio.
	GFLOPsPerS      float64 `json:"gflops_per_s"`
	StepGFLOP       float64 `json:"step_gflop"`
	SgemmGFLOPsPerS float64 `json:"sgemm_gflops_per_s"`
	SgemmFraction   float64 `json:"sgemm_fraction"`
	PeakRSSMB       float64 `json:"peak_rss_mb"`
	Backend         string  `json:"backend"`
	Device          string  `json:"device"`        // the registered name, e.g. "cpu"
	DeviceReason    string  `json:"device_reason"` // why, e.g. "auto chose cpu: ... (passed over cuda: ...)"
	Threads         int     `json:"threads"`
	Steps           int     `json:"steps"`
	Mixer           string  `json:"mixer"`
	Loss            float64 `json:"loss"` // after the last timed step
	// CPUSPerStep is the process's user+system CPU time per step, and
	// TokensPerCPUS tokens over it: on a shared, oversubscribed machine
	// these move less than wall-clock tokens_per_s.
	CPUSPerStep   float64   `json:"cpu_s_per_step"`
	TokensPerCPUS float64   `json:"tokens_per_cpu_s"`
	Ops           []OpShare `json:"ops,omitempty"`
}

// OpShare is one op's share of the timed steps (Profile).
type OpShare struct {
	Op         string  `json:"op"`
	ForwardMS  float64 `json:"forward_ms"`  // per step
	BackwardMS float64 `json:"backward_ms"` // per step
	Share      float64 `json:"share"`       // of the profiled op time
}

// BenchTrain trains preset o.Model on random bytes on the backend o.Device
// names and measures a full step (forward, backward, finite check, AdamW).
func BenchTrain(o BenchOptions) (*BenchResult, error) {
	cfg, err := Preset(o.Model)
	if err != nil {
		return nil, err
	}
	if o.Steps <= 0 {
		o.Steps = 3
	}
	cfg.Chunked, cfg.FuseQKV = o.Chunked, o.FuseQKV
	if o.Device == "" {
		o.Device = "cpu"
	}
	b, choice, err := gpu.Resolve(o.Device, gpu.OpenOptions{Threads: o.Threads})
	if err != nil {
		return nil, fmt.Errorf("models: bench %s: %w", o.Model, err)
	}
	defer gpu.Close(b)
	res := &BenchResult{Impl: "archlab", Model: o.Model, Backend: b.Name(), Device: choice.Device, DeviceReason: choice.Reason,
		Threads: b.Threads(), Steps: o.Steps, Mixer: "recurrent"}
	if o.Chunked {
		res.Mixer = "chunked"
	}
	res.SgemmGFLOPsPerS = MeasureSgemm(b, 1024, 5)

	m := NewDeltaNet(cfg)
	prog, err := gpu.Compile(m.Graph, m.Loss, b, &gpu.Options{Seed: 1, Profile: o.Profile})
	if err != nil {
		return nil, fmt.Errorf("models: bench %s: %w", o.Model, err)
	}
	defer prog.Close()
	res.Params = prog.Params().Count()
	res.StepGFLOP = float64(m.TrainFLOPs()) / 1e9
	opt := gpu.NewAdamW(prog.Params(), AdamW())
	rng := rand.New(rand.NewPCG(1, 2))
	n := cfg.Batch * cfg.Seq
	ids, tgt := make([]int32, n), make([]int32, n)
	for i := range ids {
		ids[i] = int32(rng.IntN(cfg.Vocab))
		tgt[i] = int32(rng.IntN(cfg.Vocab))
	}
	if err := prog.SetTokens("ids", ids); err != nil {
		return nil, err
	}
	if err := prog.SetTokens("targets", tgt); err != nil {
		return nil, err
	}
	if _, err := prog.TrainStep(0, opt, 3e-4); err != nil { // warm-up
		return nil, fmt.Errorf("models: bench %s: %w", o.Model, err)
	}
	var before []gpu.OpTime
	if o.Profile {
		before = prog.Profile()
	}
	c0 := cpuSeconds()
	t0 := time.Now()
	var loss float32
	for s := 1; s <= o.Steps; s++ {
		ts := time.Now()
		if loss, err = prog.TrainStep(s, opt, 3e-4); err != nil {
			return nil, fmt.Errorf("models: bench %s: %w", o.Model, err)
		}
		if ms := time.Since(ts).Seconds() * 1e3; s == 1 || ms < res.StepMSMin {
			res.StepMSMin = ms
		}
	}
	dt := time.Since(t0).Seconds() / float64(o.Steps)
	res.CPUSPerStep = (cpuSeconds() - c0) / float64(o.Steps)
	if res.CPUSPerStep > 0 {
		res.TokensPerCPUS = float64(n) / res.CPUSPerStep
	}
	res.Loss = float64(loss)
	res.StepMS = dt * 1e3
	res.TokensPerS = float64(n) / dt
	res.GFLOPsPerS = res.StepGFLOP / dt
	if res.SgemmGFLOPsPerS > 0 {
		res.SgemmFraction = res.GFLOPsPerS / res.SgemmGFLOPsPerS
	}
	res.PeakRSSMB = peakRSSMB()
	if o.Profile {
		res.Ops = opShares(before, prog.Profile(), o.Steps)
	}
	return res, nil
}

func opShares(before, after []gpu.OpTime, steps int) []OpShare {
	prev := map[string]gpu.OpTime{}
	for _, t := range before {
		prev[t.Op] = t
	}
	var out []OpShare
	var total float64
	for _, t := range after {
		p := prev[t.Op]
		f := (t.Forward - p.Forward).Seconds() * 1e3 / float64(steps)
		bw := (t.Backward - p.Backward).Seconds() * 1e3 / float64(steps)
		out = append(out, OpShare{Op: t.Op, ForwardMS: f, BackwardMS: bw})
		total += f + bw
	}
	for i := range out {
		if total > 0 {
			out[i].Share = (out[i].ForwardMS + out[i].BackwardMS) / total
		}
	}
	return out
}

// MeasureSgemm returns the backend's float32 GEMM rate in GFLOP/s on an
// n×n×n product, the best of reps runs after one warm-up.
func MeasureSgemm(b gpu.Backend, n, reps int) float64 {
	a, bb, c := make([]float32, n*n), make([]float32, n*n), make([]float32, n*n)
	for i := range a {
		a[i], bb[i] = float32(i%7)*0.1, float32(i%5)*0.1
	}
	g := gpu.Gemm[float32]{M: n, N: n, K: n, Alpha: 1, A: a, LDA: n, B: bb, LDB: n, C: c, LDC: n}
	b.Sgemm(g)
	best := 0.0
	for range reps {
		t0 := time.Now()
		b.Sgemm(g)
		best = max(best, 2*float64(n)*float64(n)*float64(n)/time.Since(t0).Seconds()/1e9)
	}
	return best
}

// cpuSeconds is the process's user+system CPU time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// peakRSSMB is the process's peak resident set (Linux ru_maxrss is KiB).
func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}
