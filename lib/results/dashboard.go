package results

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/archlab/archlab/lib/plot"
	"github.com/archlab/archlab/lib/search"
	"github.com/archlab/archlab/lib/store"
)

// Updater is a display that is replaced in place. kernel/nb's *Handle
// (what nb.Display returns) is one: it sends update_display_data. A
// Dashboard takes this interface so that lib/ never imports kernel/.
type Updater interface {
	Update(v any)
}

// Dashboard follows a search while it runs, in two displays redrawn in
// place: a compact table of the newest experiments (DashboardColumns) and
// the discoveries figure (SearchRun.Discoveries), whose title carries the
// run's state. Both are read from the run folder, as OpenRun reads it, so
// what it shows is what the store holds. In a notebook cell:
//
//	dash := results.NewDashboard(runDir, nb.Display(nb.Markdown("starting…")), nb.Display(nb.Markdown("")))
//	loop, err := search.Open(runDir, &cfg, search.Options{Team: team, OnEvent: dash.OnEvent})
//	err = dash.Run(nb.Context(), loop, search.Budget{Experiments: 8}) // runs, draws the final state, closes loop
//
// Redraws are throttled: at most one per Every, the last event always
// drawn within Every, and Run draws the final state at once. Drawing
// happens off the loop's goroutines, so OnEvent never slows the search.
// The figure is a *plot.Plot, which the kernel shows as PNG and SVG and
// whose text form is its title. A Dashboard is safe for concurrent use;
// set its fields before the first event.
type Dashboard struct {
	Every time.Duration // the shortest time between two redraws; zero: time.Second
	Rows  int           // the newest experiments the table shows; zero: 20
	Size  plot.Size     // the figure's font scaling (plot.Discoveries); zero: plot.Notebook

	dir        string
	table, fig Updater

	drawMu sync.Mutex // one draw at a time; guards run and status
	run    *SearchRun
	status string // the state, the counts and the discoveries
	title  string // the figure's first title line: the state and the counts

	mu      sync.Mutex
	timer   *time.Timer // the next live redraw, when one is due
	dirty   bool        // an event came since the last redraw began
	drawing bool        // a live redraw is running
	last    time.Time   // when the last redraw began
	gen     int         // bumped by each final draw: a live redraw of an older generation is dropped
	start   time.Time   // the first event, or Run's call
	target  int         // Run's budget of experiments, 0: unknown
}

// DashboardColumns are the columns of a Dashboard's table: val_loss, bench
// and fitness rounded to three decimals (blank until measured), status
// with its reason ("failed: timeout"), and beats listing the rules under
// which the experiment beat the baseline ("noise asi", "noise", "asi").
var DashboardColumns = []string{"id", "stage", "name", "status", "val_loss", "bench", "fitness", "beats"}

// NewDashboard returns a dashboard of the run folder dir that draws its
// table into table and its figure into fig (either may be nil). Nothing
// is drawn before the first event or Run.
func NewDashboard(dir string, table, fig Updater) *Dashboard {
	return &Dashboard{dir: dir, table: table, fig: fig}
}

// OnEvent notes one event of the search and schedules a redraw; it is
// what search.Options.OnEvent takes. It returns at once.
func (d *Dashboard) OnEvent(ev search.Event) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.start.IsZero() {
		d.start = time.Now()
	}
	d.dirty = true
	d.schedule()
}

// schedule arms the timer of the next live redraw, no sooner than Every
// after the last one began. d.mu is held.
func (d *Dashboard) schedule() {
	if d.timer != nil || d.drawing {
		return
	}
	every := d.Every
	if every <= 0 {
		every = time.Second
	}
	d.timer = time.AfterFunc(max(time.Until(d.last.Add(every)), 0), d.tick)
}

// tick is the timer's redraw.
func (d *Dashboard) tick() {
	d.mu.Lock()
	d.timer = nil
	if !d.dirty {
		d.mu.Unlock()
		return
	}
	d.dirty, d.drawing, d.last = false, true, time.Now()
	gen := d.gen
	d.mu.Unlock()

	d.draw(context.Background(), gen, "")

	d.mu.Lock()
	d.drawing = false
	if d.dirty {
		d.schedule()
	}
	d.mu.Unlock()
}

// interruptedState is the state an interrupted Run shows.
const interruptedState = "stopped (interrupted; run again to resume)"

// Run runs loop.Run(ctx, b), draws the final state (finished, stopped, or
// failed with loop.Run's error) and closes loop; it returns loop.Run's
// error (context.Canceled after an interrupt), else Close's, else the
// final draw's. loop must have been opened with OnEvent: d.OnEvent.
//
// Run closes loop because an interrupted notebook cell stops its
// interpreted code at once, so a loop.Close() after the call would never
// run: Run, compiled, still waits for the loop to stop its workers and
// re-queue what they held, then releases the run folder, so running the
// cell again resumes the search.
func (d *Dashboard) Run(ctx context.Context, loop *search.Loop, b search.Budget) error {
	d.mu.Lock()
	d.start, d.target = time.Now(), b.Experiments
	d.mu.Unlock()
	// An interrupt is drawn at once, while the cell still shows its
	// output: a notebook front end stops applying a display's updates once
	// its cell has ended, and the loop may take seconds to stop its
	// workers. The final state is drawn again when it has.
	ran := make(chan struct{})
	interrupted := make(chan struct{})
	go func() {
		defer close(interrupted)
		select {
		case <-ctx.Done():
			d.Final(interruptedState)
		case <-ran:
		}
	}()
	err := loop.Run(ctx, b)
	close(ran)
	<-interrupted
	cerr := loop.Close()
	state := "finished"
	switch {
	case err != nil && ctx.Err() != nil:
		state = interruptedState
	case err != nil:
		state = "stopped: " + firstLine(err.Error())
	}
	derr := d.Final(state)
	return errors.Join(err, cerr, derr)
}

// Final draws the run's state now, whatever the throttle, with state
// ("finished", "stopped …") leading the figure's title; a live redraw
// still pending is dropped. Run calls it; call it after driving the loop
// some other way (loop.Step). It returns the draw's error, which the
// table shows too.
func (d *Dashboard) Final(state string) error {
	d.mu.Lock()
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	d.dirty = false
	d.gen++
	gen := d.gen
	d.last = time.Now()
	d.mu.Unlock()
	return d.draw(context.Background(), gen, state)
}

// Status returns the state line of the last redraw, e.g. "[0:42] running
// · 3 of 8 finished (1 failed), 2 in flight · discoveries: 1 noise-aware,
// 0 ASI rule": the time since Run began (or the first event), the state,
// the stage-1 counts (failed and rejected among the finished) and the
// discoveries under both rules.
func (d *Dashboard) Status() string {
	d.drawMu.Lock()
	defer d.drawMu.Unlock()
	return d.status
}

// draw reads the run and updates both displays. A live draw (state "")
// of an older generation than the last final draw is dropped.
func (d *Dashboard) draw(ctx context.Context, gen int, state string) error {
	d.drawMu.Lock()
	defer d.drawMu.Unlock()
	d.mu.Lock()
	stale := state == "" && gen != d.gen
	start, target := d.start, d.target
	d.mu.Unlock()
	if stale {
		return nil
	}
	if d.run == nil {
		d.run = &SearchRun{}
	}
	if err := d.run.read(ctx, d.dir, false); err != nil {
		err = fmt.Errorf("results: dashboard: %w", err)
		d.status = err.Error()
		if d.table != nil {
			d.table.Update(d.status)
		}
		return err
	}
	if state == "" {
		state = "running"
	}
	if !start.IsZero() {
		state = "[" + clock(time.Since(start)) + "] " + state
	}
	counts, found := d.run.progress(target)
	d.status = state + " · " + counts + " · " + found
	d.title = state + " · " + counts
	if d.table != nil {
		d.table.Update(d.run.dashboardFrame(d.rows()))
	}
	if d.fig != nil {
		d.fig.Update(d.figure())
	}
	return nil
}

func (d *Dashboard) rows() int {
	if d.Rows > 0 {
		return d.Rows
	}
	return 20
}

// figure is the discoveries figure, its title opened by the state and the
// counts (its legend has the discoveries), or the status as text while no
// finished experiment has measured compute.
func (d *Dashboard) figure() any {
	p, _, err := d.run.Discoveries(DiscoveryOptions{Seed: 1, Size: d.Size})
	if err != nil {
		return d.status + "\n(the discoveries figure is drawn once an experiment has finished)"
	}
	p.Title.Text = d.title + "\n" + p.Title.Text
	return p
}

// progress says how far the run is ("3 of 8 finished (1 failed), 2 in
// flight"; target is the budget of finished stage-1 experiments, 0 when
// unknown) and what it found ("discoveries: 1 noise-aware, 2 ASI rule").
func (r *SearchRun) progress(target int) (counts, found string) {
	var done, failed, rejected, flight, s2, s2done, noise, asi int
	for _, e := range r.Experiments {
		if e.Stage != 1 {
			s2++
			if e.Status == store.Done {
				s2done++
			}
			continue
		}
		switch e.Status {
		case store.Done:
			done++
		case store.Failed:
			failed++
		case store.Rejected:
			rejected++
		default:
			flight++
		}
		if e.BeatsNoise {
			noise++
		}
		if e.BeatsASI {
			asi++
		}
	}
	var b strings.Builder
	fin := done + failed + rejected
	if target > 0 {
		fmt.Fprintf(&b, "%d of %d finished", fin, target)
	} else {
		fmt.Fprintf(&b, "%d finished", fin)
	}
	var parts []string
	for _, c := range []struct {
		n    int
		name string
	}{{failed, "failed"}, {rejected, "rejected"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.name))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	if flight > 0 {
		fmt.Fprintf(&b, ", %d in flight", flight)
	}
	if s2 > 0 {
		fmt.Fprintf(&b, ", stage 2: %d of %d done", s2done, s2)
	}
	return b.String(), fmt.Sprintf("discoveries: %d noise-aware, %d ASI rule", noise, asi)
}

// dashboardFrame is the newest rows experiments (both stages) with the
// columns DashboardColumns.
func (r *SearchRun) dashboardFrame(rows int) dataframe.DataFrame {
	es := r.Experiments
	if len(es) > rows {
		es = es[len(es)-rows:]
	}
	n := len(es)
	ids, stages := make([]int, n), make([]int, n)
	names, statuses, loss, bench, fit, beats := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, e := range es {
		ids[i], stages[i], names[i] = int(e.ID), e.Stage, e.Name
		statuses[i] = string(e.Status)
		if e.Reason != "" && e.Status != store.Done {
			statuses[i] += ": " + e.Reason
		}
		if e.Status == store.Done {
			loss[i], bench[i], fit[i] = f3(e.ValLoss), f3(e.Bench), f3(e.Fitness)
		}
		var b []string
		if e.BeatsNoise {
			b = append(b, "noise")
		}
		if e.BeatsASI {
			b = append(b, "asi")
		}
		beats[i] = strings.Join(b, " ")
	}
	return dataframe.New(
		series.New(ids, series.Int, "id"), series.New(stages, series.Int, "stage"),
		series.New(names, series.String, "name"), series.New(statuses, series.String, "status"),
		series.New(loss, series.String, "val_loss"), series.New(bench, series.String, "bench"),
		series.New(fit, series.String, "fitness"), series.New(beats, series.String, "beats"),
	)
}

// f3 formats x with three decimals, blank when not measured.
func f3(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'f', 3, 64)
}

// clock formats d as m:ss, or h:mm:ss from an hour.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
