package models

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/gpu/cpu"
)

const exportPath = "../../../gpu/testdata/torch/deltanet_tiny.safetensors"

// Tolerances against PyTorch, both fp32 but with different summation
// orders (OpenBLAS vs torch's GEMMs, recurrent vs chunked delta rule). Each
// is about 10× the worst difference measured when the test was written
// (logits 1.6e-6, gradients 1.5e-6, AdamW losses 3.5e-7), so a real
// convention slip (an eps, a transposed weight: ≥ 1e-3) cannot hide.
const (
	tolLogits = 1e-5 // absolute; logits are O(1)
	tolLoss   = 2e-6 // relative: mean of 154 log-softmax terms
	tolGrad   = 2e-5 // relative to the tensor's largest |gradient|
	tolAdamW  = 5e-6 // relative, each of the 10 losses
)

func loadTiny(t *testing.T, chunked, fused bool) (*Safetensors, *DeltaNet, *gpu.Program) {
	t.Helper()
	st, err := ReadSafetensors(exportPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Preset("deltanet-tiny")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Chunked, cfg.FuseQKV = chunked, fused
	m := NewDeltaNet(cfg)
	b := cpu.New(cpu.Options{Threads: 2})
	t.Cleanup(b.Close)
	prog, err := gpu.Compile(m.Graph, m.Loss, b, &gpu.Options{Outputs: []*gpu.Node{m.Logits}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range prog.Params().List() {
		src := st.Tensors["param."+TorchName(p.Name)]
		if src == nil {
			t.Fatalf("export lacks param.%s", TorchName(p.Name))
		}
		v := FromTorch(p.Name, src)
		if len(v) != len(p.Value.Data) {
			t.Fatalf("%s: %d values exported, model has %v", p.Name, len(v), p.Value.Shape)
		}
		copy(p.Value.Data, v)
	}
	if err := prog.SetTokens("ids", st.Tensors["tokens"].I); err != nil {
		t.Fatal(err)
	}
	if err := prog.SetTokens("targets", st.Tensors["targets"].I); err != nil {
		t.Fatal(err)
	}
	if len(prog.Params().List()) != (len(st.Tensors)-5)/2 {
		t.Errorf("model has %d parameters, export %d", len(prog.Params().List()), (len(st.Tensors)-5)/2)
	}
	return st, m, prog
}

func maxAbs(x []float32) float64 {
	var m float64
	for _, v := range x {
		m = max(m, math.Abs(float64(v)))
	}
	return m
}

// TestDeltaNetMatchesPyTorch loads deltanet.py's export and checks logits,
// loss, every gradient and 10 AdamW losses, with both forms of the mixer.
func TestDeltaNetMatchesPyTorch(t *testing.T) {
	for _, tc := range []struct {
		name           string
		chunked, fused bool
	}{{"recurrent", false, false}, {"chunked", true, false}, {"fused", false, true}} {
		t.Run(tc.name, func(t *testing.T) {
			st, m, prog := loadTiny(t, tc.chunked, tc.fused)
			loss := prog.Forward()
			want := st.Tensors["logits"].F
			got := prog.Value(m.Logits).Data
			worst, at := 0.0, 0
			for i := range want {
				if d := math.Abs(float64(want[i] - got[i])); d > worst {
					worst, at = d, i
				}
			}
			t.Logf("logits: max abs diff %.3g (tol %g)", worst, tolLogits)
			if worst > tolLogits {
				t.Errorf("logits[%d]: -want %g +got %g (max abs diff %g)", at, want[at], got[at], worst)
			}
			wl := st.Tensors["loss"].F[0]
			if d := math.Abs(float64(loss-wl)) / float64(wl); d > tolLoss {
				t.Errorf("loss: -want %v +got %v (rel %g)", wl, loss, d)
			}
			if err := prog.Backward(); err != nil {
				t.Fatal(err)
			}
			var gradWorst float64
			for _, p := range prog.Params().List() {
				w := FromTorch(p.Name, st.Tensors["grad."+TorchName(p.Name)])
				scale := max(maxAbs(w), 1e-12)
				worst, at := 0.0, 0
				for i := range w {
					if d := math.Abs(float64(w[i]-p.Grad.Data[i])) / scale; d > worst {
						worst, at = d, i
					}
				}
				gradWorst = max(gradWorst, worst)
				if worst > tolGrad {
					t.Errorf("grad %s[%d]: -want %g +got %g (rel to max %g: %g)", p.Name, at, w[at], p.Grad.Data[at], scale, worst)
				}
			}
			t.Logf("gradients: max diff relative to the tensor's largest %.3g (tol %g)", gradWorst, tolGrad)
			opt := gpu.NewAdamW(prog.Params(), AdamW())
			var adamWorst float64
			for step, wl := range st.Tensors["adamw_losses"].F {
				l, err := prog.TrainStep(step, opt, 3e-4)
				if err != nil {
					t.Fatal(err)
				}
				d := math.Abs(float64(l-wl)) / float64(wl)
				adamWorst = max(adamWorst, d)
				if d > tolAdamW {
					t.Errorf("AdamW step %d loss: -want %v +got %v (rel %g)", step, wl, l, d)
				}
			}
			t.Logf("AdamW losses: max rel diff %.3g (tol %g)", adamWorst, tolAdamW)
		})
	}
}

func TestPresets(t *testing.T) {
	for _, tc := range []struct {
		name     string
		hidden   int
		min, max int // parameters of the reference DeltaNet
	}{
		{"deltanet-1m", 352, 877824, 877824}, // deltanet.py bench
		{"deltanet-6m", 704, 6_000_000, 7_000_000},
		{"deltanet-tiny", 96, 1, 200_000},
		{"tiny", 352, 400_000, 600_000},
		{"screen", 704, 18_000_000, 22_000_000}, // tied: no head matrix
	} {
		c, err := Preset(tc.name)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.FFNHidden(); got != tc.hidden {
			t.Errorf("%s: FFN hidden %d, want %d", tc.name, got, tc.hidden)
		}
		m := NewDeltaNet(c)
		if got := m.Graph.NumParams(); got < tc.min || got > tc.max {
			t.Errorf("%s: %d parameters, want %d..%d", tc.name, got, tc.min, tc.max)
		}
		if got := m.Logits.Shape(); got[0] != c.Batch || got[1] != c.Seq || got[2] != c.Vocab {
			t.Errorf("%s: logits %v, want (%d,%d,%d)", tc.name, got, c.Batch, c.Seq, c.Vocab)
		}
	}
	if _, err := Preset("nope"); err == nil || !strings.Contains(err.Error(), `unknown preset "nope"`) {
		t.Errorf("unknown preset: error %v", err)
	}
}

// TestPresetsMatchTorch: every preset of the PyTorch twin (deltanet.py's
// PRESETS) is in the table with the same shape and batch, so `bench train
// --vs-torch` times the same model on both sides.
func TestPresetsMatchTorch(t *testing.T) {
	src, err := os.ReadFile("../../../" + TorchScript)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`"([\w-]+)": dict\(d=(\d+), layers=(\d+), heads=(\d+), batch=(\d+), seq=(\d+)\)`)
	rows := re.FindAllStringSubmatch(string(src), -1)
	if len(rows) < 3 {
		t.Fatalf("found %d presets in %s, want deltanet-1m, deltanet-6m and deltanet-tiny", len(rows), TorchScript)
	}
	for _, r := range rows {
		p, err := LookupPreset(r[1])
		if err != nil {
			t.Errorf("%s: %v", TorchScript, err)
			continue
		}
		got := fmt.Sprintf("d=%d, layers=%d, heads=%d, batch=%d, seq=%d", p.D, p.Layers, p.Heads, p.Batch, p.Seq)
		want := fmt.Sprintf("d=%s, layers=%s, heads=%s, batch=%s, seq=%s", r[2], r[3], r[4], r[5], r[6])
		if got != want || p.Vocab != 256 || p.Tied {
			t.Errorf("%s: -torch %s +table %s vocab %d tied %v", r[1], want, got, p.Vocab, p.Tied)
		}
	}
}
