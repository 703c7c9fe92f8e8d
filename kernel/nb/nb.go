package nb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync"

	"github.com/archlab/archlab/kernel/display"
)

// Cell is what the kernel binds while a cell runs: the channel from the
// cell's Go code back to the frontend. The interpreter implements it; user
// code never needs to.
type Cell interface {
	Context() context.Context
	Display(b display.Bundle, displayID string, update bool)
	Clear(wait bool)
	Input(prompt string, password bool) (string, error)
}

// ErrNoCell is returned by Input when no cell is running (for example when
// a library calls it from a plain Go program).
var ErrNoCell = errors.New("nb: no running cell")

var (
	mu  sync.RWMutex
	cur Cell
)

// Bind makes c the running cell until restore is called. It is called by
// the interpreter around each cell; cells and libraries do not call it.
func Bind(c Cell) (restore func()) {
	mu.Lock()
	prev := cur
	cur = c
	mu.Unlock()
	return func() {
		mu.Lock()
		cur = prev
		mu.Unlock()
	}
}

func current() Cell {
	mu.RLock()
	defer mu.RUnlock()
	return cur
}

// Context returns the running cell's context, cancelled when the user
// interrupts the cell. Pass it to long compiled calls (training, search)
// so an interrupt stops them. Outside a cell it returns
// context.Background().
func Context() context.Context {
	if c := current(); c != nil {
		return c.Context()
	}
	return context.Background()
}

// Input asks the user for one line of text (Jupyter's input_request) and
// returns it without the newline.
func Input(prompt string) (string, error) {
	c := current()
	if c == nil {
		return "", ErrNoCell
	}
	return c.Input(prompt, false)
}

// Password is Input with the typed text hidden.
func Password(prompt string) (string, error) {
	c := current()
	if c == nil {
		return "", ErrNoCell
	}
	return c.Input(prompt, true)
}

// Handle is a display that can be updated or cleared in place
// (update_display_data). The zero Handle is not usable; get one from Display.
type Handle struct {
	id string
}

// ID returns the handle's display_id.
func (h *Handle) ID() string { return h.id }

// Update replaces what the handle shows with v's bundle.
func (h *Handle) Update(v any) {
	b, ok := display.Of(v)
	if !ok {
		b = display.Text("")
	}
	if c := current(); c != nil {
		c.Display(b, h.id, true)
	}
}

// Clear empties the handle's output in place.
func (h *Handle) Clear() {
	if c := current(); c != nil {
		c.Display(display.Bundle{Data: map[string]any{display.MIMEText: ""}, Metadata: map[string]any{}}, h.id, true)
	}
}

// Display shows v now (display_data), rendered as display.Of renders it,
// and returns a Handle to update it later. Outside a cell it does nothing
// but still returns a usable Handle.
func Display(v any) *Handle {
	h := &Handle{id: newID()}
	b, ok := display.Of(v)
	if !ok {
		b = display.Text("<nil>")
	}
	if c := current(); c != nil {
		c.Display(b, h.id, false)
	}
	return h
}

// Clear clears the cell's output; with wait, only when new output comes.
func Clear(wait bool) {
	if c := current(); c != nil {
		c.Clear(wait)
	}
}

// Markdown returns s as a value shown rendered as Markdown.
func Markdown(s string) display.Markdown { return display.Markdown(s) }

// HTML returns s as a value shown as HTML.
func HTML(s string) display.HTML { return display.HTML(s) }

// LaTeX returns s as a value shown as LaTeX.
func LaTeX(s string) display.LaTeX { return display.LaTeX(s) }

// JSON returns v as a value shown as an application/json tree.
func JSON(v any) display.JSONValue { return display.JSON(v) }

func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on Linux
	return hex.EncodeToString(b[:])
}
