package interp

import (
	"strings"

	"github.com/archlab/archlab/kernel/executor"
)

// Sink receives what a running cell produces: it is [executor.Sink], declared
// once for the interpreter and the kernel. The Session serialises its
// calls: a Sink never sees two calls at once, even when a cell prints from
// several goroutines, so implementations need no locking of their own.
// Calls happen only while Execute runs.
type Sink = executor.Sink

// CellError is the error Execute returns when a cell fails: it is
// [executor.CellError], which maps onto Jupyter's error reply and error message
// (ename, evalue, traceback). Name is one of "SyntaxError", "CompileError",
// "RuntimeError" (an error the cell returned or a runtime failure),
// "Panic", "Exit" (os.Exit or log.Fatal in the cell), "Interrupted"; Value
// gives positions as "line L:C" in the cell's own coordinates; Traceback is
// never nil.
type CellError = executor.CellError

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
