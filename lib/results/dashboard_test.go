package results_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-gota/gota/dataframe"

	"github.com/archlab/archlab/lib/plot"
	"github.com/archlab/archlab/lib/results"
	"github.com/archlab/archlab/lib/search"
	"github.com/archlab/archlab/lib/store"
)

// display is a test double of kernel/nb's *Handle: it records every value
// it is shown, and when.
type display struct {
	mu      sync.Mutex
	at      []time.Time
	updates []any
}

func (d *display) Update(v any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.at, d.updates = append(d.at, time.Now()), append(d.updates, v)
}

func (d *display) snapshot() ([]time.Time, []any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.at), slices.Clone(d.updates)
}

// dashLoop opens a small search at the test stage (seconds an experiment,
// two workers, no stage 2) in dir, its events going to onEvent.
func dashLoop(t *testing.T, dir string, onEvent func(search.Event)) *search.Loop {
	t.Helper()
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1") // the workers are this test binary (TestMain)
	cfg := search.Defaults()
	cfg.Seeds = 2
	cfg.Workers = 2
	cfg.Stage1.Preset = "test"
	cfg.Stage2.TopK = -1
	team, err := search.NewTeam(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	loop, err := search.Open(dir, &cfg, search.Options{Team: team, OnEvent: onEvent,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return loop
}

// TestDashboard runs a real search under a dashboard: the table and the
// figure are redrawn while experiments finish, at most one redraw per
// Every, and Run draws the final state and releases the run folder.
func TestDashboard(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a search with worker processes")
	}
	dir := filepath.Join(t.TempDir(), "run")
	var table, fig display
	dash := results.NewDashboard(dir, &table, &fig)
	dash.Every = 300 * time.Millisecond
	var mu sync.Mutex
	events := 0
	loop := dashLoop(t, dir, func(ev search.Event) {
		mu.Lock()
		events++
		mu.Unlock()
		dash.OnEvent(ev)
	})
	if err := dash.Run(context.Background(), loop, search.Budget{Experiments: 4}); err != nil {
		t.Fatal(err)
	}
	at, tabs := table.snapshot()
	_, figs := fig.snapshot()
	if len(tabs) < 3 {
		t.Fatalf("%d table updates, want redraws while the search ran and the final one", len(tabs))
	}
	if len(figs) != len(tabs) {
		t.Errorf("%d figure updates, %d table updates: each redraw draws both", len(figs), len(tabs))
	}
	if events <= len(tabs) {
		t.Errorf("%d events, %d redraws: events were not coalesced", events, len(tabs))
	}
	// Live redraws (all but the final one) begin at least Every apart; the
	// table is drawn first, a read of the run after the redraw began.
	const slack = 100 * time.Millisecond // the run's read before the table is drawn varies by tens of ms
	for i := 1; i < len(at)-1; i++ {
		if gap := at[i].Sub(at[i-1]); gap < dash.Every-slack {
			t.Errorf("redraws %d and %d %v apart, want at least %v", i-1, i, gap, dash.Every)
		}
	}
	// The final redraw shows every experiment finished.
	df, ok := tabs[len(tabs)-1].(dataframe.DataFrame)
	if !ok {
		t.Fatalf("the final table is a %T, want a DataFrame", tabs[len(tabs)-1])
	}
	if got := strings.Join(df.Names(), ","); got != strings.Join(results.DashboardColumns, ",") {
		t.Errorf("columns %s, want %s", got, strings.Join(results.DashboardColumns, ","))
	}
	if df.Nrow() != 4 {
		t.Errorf("final table has %d rows, want the 4 experiments:\n%v", df.Nrow(), df)
	}
	for i, s := range df.Col("status").Records() {
		if s != "done" && !strings.HasPrefix(s, "failed") && !strings.HasPrefix(s, "rejected") {
			t.Errorf("row %d is %q in the final table", i, s)
		}
	}
	if p, ok := figs[len(figs)-1].(*plot.Plot); !ok {
		t.Errorf("the final figure is a %T, want a *plot.Plot", figs[len(figs)-1])
	} else if !strings.Contains(p.Title.Text, "] finished · 4 of 4 finished") {
		t.Errorf("the final figure's title %q does not say the run finished", p.Title.Text)
	}
	if st := dash.Status(); !strings.Contains(st, "] finished ·") || !strings.Contains(st, "4 of 4 finished") {
		t.Errorf("final status %q", st)
	}
	// Some redraw before the final one showed an experiment in flight.
	live := false
	for _, v := range tabs[:len(tabs)-1] {
		if df, ok := v.(dataframe.DataFrame); ok {
			for _, s := range df.Col("status").Records() {
				live = live || s == "running" || s == "queued" || s == "proposed" || s == "checked"
			}
		}
	}
	if !live {
		t.Error("no redraw showed an experiment in flight")
	}
	// Run closed the loop: the folder can be opened for writing again.
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("after Run: %v", err)
	}
	st.Close()
}

// TestDashboardInterrupt cancels the search's context after the first
// experiment past the baseline is done, as a notebook interrupt does: Run
// returns context.Canceled, draws the stopped state, leaves no row
// running and the folder unlocked, and reopening resumes to the budget
// with every experiment run once.
func TestDashboardInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a search with worker processes")
	}
	dir := filepath.Join(t.TempDir(), "run")
	var table display
	dash := results.NewDashboard(dir, &table, nil)
	dash.Every = 200 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cancelled time.Time
	var first int64 // the first experiment past the baseline done
	var mu sync.Mutex
	loop := dashLoop(t, dir, func(ev search.Event) {
		dash.OnEvent(ev)
		if ev.What == "done" && ev.Exp.Stage == 1 && ev.Exp.ID >= 2 {
			mu.Lock()
			if cancelled.IsZero() {
				cancelled, first = time.Now(), ev.Exp.ID
			}
			mu.Unlock()
			cancel()
		}
	})
	err := dash.Run(ctx, loop, search.Budget{Experiments: 5})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run returned %v, want context.Canceled", err)
	}
	if st := dash.Status(); !strings.Contains(st, "] stopped (interrupted") {
		t.Errorf("status after the interrupt %q", st)
	}
	at, tabs := table.snapshot()
	mu.Lock()
	if len(at) == 0 || at[len(at)-1].Before(cancelled) {
		t.Errorf("no redraw after the interrupt")
	}
	mu.Unlock()
	if df, ok := tabs[len(tabs)-1].(dataframe.DataFrame); ok {
		for i, s := range df.Col("status").Records() {
			if s == "running" {
				t.Errorf("row %d still running in the final table", i)
			}
		}
	}

	r, err := results.OpenRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	stopped := len(r.Experiments)
	for i, e := range r.Experiments {
		if e.ID != int64(i+1) {
			t.Errorf("experiment %d has id %d: ids are not contiguous", i+1, e.ID)
		}
		if e.Status == store.Running {
			t.Errorf("experiment %d is still running after Run returned", e.ID)
		}
	}
	if got := r.Get(first); got == nil || got.Status != store.Done {
		t.Fatalf("experiment %d, done before the interrupt, is not stored done", first)
	}

	// Reopening resumes: 5 finished, each experiment once, no id skipped.
	loop = dashLoop(t, dir, nil)
	if err := loop.Run(context.Background(), search.Budget{Experiments: 5}); err != nil {
		t.Fatal(err)
	}
	loop.Close()
	if err := r.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	fin := 0
	for i, e := range r.Experiments {
		if e.ID != int64(i+1) {
			t.Errorf("after resuming, experiment %d has id %d", i+1, e.ID)
		}
		switch e.Status {
		case store.Done, store.Failed, store.Rejected:
			fin++
		default:
			t.Errorf("after resuming, experiment %d is %s", e.ID, e.Status)
		}
	}
	if fin != 5 || len(r.Experiments) < stopped {
		t.Errorf("after resuming: %d finished of %d rows (%d when stopped), want 5", fin, len(r.Experiments), stopped)
	}
}

// printer is an Updater that prints the rows of the table it is shown.
type printer struct{}

func (printer) Update(v any) {
	if df, ok := v.(dataframe.DataFrame); ok {
		for _, r := range df.Records() {
			fmt.Printf("%q\n", r)
		}
	}
}

func ExampleDashboard() {
	tmp, _ := os.MkdirTemp("", "results-example")
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "s1")
	if err := writeExampleRun(dir); err != nil { // a finished run, written by hand
		fmt.Println(err)
		return
	}
	// In a notebook: results.NewDashboard(dir, nb.Display(...), nb.Display(...)),
	// OnEvent: dash.OnEvent in search.Options, then dash.Run(ctx, loop, budget).
	dash := results.NewDashboard(dir, printer{}, nil)
	if err := dash.Final("finished"); err != nil {
		fmt.Println(err)
	}
	fmt.Println(dash.Status())
	// Output:
	// ["id" "stage" "name" "status" "val_loss" "bench" "fitness" "beats"]
	// ["1" "1" "deltanet" "done" "5.280" "0.000" "0.500" ""]
	// ["2" "1" "delta_gate" "done" "5.100" "0.000" "0.800" "noise"]
	// ["3" "1" "delta_conv" "done" "5.200" "0.000" "0.600" ""]
	// ["4" "1" "delta_gate_conv" "done" "5.050" "0.000" "0.900" "noise"]
	// ["5" "2" "deltanet" "done" "5.010" "0.000" "0.500" ""]
	// ["6" "2" "delta_gate" "done" "4.900" "0.000" "0.700" ""]
	// ["7" "2" "delta_conv" "done" "4.950" "0.000" "0.600" ""]
	// ["8" "2" "delta_gate_conv" "done" "4.800" "0.000" "0.800" ""]
	// finished · 4 finished, stage 2: 4 of 4 done · discoveries: 2 noise-aware, 0 ASI rule
}
