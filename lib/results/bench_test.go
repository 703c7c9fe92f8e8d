package results

import (
	"io"
	"testing"

	"github.com/archlab/archlab/lib/plot"
)

// BenchmarkReproduceASIArch is import + every figure: load both released
// files, compute the reproduction, and render fig1, fig6b, scatter and
// losses as notebook PNGs and the tree as SVG and PNG (into io.Discard).
func BenchmarkReproduceASIArch(b *testing.B) {
	dir := dataDir(b)
	b.ReportAllocs()
	for b.Loop() {
		run, err := Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := ReproduceASIArch(run)
		if err != nil {
			b.Fatal(err)
		}
		figs := []struct {
			build  func(plot.Size) (*plot.Plot, error)
			format string
			size   plot.Size
		}{
			{rep.Fig1Plot, "png", plot.Notebook},
			{rep.Fig6bPlot, "png", plot.Notebook},
			{rep.ScatterPlot, "png", plot.Notebook},
			{func(s plot.Size) (*plot.Plot, error) { return rep.LossPlot(s) }, "png", plot.Notebook},
			{rep.TreePlot, "svg", plot.NotebookSquare},
			{rep.TreePlot, "png", plot.NotebookSquare},
		}
		for _, f := range figs {
			p, err := f.build(f.size)
			if err != nil {
				b.Fatal(err)
			}
			if err := plot.Encode(io.Discard, p, f.format, f.size); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoad is the import alone.
func BenchmarkLoad(b *testing.B) {
	dir := dataDir(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(dir); err != nil {
			b.Fatal(err)
		}
	}
}
