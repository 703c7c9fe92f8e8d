package executor

import (
	"context"
	"fmt"

	"github.com/archlab/archlab/kernel/display"
)

// Executor runs cells and answers the editor's questions about code.
//
// Execute is called for one cell at a time; Complete, Inspect and
// IsComplete are called between cells and never run code. State
// (variables, functions, imports) persists from one Execute to the next.
// Cancelling ctx is how an interrupt reaches a running cell: Execute
// should then return promptly with a *CellError named "Interrupted", and
// the executor stays usable, its state kept.
type Executor interface {
	// Execute runs code, sending what it produces to sink while it runs,
	// and returns the bundle of the cell's value (nil for none), or an
	// error. A *CellError carries the ename, evalue and traceback the
	// frontend shows; the kernel shows any other error as ename "Error".
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

// Sink receives what a running cell produces. Calls happen only while
// Execute runs. The kernel's Sink publishes on iopub (and asks on stdin)
// with the execute_request as parent, and is safe for concurrent use;
// kernel/interp also serialises its calls, so a Sink given to an
// interpreter session needs no locking of its own.
type Sink interface {
	// Stream delivers captured output; name is "stdout" or "stderr".
	// Output may arrive in chunks while the cell runs.
	Stream(name, text string)
	// Display shows a bundle (display_data). When update is true it
	// replaces the output previously shown under displayID
	// (update_display_data). displayID may be empty for a plain display.
	Display(b display.Bundle, displayID string, update bool)
	// Clear clears the cell's output (clear_output); with wait the
	// frontend clears only when new output arrives.
	Clear(wait bool)
	// Input asks the user for one line (input_request) and returns it.
	// password hides the typed text. It fails when the frontend cannot
	// answer (allow_stdin false) or the cell is interrupted.
	Input(prompt string, password bool) (string, error)
}

// CellError is a failed cell as Jupyter shows it: Execute returns it, and
// the kernel maps it onto the error reply and the error message.
type CellError struct {
	// Name is the error class (ename). kernel/interp uses "SyntaxError",
	// "CompileError", "RuntimeError" (an error the cell returned or a
	// runtime failure), "Panic", "Exit" (os.Exit or log.Fatal in the cell)
	// and "Interrupted"; every executor uses "Interrupted" for a cancelled
	// cell.
	Name string
	// Value is the one-line message (evalue); kernel/interp gives positions
	// as "line L:C" in the cell's own coordinates.
	Value string
	// Traceback holds the lines to show, first line first, at least one
	// (kernel/interp starts it with "Name: Value"). The kernel still sends
	// ["Name: Value"] for an executor that leaves it nil.
	Traceback []string
	// Code is the status an "Exit" asked for (os.Exit's argument, 1 for
	// log.Fatal); a script run headless exits with it.
	Code int
}

func (e *CellError) Error() string { return fmt.Sprintf("%s: %s", e.Name, e.Value) }
