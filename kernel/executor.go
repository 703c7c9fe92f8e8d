package kernel

import (
	"context"
	"fmt"

	"github.com/archlab/archlab/kernel/display"
)

// Executor runs cells and answers the editor's questions about code. It is
// the contract between the protocol (this package) and the interpreter
// (kernel/interp, whose *Session satisfies it through a thin adapter in
// lib/cli, because its Sink is its own named type).
//
// Execute is called for one cell at a time; Complete, Inspect and
// IsComplete are called between cells. Cancelling ctx is how an interrupt
// reaches a running cell: Execute should then return promptly with a
// *CellError named "Interrupted".
type Executor interface {
	// Execute runs code, sending what it produces to sink while it runs,
	// and returns the bundle of the cell's value (nil for none), or an
	// error. A *CellError carries the ename, evalue and traceback the
	// frontend shows; any other error is shown as ename "Error".
	Execute(ctx context.Context, code string, sink Sink) (*display.Bundle, error)
	// Complete returns matches for the text before cursor and the range
	// [start,end) of code they replace. Cursor and range count Unicode code
	// points, the protocol's unit (cursor_pos, cursor_start, cursor_end).
	Complete(code string, cursor int) (matches []string, start, end int)
	// Inspect returns help for the name at cursor (in code points); detail
	// is 0 or 1.
	Inspect(code string, cursor, detail int) (b display.Bundle, found bool)
	// IsComplete returns "complete", "incomplete", "invalid" or "unknown",
	// and for "incomplete" the indent of the next line.
	IsComplete(code string) (status, indent string)
}

// Sink receives what a running cell produces. The kernel's Sink publishes
// on iopub (and asks on stdin) with the execute_request as parent.
// It is safe for concurrent use.
type Sink interface {
	// Stream sends captured output; name is "stdout" or "stderr".
	Stream(name, text string)
	// Display sends display_data, or update_display_data when update is
	// true (displayID names the output to replace).
	Display(b display.Bundle, displayID string, update bool)
	// Clear sends clear_output.
	Clear(wait bool)
	// Input sends input_request and waits for the frontend's reply. It
	// fails when the request did not allow stdin, or when the cell is
	// interrupted.
	Input(prompt string, password bool) (string, error)
}

// CellError is a failed cell as Jupyter shows it.
type CellError struct {
	Name      string   // ename, e.g. "SyntaxError", "Panic", "Interrupted"
	Value     string   // evalue, one line
	Traceback []string // lines shown to the user; never nil on the wire
}

func (e *CellError) Error() string { return fmt.Sprintf("%s: %s", e.Name, e.Value) }
