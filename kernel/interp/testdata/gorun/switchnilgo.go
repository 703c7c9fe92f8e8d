// case nil in an expression switch on a slice, map, func, pointer or
// interface; go f(nil).
package main

import (
	"errors"
	"fmt"
)

type myErr struct{}

func (*myErr) Error() string { return "my" }

var done = make(chan bool, 1)

func report(p *int) { done <- p == nil }

func kind(v any) string {
	switch v {
	case nil:
		return "nil interface"
	default:
		return fmt.Sprintf("%T", v)
	}
}

func main() {
	var s []int
	var m map[string]int
	var f func()
	var p *int
	for _, x := range []bool{
		func() bool {
			switch s {
			case nil:
				return true
			}
			return false
		}(),
		func() bool {
			switch m {
			case nil:
				return true
			}
			return false
		}(),
		func() bool {
			switch f {
			case nil:
				return true
			}
			return false
		}(),
		func() bool {
			switch p {
			case nil:
				return true
			}
			return false
		}(),
	} {
		fmt.Print(x, " ")
	}
	fmt.Println()
	s = []int{}
	switch s {
	case nil:
		fmt.Println("still nil")
	default:
		fmt.Println("empty, not nil")
	}
	var e error
	var me *myErr
	fmt.Println(kind(e), kind(me), kind(errors.New("x")), kind(3))
	e = me
	switch e {
	case nil:
		fmt.Println("nil error")
	default:
		fmt.Println("typed nil is not nil")
	}
	go report(nil)
	fmt.Println(<-done)
}
