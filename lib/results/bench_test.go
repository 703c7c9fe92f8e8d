package results

import (
	"io"
	"syscall"
	"testing"

	"github.com/archlab/archlab/lib/plot"
)

// BenchmarkReproduceASIArch is import + every figure, as `archlab
// reproduce asi-arch` does it: load both released files, compute the
// reproduction, and write every TSV and figure (fig1, fig6b, scatter,
// losses as notebook PNGs, the tree as SVG and PNG) into a temp folder.
func BenchmarkReproduceASIArch(b *testing.B) {
	dir := dataDir(b)
	out := b.TempDir()
	b.ReportAllocs()
	cpu0 := cpuSeconds(b)
	for b.Loop() {
		run, err := Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := ReproduceASIArch(run)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := rep.WriteFiles(out, false); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time per op does not grow with other processes' load the way wall
	// time does on a shared machine.
	b.ReportMetric((cpuSeconds(b)-cpu0)/float64(b.N), "cpu-s/op")
}

// cpuSeconds is this process's user+system CPU time.
func cpuSeconds(b *testing.B) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

// BenchmarkFiguresSequential renders the same figures one after another
// into io.Discard, without the import: the single-core cost.
func BenchmarkFiguresSequential(b *testing.B) {
	run := realRun(b)
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
	b.ReportAllocs()
	for b.Loop() {
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
