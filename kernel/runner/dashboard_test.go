package runner_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/interp"
	"github.com/archlab/archlab/lib/store"
)

// dashSink records what a cell shows: displays and their in-place updates
// by display id, and the text of each.
type dashSink struct {
	mu      sync.Mutex
	ids     []string       // display ids in the order they were shown
	updates map[string]int // display id → updates
	text    map[string]string
	stdout  strings.Builder
	onTable func(text string) // called on each update of the first display
}

func (s *dashSink) Stream(name, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if name == "stdout" {
		s.stdout.WriteString(text)
	}
}

func (s *dashSink) Display(b display.Bundle, id string, update bool) {
	s.mu.Lock()
	text, _ := b.Data[display.MIMEText].(string)
	if s.updates == nil {
		s.updates, s.text = map[string]int{}, map[string]string{}
	}
	if !update {
		s.ids = append(s.ids, id)
	} else {
		s.updates[id]++
	}
	s.text[id] = text
	first := len(s.ids) > 0 && id == s.ids[0] && update
	f := s.onTable
	s.mu.Unlock()
	if first && f != nil {
		f(text)
	}
}

func (s *dashSink) Clear(bool) {}

func (s *dashSink) Input(string, bool) (string, error) { return "", errors.New("no input") }

// dashCell runs a search at the test stage under results.Dashboard, as
// the quickstart does, in about three lines.
const dashCell = `cfg := search.Defaults()
cfg.Seeds, cfg.Workers, cfg.Stage1.Preset, cfg.Stage2.TopK = 2, 2, "test", -1
team, err := search.NewTeam(cfg, nil)
if err != nil {
	panic(err)
}
dash := results.NewDashboard(%[1]q, nb.Display(nb.Markdown("starting…")), nb.Display(nb.Markdown("")))
dash.Every = 200 * time.Millisecond
loop, err := search.Open(%[1]q, &cfg, search.Options{Team: team, OnEvent: dash.OnEvent, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
if err != nil {
	panic(err)
}
if err := dash.Run(nb.Context(), loop, search.Budget{Experiments: %[2]d}); err != nil {
	panic(err)
}
fmt.Println(dash.Status())
`

// TestDashboardCell runs a search with a dashboard in a kernel session:
// the cell shows two displays and updates both in place (update_display_data)
// while experiments finish, the last update showing every one finished.
func TestDashboardCell(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a search with worker processes")
	}
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1") // the workers are this test binary (TestMain)
	dir := filepath.Join(t.TempDir(), "run")
	s, err := interp.New(interp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sink := &dashSink{}
	if _, err := s.Execute(context.Background(), fmt.Sprintf(dashCell, dir, 3), sink); err != nil {
		t.Fatal(err)
	}
	if len(sink.ids) != 2 {
		t.Fatalf("the cell showed %d displays, want the table and the figure", len(sink.ids))
	}
	table, fig := sink.ids[0], sink.ids[1]
	t.Logf("%d table updates, %d figure updates", sink.updates[table], sink.updates[fig])
	if sink.updates[table] < 2 || sink.updates[fig] < 2 {
		t.Errorf("%d table and %d figure updates, want redraws during the run and a final one", sink.updates[table], sink.updates[fig])
	}
	if got := sink.text[table]; strings.Count(got, " done ") != 3 {
		t.Errorf("the final table does not show 3 experiments done:\n%s", got)
	}
	if got := sink.stdout.String(); !strings.Contains(got, "] finished · 3 of 3 finished") {
		t.Errorf("the cell printed %q", got)
	}
}

// interruptBudget is the interrupted search's budget: room enough that the
// search is still running when the interrupt lands (with 4, a loaded
// machine sometimes finished all of them first).
const interruptBudget = 10

// TestDashboardCellInterrupt interrupts the cell once the table shows an
// experiment past the baseline done: the cell ends Interrupted at once,
// the dashboard's Run (compiled) stops the loop and releases the run
// folder in the background, and running the cell again resumes the
// search to its budget.
func TestDashboardCellInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a search with worker processes")
	}
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1")
	dir := filepath.Join(t.TempDir(), "run")
	s, err := interp.New(interp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := &dashSink{onTable: func(text string) {
		if strings.Count(text, " done ") >= 2 { // the baseline and one more
			cancel()
		}
	}}
	_, err = s.Execute(ctx, fmt.Sprintf(dashCell, dir, interruptBudget), sink)
	var ce *interp.CellError
	if !errors.As(err, &ce) || ce.Name != "Interrupted" {
		t.Fatalf("the interrupted cell returned %v, want an Interrupted cell error", err)
	}
	// The interrupt was drawn before the cell ended (a front end drops
	// later updates): the figure's title says so.
	sink.mu.Lock()
	figText := sink.text[sink.ids[1]]
	sink.mu.Unlock()
	if !strings.Contains(figText, "interrupted; run again to resume") {
		t.Errorf("the figure's last update in the cell was %q, want the interrupted state", figText)
	}
	// The folder is released once the loop has stopped its workers.
	stopped := time.Now()
	deadline := stopped.Add(30 * time.Second)
	for {
		st, err := store.Open(dir, store.Options{})
		if err == nil {
			es, lerr := st.List(context.Background(), store.Filter{})
			st.Close()
			if lerr != nil {
				t.Fatal(lerr)
			}
			t.Logf("the run folder released %v after the cell ended; %d experiments stored", time.Since(stopped).Round(time.Millisecond), len(es))
			for _, e := range es {
				if e.Status == store.Running {
					t.Errorf("experiment %d left running after the interrupt", e.ID)
				}
			}
			break
		}
		if !errors.Is(err, store.ErrLocked) || time.Now().After(deadline) {
			t.Fatalf("the run folder after the interrupt: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The same cell again resumes to the budget; the cell's final line says so.
	again := &dashSink{}
	if _, err := s.Execute(context.Background(), fmt.Sprintf(dashCell, dir, interruptBudget), again); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("] finished · %d of %d finished", interruptBudget, interruptBudget); !strings.Contains(again.stdout.String(), want) {
		t.Errorf("the resumed cell printed %q, want %q", again.stdout.String(), want)
	}
}
