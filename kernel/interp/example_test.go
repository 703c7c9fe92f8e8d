package interp_test

import (
	"context"
	"fmt"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/interp"
)

// printSink prints what a cell sends.
type printSink struct{ out []string }

func (p *printSink) Stream(name, text string) { p.out = append(p.out, name+": "+text) }
func (p *printSink) Display(b display.Bundle, _ string, _ bool) {
	p.out = append(p.out, fmt.Sprint("display: ", b.Data["text/plain"]))
}
func (p *printSink) Clear(bool)                         {}
func (p *printSink) Input(string, bool) (string, error) { return "", nil }

func ExampleSession_Execute() {
	s, _ := interp.New(interp.Options{})
	defer s.Close()
	sink := &printSink{}
	v, err := s.Execute(context.Background(), `fmt.Println("hi")
x := []int{3, 1, 2}
slices.Sort(x)
x`, sink)
	fmt.Print(sink.out[0])
	fmt.Println(v.Data["text/plain"], err)

	_, err = s.Execute(context.Background(), "y := x +", sink)
	fmt.Println(err)
	// Output:
	// stdout: hi
	// [1 2 3] <nil>
	// SyntaxError: line 1:9: unexpected end of cell (expected operand, found '}')
}

func ExampleSession_Complete() {
	s, _ := interp.New(interp.Options{})
	defer s.Close()
	m, start, end := s.Complete("strings.ToU", 11)
	fmt.Println(m, start, end)
	// Output: [ToUpper ToUpperSpecial] 8 11
}
