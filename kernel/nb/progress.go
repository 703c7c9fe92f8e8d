package nb

import (
	"fmt"
	"html"
	"strings"
	"sync"
	"time"

	"github.com/archlab/archlab/kernel/display"
)

// Progress is a live progress bar shown under the running cell and
// updated in place. Long archlab calls take a callback; pass p.Func():
//
//	p := nb.NewProgress("training", steps)
//	train.Run(nb.Context(), cfg, train.OnStep(p.Func()))
//	p.Done()
//
// Updates are throttled (at most one every MinInterval, plus the last),
// so calling Set on every step is cheap. Methods are safe for concurrent use.
type Progress struct {
	mu      sync.Mutex
	label   string
	total   int
	done    int
	note    string
	h       *Handle
	last    time.Time
	started time.Time
}

// MinInterval is the shortest time between two progress updates.
const MinInterval = 100 * time.Millisecond

// NewProgress shows a bar for total steps (total <= 0: unknown total).
func NewProgress(label string, total int) *Progress {
	p := &Progress{label: label, total: total, started: time.Now()}
	p.h = Display(p.bundle())
	p.last = time.Now()
	return p
}

// Set records that done steps are finished.
func (p *Progress) Set(done int) { p.update(done, "", false) }

// Add records n more finished steps.
func (p *Progress) Add(n int) {
	p.mu.Lock()
	d := p.done + n
	p.mu.Unlock()
	p.update(d, "", false)
}

// Note sets a short status text shown after the bar (e.g. "loss 2.31").
func (p *Progress) Note(s string) {
	p.mu.Lock()
	d := p.done
	p.mu.Unlock()
	p.update(d, s, false)
}

// Func returns a callback for compiled code: f(done, total) updates the
// bar (total <= 0 keeps the current total).
func (p *Progress) Func() func(done, total int) {
	return func(done, total int) {
		if total > 0 {
			p.mu.Lock()
			p.total = total
			p.mu.Unlock()
		}
		p.update(done, "", false)
	}
}

// Done shows the final state (always sent, never throttled).
func (p *Progress) Done() {
	p.mu.Lock()
	d := p.done
	if p.total > 0 {
		d = p.total
	}
	p.mu.Unlock()
	p.update(d, "", true)
}

func (p *Progress) update(done int, note string, force bool) {
	p.mu.Lock()
	p.done = done
	if note != "" {
		p.note = note
	}
	now := time.Now()
	if !force && now.Sub(p.last) < MinInterval && (p.total <= 0 || done < p.total) {
		p.mu.Unlock()
		return
	}
	p.last = now
	b := p.bundle()
	p.mu.Unlock()
	p.h.Update(b)
}

// Bundle implements display.Renderer: an HTML bar and a text bar.
func (p *Progress) Bundle() display.Bundle { p.mu.Lock(); defer p.mu.Unlock(); return p.bundle() }

func (p *Progress) bundle() display.Bundle {
	const width = 30
	frac := 0.0
	if p.total > 0 {
		frac = float64(p.done) / float64(p.total)
		frac = max(0, min(1, frac))
	}
	n := int(frac * width)
	count := fmt.Sprintf("%d", p.done)
	if p.total > 0 {
		count = fmt.Sprintf("%d/%d %3.0f%%", p.done, p.total, 100*frac)
	}
	el := time.Since(p.started).Round(100 * time.Millisecond)
	// The text form leaves out the elapsed time so saved notebooks and
	// golden tests do not change from run to run.
	text := fmt.Sprintf("%s [%s%s] %s", p.label, strings.Repeat("#", n), strings.Repeat(" ", width-n), count)
	if p.note != "" {
		text += " " + p.note
	}
	htm := fmt.Sprintf(`<div><span>%s</span> <progress value="%d" max="%d" style="width:20em"></progress> <span>%s %v %s</span></div>`,
		html.EscapeString(p.label), p.done, max(p.total, 1), html.EscapeString(count), el, html.EscapeString(p.note))
	return display.Bundle{Data: map[string]any{display.MIMEText: text, display.MIMEHTML: htm}, Metadata: map[string]any{}}
}
