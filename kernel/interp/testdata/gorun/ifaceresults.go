// Each result of a call is made a value of its destination's type, as in
// Go: a tuple assignment (n, err = g()), a forwarded return (return g()),
// a call's results passed as arguments (f(g())), comma-ok forms (m[k],
// <-ch) and multiple assignment (n, err = m, p) store a concrete type into
// an interface, compiled (error, fmt.Stringer) or declared here. The same
// output from go run and from the interpreter (TestProgramsMatchGoRun).
package main

import (
	"fmt"
	"strconv"
)

type myErr struct{ code int }

func (m *myErr) Error() string { return fmt.Sprint("myErr ", m.code) }

type stamp int

func (s stamp) String() string { return fmt.Sprintf("S%d", int(s)) }

type shape interface{ area() int }

type sq int

func (s sq) area() int { return int(s) * int(s) }

func g() (int, *myErr)                 { return 1, &myErr{7} }
func gnil() (int, *myErr)              { return 2, nil }
func two(i int) (stamp, sq)            { return stamp(i), sq(i) }
func three(i int) (stamp, sq, *myErr)  { return stamp(i), sq(i), &myErr{i} }
func forward() (int, error)            { return g() }
func forwardNil() (int, error)         { return gnil() }
func both(i int) (fmt.Stringer, shape) { return two(i) }
func all(i int) (any, shape, error)    { return three(i) }
func use(n int, e error) string        { return fmt.Sprint(n, " ", e) }
func show(s fmt.Stringer, sh shape, e error) string {
	return fmt.Sprint(s, " ", sh.area(), " ", e)
}

func gen[T any](v T) (T, error) { return v, nil }

func wrapGen[T any](v T) (any, error) { return gen(v) }

type parser struct{ base int }

func (p parser) parse(s string) (int, *myErr) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, &myErr{p.base}
	}
	return n + p.base, nil
}

func (p parser) try(s string) (int, error) { return p.parse(s) }

type result struct {
	s fmt.Stringer
	e error
}

func main() {
	var n int
	var e error
	n, e = g()
	fmt.Println(n, e)
	fmt.Println(forward())
	n, e = forward()
	fmt.Println(n, e, e == nil)
	n, e = gnil()
	fmt.Println(n, e == nil)
	n, e = forwardNil()
	fmt.Println(n, e == nil)
	m, p := g()
	n, e = m, p
	fmt.Println(n, e)
	fmt.Println(use(g()))
	fmt.Println(show(three(4)))

	var s fmt.Stringer
	var sh shape
	var ss []fmt.Stringer
	var shs []shape
	for i := 0; i < 3; i++ {
		s, sh = two(i)
		ss = append(ss, s)
		shs = append(shs, sh)
	}
	fmt.Println(ss, shs[0].area(), shs[1].area(), shs[2].area())

	var bs []fmt.Stringer
	for i := 0; i < 3; i++ {
		a, b := both(i)
		bs = append(bs, a)
		fmt.Print(b.area(), " ")
	}
	fmt.Println(bs)

	var errs []error
	for i := 0; i < 3; i++ {
		var a any
		a, sh, e = all(i)
		errs = append(errs, e)
		fmt.Print(a, " ", sh.area(), " ")
	}
	fmt.Println(errs)

	var r result
	r.s, sh, r.e = three(5)
	fmt.Println(r.s, sh.area(), r.e)

	ms := map[string]fmt.Stringer{}
	ms["x"], sh, e = three(6)
	fmt.Println(ms["x"], e)

	pr := parser{10}
	for _, in := range []string{"5", "x"} {
		n, e = pr.try(in)
		fmt.Println(n, e != nil, e.(*myErr) == nil)
	}

	a, err := wrapGen(stamp(4))
	fmt.Println(a, err)
	var anyv any
	anyv, err = gen(stamp(6))
	fmt.Println(anyv, err)
	s, err = gen(stamp(8))
	fmt.Println(s, err)

	x, err := strconv.Atoi("12")
	fmt.Println(x, err)
	x, e = strconv.Atoi("zz")
	fmt.Println(x, e)

	var ok bool
	mp := map[string]*myErr{"a": {1}}
	e, ok = mp["a"]
	fmt.Println(e, ok)
	e, ok = mp["b"]
	fmt.Println(e == nil, ok)
	mst := map[int]stamp{1: 11}
	s, ok = mst[1]
	fmt.Println(s, ok)

	ch := make(chan *myErr, 2)
	ch <- &myErr{5}
	close(ch)
	e, ok = <-ch
	fmt.Println(e, ok)
	e, ok = <-ch
	fmt.Println(e == nil, ok)
	sc := make(chan stamp, 1)
	sc <- 12
	s = <-sc
	fmt.Println(s)
}
