package results_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/lib/cli"
	"github.com/archlab/archlab/lib/plot"
	"github.com/archlab/archlab/lib/results"
	"github.com/archlab/archlab/lib/store"
)

// The test binary doubles as archlab: a search's workers are this binary
// started with ARCHLAB_TEST_AS_ARCHLAB=1.
func TestMain(m *testing.M) {
	if dir := os.Getenv("ARCHLAB_TEST_RESULTS_WRITER"); dir != "" { // TestOpenRunWhileWriting's writer process
		if err := writeRun(dir, writerN); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if os.Getenv("ARCHLAB_TEST_AS_ARCHLAB") == "1" {
		os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	code := m.Run()
	if runsDir != "" {
		os.RemoveAll(runsDir)
	}
	os.Exit(code)
}

var (
	runsDir  string
	runsOnce sync.Map // name → *runOnce
)

type runOnce struct {
	once sync.Once
	dir  string
	err  error
}

// searchRun runs a small real search once per test binary (the offline
// agents, the "test" training preset: seconds) and returns its folder:
// "main" is 6 stage-1 experiments with the eloquence probe and the
// baseline's regrade every 2nd, and 3 candidates re-trained at stage 2;
// "control" is the random control, 3 experiments, no stage 2.
func searchRun(t *testing.T, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs a search with worker processes")
	}
	v, _ := runsOnce.LoadOrStore(name, &runOnce{})
	ro := v.(*runOnce)
	ro.once.Do(func() {
		if runsDir == "" {
			runsDir, ro.err = os.MkdirTemp("", "results-runs")
			if ro.err != nil {
				return
			}
		}
		os.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1") // read by the workers, which are this binary
		cfg := map[string]string{
			"main":    `{"seeds": 2, "probe_every": 2, "rejudge_every": 2, "stage1": {"preset": "test"}, "stage2": {"preset": "test", "top_k": 3, "seeds": 2}}`,
			"control": `{"llm": "random", "seeds": 2, "stage1": {"preset": "test"}, "stage2": {"top_k": -1}}`,
		}[name]
		n := map[string]string{"main": "6", "control": "3"}[name]
		ro.dir = filepath.Join(runsDir, name)
		cf := ro.dir + ".json"
		if ro.err = os.WriteFile(cf, []byte(cfg), 0o644); ro.err != nil {
			return
		}
		var out, errb bytes.Buffer
		if code := cli.Main([]string{"search", "--dir", ro.dir, "--config", cf, "--experiments", n, "--workers", "2", "--quiet"},
			strings.NewReader(""), &out, &errb); code != 0 {
			ro.err = fmt.Errorf("search %s: exit %d\n%s\n%s", name, code, out.String(), errb.String())
		}
	})
	if ro.err != nil {
		t.Fatal(ro.err)
	}
	return ro.dir
}

func TestOpenRunFrames(t *testing.T) {
	dir := searchRun(t, "main")
	r, err := results.OpenRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	all := r.ExperimentFrame(results.Filter{})
	if all.Nrow() != len(r.Experiments) || all.Nrow() < 9 {
		t.Fatalf("%d rows for %d experiments", all.Nrow(), len(r.Experiments))
	}
	if got := strings.Join(all.Names(), ","); got != strings.Join(results.ExperimentColumns, ",") {
		t.Errorf("frame columns\n%s\nwant the table's\n%s", got, strings.Join(results.ExperimentColumns, ","))
	}
	if s1 := r.ExperimentFrame(results.Filter{Stage: 1}); s1.Nrow() != 6 {
		t.Errorf("stage 1: %d rows, want 6", s1.Nrow())
	}
	done := r.ExperimentFrame(results.Filter{Stage: 2, Status: []store.Status{store.Done}})
	if done.Nrow() != 4 { // the baseline and the top 3
		t.Errorf("stage 2 done: %d rows, want 4", done.Nrow())
	}
	if v := done.Col("stage").Float(); v[0] != 2 {
		t.Errorf("stage column %v", v)
	}
	// Lineage: the last stage-1 experiment back to the baseline.
	last := r.Select(results.Filter{Stage: 1})[5]
	line := r.ExperimentFrame(results.Filter{Lineage: last.ID})
	ids := line.Col("id").Records()
	if ids[0] != "1" || ids[len(ids)-1] != fmt.Sprint(last.ID) {
		t.Errorf("lineage of %d: %v", last.ID, ids)
	}
	if under := r.Select(results.Filter{Under: 1, Stage: 1}); len(under) != 6 {
		t.Errorf("under the baseline: %d stage-1 experiments, want 6", len(under))
	}
	if fl := all.Col("fitness_judge").Float(); math.IsNaN(fl[1]) {
		t.Errorf("fitness_judge of experiment 2 is NaN")
	}
	calls := r.CallFrame(results.Filter{Stage: 1, Lineage: 2})
	for _, e := range calls.Col("exp").Records() {
		if e != "1" && e != "2" {
			t.Errorf("a call of experiment %s in experiment 2's lineage", e)
		}
	}
	if calls.Nrow() == 0 || r.CallFrame(results.Filter{}).Nrow() != len(r.Calls) {
		t.Errorf("calls: %d in the lineage, %d in all", calls.Nrow(), r.CallFrame(results.Filter{}).Nrow())
	}
	m, err := r.MetricFrame(results.Filter{Lineage: 2})
	if err != nil {
		t.Fatal(err)
	}
	if m.Nrow() == 0 || strings.Join(m.Names(), ",") != strings.Join(results.MetricColumns, ",") {
		t.Errorf("metrics: %d rows, columns %v", m.Nrow(), m.Names())
	}

	// The CLI's table is the frame's rows as text.
	tab, err := results.RunTable(context.Background(), dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != all.Nrow() || tab.Rows[1][12] == "" {
		t.Errorf("table: %d rows, fitness of #2 %q", len(tab.Rows), tab.Rows[1][12])
	}
	st, err := r.Table("stages")
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Rows) != 4 || st.Rows[0][3] != "1" {
		t.Errorf("stages: %v", st.Rows)
	}
	if _, err := results.RunTable(context.Background(), dir, "bogus"); err == nil {
		t.Error("unknown table: no error")
	}

	files, err := r.WriteCSV(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(results.Tables) {
		t.Fatalf("wrote %v", files)
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Errorf("%s: %d rows, %v", f, len(rows), err)
		}
	}
}

const writerN = 40

// writeRun is a search's writer, fast: n experiments, each with a call
// and a metrics file that grows line by line and ends cut short, as a
// trainer still writing leaves it.
func writeRun(dir string, n int) error {
	w, err := store.Open(dir, store.Options{})
	if err != nil {
		return err
	}
	defer w.Close()
	ctx := context.Background()
	for i := range n {
		e := &store.Experiment{Name: fmt.Sprint("e", i), Stage: 1, Status: store.Done, FitnessJudge: math.NaN(),
			ValLoss: 5 - float64(i)/100, Fitness: float64(i) / float64(n), DeviceS: 1, CPUS: 2, Finished: time.Now()}
		if i > 0 {
			e.Parent = 1
		}
		id, err := w.Insert(ctx, e)
		if err != nil {
			return err
		}
		if _, err := w.AddCall(ctx, id, agents.CallRecord{Role: "judge", Time: time.Now()}); err != nil {
			return err
		}
		f, err := os.OpenFile(filepath.Join(w.ExpDir(id), "metrics.jsonl"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		for s := 1; s <= 5; s++ {
			fmt.Fprintf(f, `{"seed":1,"step":%d,"loss":%g,"lr":0.001,"tokens":%d,"wall_s":0.1}`+"\n", s, 5-float64(s)/10, 64*s)
		}
		f.WriteString(`{"seed":1,"step":6,"lo`)
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// TestOpenRunWhileWriting reads a run while a writer inserts experiments,
// calls and metrics lines, from a goroutine and from another process:
// every read succeeds and sees a consistent, growing run.
func TestOpenRunWhileWriting(t *testing.T) {
	for _, how := range []string{"goroutine", "process"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			errc := make(chan error, 1)
			if how == "goroutine" {
				go func() { errc <- writeRun(dir, writerN) }()
			} else {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), "ARCHLAB_TEST_RESULTS_WRITER="+dir)
				cmd.Stderr = os.Stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				go func() { errc <- cmd.Wait() }()
			}
			readWhileWriting(t, dir, errc)
		})
	}
}

func readWhileWriting(t *testing.T, dir string, errc chan error) {
	prev, reads := 0, 0
	for ; prev < writerN; reads++ {
		r, err := results.OpenRun(dir)
		if err != nil {
			if prev == 0 && (strings.Contains(err.Error(), "no archlab database") || strings.Contains(err.Error(), "schema version")) {
				// The writer has not created or migrated it yet, or failed.
				select {
				case werr := <-errc:
					t.Fatalf("writer ended before the run could be read: %v", werr)
				case <-time.After(10 * time.Millisecond):
				}
				continue
			}
			t.Fatalf("read %d: %v", reads, err)
		}
		got := len(r.Experiments)
		if got < prev {
			t.Fatalf("read %d: %d experiments after %d", reads, got, prev)
		}
		for _, c := range r.Calls {
			if r.Get(c.Exp) == nil {
				t.Fatalf("read %d: a call of experiment %d, which the snapshot lacks", reads, c.Exp)
			}
		}
		m, err := r.MetricFrame(results.Filter{})
		if err != nil {
			t.Fatalf("read %d: %v", reads, err)
		}
		if m.Nrow() > 5*got || m.Nrow() < 5*(got-1) {
			t.Fatalf("read %d: %d metrics rows for %d experiments", reads, m.Nrow(), got)
		}
		if df := r.ExperimentFrame(results.Filter{}); df.Nrow() != got || df.Ncol() != len(results.ExperimentColumns) {
			t.Fatalf("read %d: frame %dx%d for %d experiments", reads, df.Nrow(), df.Ncol(), got)
		}
		if _, err := r.Table("stages"); err != nil {
			t.Fatal(err)
		}
		prev = got
		select {
		case err := <-errc:
			if err != nil {
				t.Fatalf("writer: %v", err)
			}
			errc <- nil // seen; the loop reads once more after the writer ends
		default:
		}
	}
	if err := <-errc; err != nil {
		t.Fatalf("writer: %v", err)
	}
	t.Logf("%d reads while %d experiments were written", reads, writerN)
}

func TestSpearmanBootstrap(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	c := results.Spearman(x, []float64{2, 4, 6, 8, 10, 12, 14, 16}, 500, 1)
	if c.Rho != 1 || c.Lo != 1 || c.Hi != 1 || c.N != 8 || c.Valid == 0 || c.Valid > 500 {
		t.Errorf("monotone: %+v", c)
	}
	noisy := []float64{3, 1, 4, 1.5, 5, 9, 2, 6}
	a, b := results.Spearman(x, noisy, 500, 7), results.Spearman(x, noisy, 500, 7)
	if a != b {
		t.Errorf("same seed, different intervals: %v, %v", a, b)
	}
	if !(a.Lo <= a.Rho && a.Rho <= a.Hi) || a.Lo < -1 || a.Hi > 1 {
		t.Errorf("interval %v does not hold ρ", a)
	}
	if one := results.Spearman([]float64{1}, []float64{2}, 100, 1); !math.IsNaN(one.Rho) || !math.IsNaN(one.Lo) || one.Valid != 0 {
		t.Errorf("one pair: %+v", one)
	}
}

// nonBlank decodes a PNG, checks its size, and that it holds a drawing:
// a share of non-white pixels and several colours.
func nonBlank(t *testing.T, name string, b []byte, size plot.Size) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	wantW := int(float64(size.Width)/72*float64(size.DPI) + 0.5) // vg lengths are in points
	if img.Bounds().Dx() != wantW {
		t.Errorf("%s: %d px wide, want %d", name, img.Bounds().Dx(), wantW)
	}
	ink, colours := 0, map[[3]uint32]bool{}
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y += 2 {
		for x := bd.Min.X; x < bd.Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || b < 0xf000 {
				ink++
			}
			colours[[3]uint32{r >> 12, g >> 12, b >> 12}] = true
		}
	}
	if share := float64(ink) / float64(bd.Dx()*bd.Dy()/4); share < 0.01 || len(colours) < 4 {
		t.Errorf("%s looks blank: %.1f%% ink, %d colours", name, 100*share, len(colours))
	}
	return img
}

// TestSearchRunFigures draws every figure of a small real run and checks
// each as a rendered PNG (and that the SVG renders). With
// ARCHLAB_FIGURES_OUT set the PNGs are kept there for a look.
func TestSearchRunFigures(t *testing.T) {
	r, err := results.OpenRun(searchRun(t, "main"))
	if err != nil {
		t.Fatal(err)
	}
	ctl, err := results.OpenRun(searchRun(t, "control"))
	if err != nil {
		t.Fatal(err)
	}
	figs := map[string]*plot.Plot{}
	disc, d, err := r.Discoveries(results.DiscoveryOptions{Control: ctl, Bootstrap: 200, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	figs["discoveries"] = disc
	if d.Compute.Kind != "device" || d.Compute.Total <= 0 || len(d.Compute.At) != 6 || d.Control == nil {
		t.Errorf("discoveries: compute %+v, control %v", d.Compute, d.Control)
	}
	nNoise, nASI := 0, 0
	for _, e := range r.Select(results.Filter{Stage: 1}) {
		if e.BeatsNoise {
			nNoise++
		}
		if e.BeatsASI {
			nASI++
		}
	}
	if last := len(d.Noise.Count) - 1; d.Noise.Count[last] != float64(nNoise) || d.ASI.Count[last] != float64(nASI) || d.Noise.BandLo == nil {
		t.Errorf("counts %v (noise, want %d) %v (ASI, want %d)", d.Noise.Count, nNoise, d.ASI.Count, nASI)
	}
	if figs["fitness"], err = r.FitnessPlot(plot.Size{}); err != nil {
		t.Fatal(err)
	}
	if figs["tree"], err = r.TreePlot(plot.Size{}); err != nil {
		t.Fatal(err)
	}
	last := r.Select(results.Filter{Stage: 1})[5]
	if figs["loss"], err = r.LossPlot(last.ID, plot.Size{}); err != nil {
		t.Fatal(err)
	}
	if steps, loss, seeds, err := r.LossCurve(1); err != nil || len(steps) == 0 || len(steps) != len(loss) || seeds != 2 {
		t.Errorf("baseline loss curve: %d steps, %d seeds, %v", len(steps), seeds, err)
	}
	var front []int64
	if figs["pareto"], front, err = r.ParetoPlot("params", plot.Size{}); err != nil || len(front) == 0 {
		t.Fatalf("pareto: front %v, %v", front, err)
	}
	if figs["pareto-flops"], front, err = r.ParetoPlot("flops", plot.Size{}); err != nil || len(front) == 0 {
		t.Fatalf("pareto by FLOPs: front %v, %v", front, err)
	}
	jf, js, err := r.JudgePlots(plot.Size{})
	if err != nil {
		t.Fatal(err)
	}
	figs["judge-measured"], figs["judge-drift"], figs["judge-probe"] = jf.Measured, jf.Drift, jf.Probe
	if js.Probes == 0 || js.Regrades == 0 || js.Measured.N < 6 || math.IsNaN(js.MeanSway) {
		t.Errorf("judge stats %+v", js)
	}
	if js.RegradeRange[0] < 3 || js.RegradeRange[1] > 30 || js.RegradeRange[0] > js.RegradeRange[1] {
		t.Errorf("regrade range %v, want totals within 3–30", js.RegradeRange)
	}
	// Experiment axes are labelled with whole numbers only.
	for _, p := range []*plot.Plot{jf.Drift, jf.Probe} {
		for _, tk := range p.X.Tick.Marker.Ticks(2, 6) {
			if tk.Label != "" && tk.Value != math.Trunc(tk.Value) {
				t.Errorf("%q: tick %q at %v", p.Title.Text, tk.Label, tk.Value)
			}
		}
	}
	var rc results.RankCorrelation
	if figs["stages"], rc, err = r.StagesPlot(plot.Size{}); err != nil {
		t.Fatal(err)
	}
	if rc.N != 3 || rc != r.StageRank(results.DefaultResamples, 1) {
		t.Errorf("stage rank %v", rc)
	}

	out := os.Getenv("ARCHLAB_FIGURES_OUT")
	for name, p := range figs {
		size := plot.Notebook
		if name == "tree" {
			size = plot.NotebookSquare
		}
		var b bytes.Buffer
		if err := plot.Encode(&b, p, "png", size); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		nonBlank(t, name, b.Bytes(), size)
		if out != "" {
			os.WriteFile(filepath.Join(out, name+".png"), b.Bytes(), 0o644)
		}
		b.Reset()
		if err := plot.Encode(&b, p, "svg", size); err != nil || !bytes.Contains(b.Bytes(), []byte("<svg")) {
			t.Errorf("%s svg: %v", name, err)
		}
	}
}

// TestColumnsContract pins the tables' columns: scripts and notebooks
// read them by name, so they are added to at the end, never renamed or
// reordered. A new column goes at the end of its list and here.
func TestColumnsContract(t *testing.T) {
	for name, c := range map[string]struct {
		got  []string
		want string
	}{
		"experiments": {results.ExperimentColumns, "id,parent,of,name,stage,status,reason,val_loss,val_std,bench,bench_std,final_loss," +
			"fitness,fitness_loss,fitness_bench,fitness_judge,beats_asi,beats_noise,params,tries,wall_s,cpu_s,device_s,device_kind," +
			"seeds,created,finished,source_hash,error"},
		"calls":   {results.CallColumns, "id,exp,role,provider,model,attempt,tokens_in,tokens_out,latency_s,cost_usd,prompt_hash,error,time"},
		"metrics": {results.MetricColumns, "exp,seed,step,loss,lr,tokens,wall_s,val_loss,task_score"},
		"stages": {results.StageColumns, "id,stage2_id,name,baseline,status_2,fitness_1,fitness_2,rank_1,rank_2,val_loss_1,val_loss_2," +
			"bench_1,bench_2"},
		"rank": {results.RankColumns, "n,spearman,lo,hi,level,resamples,valid"},
	} {
		if got := strings.Join(c.got, ","); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s columns changed:\n-%s\n+%s", name, c.want, got)
		}
	}
}

// TestComputeAxis: compute is cumulated in the order experiments
// finished, not by id; CPU time stands in when no row has device time;
// stage 2 and unfinished rows are not on the axis.
func TestComputeAxis(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := []struct {
		parent, of int64
		stage      int
		status     store.Status
		cpu        float64
		finish     int // minutes after t0; -1: not finished
		noise      bool
	}{
		{0, 0, 1, store.Done, 60, 1, false},
		{1, 0, 1, store.Done, 120, 9, true},   // finishes last
		{1, 0, 1, store.Failed, 30, 3, false}, // failed: its compute counts
		{1, 0, 1, store.Done, 90, 5, true},
		{1, 0, 1, store.Running, 500, -1, false},
		{0, 2, 2, store.Done, 999, 20, false},
	}
	for _, r := range rows {
		e := &store.Experiment{Parent: r.parent, Of: r.of, Stage: r.stage, Status: r.status, Name: "x", CPUS: r.cpu,
			DeviceS: math.NaN(), FitnessJudge: math.NaN(), BeatsNoise: r.noise, Created: t0}
		if r.finish >= 0 {
			e.Finished = t0.Add(time.Duration(r.finish) * time.Minute)
		}
		if _, err := st.Insert(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	run, err := results.OpenRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := run.Compute()
	// Finish order 1, 3, 4, 2: 60, 90, 180, 300 CPU-seconds.
	want := map[int64]float64{1: 1, 3: 1.5, 4: 3, 2: 5}
	if c.Kind != "cpu" || c.Unit != "CPU-minutes" || c.Total != 5 || len(c.At) != len(want) {
		t.Fatalf("compute %+v", c)
	}
	for id, w := range want {
		if c.At[id] != w {
			t.Errorf("#%d at %v CPU-minutes, want %v", id, c.At[id], w)
		}
	}
	_, d, err := run.Discoveries(results.DiscoveryOptions{Bootstrap: -1})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(d.Noise.Count); d.Noise.Count[n-1] != 2 || d.Noise.Hours[n-1] != 5 || d.Noise.BandLo != nil {
		t.Errorf("discoveries: grid %v counts %v", d.Noise.Hours, d.Noise.Count)
	}
}

// TestEmptyRun: a run the loop has only just created reads as empty
// frames, and every figure says why it cannot be drawn yet.
func TestEmptyRun(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	r, err := results.OpenRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	if df := r.ExperimentFrame(results.Filter{}); df.Err != nil || df.Nrow() != 0 || df.Ncol() != len(results.ExperimentColumns) {
		t.Errorf("experiments %dx%d %v", df.Nrow(), df.Ncol(), df.Err)
	}
	if m, err := r.MetricFrame(results.Filter{}); err != nil || m.Nrow() != 0 || m.Ncol() != len(results.MetricColumns) {
		t.Errorf("metrics %dx%d %v", m.Nrow(), m.Ncol(), err)
	}
	files, skipped, err := r.WriteFigures(t.TempDir(), results.FigureOptions{})
	if err != nil || len(files) != 0 || len(skipped) != 10 {
		t.Errorf("figures %v, %d skipped, %v", files, len(skipped), err)
	}
	for name, err := range skipped {
		if !strings.HasPrefix(err.Error(), "results: ") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
