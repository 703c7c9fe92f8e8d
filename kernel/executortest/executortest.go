package executortest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/executor"
)

// Cells are the snippets the suite runs, in the executor's own language,
// each with the effect the suite expects. An empty field skips its test.
type Cells struct {
	// Streams writes "out\n" to stdout, then "err\n" to stderr.
	Streams string
	// Value ends in an expression whose text/plain is "42".
	Value string
	// NoValue ends in a statement: the cell has no value.
	NoValue string
	// Display shows a bundle whose text/plain contains "shown" under a
	// display id; Update, run next in the same executor, replaces it with
	// one whose text/plain contains "updated", under the same id.
	Display, Update string
	// Clear clears the cell's output with wait set.
	Clear string
	// Input asks for a line with Sink.Input (the prompt is not checked)
	// and writes "got " and the answer, then a newline, to stdout.
	Input string
	// Errors fail, each with a *CellError.
	Errors []Error
	// Loop writes "started\n" to stdout, then runs until interrupted.
	Loop string
	// Define sets state after which Use's value is "42"; Mutate, if it
	// ran, would change that value. Complete, Inspect and IsComplete get
	// Mutate and must not run it.
	Define, Use, Mutate string
	// Complete is code that ends in a partial name, a match Complete must
	// offer for it, and where (in code points) the range it replaces
	// starts. Put a non-ASCII character before the name to check units.
	Complete Completion
	// Inspect ends in a name Inspect finds.
	Inspect string
	// Whole, Unfinished and Invalid are code that IsComplete calls
	// "complete", "incomplete" and "invalid".
	Whole, Unfinished, Invalid string
}

// Error is a cell that fails.
type Error struct {
	Code  string
	Name  string // the CellError's Name, e.g. "Panic"
	Value string // a substring of its Value; empty checks nothing
}

// Completion is a Complete request and what its answer must hold.
type Completion struct {
	Code  string // completed at its end
	Match string // one of the matches
	Start int    // the replaced range's start, in code points
}

// Go is the suite's cells for executors of Go cells, such as
// kernel/interp's Session.
var Go = Cells{
	Streams: `fmt.Println("out")
fmt.Fprintln(os.Stderr, "err")`,
	Value:   "x := 40\nx + 2",
	NoValue: "y := 1\n_ = y",
	Display: `h := nb.Display("shown")`,
	Update:  `h.Update("updated")`,
	Clear:   "nb.Clear(true)",
	Input: `name, err := nb.Input("name? ")
if err != nil {
	panic(err)
}
fmt.Println("got", name)`,
	Errors: []Error{
		{`panic("boom")`, "Panic", "boom"},
		{"x := )", "SyntaxError", ""},
		{"undefinedName + 1", "CompileError", "undefined"},
	},
	Loop:     "fmt.Println(\"started\")\nfor {\n}",
	Define:   "n := 41",
	Use:      "n + 1",
	Mutate:   "n = 99",
	Complete: Completion{Code: `s := "π"; fmt.Prin`, Match: "Println", Start: 14},
	Inspect:  "fmt.Println",
	Whole:    "x := 1",
	Unfinished: `func f() {
	x := 1`,
	Invalid: "x := 1)",
}

// interruptWait bounds how long Execute may take to return after its
// context is cancelled: kernel/interp stops an interpreted loop within
// milliseconds; the margin is for a loaded test machine.
const interruptWait = 10 * time.Second

// Run runs the whole suite. newExec returns a fresh executor for each
// test; it should register its clean-up with t.Cleanup. Tests run one
// after another, since an executor may own process-wide state (kernel/interp
// redirects the process's stdout and stderr while a cell runs).
//
//	func TestConformance(t *testing.T) {
//		executortest.Run(t, func(t *testing.T) executor.Executor {
//			s, err := interp.New(interp.Options{})
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		}, executortest.Go)
//	}
func Run(t *testing.T, newExec func(t *testing.T) executor.Executor, c Cells) {
	// Under `go test -json` the testing package sets os.Stderr = os.Stdout
	// (one pipe feeds test2json); a kernel's os.Stderr is fd 2, which is
	// what the Streams check is about.
	if os.Stderr == os.Stdout {
		os.Stderr = os.NewFile(2, "/dev/stderr")
		t.Cleanup(func() { os.Stderr = os.Stdout })
	}
	for _, tc := range []struct {
		name string
		need []string // cells the test runs; one empty skips it
		test func(t *testing.T, ex executor.Executor, c Cells)
	}{
		{"Streams", []string{c.Streams}, testStreams},
		{"Value", []string{c.Value, c.NoValue}, testValue},
		{"Display", []string{c.Display, c.Update}, testDisplay},
		{"Clear", []string{c.Clear}, testClear},
		{"Input", []string{c.Input}, testInput},
		{"Errors", []string{c.Value}, testErrors},
		{"Interrupt", []string{c.Loop, c.Value}, testInterrupt},
		{"State", []string{c.Define, c.Use}, testState},
		{"EditorRunsNothing", []string{c.Define, c.Use, c.Mutate}, testEditorRunsNothing},
		{"Complete", []string{c.Complete.Code}, testComplete},
		{"Inspect", []string{c.Inspect}, testInspect},
		{"IsComplete", []string{c.Whole, c.Unfinished, c.Invalid}, testIsComplete},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if slices.Contains(tc.need, "") || tc.name == "Errors" && len(c.Errors) == 0 {
				t.Skip("executortest: the Cells give no code for this test")
			}
			tc.test(t, newExec(t), c)
		})
	}
}

// run executes code and fails the test on an error.
func run(t *testing.T, ex executor.Executor, code string) (*display.Bundle, *Recorder) {
	t.Helper()
	rec := &Recorder{}
	v, err := ex.Execute(context.Background(), code, rec)
	if err != nil {
		t.Fatalf("Execute(%q): %v", code, err)
	}
	return v, rec
}

// text returns b's text/plain, or "<nil>" for no bundle.
func text(b *display.Bundle) string {
	if b == nil {
		return "<nil>"
	}
	return fmt.Sprint(b.Data[display.MIMEText])
}

func testStreams(t *testing.T, ex executor.Executor, c Cells) {
	_, rec := run(t, ex, c.Streams)
	if got := rec.Output("stdout"); got != "out\n" {
		t.Errorf("stdout: -want %q +got %q", "out\n", got)
	}
	if got := rec.Output("stderr"); got != "err\n" {
		t.Errorf("stderr: -want %q +got %q", "err\n", got)
	}
}

func testValue(t *testing.T, ex executor.Executor, c Cells) {
	if v, _ := run(t, ex, c.Value); text(v) != "42" {
		t.Errorf("value of %q: -want 42 +got %s", c.Value, text(v))
	}
	if v, _ := run(t, ex, c.NoValue); v != nil {
		t.Errorf("value of %q: -want none +got %s", c.NoValue, text(v))
	}
}

func testDisplay(t *testing.T, ex executor.Executor, c Cells) {
	_, rec := run(t, ex, c.Display)
	shown := rec.Displays()
	if len(shown) != 1 || shown[0].ID == "" || shown[0].Update || !strings.Contains(text(&shown[0].Bundle), "shown") {
		t.Fatalf("%q: displays %+v, want one display_data of \"shown\" with a display id", c.Display, shown)
	}
	_, rec = run(t, ex, c.Update)
	updated := rec.Displays()
	if len(updated) != 1 || updated[0].ID != shown[0].ID || !updated[0].Update || !strings.Contains(text(&updated[0].Bundle), "updated") {
		t.Errorf("%q: displays %+v, want one update_display_data of \"updated\" with id %q", c.Update, updated, shown[0].ID)
	}
}

func testClear(t *testing.T, ex executor.Executor, c Cells) {
	_, rec := run(t, ex, c.Clear)
	if got := rec.Clears(); !slices.Equal(got, []bool{true}) {
		t.Errorf("%q: clears (wait) %v, want [true]", c.Clear, got)
	}
}

func testInput(t *testing.T, ex executor.Executor, c Cells) {
	rec := &Recorder{Answer: "ada"}
	if _, err := ex.Execute(context.Background(), c.Input, rec); err != nil {
		t.Fatalf("Execute(%q): %v", c.Input, err)
	}
	if len(rec.Prompts()) != 1 {
		t.Errorf("%q: input requests %q, want one", c.Input, rec.Prompts())
	}
	if got := rec.Output("stdout"); got != "got ada\n" {
		t.Errorf("%q: stdout -want %q +got %q", c.Input, "got ada\n", got)
	}
}

// testErrors checks each failing cell's *CellError, and that the executor
// still runs cells afterwards.
func testErrors(t *testing.T, ex executor.Executor, c Cells) {
	for _, e := range c.Errors {
		_, err := ex.Execute(context.Background(), e.Code, &Recorder{})
		var ce *executor.CellError
		if !errors.As(err, &ce) {
			t.Errorf("%q: error %v (%T), want a *executor.CellError", e.Code, err, err)
			continue
		}
		if ce.Name != e.Name || !strings.Contains(ce.Value, e.Value) {
			t.Errorf("%q: -want %s: ...%s... +got %s: %s", e.Code, e.Name, e.Value, ce.Name, ce.Value)
		}
		if len(ce.Traceback) == 0 {
			t.Errorf("%q: empty traceback", e.Code)
		}
	}
	if v, _ := run(t, ex, c.Value); text(v) != "42" {
		t.Errorf("after the errors, value of %q: -want 42 +got %s", c.Value, text(v))
	}
}

// testInterrupt cancels Loop's context once its output has arrived, so the
// interrupt reaches a running cell, then checks the executor still works.
func testInterrupt(t *testing.T, ex executor.Executor, c Cells) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rec := &Recorder{}
	rec.onStream = func(name, soFar string) {
		if name == "stdout" && strings.HasPrefix(soFar, "started\n") {
			cancel()
		}
	}
	done := make(chan error, 1)
	go func() {
		_, err := ex.Execute(ctx, c.Loop, rec)
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(interruptWait):
		// The loop may not have printed: cancel anyway, then wait once more.
		cancel()
		select {
		case err = <-done:
			t.Errorf("%q: \"started\\n\" never arrived (stdout %q)", c.Loop, rec.Output("stdout"))
		case <-time.After(interruptWait):
			t.Fatalf("%q: Execute did not return within %v of its context's cancellation", c.Loop, interruptWait)
		}
	}
	var ce *executor.CellError
	if !errors.As(err, &ce) || ce.Name != "Interrupted" {
		t.Errorf("%q: error %v, want a *executor.CellError named Interrupted", c.Loop, err)
	}
	if v, _ := run(t, ex, c.Value); text(v) != "42" {
		t.Errorf("after the interrupt, value of %q: -want 42 +got %s", c.Value, text(v))
	}
}

func testState(t *testing.T, ex executor.Executor, c Cells) {
	run(t, ex, c.Define)
	if v, _ := run(t, ex, c.Use); text(v) != "42" {
		t.Errorf("%q after %q: -want 42 +got %s", c.Use, c.Define, text(v))
	}
}

// testEditorRunsNothing gives Mutate to Complete, Inspect and IsComplete:
// had any of them run it, Use would see a changed value.
func testEditorRunsNothing(t *testing.T, ex executor.Executor, c Cells) {
	run(t, ex, c.Define)
	end := utf8.RuneCountInString(c.Mutate)
	for cursor := range end + 1 {
		ex.Complete(c.Mutate, cursor)
		ex.Inspect(c.Mutate, cursor, 0)
		ex.Inspect(c.Mutate, cursor, 1)
	}
	ex.IsComplete(c.Mutate)
	if v, _ := run(t, ex, c.Use); text(v) != "42" {
		t.Errorf("%q after editor requests on %q: -want 42 +got %s", c.Use, c.Mutate, text(v))
	}
}

func testComplete(t *testing.T, ex executor.Executor, c Cells) {
	cc := c.Complete
	cursor := utf8.RuneCountInString(cc.Code)
	matches, start, end := ex.Complete(cc.Code, cursor)
	if !slices.Contains(matches, cc.Match) {
		t.Errorf("Complete(%q, %d): matches %q lack %q", cc.Code, cursor, matches, cc.Match)
	}
	if start != cc.Start || end != cursor {
		t.Errorf("Complete(%q, %d): range -want [%d,%d) +got [%d,%d) (code points)", cc.Code, cursor, cc.Start, cursor, start, end)
	}
}

func testInspect(t *testing.T, ex executor.Executor, c Cells) {
	cursor := utf8.RuneCountInString(c.Inspect)
	for detail := range 2 {
		b, found := ex.Inspect(c.Inspect, cursor, detail)
		if !found || text(&b) == "" {
			t.Errorf("Inspect(%q, %d, %d): found %v, text %q", c.Inspect, cursor, detail, found, text(&b))
		}
	}
}

func testIsComplete(t *testing.T, ex executor.Executor, c Cells) {
	for _, tc := range []struct{ code, want string }{
		{c.Whole, "complete"},
		{c.Unfinished, "incomplete"},
		{c.Invalid, "invalid"},
	} {
		if got, _ := ex.IsComplete(tc.code); got != tc.want {
			t.Errorf("IsComplete(%q): -want %s +got %s", tc.code, tc.want, got)
		}
	}
}

// Recorder is a Sink that keeps everything a cell sends, in order. Input
// returns Answer. It is safe for concurrent use.
type Recorder struct {
	Answer string // what Input returns

	mu       sync.Mutex
	events   []Event
	onStream func(name, soFar string) // called after each Stream, unlocked
}

// Event is one call a Recorder received.
type Event struct {
	Kind     string // "stream", "display", "clear" or "input"
	Name     string // stream: "stdout" or "stderr"
	Text     string // stream: the text; input: the prompt
	Bundle   display.Bundle
	ID       string // display: the display id
	Update   bool   // display: update_display_data
	Wait     bool   // clear
	Password bool   // input
}

var _ executor.Sink = (*Recorder)(nil)

func (r *Recorder) add(e Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

// Stream implements [executor.Sink].
func (r *Recorder) Stream(name, text string) {
	r.add(Event{Kind: "stream", Name: name, Text: text})
	if r.onStream != nil {
		r.onStream(name, r.Output(name))
	}
}

// Display implements [executor.Sink].
func (r *Recorder) Display(b display.Bundle, displayID string, update bool) {
	r.add(Event{Kind: "display", Bundle: b, ID: displayID, Update: update})
}

// Clear implements [executor.Sink].
func (r *Recorder) Clear(wait bool) { r.add(Event{Kind: "clear", Wait: wait}) }

// Input implements [executor.Sink]: it records the prompt and returns
// r.Answer.
func (r *Recorder) Input(prompt string, password bool) (string, error) {
	r.add(Event{Kind: "input", Text: prompt, Password: password})
	return r.Answer, nil
}

// Events returns a copy of what r received.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.events)
}

func (r *Recorder) of(kind string) []Event {
	var out []Event
	for _, e := range r.Events() {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// Output returns the text streamed under name ("stdout" or "stderr"),
// chunks joined.
func (r *Recorder) Output(name string) string {
	var b strings.Builder
	for _, e := range r.of("stream") {
		if e.Name == name {
			b.WriteString(e.Text)
		}
	}
	return b.String()
}

// Displays returns the display and update_display calls, in order.
func (r *Recorder) Displays() []Event { return r.of("display") }

// Clears returns the wait flag of each Clear call, in order.
func (r *Recorder) Clears() []bool {
	var out []bool
	for _, e := range r.of("clear") {
		out = append(out, e.Wait)
	}
	return out
}

// Prompts returns the prompt of each Input call, in order.
func (r *Recorder) Prompts() []string {
	var out []string
	for _, e := range r.of("input") {
		out = append(out, e.Text)
	}
	return out
}
