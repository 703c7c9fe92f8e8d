package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/interp"
)

// CellFailure is the error Run returns when a cell fails.
type CellFailure struct {
	Index int    // position among all cells, 0-based
	Count int    // execution count of the failing cell
	Line  string // the cell's first source line, to name it
	Err   *interp.CellError
}

func (f *CellFailure) Error() string {
	return fmt.Sprintf("runner: cell %d (In [%d]: %s) failed: %s", f.Index+1, f.Count, f.Line, f.Err.Error())
}

// Options configures Run.
type Options struct {
	// Params are injected after the cell tagged "parameters", as
	// name=value strings typed by that cell's declarations.
	Params []string
	// Log, when set, receives one line per executed cell.
	Log io.Writer
	// Echo, when set, receives the cells' stream output as it comes.
	Echo io.Writer
	// AllowErrors runs every cell even when some fail, as nbconvert's
	// --allow-errors does: errors are recorded in the cells' outputs and
	// Run returns nil. Without it, a cell tagged "raises-exception" (as
	// in nbclient) may still fail without stopping the run.
	AllowErrors bool
	// Progress, when set, is called as each code cell starts (Done
	// false) and as it ends (Done true, with its time and error).
	Progress func(CellProgress)
}

// CellProgress is one code cell starting or ending, for a progress line.
type CellProgress struct {
	Index   int           // the cell's index in the notebook (0-based, all cell types)
	Count   int           // its execution count: 1 for the first code cell
	Total   int           // code cells in the notebook
	Line    string        // the cell's first non-blank line
	Done    bool          // false as it starts, true as it ends
	Elapsed time.Duration // when Done: how long it ran
	Err     error         // when Done: the cell's error, nil if it succeeded
}

// RaisesException is the cell tag that marks a cell meant to fail: its
// error is recorded and the run goes on (nbclient's convention).
const RaisesException = "raises-exception"

// Run executes every code cell of nb in order in a fresh session,
// replacing outputs and execution counts in place. It stops at the first
// failing cell and returns a *CellFailure (the notebook keeps the outputs
// so far, the error included), unless the cell is tagged "raises-exception"
// or opts.AllowErrors is set: then the error stays in the cell's outputs
// and the run goes on.
func Run(ctx context.Context, nb *Notebook, opts Options) error {
	if err := InjectParams(nb, opts.Params); err != nil {
		return err
	}
	s, err := interp.New(interp.Options{})
	if err != nil {
		return fmt.Errorf("runner: %w", err)
	}
	defer s.Close()
	for k, v := range KernelSpec {
		if _, ok := nb.Metadata[k]; !ok {
			nb.Metadata[k] = v
		}
	}
	total := 0
	for _, c := range nb.Cells {
		if c.Type() == "code" {
			total++
		}
	}
	count := 0
	for i, c := range nb.Cells {
		if c.Type() != "code" {
			continue
		}
		count++
		c["execution_count"] = count
		sink := &outputs{echo: opts.Echo}
		src := c.Source()
		first := strings.TrimSpace(strings.SplitN(strings.TrimSpace(src), "\n", 2)[0])
		start := time.Now()
		if opts.Progress != nil {
			opts.Progress(CellProgress{Index: i, Count: count, Total: total, Line: first})
		}
		v, err := s.Execute(ctx, src, sink)
		if opts.Progress != nil {
			opts.Progress(CellProgress{Index: i, Count: count, Total: total, Line: first, Done: true, Elapsed: time.Since(start), Err: err})
		}
		if v != nil {
			sink.add(map[string]any{"output_type": "execute_result", "execution_count": count, "data": bundleData(*v), "metadata": meta(*v)})
		}
		if err != nil {
			var ce *interp.CellError
			if !errors.As(err, &ce) {
				ce = &interp.CellError{Name: "Error", Value: err.Error(), Traceback: []string{err.Error()}}
			}
			tb := make([]any, len(ce.Traceback))
			for j, l := range ce.Traceback {
				tb[j] = l
			}
			sink.add(map[string]any{"output_type": "error", "ename": ce.Name, "evalue": ce.Value, "traceback": tb})
			c["outputs"] = sink.list()
			f := &CellFailure{Index: i, Count: count, Line: first, Err: ce}
			if ctx.Err() != nil || !(opts.AllowErrors || c.HasTag(RaisesException)) {
				return f
			}
			if opts.Log != nil {
				fmt.Fprintf(opts.Log, "cell %d failed, going on (%s): %s\n", i+1, allowedBy(opts, c), ce.Error())
			}
			continue
		}
		c["outputs"] = sink.list()
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "cell %d ok\n", i+1)
		}
	}
	return nil
}

func bundleData(b display.Bundle) map[string]any {
	out := map[string]any{}
	for k, v := range b.Data {
		if s, ok := v.(string); ok && k != display.MIMEPNG {
			out[k] = splitLines(s)
		} else {
			out[k] = v
		}
	}
	return out
}

func meta(b display.Bundle) map[string]any {
	if b.Metadata == nil {
		return map[string]any{}
	}
	return b.Metadata
}

// outputs is the Sink that builds a cell's nbformat outputs.
type outputs struct {
	out  []map[string]any
	ids  map[string][]int // display_id → output indexes
	echo io.Writer
}

func (o *outputs) add(m map[string]any) { o.out = append(o.out, m) }

func (o *outputs) list() []any {
	l := make([]any, 0, len(o.out))
	for _, m := range o.out {
		if t, ok := m["text"].(string); ok {
			m["text"] = splitLines(t)
		}
		l = append(l, m)
	}
	return l
}

func (o *outputs) Stream(name, text string) {
	if o.echo != nil {
		io.WriteString(o.echo, text)
	}
	if n := len(o.out); n > 0 && o.out[n-1]["output_type"] == "stream" && o.out[n-1]["name"] == name {
		o.out[n-1]["text"] = o.out[n-1]["text"].(string) + text
		return
	}
	o.add(map[string]any{"output_type": "stream", "name": name, "text": text})
}

func (o *outputs) Display(b display.Bundle, id string, update bool) {
	if o.ids == nil {
		o.ids = map[string][]int{}
	}
	if update {
		for _, i := range o.ids[id] {
			o.out[i]["data"] = bundleData(b)
			o.out[i]["metadata"] = meta(b)
		}
		return
	}
	if id != "" {
		o.ids[id] = append(o.ids[id], len(o.out))
	}
	o.add(map[string]any{"output_type": "display_data", "data": bundleData(b), "metadata": meta(b)})
}

func (o *outputs) Clear(wait bool) {
	o.out = nil
	o.ids = nil
}

// ErrNoInput is what nb.Input returns in a headless run.
var ErrNoInput = errors.New("runner: no input in a headless run (use parameters)")

func (o *outputs) Input(prompt string, password bool) (string, error) {
	return "", ErrNoInput
}

func allowedBy(opts Options, c Cell) string {
	if c.HasTag(RaisesException) {
		return "tagged " + RaisesException
	}
	return "errors allowed"
}
