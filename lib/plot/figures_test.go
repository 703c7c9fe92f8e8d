package plot

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

func TestFitDiscoveries(t *testing.T) {
	cfg := DiscoveryConfig{
		Hours: []float64{150, 50, 250, 350}, Step: 100, MaxHours: 400, Bootstrap: 200, Seed: 1,
		Reference: []Point{{X: 0, Y: 0}, {X: 200, Y: 3}, {X: 400, Y: 4}, {X: 250, Y: 99}},
	}
	f, err := FitDiscoveries(cfg)
	if err != nil {
		t.Fatal(err)
	}
	wantCount := []float64{0, 1, 2, 3, 4}
	for i, w := range wantCount {
		if f.Hours[i] != float64(100*i) || f.Count[i] != w {
			t.Fatalf("grid %v counts %v, want counts %v", f.Hours, f.Count, wantCount)
		}
	}
	if math.Abs(f.Slope-0.01) > 1e-12 || math.Abs(f.Intercept) > 1e-12 || math.Abs(f.R2-1) > 1e-12 {
		t.Errorf("fit %v %v %v, want 0.01, 0, 1", f.Slope, f.Intercept, f.R2)
	}
	if f.Rate != 0.01 {
		t.Errorf("rate %v", f.Rate)
	}
	if f.MaxAbsDiff != 1 { // 250 is off the grid and ignored; at 200 count 2 vs 3
		t.Errorf("MaxAbsDiff %v, want 1", f.MaxAbsDiff)
	}
	for i := range f.Hours {
		fitted := f.Slope*f.Hours[i] + f.Intercept
		if f.BandLo[i] > fitted+1e-9 || f.BandHi[i] < fitted-1e-9 {
			t.Errorf("band [%v, %v] misses the fit %v at %v", f.BandLo[i], f.BandHi[i], fitted, f.Hours[i])
		}
	}
	g, _ := FitDiscoveries(cfg)
	if g.BandLo[2] != f.BandLo[2] {
		t.Error("same seed, different band")
	}
	if _, err := FitDiscoveries(DiscoveryConfig{Hours: []float64{1}}); err == nil {
		t.Error("zero Step: no error")
	}
}

func TestLayoutTree(t *testing.T) {
	nodes := []TreeNode{{ID: 1}, {ID: 2, Parent: 1}, {ID: 3, Parent: 1}, {ID: 4, Parent: 2}, {ID: 5, Parent: 4}}
	L, err := layoutTree(nodes, true)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{0, 1, 1, 2, 3} {
		if L.depth[i] != want || math.Abs(math.Hypot(L.x[i], L.y[i])-want) > 1e-9 {
			t.Errorf("node %d: depth %v radius %v, want %v", nodes[i].ID, L.depth[i], math.Hypot(L.x[i], L.y[i]), want)
		}
	}
	L, _ = layoutTree(nodes, false)
	// Inner nodes go down to depth 2 (node 4), so the rim is ring 3; leaf 3 moves out to it.
	if L.rim != 3 || math.Abs(math.Hypot(L.x[2], L.y[2])-3) > 1e-9 {
		t.Errorf("rim %v, leaf radius %v", L.rim, math.Hypot(L.x[2], L.y[2]))
	}
	bad := []struct {
		name  string
		nodes []TreeNode
		want  string
	}{
		{"duplicate", []TreeNode{{ID: 1}, {ID: 1}}, "appears twice"},
		{"cycle", []TreeNode{{ID: 1}, {ID: 2, Parent: 3}, {ID: 3, Parent: 2}}, "cycle"},
	}
	for _, c := range bad {
		if _, err := layoutTree(c.nodes, false); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// TestFiguresRender draws every builder at both sizes in both formats.
func TestFiguresRender(t *testing.T) {
	hours := []float64{10, 300, 320, 900, 1500, 1700}
	disc, _, err := Discoveries(DiscoveryConfig{Hours: hours, Step: 200, Bootstrap: 50, Notes: []string{"a note"}})
	if err != nil {
		t.Fatal(err)
	}
	lines, err := Lines(LinesConfig{Series: []Series{{Name: "a", X: []float64{1, 2}, Y: []float64{2, 1}, Markers: true}}})
	if err != nil {
		t.Fatal(err)
	}
	loss, err := LossCurves("", 100, Notebook, Curve{Name: "a", Steps: []float64{1, 100, 200}, Loss: []float64{11, 5, 4}})
	if err != nil {
		t.Fatal(err)
	}
	sc, corr, err := RankScatter(ScatterConfig{X: []float64{1, 2, 3}, Y: []float64{1, 3, 2}, Labels: []string{"c"}, Label: []int{2}})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(corr.Spearman-0.5) > 1e-12 {
		t.Errorf("spearman %v, want 0.5", corr.Spearman)
	}
	tree, err := Tree(TreeConfig{Nodes: []TreeNode{{ID: 1, Score: 1}, {ID: 2, Parent: 1, Score: 2, Mark: true, Label: "#2 b"}, {ID: 3, Parent: 1, Score: math.NaN()}}, MarkLabel: "best"})
	if err != nil {
		t.Fatal(err)
	}
	disc2, _, err := Discoveries(DiscoveryConfig{Hours: hours, Step: 200, Bootstrap: 50, Label: "noise-aware", Per: 1, Unit: "CPU-h",
		Extra: []DiscoveryCurve{{Name: "ASI-ARCH rule", Hours: []float64{5, 400}}, {Name: "control", Hours: []float64{2000}, Dashed: true}}})
	if err != nil {
		t.Fatal(err)
	}
	par, _, err := Pareto(ParetoConfig{X: []float64{1, 2, 3, math.NaN()}, Y: []float64{3, 1, 2, 0}, Labels: []string{"a", "b", "c", "d"},
		Highlight: []bool{false, true, false, false}})
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]*Plot{"discoveries": disc, "discoveries extra": disc2, "lines": lines, "loss": loss, "scatter": sc, "tree": tree, "pareto": par} {
		for _, size := range []Size{Notebook, Paper} {
			var b bytes.Buffer
			if err := Encode(&b, p, "png", size); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			img, err := png.Decode(&b)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			wantW := int(float64(size.Width/vg.Inch)*float64(size.DPI) + 0.5)
			if img.Bounds().Dx() != wantW {
				t.Errorf("%s: %d px wide, want %d", name, img.Bounds().Dx(), wantW)
			}
			b.Reset()
			if err := Encode(&b, p, "svg", size); err != nil || !bytes.Contains(b.Bytes(), []byte("<svg")) {
				t.Errorf("%s svg: %v", name, err)
			}
		}
	}
	if err := Encode(&bytes.Buffer{}, lines, "gif", Notebook); err == nil {
		t.Error("gif: no error")
	}
	if _, err := Lines(LinesConfig{Series: []Series{{Name: "bad", X: []float64{1}, Y: nil}}}); err == nil {
		t.Error("ragged series: no error")
	}
}

func TestDiscoveryExtra(t *testing.T) {
	f, err := FitDiscoveries(DiscoveryConfig{Hours: []float64{50}, Step: 100,
		Extra: []DiscoveryCurve{{Name: "control", Hours: []float64{150, 250, 350}}}})
	if err != nil {
		t.Fatal(err)
	}
	// The grid reaches the extra curve's last discovery.
	if len(f.Hours) != 5 || f.Count[4] != 1 || len(f.Extra) != 1 || f.Extra[0].Count[4] != 3 || f.Extra[0].BandLo != nil {
		t.Errorf("grid %v count %v extra %+v", f.Hours, f.Count, f.Extra)
	}
	// No discoveries at all, but an extra curve: still a grid.
	if _, err := FitDiscoveries(DiscoveryConfig{Step: 1, Extra: []DiscoveryCurve{{Hours: []float64{2}}}}); err != nil {
		t.Error(err)
	}
}

func TestParetoFront(t *testing.T) {
	x := []float64{4, 1, 2, 2, 3, math.NaN(), 5}
	y := []float64{1, 5, 3, 2, 2, 0, 1}
	got := ParetoFront(x, y)
	want := []int{1, 3, 0} // (1,5) (2,2) (4,1); (2,3) and (3,2) are dominated by (2,2), (5,1) by (4,1)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("front %v, want %v", got, want)
	}
	if _, _, err := Pareto(ParetoConfig{X: []float64{1}, Y: []float64{math.NaN()}}); err == nil {
		t.Error("no complete point: no error")
	}
}
