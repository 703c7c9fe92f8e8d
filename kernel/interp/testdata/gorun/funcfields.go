package main

// A declared function that is also returned as a value somewhere is still
// a func value in a struct field, an any and a map; a conversion to a
// named func type calls its method inside a composite literal.

import "fmt"

func add(a, b int) int { return a + b }

func get() func(int, int) int { return add }

type Calc struct {
	op func(int, int) int
}

type F func() int

func (f F) Twice() int { return 2 * f() }

func one() int { return 1 }

func main() {
	c := Calc{add}
	fmt.Println(c.op(2, 3), get()(4, 5))
	var x any = add
	f, ok := x.(func(int, int) int)
	fmt.Println(ok, f(6, 7))
	m := map[string]func(int, int) int{"add": add}
	fmt.Println(m["add"](1, 1))
	xs := []int{F(one).Twice(), F(one)()}
	fmt.Println(xs)
}
