// A nil pointer (map, slice, channel) of a concrete type stored in an
// interface makes a non-nil interface value, as in Go (the nil error
// gotcha): var err error = p with p a nil *E is not nil, and its methods
// run with a nil receiver. The same output from go run and from the
// interpreter (TestProgramsMatchGoRun).
package main

import (
	"errors"
	"fmt"
)

type myErr struct{ code int }

func (m *myErr) Error() string {
	if m == nil {
		return "nil myErr"
	}
	return fmt.Sprint("myErr ", m.code)
}

type shape interface{ area() int }

type box struct{ w int }

func (b *box) area() int {
	if b == nil {
		return -1
	}
	return b.w
}

type names []string

func (n names) String() string { return fmt.Sprint(len(n), " names") }

type table map[string]int

func (t table) Error() string { return fmt.Sprint("table of ", len(t)) }

func none() *myErr { return nil }

// check returns a nil *myErr as an error when it does not fail: the
// caller's err != nil is true all the same.
func check(fail bool) error {
	var p *myErr
	if fail {
		p = &myErr{1}
	}
	return p
}

func checkGood(fail bool) error {
	if fail {
		return &myErr{1}
	}
	return nil
}

func first[T any](v T) any { return v }

func asErr[T error](v T) error { return v }

type store struct{ last *myErr }

func (s *store) err() error { return s.last }

func main() {
	var p *myErr
	var err error = p
	fmt.Println(err == nil, err != nil, err)
	var typedNil error = none()
	fmt.Println(typedNil == nil)
	fmt.Println(check(false) == nil, check(true) == nil, checkGood(false) == nil)
	e2 := error(p)
	fmt.Println(e2 == nil, e2)
	var e3 error
	e3 = none()
	fmt.Println(e3 == nil, e3.Error())

	var b *box
	var s shape = b
	fmt.Println(s == nil, s.area())
	var a any = p
	fmt.Println(a == nil, a.(*myErr) == nil)
	var e4 error = nil
	fmt.Println(e4 == nil)

	var errs []error
	errs = append(errs, p, nil, none())
	fmt.Println(errs[0] == nil, errs[1] == nil, errs[2] == nil)
	m := map[string]error{"p": p, "nil": nil}
	fmt.Println(m["p"] == nil, m["nil"] == nil)
	ch := make(chan error, 1)
	ch <- p
	fmt.Println(<-ch == nil)
	st := &store{}
	fmt.Println(st.err() == nil, st.err())

	fmt.Println(first(p) == nil, first[error](nil) == nil)
	fmt.Println(asErr(p) == nil)

	var ns names
	var sn fmt.Stringer = ns
	fmt.Println(sn == nil, sn)
	var t table
	var et error = t
	fmt.Println(et == nil, et)

	if err := check(false); err != nil {
		fmt.Println("gotcha:", err)
	}
	fmt.Println(errors.Unwrap(check(false)) == nil, fmt.Errorf("w: %w", check(false)) == nil)

	var results []error
	for i := 0; i < 3; i++ {
		var p *myErr
		if i%2 == 1 {
			p = &myErr{i}
		}
		results = append(results, p)
	}
	for _, r := range results {
		fmt.Print(r == nil, " ", r, "; ")
	}
	fmt.Println()
}
