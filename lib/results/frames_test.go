package results

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
)

func TestFrames(t *testing.T) {
	run := realRun(t)
	cases := []struct {
		name       string
		df         dataframe.DataFrame
		rows, cols int
		first      []string
	}{
		{"tree", run.TreeFrame(), 1772, 8, []string{"index", "name", "name_new", "parent", "depth", "children", "fitness", "sota"}},
		{"sota", run.SOTAFrame(), 106, 19, []string{"index", "name", "name_new", "parent", "params_m", "fitness", "final_loss", "score_340m", "arc_challenge"}},
		{"losses", run.LossFrame(), 106 * 21, 4, []string{"index", "name_new", "step", "loss"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, k := c.df.Dims()
			if r != c.rows || k != c.cols {
				t.Errorf("dims %d×%d, want %d×%d (columns %v)", r, k, c.rows, c.cols, c.df.Names())
			}
			if got := strings.Join(c.df.Names()[:len(c.first)], ","); got != strings.Join(c.first, ",") {
				t.Errorf("columns %s, want %s", got, strings.Join(c.first, ","))
			}
		})
	}
	tf := run.TreeFrame()
	if p := tf.Col("parent").Elem(0); !p.IsNA() {
		t.Errorf("root parent = %v, want NaN", p)
	}
	marked, err := tf.Col("sota").Bool()
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	for _, b := range marked {
		if b {
			k++
		}
	}
	if k != 106 {
		t.Errorf("sota column marks %d rows, want 106", k)
	}
}

func TestWriteCSV(t *testing.T) {
	run := realRun(t)
	dir := t.TempDir()
	files, err := run.WriteCSV(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"tree.csv": 1773, "sota.csv": 107, "losses.csv": 106*21 + 1}
	if len(files) != len(want) {
		t.Fatalf("wrote %v", files)
	}
	for name, lines := range want {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(recs) != lines {
			t.Errorf("%s: %d lines, want %d", name, len(recs), lines)
		}
	}
}

// TestReproduceWriteFiles checks every output's name, header (the TSV
// columns are contracts) and that the images decode.
func TestReproduceWriteFiles(t *testing.T) {
	run := realRun(t)
	rep, err := ReproduceASIArch(run)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files, err := rep.WriteFiles(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 10 {
		t.Errorf("wrote %d files: %v", len(files), files)
	}
	heads := map[string]string{
		"fig1.tsv":        "gpu_hours\tcumulative_sota",
		"table2.tsv":      "index\tname\tfinal_loss\tscore",
		"fig6b.tsv":       "n\ttop50_mean_fitness\tpublished",
		"diagnostics.tsv": "metric\tvalue\tn\tnote",
	}
	rowsWant := map[string]int{"fig1.tsv": 36, "table2.tsv": 106, "fig6b.tsv": 9}
	for name, head := range heads {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if !strings.HasPrefix(l, "#") {
				lines = append(lines, l)
			}
		}
		if lines[0] != head {
			t.Errorf("%s header %q, want %q", name, lines[0], head)
		}
		if n, ok := rowsWant[name]; ok && len(lines)-1 != n {
			t.Errorf("%s: %d rows, want %d", name, len(lines)-1, n)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "fig1.tsv"))
	if !strings.HasPrefix(string(b), "gpu_hours\tcumulative_sota\n0\t0\n") {
		t.Errorf("fig1.tsv does not start with its header and the 0 h row:\n%.80s", b)
	}
	b, _ = os.ReadFile(filepath.Join(dir, "diagnostics.tsv"))
	if !strings.Contains(string(b), "GPU-hours = 4 × (experiment index − 49)") {
		t.Error("diagnostics.tsv does not state the Fig. 1 mapping")
	}
	for _, name := range []string{"fig1.png", "fig6b.png", "tree.png", "scatter.png", "losses.png"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if w := img.Bounds().Dx(); w < 900 {
			t.Errorf("%s is %d px wide", name, w)
		}
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "tree.svg"))
	if !bytes.Contains(svg, []byte("<svg")) || bytes.Count(svg, []byte("<path")) < 1772 {
		t.Errorf("tree.svg: %d bytes, %d paths", len(svg), bytes.Count(svg, []byte("<path")))
	}
}
