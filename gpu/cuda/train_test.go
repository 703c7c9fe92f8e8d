//go:build cgo

package cuda_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/gpu/cuda"
	"github.com/archlab/archlab/lib/train/models"
)

// trainTiny trains the tiny DeltaNet three AdamW steps on random bytes on
// the backend opened by name (as archlab train --device does) and returns
// the last loss.
func trainTiny(t *testing.T, device string) float64 {
	t.Helper()
	b, choice, err := gpu.Resolve(device, gpu.OpenOptions{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer gpu.Close(b)
	if choice.Device != device {
		t.Fatalf("opened %s, want %s (%s)", choice.Device, device, choice.Reason)
	}
	cfg, err := models.Preset("deltanet-tiny")
	if err != nil {
		t.Fatal(err)
	}
	m := models.NewDeltaNet(cfg)
	prog, err := gpu.Compile(m.Graph, m.Loss, b, &gpu.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	ids, tgt := make([]int32, cfg.Batch*cfg.Seq), make([]int32, cfg.Batch*cfg.Seq)
	for i := range ids {
		ids[i], tgt[i] = int32(r.IntN(cfg.Vocab)), int32(r.IntN(cfg.Vocab))
	}
	if err := prog.SetTokens("ids", ids); err != nil {
		t.Fatal(err)
	}
	if err := prog.SetTokens("targets", tgt); err != nil {
		t.Fatal(err)
	}
	opt := gpu.NewAdamW(prog.Params(), models.AdamW())
	var loss float32
	for step := range 3 {
		if loss, err = prog.TrainStep(step, opt, 3e-3); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%s: %s loss %.6f", device, b.Name(), loss)
	return float64(loss)
}

// TestTrainMatchesCPU trains the tiny DeltaNet on "cuda" (the library
// under test) and on "cpu" and compares the losses.
func TestTrainMatchesCPU(t *testing.T) {
	t.Setenv(cuda.LibraryEnv, libUnderTest(t))
	const tol = 1e-4 // relative: fp32 products summed in another order, three steps
	want, got := trainTiny(t, "cpu"), trainTiny(t, "cuda")
	if d := math.Abs(got-want) / math.Abs(want); !(d <= tol) {
		t.Errorf("loss on cuda %v, on cpu %v: relative difference %.2g > %g", got, want, d, tol)
	}
}
