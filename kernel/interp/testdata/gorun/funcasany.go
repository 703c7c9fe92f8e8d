// A function declared in the program, held in an interface, is a func
// value of its type wherever it got there.
package main

import "fmt"

func b() {}

func add(x, y int) int { return x + y }

type S struct{ F any }

func take(x interface{}) string { return fmt.Sprintf("%T", x) }

func ret() interface{} { return add }

func main() {
	fmt.Println(take(b), take(add))
	x := ret()
	f, ok := x.(func(int, int) int)
	fmt.Printf("%T %v %d\n", x, ok, f(1, 2))
	xs := []any{b, add}
	fmt.Printf("%T %T\n", xs[0], xs[1])
	m := map[string]any{"add": add}
	fmt.Printf("%T\n", m["add"])
	s := S{F: add}
	fmt.Printf("%T\n", s.F)
	ch := make(chan any, 1)
	ch <- add
	fmt.Printf("%T\n", <-ch)
	var y any = add
	switch v := y.(type) {
	case func(int, int) int:
		fmt.Println("func", v(4, 5))
	}
	switch v := any(add).(type) {
	case func(int, int) int:
		fmt.Println("converted", v(5, 6))
	}
	var nilf func()
	fmt.Println(any(nilf) == nil, any(b) != nil)
}
