package interp_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/interp"
)

// events is a Sink that records what arrives, safe to read after Execute.
type events struct {
	mu      sync.Mutex
	streams strings.Builder
	started chan struct{} // closed on the first stream chunk
	once    sync.Once
}

func newEvents() *events { return &events{started: make(chan struct{})} }

func (e *events) Stream(name, text string) {
	e.mu.Lock()
	e.streams.WriteString(text)
	e.mu.Unlock()
	e.once.Do(func() { close(e.started) })
}
func (e *events) Display(display.Bundle, string, bool) {}
func (e *events) Clear(bool)                           {}
func (e *events) Input(string, bool) (string, error)   { return "", errors.New("no input") }
func (e *events) text() string                         { e.mu.Lock(); defer e.mu.Unlock(); return e.streams.String() }

func newSession(t testing.TB) *interp.Session {
	t.Helper()
	s, err := interp.New(interp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func cellErrorName(err error) string {
	var ce *interp.CellError
	if errors.As(err, &ce) {
		return ce.Name
	}
	if err != nil {
		return "not a CellError: " + err.Error()
	}
	return ""
}

// TestInterrupt: an endless interpreted loop and a compiled wait on
// nb.Context() both stop when the context is cancelled, output streamed
// before the interrupt arrives while the cell still runs, and the session
// works afterwards.
func TestInterrupt(t *testing.T) {
	s := newSession(t)
	for _, code := range []string{
		"fmt.Println(\"started\")\nfor {\n}",
		"fmt.Println(\"started\")\n<-nb.Context().Done()\nfmt.Println(\"unblocked\")\nfor {}",
	} {
		ctx, cancel := context.WithCancel(context.Background())
		ev := newEvents()
		go func() {
			<-ev.started // the cell is running and its output arrived
			cancel()
		}()
		_, err := s.Execute(ctx, code, ev)
		cancel()
		if got := cellErrorName(err); got != "Interrupted" {
			t.Errorf("%q: error %v, want Interrupted", code, err)
		}
		if !strings.HasPrefix(ev.text(), "started\n") {
			t.Errorf("%q: output %q", code, ev.text())
		}
		v, err := s.Execute(context.Background(), "1 + 1", newEvents())
		if err != nil || v == nil || v.Data[display.MIMEText] != "2" {
			t.Fatalf("after interrupt: %v, %v", v, err)
		}
	}
}

// TestWaitForInterrupt: a cell that waits on nb.Context().Done() waits
// for the interrupt, however long; the deadlock watch leaves it alone.
func TestWaitForInterrupt(t *testing.T) {
	s := newSession(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(time.Second, cancel) // four looks of the deadlock watch
	_, err := s.Execute(ctx, "<-nb.Context().Done()", newEvents())
	if got := cellErrorName(err); got != "Interrupted" {
		t.Errorf("error %v, want Interrupted", err)
	}
}

func TestIsComplete(t *testing.T) {
	s := newSession(t)
	for _, tc := range []struct{ code, status string }{
		{"x := 1", "complete"},
		{"", "complete"},
		{"func f() {", "incomplete"},
		{"for i := range 3 {\n\tfmt.Println(i)", "incomplete"},
		{"x := `raw", "incomplete"},
		{"x := 1 +", "incomplete"},
		{"fmt.Println(", "incomplete"},
		{"x := 1)", "invalid"},
		{"x := \"unterminated\ny", "invalid"},
		{"func f() { return 1 }}", "invalid"},
		{"x := := 2", "invalid"},
	} {
		if got, _ := s.IsComplete(tc.code); got != tc.status {
			t.Errorf("IsComplete(%q) = %s, want %s", tc.code, got, tc.status)
		}
	}
	if _, indent := s.IsComplete("func f() {"); indent != "\t" {
		t.Errorf("indent %q, want a tab", indent)
	}
}

func TestComplete(t *testing.T) {
	s := newSession(t)
	if _, err := s.Execute(context.Background(), "type cfg struct{ Steps, Seed int }\nmyConfig := cfg{Steps: 3}\nmyCount := 1", newEvents()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		code       string
		want       string
		start, end int
	}{
		{"fmt.Prin", "Println", 4, 8},
		{"strings.HasPre", "HasPrefix", 8, 14},
		{"x := myC", "myConfig", 5, 8},
		{"myConfig.St", "Steps", 9, 11},
		{"slices.Sor", "Sort", 7, 10},
		{"plotter.NewLi", "NewLine", 8, 13},
		{"dataframe.Load", "LoadRecords", 10, 14},
		{"nb.Prog", "Progress", 3, 7},
		{"plot.Spear", "Spearman", 5, 10}, // lib/plot's, before plot is imported
		{"plot.NewLeg", "NewLegend", 5, 11},
		{"exec.NewLo", "NewLocal", 5, 10},
		{"é := fmt.Spr", "Sprintf", 9, 12}, // cursor and offsets in code points
	} {
		m, start, end := s.Complete(tc.code, len([]rune(tc.code)))
		if !contains(m, tc.want) || start != tc.start || end != tc.end {
			t.Errorf("Complete(%q) = %v [%d,%d), want %s in [%d,%d)", tc.code, m, start, end, tc.want, tc.start, tc.end)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestInspect(t *testing.T) {
	s := newSession(t)
	if _, err := s.Execute(context.Background(), "// scale multiplies by k.\nfunc scale(x, k float64) float64 { return x * k }", newEvents()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		code   string
		cursor int
		want   []string
	}{
		{"fmt.Println(1)", 6, []string{"func fmt.Println(", "Println formats"}},
		{"strings.Split", 9, []string{"func strings.Split(string, string) []string"}},
		{"scale(1, 2)", 2, []string{"func scale(x, k float64) float64", "scale multiplies by k."}},
		{"mat.NewDense", 6, []string{"func mat.NewDense("}},
		{"plot.Spearman", 7, []string{"func plot.Spearman("}}, // lib/plot's: the selector decides
		{"plot.NewLegend", 7, []string{"func plot.NewLegend("}},
		// Inside a call's brackets, where users ask: the function called.
		{"fmt.Println()", 12, []string{"func fmt.Println("}},
		{"scale(2, )", 9, []string{"func scale(x, k float64) float64"}},
		{`strings.Split("a(", `, 20, []string{"func strings.Split("}},
		{"scale(len(\"x\"), 1)", 16, []string{"func scale("}},
	} {
		b, ok := s.Inspect(tc.code, tc.cursor, 0)
		text, _ := b.Data[display.MIMEText].(string)
		for _, w := range tc.want {
			if !ok || !strings.Contains(text, w) {
				t.Errorf("Inspect(%q, %d) = %q, want it to contain %q", tc.code, tc.cursor, text, w)
			}
		}
	}
	if b, _ := s.Inspect("scale", 1, 1); !strings.Contains(b.Data[display.MIMEText].(string), "return x * k") {
		t.Errorf("detail 1 lacks the source: %v", b.Data[display.MIMEText])
	}
	// The source shown is the cell's, not the kernel's rewrite of it.
	if _, err := s.Execute(context.Background(), "func loops() {\n\tfor i := 0; i < 2; i++ {\n\t\tgo func() { panic(i) }()\n\t}\n}", newEvents()); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.Inspect("loops", 1, 1); !strings.Contains(b.Data[display.MIMEText].(string), "\t\tgo func() { panic(i) }()") {
		t.Errorf("detail 1 shows rewritten source: %v", b.Data[display.MIMEText])
	}
	if _, ok := s.Inspect("  ", 1, 0); ok {
		t.Error("Inspect on blanks found something")
	}
}

// TestDefinitionsSurviveErrors: a failing cell leaves earlier definitions
// intact.
func TestDefinitionsSurviveErrors(t *testing.T) {
	s := newSession(t)
	ctx := context.Background()
	for _, c := range []string{"kept := 7", "panic(1)", "x := := 1", "os.Exit(1)"} {
		s.Execute(ctx, c, newEvents())
	}
	v, err := s.Execute(ctx, "kept", newEvents())
	if err != nil || !reflect.DeepEqual(v.Data[display.MIMEText], "7") {
		t.Fatalf("kept = %v, %v", v, err)
	}
}

func TestLogOutputIsOriginalStderr(t *testing.T) {
	if interp.LogOutput() == nil || interp.OriginalStdout() == nil {
		t.Fatal("nil files")
	}
	s := newSession(t)
	// Writing to the log during a cell must not land in the cell's output.
	ev := newEvents()
	if _, err := s.Execute(context.Background(), `fmt.Print("cell")`, ev); err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(interp.LogOutput(), "")
	if ev.text() != "cell" {
		t.Errorf("output %q", ev.text())
	}
}

// BenchmarkExecuteTrivial measures one trivial cell on a warm session
// (fd capture included): compare with ipykernel's ~8 ms round trip.
func BenchmarkExecuteTrivial(b *testing.B) {
	s := newSession(b)
	ctx := context.Background()
	ev := newEvents()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Execute(ctx, "1 + 1", ev); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExecutePrint(b *testing.B) {
	s := newSession(b)
	ctx := context.Background()
	ev := newEvents()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Execute(ctx, `fmt.Println("hi")`, ev); err != nil {
			b.Fatal(err)
		}
	}
	_ = time.Now
}

// BenchmarkCalls measures interpreted calls in a loop of 10000, by how the
// callee's result is declared and stored: assigned to the loop's variable
// (t = add(t, i)) or a recursive fib(16) (1973 calls, results in temporaries);
// sort.Slice's less, a func literal compiled code calls (about 20,000 calls);
// a method called through an interface of the program.
// A named result has a location of its own: one more allocation per call.
func BenchmarkCalls(b *testing.B) {
	s := newSession(b)
	ctx := context.Background()
	ev := newEvents()
	setup := `
func addUnnamed(a, b int) int { return a + b }
func addNamed(a, b int) (s int) { s = a + b; return }
func loopUnnamed(n int) int { t := 0; for i := 0; i < n; i++ { t = addUnnamed(t, i) }; return t }
func loopNamed(n int) int { t := 0; for i := 0; i < n; i++ { t = addNamed(t, i) }; return t }
func fib(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }
func sortDesc(n int) { xs := make([]int, n); for i := range xs { xs[i] = i }; sort.Slice(xs, func(i, j int) bool { return xs[i] > xs[j] }) }
type benchShape interface{ Area() float64 }
type benchSq struct{ s float64 }
func (q benchSq) Area() float64 { return q.s * q.s }
func areas(n int) float64 { var sh benchShape = benchSq{2}; t := 0.0; for i := 0; i < n; i++ { t += sh.Area() }; return t }
type benchHeap []int
func (h benchHeap) Len() int { return len(h) }
func (h benchHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h benchHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *benchHeap) Push(x any) { *h = append(*h, x.(int)) }
func (h *benchHeap) Pop() any { old := *h; x := old[len(old)-1]; *h = old[:len(old)-1]; return x }
func heapSort(n int) int { h := &benchHeap{}; for i := n; i > 0; i-- { heap.Push(h, i) }; t := 0; for h.Len() > 0 { t += heap.Pop(h).(int) }; return t }
`
	if _, err := s.Execute(ctx, setup, ev); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct{ name, cell string }{
		{"unnamed-10000", "_ = loopUnnamed(10000)"},
		{"named-10000", "_ = loopNamed(10000)"},
		{"fib-16", "_ = fib(16)"},
		{"sortslice-2000", "sortDesc(2000)"},
		{"iface-10000", "_ = areas(10000)"},
		{"heap-1000", "_ = heapSort(1000)"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Execute(ctx, bc.cell, ev); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
