package interp

import (
	"fmt"
	"strings"

	"github.com/archlab/archlab/kernel/display"
)

// Sink receives what a running cell produces. The Session serialises its
// calls: a Sink never sees two calls at once, even when a cell prints from
// several goroutines, so implementations need no locking of their own.
// Calls happen only while Execute runs.
type Sink interface {
	// Stream delivers captured output; name is "stdout" or "stderr".
	// Output is streamed while the cell runs, in chunks.
	Stream(name, text string)
	// Display shows a bundle (display_data). When update is true it
	// replaces the output previously shown under displayID
	// (update_display_data). displayID may be empty for a plain display.
	Display(b display.Bundle, displayID string, update bool)
	// Clear clears the cell's output (clear_output); with wait the
	// frontend clears only when new output arrives.
	Clear(wait bool)
	// Input asks the user for one line (input_request) and returns it.
	// password hides the typed text. It returns an error when the
	// frontend cannot answer (allow_stdin false).
	Input(prompt string, password bool) (string, error)
}

// CellError is the error Execute returns when a cell fails: it maps onto
// Jupyter's error reply and error message (ename, evalue, traceback).
type CellError struct {
	// Name is the error class, one of: "SyntaxError", "CompileError",
	// "RuntimeError" (an error the cell returned or a runtime failure),
	// "Panic", "Exit" (os.Exit or log.Fatal in the cell), "Interrupted".
	Name string
	// Value is the one-line message, with positions as "line L:C" in the
	// cell's own coordinates.
	Value string
	// Traceback holds the lines to show, first line first. It is never nil.
	Traceback []string
}

func (e *CellError) Error() string {
	return fmt.Sprintf("%s: %s", e.Name, e.Value)
}

// newCellError builds a CellError whose traceback starts with "Name: Value"
// followed by extra lines.
func newCellError(name, value string, extra ...string) *CellError {
	tb := []string{name + ": " + value}
	for _, x := range extra {
		x = strings.TrimRight(x, "\n")
		if x != "" {
			tb = append(tb, strings.Split(x, "\n")...)
		}
	}
	return &CellError{Name: name, Value: value, Traceback: tb}
}
