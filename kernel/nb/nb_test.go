package nb_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/nb"
)

// fakeCell records what nb sends to the frontend.
type fakeCell struct {
	ctx  context.Context
	log  []string
	resp string
}

func (f *fakeCell) Context() context.Context { return f.ctx }
func (f *fakeCell) Display(b display.Bundle, id string, update bool) {
	f.log = append(f.log, fmt.Sprintf("display update=%v id=%v %v", update, id != "", b.Data[display.MIMEText]))
}
func (f *fakeCell) Clear(wait bool) { f.log = append(f.log, fmt.Sprintf("clear %v", wait)) }
func (f *fakeCell) Input(p string, pw bool) (string, error) {
	f.log = append(f.log, fmt.Sprintf("input %q %v", p, pw))
	return f.resp, nil
}

func TestOutsideCell(t *testing.T) {
	if nb.Context() != context.Background() {
		t.Error("Context outside a cell is not Background")
	}
	if _, err := nb.Input("x"); !errors.Is(err, nb.ErrNoCell) {
		t.Errorf("Input outside a cell: %v", err)
	}
	h := nb.Display("no cell") // must not panic
	h.Update("still none")
	nb.NewProgress("p", 2).Done()
}

func TestBoundCell(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := &fakeCell{ctx: ctx, resp: "Ada"}
	restore := nb.Bind(c)
	defer restore()
	if nb.Context() != ctx {
		t.Error("Context is not the cell's")
	}
	if s, _ := nb.Input("name? "); s != "Ada" {
		t.Errorf("Input = %q", s)
	}
	nb.Password("pw? ")
	h := nb.Display(nb.Markdown("a"))
	h.Update(nb.Markdown("b"))
	h.Clear()
	nb.Clear(true)
	p := nb.NewProgress("run", 4)
	p.Func()(2, 0)
	p.Done()
	want := []string{
		`input "name? " false`,
		`input "pw? " true`,
		"display update=false id=true a",
		"display update=true id=true b",
		"display update=true id=true ",
		"clear true",
		"display update=false id=true run [                              ] 0/4   0%",
		"display update=true id=true run [##############################] 4/4 100%",
	}
	got := c.log
	// Func's update may be throttled away; drop it if present.
	var kept []string
	for _, l := range got {
		if !strings.Contains(l, "2/4") {
			kept = append(kept, l)
		}
	}
	if strings.Join(kept, "\n") != strings.Join(want, "\n") {
		t.Errorf("-want\n%s\n+got\n%s", strings.Join(want, "\n"), strings.Join(kept, "\n"))
	}
}

func ExampleNewProgress() {
	c := &fakeCell{ctx: context.Background()}
	defer nb.Bind(c)()
	p := nb.NewProgress("train", 10)
	report := p.Func() // hand this to a long compiled call
	report(10, 10)     // the last step always shows
	fmt.Println(c.log[len(c.log)-1])
	// Output: display update=true id=true train [##############################] 10/10 100%
}
