package offline

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/arch/op"
)

// checkCfg keeps the arch checks fast: short sequences, causality probed
// once per length up to T=32, complexity from T=64.
var checkCfg = arch.CheckConfig{ComplexityT: 64, T: 16, TrainT: 32, ProbeT: []int{1, 5, 17, 32}, Probes: 1,
	ProbeSteps: 1, Lengths: []int{1, 9}, Batches: []int{2}}

// mustPass renders d and fails t unless every arch check passes.
func mustPass(t *testing.T, name string, d Design) {
	t.Helper()
	src, err := Render(name, d)
	if err != nil {
		t.Fatal(err)
	}
	rep := arch.CheckSource(context.Background(), name+".go", src, checkCfg)
	if !rep.OK {
		t.Fatalf("%s failed %+v\n%s", d.Key(), rep.Failed(), src)
	}
}

// TestRandomDesignsPass: fifteen designs drawn from the whole catalogue, and
// the five seed families, compile and pass every arch check.
func TestRandomDesignsPass(t *testing.T) {
	for seed := uint64(1); seed <= 15; seed++ {
		d := RandomDesign(rand.New(rand.NewPCG(seed, 0)))
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { mustPass(t, "random", d) })
	}
	for _, f := range Families() {
		t.Run(f.Name, func(t *testing.T) { mustPass(t, f.Name, f.Design) })
	}
}

// TestEveryMovePasses: every single change from DeltaNet and from a design
// with every component on, and 100 more random designs (about 160
// designs, under a minute).
func TestEveryMovePasses(t *testing.T) {
	if testing.Short() {
		t.Skip("exhaustive design check skipped in -short mode")
	}
	full := HybridRouter()
	full.Paths = append(full.Paths, "fast_memory")
	full.RouterStats, full.RouterFloor, full.Decay, full.OutGate = true, true, "sigmoid", "silu"
	for _, base := range []Design{DeltaNet(), full} {
		for _, c := range base.Moves() {
			d, err := base.Apply(c)
			if err != nil {
				t.Fatal(err)
			}
			mustPass(t, "move", d)
		}
	}
	r := rand.New(rand.NewPCG(99, 0))
	for range 100 {
		mustPass(t, "random", RandomDesign(r))
	}
}

// TestDeltaNetEqualsZoo: the DeltaNet design has the zoo layer's
// parameters and computes the same outputs from the same seed.
func TestDeltaNetEqualsZoo(t *testing.T) {
	src, err := Render("deltanet", DeltaNet())
	if err != nil {
		t.Fatal(err)
	}
	mine, err := arch.Parse("deltanet.go", src)
	if err != nil {
		t.Fatal(err)
	}
	zoo, err := arch.Zoo("deltanet")
	if err != nil {
		t.Fatal(err)
	}
	y1, n1 := forward(t, mine)
	y2, n2 := forward(t, zoo)
	if n1 != n2 {
		t.Fatalf("params: -zoo +design\n-%d\n+%d", n2, n1)
	}
	for i := range y1 {
		if y1[i] != y2[i] {
			t.Fatalf("output %d: zoo %g, design %g", i, y2[i], y1[i])
		}
	}
}

// forward traces one instance of l at B=2, T=11, D=32 and runs it on a
// seeded input.
func forward(t *testing.T, l *arch.Layer) ([]float32, int) {
	t.Helper()
	const B, T = 2, 11
	cfg := op.Config{D: 32, Heads: 2, HeadDim: 16, ConvSize: 4, Layers: 1}
	g := gpu.NewGraph()
	x := g.Input("x", B, T, cfg.D)
	var y *gpu.Node
	var params int
	err := l.Trace(context.Background(), arch.Limits{}, func(b *arch.Builder) error {
		y = b.New(g.Sub("layer"), cfg)(x)
		params = b.ParamCount()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	prog, err := gpu.Compile(g, nil, gpu.Reference(), &gpu.Options{NoGrad: true, Outputs: []*gpu.Node{y}, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	in := make([]float32, B*T*cfg.D)
	for i := range in {
		in[i] = float32(r.NormFloat64())
	}
	if err := prog.SetInput("x", in); err != nil {
		t.Fatal(err)
	}
	prog.Forward()
	return append([]float32(nil), prog.Value(y).Data...), params
}

// TestDesignOfRoundTrip: the design line of a rendered source reads back.
func TestDesignOfRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 0))
	for range 20 {
		d := RandomDesign(r)
		src, err := Render("x", d)
		if err != nil {
			t.Fatal(err)
		}
		got, ok, err := DesignOf(src)
		if err != nil || !ok || got.Key() != d.Key() {
			t.Fatalf("-want +got\n-%s\n+%s (ok %v, err %v)", d.Key(), got.Key(), ok, err)
		}
	}
	src, err := Render("two\nlines", DeltaNet())
	if err != nil || !strings.HasPrefix(src, "// two lines: ") {
		t.Fatalf("a name with a newline: %v\n%s", err, src)
	}
	if _, ok, _ := DesignOf("package layer\n"); ok {
		t.Fatal("a source without a design line reported one")
	}
}

func TestParseDesign(t *testing.T) {
	for _, tc := range []struct {
		name, in, err string
	}{
		{"deltanet", DeltaNet().Key(), ""},
		{"not json", `{"rule":`, "decode design"},
		{"unknown field", `{"rule":"delta","colour":"red"}`, `unknown field "colour"`},
		{"bad rule", `{"rule":"magic","decay":"none","feature_map":"silu","out_gate":"none","out_norm":"rms"}`, `rule "magic"`},
		{"bad conv", `{"rule":"delta","decay":"none","feature_map":"silu","conv":9,"out_gate":"none","out_norm":"rms"}`, "conv 9"},
		{"bad path", `{"rule":"delta","decay":"none","feature_map":"silu","out_gate":"none","out_norm":"rms","paths":["attention"]}`, `paths "attention"`},
		{"bad local conv", `{"rule":"delta","decay":"none","feature_map":"silu","out_gate":"none","out_norm":"rms","paths":["local"],"local_conv":5}`, "local_conv 5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseDesign([]byte(tc.in))
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("error %v, want one containing %q", err, tc.err)
			}
		})
	}
}

// TestNormalize: fields that do not apply are cleared, so equal layers
// have equal keys.
func TestNormalize(t *testing.T) {
	a := DeltaNet()
	a.Rule = "linear"
	b := a
	b.Beta = ""
	if a.Key() != b.Key() {
		t.Fatalf("beta kept on a linear rule: %s vs %s", a.Key(), b.Key())
	}
	c := HybridRouter()
	c.Paths = []string{"identity", "local"}
	if c.Key() != HybridRouter().Key() {
		t.Fatal("path order changed the key")
	}
	d := DeltaNet()
	d.RouterFloor = true
	if d.Key() != DeltaNet().Key() {
		t.Fatal("router floor kept without paths")
	}
}

func TestDiffApply(t *testing.T) {
	for _, tc := range []struct {
		from Design
		c    Change
		want string
	}{
		{DeltaNet(), Change{"out_gate", "silu"}, "out_gate=silu"},
		{DeltaNet(), Change{"path.local", "on"}, "path.local=on"}, // the router comes with it
		{HybridRouter(), Change{"path.local", "off"}, "path.local=off"},
		{DeltaNet(), Change{"rule", "linear"}, "rule=linear"}, // beta goes with it
	} {
		d, err := tc.from.Apply(tc.c)
		if err != nil {
			t.Fatal(err)
		}
		if got := joinChanges(Diff(tc.from, d)); got != tc.want {
			t.Errorf("Diff after %s: -want +got\n-%s\n+%s", tc.c, tc.want, got)
		}
	}
	if _, err := DeltaNet().Apply(Change{"conv", "9"}); err == nil {
		t.Error("conv=9 is not in the catalogue but applied")
	}
}

func TestForName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want Design
		ok   bool
	}{
		{"deltanet", DeltaNet(), true},
		{"gated_deltanet", GatedDeltaNet(), true},
		{"hybrid_router", HybridRouter(), true},
		{"softmax_attention", DeltaNet(), false},
	} {
		got, ok := ForName(tc.name)
		if got.Key() != tc.want.Key() || ok != tc.ok {
			t.Errorf("ForName(%q) = %s, %v; want %s, %v", tc.name, got.Key(), ok, tc.want.Key(), tc.ok)
		}
	}
}
