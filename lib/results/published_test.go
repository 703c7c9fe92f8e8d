package results

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// readTSV reads a tab-separated file, skipping lines that start with '#',
// and returns the header and rows.
func readTSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var head []string
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		cells := strings.Split(line, "\t")
		if head == nil {
			head = cells
			continue
		}
		rows = append(rows, cells)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return head, rows
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestPublishedFig1MatchesTestdata keeps the points the library overlays
// equal to the ones read off the figure and documented in testdata.
func TestPublishedFig1MatchesTestdata(t *testing.T) {
	head, rows := readTSV(t, "testdata/fig1_published.tsv")
	if strings.Join(head, ",") != "gpu_hours,cumulative_sota" {
		t.Fatalf("header %v", head)
	}
	pub := PublishedFig1()
	if len(rows) != len(pub) || len(rows) != 36 {
		t.Fatalf("testdata has %d points, PublishedFig1 %d, want 36", len(rows), len(pub))
	}
	for i, r := range rows {
		if atof(t, r[0]) != pub[i].X || atof(t, r[1]) != pub[i].Y {
			t.Errorf("point %d: testdata %v, PublishedFig1 %+v", i, r, pub[i])
		}
	}
}

// TestFig1WithinOneOfPublished is the acceptance test: the
// reproduced curve is within ±1 of every published point.
func TestFig1WithinOneOfPublished(t *testing.T) {
	run := realRun(t)
	f1, err := run.Fig1()
	if err != nil {
		t.Fatal(err)
	}
	_, rows := readTSV(t, "testdata/fig1_published.tsv")
	if len(f1.Fit.Hours) != 36 {
		t.Fatalf("grid has %d points, want 36 (0..7000 every 200)", len(f1.Fit.Hours))
	}
	for i, r := range rows {
		h, want := atof(t, r[0]), atof(t, r[1])
		if f1.Fit.Hours[i] != h {
			t.Fatalf("grid point %d is %v h, want %v", i, f1.Fit.Hours[i], h)
		}
		if d := math.Abs(f1.Fit.Count[i] - want); d > 1 {
			t.Errorf("at %v GPU-hours: %v SOTA, published %v (|diff| %v > 1)", h, f1.Fit.Count[i], want, d)
		}
	}
	if m := f1.Mapping.Mapping; m.PerExperiment != 4 || m.Offset != 49 {
		t.Errorf("mapping %v, want 4 GPU-hours per experiment from index 49", m)
	}
	// The uniform spread (7000 h over the whole run) is what one would guess
	// without the figure: it misses by several architectures.
	if f1.Uniform.MaxAbsErr < 3 {
		t.Errorf("uniform mapping max error %v: expected it to be clearly worse", f1.Uniform.MaxAbsErr)
	}
	if f1.Fit.R2 < 0.95 || f1.Fit.R2 > 1 {
		t.Errorf("R² %v out of the expected range", f1.Fit.R2)
	}
	for i := range f1.Fit.Hours {
		if !(f1.Fit.BandLo[i] <= f1.Fit.BandHi[i]) {
			t.Fatalf("band inverted at %v h", f1.Fit.Hours[i])
		}
	}
}

// TestTable2Exact checks the 340M columns of Table 2, every row, against
// testdata/table2_340m.tsv, computed independently in decimal arithmetic.
func TestTable2Exact(t *testing.T) {
	run := realRun(t)
	rep, err := ReproduceASIArch(run)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.writeTable2(&b); err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSpace(b.String()), "\n")
	head, rows := readTSV(t, "testdata/table2_340m.tsv")
	want := []string{strings.Join(head, "\t")}
	for _, r := range rows {
		want = append(want, strings.Join(r, "\t"))
	}
	if len(got) != len(want) || len(want) != 107 {
		t.Fatalf("got %d lines, want %d (header + 106 rows)", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n-want %s\n+got  %s", i, want[i], got[i])
		}
	}
}

// TestFig6bNearPublished compares the top-50 curve with the one read off
// Fig. 6b. tol: the published curve is read to ±0.002, and the paper's
// N = 400 point sits 0.014 below what tree.json gives (see the notebook).
func TestFig6bNearPublished(t *testing.T) {
	const tol = 0.02
	run := realRun(t)
	rows, err := run.TopK(50, Fig6bNs())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 9 {
		t.Fatalf("%d rows, want 9", len(rows))
	}
	for _, r := range rows {
		if d := math.Abs(r.Mean - r.Published); !(d <= tol) {
			t.Errorf("N=%d: %.4f, published %.3f (|diff| %.4f > %v)", r.N, r.Mean, r.Published, d, tol)
		}
	}
	for i := 1; i < len(rows); i++ {
		if rows[i].Mean < rows[i-1].Mean {
			t.Errorf("top-50 mean fell from N=%d to N=%d", rows[i-1].N, rows[i].N)
		}
	}
}

// TestDiagnosticsRankCorrelation pins the headline diagnostic: exploration
// fitness barely ranks the 340M results (ANCHORS.md quotes 0.06).
func TestDiagnosticsRankCorrelation(t *testing.T) {
	run := realRun(t)
	ds, err := run.Diagnostics()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, d := range ds {
		got[d.Metric] = d.Value
	}
	if v := got["spearman(fitness, score_340m)"]; math.Abs(v-0.0655) > 0.001 {
		t.Errorf("spearman(fitness, score_340m) = %v, want 0.0655", v)
	}
	var sota float64
	for m, v := range got {
		if strings.HasPrefix(m, "discovery_rate[") {
			sota += v
		}
	}
	if sota <= 0 {
		t.Error("no discovery rates")
	}
	if _, ok := got["discovery_rate[1-250]"]; !ok {
		t.Errorf("missing discovery_rate[1-250]; have %v", got)
	}
}
