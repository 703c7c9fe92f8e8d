package main

// Functions as values: a declared function or a generic instance
// returned, assigned to a named result or a local, or put in a slice
// literal; generic functions used as values with their type arguments
// inferred (var f func([]int) int = Sum, slices.SortFunc(xs, cmp.Compare)).

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

func add(a, b int) int { return a + b }
func sub(a, b int) int { return a - b }

func getOp(op string) func(int, int) int {
	switch op {
	case "+":
		return add
	case "-":
		return sub
	}
	return nil
}

func named() (f func(int, int) int) {
	f = add
	return
}

func local() func(int, int) int {
	f := sub
	return f
}

func Format[T any](v T) string { return fmt.Sprint("<", v, ">") }

func Sum[T int | float64](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Double[T int | float64](x T) T { return 2 * x }

func formatter() func(float64) string { return Format }

func apply(f func(int) string, x int) string { return f(x) }

func main() {
	fmt.Println(getOp("+")(2, 3), getOp("-")(2, 3), getOp("*") == nil)
	fmt.Println(named()(4, 5), local()(9, 4))
	fs := []func(int) string{Format[int], strconv.Itoa}
	fmt.Println(fs[0](5), fs[1](6))
	var f func([]int) int = Sum
	fmt.Println(f([]int{1, 2, 3}))
	fmt.Println(formatter()(2.5), apply(Format, 7))
	fmt.Println(Map([]int{1, 2}, Double), Map([]float64{1.5}, Double))
	xs := []int{3, 1, 2}
	slices.SortFunc(xs, cmp.Compare)
	fmt.Println(xs)
}
