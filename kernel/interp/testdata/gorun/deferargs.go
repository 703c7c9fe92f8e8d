// A deferred call's arguments and a method value's receiver are evaluated
// when the statement runs (the interpreter read the variables at the call:
// x := 1; defer fmt.Println(x); x = 2 printed 2, and f := c.get saw later
// assignments to c); a recovered panic value is the value itself (it was
// a reflect.Value, which no type assertion matched), an interpreted error
// type included; a value of an interpreted type with methods stored in an
// interface{} keeps its methods (any(myErr{}).(error) panicked, &t and
// composite literals were stored bare: x.(error) was false).
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"sync"
)

type counter struct{ n int }

func (c counter) get() int { return c.n }
func (c *counter) inc()    { c.n++ }

func (c counter) report(wg *sync.WaitGroup, out *[]int) {
	defer wg.Done()
	*out = append(*out, c.n)
}

type myErr struct{ code int }

func (e myErr) Error() string { return fmt.Sprint("code ", e.code) }

type shown struct{ n int }

func (s shown) String() string { return fmt.Sprint("shown ", s.n) }

func show(label string, x int) { fmt.Println(label, x) }

func deferArgs() {
	x := 1
	defer show("interpreted func, x =", x)
	defer fmt.Println("compiled func, x =", x)
	s := []int{1}
	defer fmt.Println("element and slice:", s[0], s)
	c := counter{1}
	defer fmt.Println("value method deferred, n =", c.get())
	x = 2
	s[0] = 9
	c.n = 2
}

func methodValues() {
	c := counter{1}
	get := c.get
	inc := c.inc
	c.n = 5
	inc()
	fmt.Println(get(), c.n)
	p := &counter{1}
	pget := p.get
	p.n = 7
	fmt.Println(pget())

}

func recovered(f func()) (out string) {
	defer func() {
		r := recover()
		switch v := r.(type) {
		case myErr:
			out = fmt.Sprint("myErr ", v.code)
		case error:
			out = fmt.Sprint("error ", v, " ", errors.Is(v, fs.ErrNotExist))
		case fmt.Stringer:
			out = "stringer " + v.String()
		case string:
			out = "string " + v
		default:
			out = fmt.Sprintf("other %v", v)
		}
	}()
	f()
	return "no panic"
}

func main() {
	deferArgs()
	methodValues()
	c := counter{1}
	var wg sync.WaitGroup
	var got []int
	wg.Add(1)
	go c.report(&wg, &got)
	c.n = 2
	wg.Wait()
	fmt.Println(got)
	fmt.Println(recovered(func() { panic(myErr{3}) }))
	fmt.Println(recovered(func() { panic(fmt.Errorf("open: %w", fs.ErrNotExist)) }))
	fmt.Println(recovered(func() { panic(shown{4}) }))
	fmt.Println(recovered(func() { panic("text") }))
	fmt.Println(recovered(func() { panic(42) }))
	fmt.Println(recovered(func() {}))
	var e error = myErr{5}
	fmt.Println(recovered(func() { panic(e) }))
	_, ok := interface{}(myErr{}).(error)
	fmt.Println(ok)
	var a interface{} = myErr{}
	var b any
	b = &myErr{}
	_, okA := a.(error)
	_, okB := b.(error)
	fmt.Println(okA, okB)
}
